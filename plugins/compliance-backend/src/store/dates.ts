/**
 * Timestamps come back as Date (PostgreSQL), epoch milliseconds or strings (SQLite).
 *
 * @internal
 */
export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  if (typeof value === 'string' && /^\d+$/.test(value))
    return new Date(Number(value)).toISOString();
  return new Date(String(value)).toISOString();
}

/** @internal */
export function optionalIso(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : toIso(value);
}
