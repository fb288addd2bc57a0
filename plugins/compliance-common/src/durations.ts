/** Seconds in a day. @public */
export const DAY = 86400;

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: DAY,
  w: 7 * DAY,
  y: 365 * DAY,
};

/**
 * Parses `30s`, `15m`, `4h`, `35d`, `2w`, `1y` (and combinations such as `1h30m`) to seconds.
 * Returns undefined for anything else.
 *
 * @public
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?[smhdwy])+$/.test(trimmed)) {
    return undefined;
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(
    /(\d+(?:\.\d+)?)([smhdwy])/g,
  )) {
    total += Number(amount) * UNIT_SECONDS[unit];
  }
  return total;
}

/** The units a duration is written in, largest first (built once: formatted per message). */
const FORMAT_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['y', UNIT_SECONDS.y],
  ['d', UNIT_SECONDS.d],
  ['h', UNIT_SECONDS.h],
  ['m', UNIT_SECONDS.m],
  ['s', 1],
];
const WHOLE_UNITS = FORMAT_UNITS.slice(0, -1);

/**
 * Formats seconds the way people write durations: `45s`, `15m`, `4h`, `35d`.
 * `Infinity` reads as `never`.
 *
 * @public
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'not recoverable';
  if (seconds === 0) return '0s';
  // Whole units read best (90m, 35d); otherwise one decimal of the largest unit (1.4h).
  for (const [unit, size] of WHOLE_UNITS) {
    if (seconds >= size && seconds % size === 0)
      return `${seconds / size}${unit}`;
  }
  if (seconds < 60) return `${seconds}s`;
  for (const [unit, size] of FORMAT_UNITS) {
    if (seconds >= size)
      return `${Math.round((seconds / size) * 10) / 10}${unit}`;
  }
  return `${seconds}s`;
}
