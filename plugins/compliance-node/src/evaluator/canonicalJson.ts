/** An array index as a property key: such keys come first, ascending, in any object. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;
const isIndexKey = (k: string) => {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && INDEX_KEY.test(k) && Number(k) < 2 ** 32 - 1;
};

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
 * Each key's JSON and its colon, as it is written: the inputs of a pass repeat a few hundred
 * keys (issue 19). Started over when full, so odd keys cannot make it grow without end.
 */
const keyTexts = new Map<string, string>();
function keyText(k: string): string {
  let text = keyTexts.get(k);
  if (text === undefined) {
    if (keyTexts.size >= 10_000) keyTexts.clear();
    text = `${JSON.stringify(k)}:`;
    keyTexts.set(k, text);
  }
  return text;
}

/**
 * `keys` sorted in place as Array.prototype.sort sorts strings (by UTF-16 code units). Most
 * are sorted already or short: an insertion sort allocates nothing, where the built-in sort
 * copies the array first (issue 19: 240 MB of a 50,000-entity pass's garbage).
 */
function sortedKeys(keys: string[]): string[] {
  if (keys.length > 64) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    if (keys[j] <= key) continue;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** `{"k":v,...}` of `keys` in order, skipping values without JSON. */
function writeObject(keys: string[], valueOf: (k: string) => unknown): string {
  let out = '{';
  for (const k of keys) {
    const text = canonicalJson(valueOf(k), k);
    if (text === undefined) continue;
    if (out.length > 1) out += ',';
    out += keyText(k);
    out += text;
  }
  return `${out}}`;
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
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          if (i) out += ',';
          out += canonicalJson(v[i], String(i)) ?? 'null';
        }
        return `${out}]`;
      }
      if (v instanceof Map) {
        const map = v as Map<unknown, unknown>;
        const all = [...map.keys()];
        if (all.every(k => typeof k === 'string')) {
          const keys = propertyOrder(sortedKeys(all as string[]));
          return writeObject(keys, k => map.get(k));
        }
        const sorted = all.sort((a, b) =>
          (a as string) < (b as string) ? -1 : 1,
        );
        // Keys that are not strings: written as the object the replacer built.
        const copy = Object.fromEntries(sorted.map(k => [k, map.get(k)]));
        return writeObject(Object.keys(copy), k => copy[k]);
      }
      const record = v as Record<string, unknown>;
      return writeObject(
        propertyOrder(sortedKeys(Object.keys(record))),
        k => record[k],
      );
    }
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      // undefined, functions, symbols
      return undefined;
  }
}
