import { ResourceReference } from './ResourceReference';
import { isRecord } from './records';
import { Unknown } from './Unknown';

/**
 * Structural equality of resolved values. An `Unknown` equals nothing, not
 * even itself: two unknown values are not known to be the same.
 *
 * @internal
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return !(a instanceof Unknown);
  }
  if (a instanceof ResourceReference && b instanceof ResourceReference) {
    return a.logicalId === b.logicalId && a.attribute === b.attribute;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(
        key =>
          Object.prototype.hasOwnProperty.call(b, key) &&
          deepEqual(a[key], b[key]),
      )
    );
  }
  return false;
}
