import { isoTime } from './isoTime';

describe('isoTime', () => {
  it("gives each date's toISOString, also when dates alternate or one is changed", () => {
    const a = new Date('2026-12-07T10:00:00.123Z');
    const b = new Date('2024-02-29T23:59:59Z');
    for (const d of [a, b, a, a, b]) expect(isoTime(d)).toBe(d.toISOString());
    a.setTime(b.getTime() + 1);
    expect(isoTime(a)).toBe('2024-02-29T23:59:59.001Z');
  });

  it('throws for an invalid date or a value that is not a date, as toISOString does', () => {
    expect(() => isoTime(new Date('not a date'))).toThrow(RangeError);
    expect(() => isoTime(new Date('not a date'))).toThrow(RangeError);
    expect(() => isoTime('today' as unknown as Date)).toThrow(
      /toISOString is not a function/,
    );
  });
});
