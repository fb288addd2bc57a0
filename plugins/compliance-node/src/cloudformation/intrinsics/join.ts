import type { IntrinsicScope } from './IntrinsicScope';
import { asText } from '../asText';
import { isUnknown, Unknown } from '../Unknown';
import { intrinsicText } from './intrinsicText';

/**
 * Fn::Join: the items of a list joined by a delimiter, within the work budget.
 *
 * @internal
 */
export function join(
  scope: IntrinsicScope,
  arg: unknown,
  depth: number,
): unknown {
  if (!Array.isArray(arg) || arg.length !== 2) {
    return new Unknown(
      `${intrinsicText('Fn::Join', arg)}: Fn::Join expects [delimiter, list]`,
    );
  }
  const delimiter = asText(scope.resolve(arg[0], depth), 'Fn::Join');
  if (isUnknown(delimiter)) {
    return delimiter;
  }
  const list = scope.resolve(arg[1], depth);
  if (!Array.isArray(list)) {
    return isUnknown(list)
      ? list
      : new Unknown(
          `${intrinsicText('Fn::Join', arg)}: Fn::Join expects a list to join`,
        );
  }
  const { budget } = scope;
  const parts: string[] = [];
  let length = 0;
  for (const item of list) {
    const part = asText(item, 'Fn::Join');
    if (isUnknown(part)) {
      return part;
    }
    length += part.length + delimiter.length;
    budget.text('Fn::Join', length);
    parts.push(part);
  }
  return budget.produced('Fn::Join', parts.join(delimiter));
}
