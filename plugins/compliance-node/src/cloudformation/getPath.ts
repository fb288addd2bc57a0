import { ResourceReference } from './ResourceReference';
import { isUnknown } from './Unknown';

/**
 * The segments of each path asked for: the controls ask for a few hundred paths, for every
 * resource of every template (issue 19: splitting them anew was an eighth of evaluating a
 * templated entity). Started over when full, so it cannot grow without end.
 */
const segmentCache = new Map<string, readonly string[]>();
function segmentsOf(path: string): readonly string[] {
  let segments = segmentCache.get(path);
  if (!segments) {
    if (segmentCache.size >= 10_000) segmentCache.clear();
    segments = path.replace(/\[(\d+)\]/g, '.$1').split('.');
    segmentCache.set(path, segments);
  }
  return segments;
}

/**
 * The value at a property path such as
 * `BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault`
 * (list elements by index, `.0` or `[0]`), or `undefined` when absent.
 *
 * An {@link Unknown} met on the way is returned as is: a property under an
 * unknown value is unknown, not absent.
 *
 * @public
 */
export function getPath(value: unknown, path: string): unknown {
  if (path === '') {
    return value;
  }
  let current = value;
  for (const segment of segmentsOf(path)) {
    if (isUnknown(current)) {
      return current;
    }
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) {
        return undefined;
      }
      current = current[Number(segment)];
    } else if (
      typeof current === 'object' &&
      current !== null &&
      !(current instanceof ResourceReference) &&
      Object.prototype.hasOwnProperty.call(current, segment)
    ) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}
