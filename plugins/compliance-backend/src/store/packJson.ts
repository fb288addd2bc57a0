/**
 * Strings shorter than this are written as they are: a back-reference (`[-12]`) would not be
 * shorter.
 */
const MIN_INTERNED = 6;

/**
 * The key lists of the objects packed with it, in order of first use. Objects with the same
 * keys in the same order share one entry; a packed value refers to its shape by position, so
 * the table must be kept with (or beside) what was packed with it.
 *
 * @internal
 */
export class ShapeTable {
  readonly shapes: string[][] = [];
  private readonly positions = new Map<string, number>();

  position(keys: string[]): number {
    const key = keys.join('\u0000');
    let at = this.positions.get(key);
    if (at === undefined) {
      at = this.shapes.length;
      this.shapes.push(keys);
      this.positions.set(key, at);
    }
    return at;
  }
}

/**
 * JSON data in fewer bytes, without losing anything JSON.stringify would write (key order
 * included): an object becomes `[shape, ...values]`, its keys kept once in `shapes`; an array
 * `[-1, ...items]`; a string of 6 characters or more that already occurred in `value` (in
 * depth-first order) `[-2 - n]`, n being its position among those strings. Numbers, booleans,
 * null and short strings are written as they are. As JSON.stringify: object keys whose value
 * is undefined are left out, undefined array items become null.
 *
 * @internal
 */
export function packJson(value: unknown, shapes: ShapeTable): unknown {
  const strings = new Map<string, number>();
  const pack = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (v.length < MIN_INTERNED) return v;
      const at = strings.get(v);
      if (at !== undefined) return [-2 - at];
      strings.set(v, strings.size);
      return v;
    }
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      const out: unknown[] = [-1];
      for (const item of v) out.push(item === undefined ? null : pack(item));
      return out;
    }
    const record = v as Record<string, unknown>;
    const keys: string[] = [];
    const values: unknown[] = [];
    for (const key of Object.keys(record)) {
      if (record[key] === undefined) continue;
      keys.push(key);
      values.push(record[key]);
    }
    const out: unknown[] = [shapes.position(keys)];
    for (const item of values) out.push(pack(item));
    return out;
  };
  return pack(value);
}

/**
 * The value {@link packJson} packed, given the key lists of its shape table.
 *
 * @internal
 */
export function unpackJson(packed: unknown, shapes: string[][]): unknown {
  const strings: string[] = [];
  const unpack = (p: unknown): unknown => {
    if (typeof p === 'string') {
      if (p.length >= MIN_INTERNED) strings.push(p);
      return p;
    }
    if (!Array.isArray(p)) return p;
    const head = p[0] as number;
    if (head === -1) {
      const out: unknown[] = [];
      for (let i = 1; i < p.length; i++) out.push(unpack(p[i]));
      return out;
    }
    if (head < -1) {
      const s = strings[-2 - head];
      if (s === undefined)
        throw new Error(`Packed JSON refers to string ${-2 - head}, not seen`);
      return s;
    }
    const keys = shapes[head];
    if (!keys || keys.length !== p.length - 1)
      throw new Error(
        `Packed JSON has no shape ${head} of ${p.length - 1} keys`,
      );
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const item = unpack(p[i + 1]);
      // As JSON.parse does: an own property, never the prototype.
      if (keys[i] === '__proto__')
        Object.defineProperty(out, keys[i], {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[keys[i]] = item;
    }
    return out;
  };
  return unpack(packed);
}
