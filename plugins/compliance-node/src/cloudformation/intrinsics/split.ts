import type { IntrinsicScope } from './IntrinsicScope';
import { asText } from '../asText';
import { isUnknown, Unknown } from '../Unknown';
import { intrinsicText } from './intrinsicText';

/**
 * Fn::Split: a string split by a delimiter.
 *
 * @internal
 */
export function split(
  scope: IntrinsicScope,
  arg: unknown,
  depth: number,
): unknown {
  if (!Array.isArray(arg) || arg.length !== 2) {
    return new Unknown(
      `${intrinsicText(
        'Fn::Split',
        arg,
      )}: Fn::Split expects [delimiter, string]`,
    );
  }
  const delimiter = asText(scope.resolve(arg[0], depth), 'Fn::Split');
  if (isUnknown(delimiter)) {
    return delimiter;
  }
  const text = asText(scope.resolve(arg[1], depth), 'Fn::Split');
  if (isUnknown(text)) {
    return text;
  }
  const items = text.split(delimiter);
  scope.budget.step('Fn::Split', items.length);
  return items;
}
