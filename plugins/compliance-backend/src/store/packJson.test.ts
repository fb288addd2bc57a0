import { ShapeTable, packJson, unpackJson } from './packJson';

/** Packed, written as JSON, read back and unpacked, as the store does. */
function roundTrip(value: unknown) {
  const shapes = new ShapeTable();
  const text = packJson(value, shapes);
  const table = JSON.parse(JSON.stringify(shapes.shapes));
  return { text, back: unpackJson(JSON.parse(text), table) };
}

describe('packJson', () => {
  it.each([
    ['an object in its own key order', { b: 1, a: 'x', c: null, d: false }],
    [
      'nested arrays of numbers that look like markers',
      [[-1, -2], [-3], [0, 1]],
    ],
    ['empty containers', { a: {}, b: [], c: [{}], d: '' }],
    [
      'repeated long and short strings, as values and in arrays',
      {
        path: 'refarch.dev/declared.multi-az',
        facts: [
          { source: 'refarch.dev/declared.multi-az', id: 'az', v: 'az' },
          { source: 'refarch.dev/declared.multi-az', id: 'az', v: 'region' },
        ],
        again: ['region', 'region', 'refarch.dev/declared.multi-az'],
      },
    ],
    [
      'keys that are strings seen as values',
      { abcdefg: 'abcdefg', x: { abcdefg: 1 } },
    ],
    [
      'unicode and escapes',
      { m: 'Database: MultiAZ is not true — ≥ 35 "quoted"\n' },
    ],
    ['a bare string, number and null', ['only-a-string', 3.25, null]],
  ])('gives back the same JSON: %s', (_, value) => {
    expect(JSON.stringify(roundTrip(value).back)).toBe(JSON.stringify(value));
  });

  it('leaves out keys whose value is undefined and writes undefined items as null, as JSON.stringify', () => {
    const value = { a: undefined, b: [undefined, 1], c: 'kept' };
    expect(JSON.stringify(roundTrip(value).back)).toBe(JSON.stringify(value));
  });

  it('keeps a __proto__ key as an own property, as JSON.parse does', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"a":1}');
    const { back } = roundTrip(value);
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it('writes each key list once and each repeated string once', () => {
    const results = Array.from({ length: 20 }, (_, i) => ({
      controlId: `C-${i}`,
      status: 'not-applicable',
      message: 'Not applicable to this kind of component',
    }));
    const { text } = roundTrip(results);
    expect(text.match(/Not applicable/g)).toHaveLength(1);
    expect(text).not.toContain('controlId');
    expect(text.length * 3).toBeLessThan(JSON.stringify(results).length);
  });

  it('refers back only to strings of the same value, whatever was packed before', () => {
    // The strings seen are kept across calls (and started over when there are many): a
    // string of an earlier value is written again, never referred to.
    const first = { a: 'shared-string', b: 'shared-string' };
    expect(roundTrip(first).text).toBe('[0,"shared-string",[-2]]');
    const second = { c: 'shared-string', d: ['other-string', 'shared-string'] };
    const { text, back } = roundTrip(second);
    expect(text).toBe('[0,"shared-string",[-1,"other-string",[-2]]]');
    expect(back).toEqual(second);
    // Started over after many strings, and after long ones.
    const long = 'x'.repeat(600_000);
    expect(roundTrip({ a: long, b: [long, `${long}y`, `${long}y`] })).toEqual({
      text: `[0,"${long}",[-1,[-2],"${long}y",[-3]]]`,
      back: { a: long, b: [long, `${long}y`, `${long}y`] },
    });
    for (let i = 0; i < 25_000; i++) roundTrip({ [`k${i}`]: `string-${i}` });
    const third = { e: 'string-24999', f: ['string-24999', 'shared-string'] };
    expect(roundTrip(third)).toEqual({
      text: '[0,"string-24999",[-1,[-2],"shared-string"]]',
      back: third,
    });
  });

  it('refuses a back-reference to a string it has not seen and an unknown shape', () => {
    expect(() => unpackJson([-1, [-5]], [])).toThrow(/string 3/);
    expect(() => unpackJson([2, 'a'], [['a']])).toThrow(/no shape 2/);
  });
});
