import type { IntrinsicScope } from './IntrinsicScope';
import { isUnknown, Unknown } from '../Unknown';
import { intrinsicText } from './intrinsicText';

/**
 * Fn::Length: the number of items of a list.
 *
 * @internal
 */
export function length(
  scope: IntrinsicScope,
  arg: unknown,
  depth: number,
): unknown {
  const list = scope.resolve(arg, depth);
  if (Array.isArray(list)) {
    return list.length;
  }
  return isUnknown(list)
    ? list
    : new Unknown(
        `${intrinsicText('Fn::Length', arg)}: Fn::Length expects a list`,
      );
}
