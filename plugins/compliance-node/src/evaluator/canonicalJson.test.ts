import { canonicalJson } from './canonicalJson';

/** The replacer the input hash used before canonicalJson: the text both must give. */
function replacerJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, v) => {
    if (v instanceof Map)
      return Object.fromEntries(
        [...v.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map(k => [k, (v as Record<string, unknown>)[k]]),
      );
    }
    return v;
  });
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'b',
  'a',
  '10',
  '2',
  '0',
  'Z',
  'é',
  'a b',
  '01',
  '-1',
  '4294967295',
  '',
];

function arbitrary(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 7 : 11));
  const key = () => KEYS[Math.floor(next() * KEYS.length)];
  const children = () => Math.floor(next() * 4);
  switch (pick) {
    case 0:
      return Math.floor(next() * 1000) / 8 - 50;
    case 1:
      return `s${Math.floor(next() * 100)}"\n\u2028`;
    case 2:
      return next() > 0.5;
    case 3:
      return null;
    case 4:
      return undefined;
    case 5:
      return [NaN, Infinity, -0][Math.floor(next() * 3)];
    case 6:
      return new Date(Math.floor(next() * 2e12));
    case 7:
      return Array.from({ length: children() }, () =>
        arbitrary(next, depth + 1),
      );
    case 8:
      return new Map(
        Array.from({ length: children() }, () => [
          key(),
          arbitrary(next, depth + 1),
        ]),
      );
    default:
      return Object.fromEntries(
        Array.from({ length: children() }, () => [
          key(),
          arbitrary(next, depth + 1),
        ]),
      );
  }
}

describe('canonicalJson', () => {
  it('writes what JSON.stringify with a sorting replacer writes', () => {
    const input = {
      entity: {
        ref: 'component:default/a',
        annotations: { 'refarch.dev/tier': 'critical', b: '1', a: '2' },
        type: undefined,
      },
      evidence: [{ id: 'e', performedAt: '2026-01-01T00:00:00.000Z' }],
      dependencies: [
        {
          name: 'resource:default/db',
          facts: new Map<string, unknown>([
            ['multi-az', true],
            ['backup-retention', { days: 35 }],
            ['encryption-key', undefined],
          ]),
        },
      ],
      now: new Date('2026-12-06T03:00:00Z'),
      skip: () => 1,
      '2': 'index keys first',
      '10': 'ascending',
    };
    expect(canonicalJson(input)).toBe(replacerJson(input));
    expect(canonicalJson(undefined)).toBe(replacerJson(undefined));
    expect(canonicalJson([undefined, () => 1])).toBe('[null,null]');
  });

  it('agrees with it on 2,000 generated values', () => {
    const next = random(19);
    for (let i = 0; i < 2000; i++) {
      const value = arbitrary(next, 0);
      expect([i, canonicalJson(value)]).toEqual([i, replacerJson(value)]);
    }
  });

  it('sorts objects and Maps of many keys in any order as the replacer does', () => {
    // Keys sorted in place by insertion up to 64 keys, by the built-in sort beyond.
    const next = random(7);
    for (const size of [2, 5, 17, 64, 65, 120]) {
      for (let round = 0; round < 20; round++) {
        const keys = Array.from(
          { length: size },
          (_, i) => `${KEYS[i % KEYS.length]}${Math.floor(next() * 50)}`,
        ).sort(() => next() - 0.5);
        const value = {
          record: Object.fromEntries(keys.map((k, i) => [k, i])),
          map: new Map(keys.map((k, i) => [k, [i, { [k]: i }]])),
        };
        expect([size, round, canonicalJson(value)]).toEqual([
          size,
          round,
          replacerJson(value),
        ]);
      }
    }
  });
});
