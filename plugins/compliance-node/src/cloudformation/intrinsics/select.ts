import type { IntrinsicScope } from './IntrinsicScope';
import { isUnknown, Unknown } from '../Unknown';
import { intrinsicText } from './intrinsicText';

/**
 * Fn::Select: one item of a list by index.
 *
 * @internal
 */
export function select(
  scope: IntrinsicScope,
  arg: unknown,
  depth: number,
): unknown {
  if (!Array.isArray(arg) || arg.length !== 2) {
    return new Unknown(
      `${intrinsicText('Fn::Select', arg)}: Fn::Select expects [index, list]`,
    );
  }
  const index = scope.resolve(arg[0], depth);
  if (isUnknown(index)) {
    return index;
  }
  const n =
    typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : index;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    return new Unknown(
      `Fn::Select index ${String(index)} is not a non-negative integer`,
    );
  }
  const list = scope.resolve(arg[1], depth);
  if (!Array.isArray(list)) {
    return isUnknown(list)
      ? list
      : new Unknown(
          `${intrinsicText('Fn::Select', arg)}: Fn::Select expects a list`,
        );
  }
  if (n >= list.length) {
    return new Unknown(
      `Fn::Select index ${n} is out of range for a list of ${list.length}`,
    );
  }
  return list[n];
}
