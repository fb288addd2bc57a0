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

/** A value `joinedColumn` can send as the text PostgreSQL reads it from, or undefined. */
function elementText(value: unknown, type: string): string | null | undefined {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'text':
    case 'text[]':
      return typeof value === 'string' ? value : undefined;
    case 'integer':
      return Number.isSafeInteger(value) ? String(value) : undefined;
    case 'timestamptz':
      if (value instanceof Date)
        return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
      return typeof value === 'string' ? value : undefined;
    default:
      return undefined;
  }
}

/**
 * A column's values as one text for `string_to_array(?::text, SEPARATOR, '')` (then cast to
 * the column's type), a null as an empty element; undefined when they cannot be sent so: a
 * text that is empty or holds the separator, a value that is not of the column's type (or of
 * a type not listed here), or no value that is not null (an empty text splits into no
 * element at all). Besides a join instead of an array literal per column, a time is sent as
 * its ISO text instead of the driver's local-time text (issue 19: the driver's array and date
 * serialisation was 3 % of a pass's garbage).
 *
 * @internal
 */
export function joinedColumn(
  values: readonly unknown[],
  type: string,
): string | undefined {
  const texts: Array<string | null> = new Array(values.length);
  let present = false;
  for (let i = 0; i < values.length; i++) {
    const text = elementText(values[i], type);
    if (text === undefined) return undefined;
    if (text !== null) {
      if (!text.length || text.includes(SEPARATOR)) return undefined;
      present = true;
    }
    texts[i] = text;
  }
  // join writes a null as an empty element.
  return present ? texts.join(SEPARATOR) : undefined;
}
