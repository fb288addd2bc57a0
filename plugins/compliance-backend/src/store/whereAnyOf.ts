import { Knex } from 'knex';
import { isPostgres } from './isPostgres';
import { SEPARATOR, SQL_SEPARATOR, joinable } from './joinedText';

/**
 * `column in (values)`, for the per-page reads of a pass (a page's refs). On PostgreSQL, when
 * the values can be joined (see joinable), one text parameter split by the server
 * (`= any(string_to_array(…))`) instead of a parameter per value: the same statement text for
 * every page, and a bind of one value instead of hundreds (issue 19). Elsewhere, `whereIn`.
 * No values match nothing.
 *
 * @internal
 */
export function whereAnyOf<T extends Knex.QueryBuilder>(
  query: T,
  column: string,
  values: readonly string[],
): T {
  if (!values.length) return query.whereRaw('1 = 0') as T;
  if (isPostgres(query) && joinable(values))
    return query.whereRaw(
      `?? = any(string_to_array(?::text, ${SQL_SEPARATOR}))`,
      [column, values.join(SEPARATOR)],
    ) as T;
  return query.whereIn(column, values as string[]) as T;
}
