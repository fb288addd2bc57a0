import type { IntrinsicScope } from './IntrinsicScope';
import { deepEqual } from '../deepEqual';
import { Unknown } from '../Unknown';

/**
 * Fn::If: the branch its condition picks; both branches when they resolve alike.
 *
 * @internal
 */
export function fnIf(
  scope: IntrinsicScope,
  arg: unknown,
  depth: number,
): unknown {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
    return new Unknown(
      'Fn::If expects [ConditionName, ValueIfTrue, ValueIfFalse]',
    );
  }
  const [name, whenTrue, whenFalse] = arg;
  const holds = scope.condition(name);
  if (holds === true) {
    return scope.resolve(whenTrue, depth);
  }
  if (holds === false) {
    return scope.resolve(whenFalse, depth);
  }
  const a = scope.resolve(whenTrue, depth);
  const b = scope.resolve(whenFalse, depth);
  if (deepEqual(a, b)) {
    return a;
  }
  return new Unknown(
    `depends on condition ${name}, which cannot be decided: ${holds.reason}`,
  );
}
