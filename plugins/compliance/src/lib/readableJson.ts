/**
 * A drifted property's value as people read it: CloudFormation reports expected and actual
 * values as JSON text; objects become their leaves as `Name: value` (the last key of each
 * path), so `{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":
 * {"SSEAlgorithm":"aws:kms"}}]}` reads `SSEAlgorithm: aws:kms`. Text that is not JSON is
 * returned as it is; `null` reads "none".
 *
 * @internal
 */
export function readableJson(text: string, maxLeaves = 4): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (value === null) return 'none';
  if (typeof value !== 'object') return String(value);
  const leaves: string[] = [];
  const walk = (v: unknown, key: string | undefined) => {
    if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v))
        walk(child, Array.isArray(v) ? key : k);
    } else leaves.push(key ? `${key}: ${String(v)}` : String(v));
  };
  walk(value, undefined);
  if (!leaves.length) return 'empty';
  const shown = leaves.slice(0, maxLeaves).join(', ');
  return leaves.length > maxLeaves
    ? `${shown} and ${leaves.length - maxLeaves} more`
    : shown;
}
