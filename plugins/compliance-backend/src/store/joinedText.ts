/** Joins a text column's values into one parameter; JSON text never holds it unescaped. */
export const SEPARATOR = '\u001f';
/** SEPARATOR as a PostgreSQL string literal. */
export const SQL_SEPARATOR = "E'\\x1f'";

/**
 * Values that can be sent as one string joined by SEPARATOR and split by PostgreSQL
 * (`string_to_array`): no null, no empty string (an empty input splits into no element), no
 * separator. Such a list costs the client a join instead of a parameter per value or an
 * array literal that quotes and escapes each value, and the server a split instead of
 * parsing either.
 *
 * @internal
 */
export function joinable(values: readonly unknown[]): values is string[] {
  for (const v of values)
    if (typeof v !== 'string' || !v.length || v.includes(SEPARATOR))
      return false;
  return true;
}
