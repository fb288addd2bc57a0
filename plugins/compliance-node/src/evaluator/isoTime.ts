let lastTime = NaN;
let lastText = '';

/**
 * `date.toISOString()`, kept for the last time asked: a pass evaluates every entity at the
 * same `now`, and formatting it anew was a twentieth of evaluating an entity without a
 * template (issue 19). An invalid date, or a value that is not a date, throws as toISOString
 * does.
 *
 * @internal
 */
export function isoTime(date: Date): string {
  // Anything else fails as toISOString would on it (a time that is not a date).
  if (!(date instanceof Date)) return (date as Date).toISOString();
  const time = date.getTime();
  if (time !== lastTime) {
    lastText = date.toISOString();
    lastTime = time;
  }
  return lastText;
}
