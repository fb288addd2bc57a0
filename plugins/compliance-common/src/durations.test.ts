import { formatDuration, parseDuration } from './durations';

describe('durations', () => {
  it.each([
    ['30s', 30],
    ['15m', 900],
    ['4h', 14400],
    ['35d', 35 * 86400],
    ['2w', 14 * 86400],
    ['1y', 365 * 86400],
    ['1h30m', 5400],
  ])('parses %s', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(['', '15', 'm', 'soon', '-1h', '4 hours'])('rejects %p', text =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('formats durations the way people write them', () => {
    expect(formatDuration(35 * 86400)).toBe('35d');
    expect(formatDuration(900)).toBe('15m');
    expect(formatDuration(5400)).toBe('90m');
    expect(formatDuration(5000)).toBe('1.4h');
    expect(formatDuration(Infinity)).toBe('not recoverable');
  });
});
