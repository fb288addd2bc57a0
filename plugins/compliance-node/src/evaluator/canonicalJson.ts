/** An array index as a property key: such keys come first, ascending, in any object. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;
const isIndexKey = (k: string) => INDEX_KEY.test(k) && Number(k) < 2 ** 32 - 1;

/**
 * The order `JSON.stringify` writes the properties of an object built from `keys` in this
 * order: array-index keys first, ascending; the others as given.
 */
function propertyOrder(keys: string[]): string[] {
  if (!keys.some(isIndexKey)) return keys;
  const index = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...index, ...keys.filter(k => !isIndexKey(k))];
}

/**
 * JSON of `value` with object keys sorted and Maps written as objects sorted by key: the text
 * `JSON.stringify(value, replacer)` gives with a replacer that rebuilds every object and Map
 * with sorted keys, written directly instead of through a copy of every object (the input
 * hash of every entity is computed on each pass, so this runs 100,000 times a pass).
 * `undefined` when the value has no JSON (as `JSON.stringify`).
 *
 * @internal
 */
export function canonicalJson(value: unknown, key = ''): string | undefined {
  let v = value;
  if (
    v !== null &&
    (typeof v === 'object' || typeof v === 'bigint') &&
    typeof (v as { toJSON?: unknown }).toJSON === 'function'
  )
    v = (v as { toJSON(k: string): unknown }).toJSON(key);
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v))
        return `[${v
          .map((item, i) => canonicalJson(item, String(i)) ?? 'null')
          .join(',')}]`;
      let entries: Array<[string, unknown]>;
      if (v instanceof Map) {
        const sorted = [...v.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
        const keys = sorted.map(([k]) => String(k));
        // Keys that collide as strings: the copy keeps the first position, the last value.
        if (new Set(keys).size !== keys.length) {
          const copy = Object.fromEntries(sorted);
          entries = Object.keys(copy).map(k => [k, copy[k]]);
        } else {
          const byKey = new Map(sorted.map(([k, x]) => [String(k), x]));
          entries = propertyOrder(keys).map(k => [k, byKey.get(k)]);
        }
      } else {
        const record = v as Record<string, unknown>;
        entries = propertyOrder(Object.keys(record).sort()).map(k => [
          k,
          record[k],
        ]);
      }
      const parts: string[] = [];
      for (const [k, item] of entries) {
        const text = canonicalJson(item, k);
        if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`);
      }
      return `{${parts.join(',')}}`;
    }
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      // undefined, functions, symbols
      return undefined;
  }
}
