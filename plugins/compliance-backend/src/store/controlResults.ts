import { Knex } from 'knex';
import { isPostgres } from './isPostgres';

/**
 * The results of an assessment that apply, as its row stores them (column `controls`, issue
 * 19): one entry `<status>:<control id>` per result. The status comes first: statuses are a
 * fixed set without a colon, so an entry splits at its first colon whatever the control id.
 * On PostgreSQL the column is a `text[]` with a GIN index (a filter by control and status is
 * one index lookup); on SQLite it is the entries' JSON array, read with `json_each`. Before,
 * each entry was a row of its own table (6-7 per entity, with two indexes): at 100,000
 * entities a full pass wrote 670,000 such rows.
 *
 * @internal
 */
export function controlEntry(controlId: string, status: string): string {
  return `${status}:${controlId}`;
}

/** The control id and status of a stored entry. @internal */
export function parseControlEntry(entry: string): {
  controlId: string;
  status: string;
} {
  const at = entry.indexOf(':');
  if (at < 0) throw new Error(`Not a stored control result: ${entry}`);
  return { status: entry.slice(0, at), controlId: entry.slice(at + 1) };
}

/**
 * The entries of a row's `controls` column as the database returns it (PostgreSQL: an
 * array; SQLite: its JSON text).
 *
 * @internal
 */
export function storedControlEntries(value: unknown): string[] {
  const entries = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(entries) || entries.some(e => typeof e !== 'string'))
    throw new Error(`Not a stored list of control results: ${String(value)}`);
  return entries;
}

/**
 * Narrows `q` (over `compliance_assessments as a`) to the assessments with a result of
 * `controlId` in one of `statuses`.
 *
 * @internal
 */
export function whereControl(
  q: Knex.QueryBuilder,
  knex: Knex,
  controlId: string,
  statuses: string[],
): void {
  const entries = statuses.map(s => controlEntry(controlId, s));
  if (isPostgres(knex)) {
    q.whereRaw('a.controls && ?::text[]', [entries]);
    return;
  }
  q.whereRaw(
    `exists (select 1 from json_each(a.controls) where json_each.value in (${entries
      .map(() => '?')
      .join(', ')}))`,
    entries,
  );
}

/**
 * Joins each assessment of `q` (over `compliance_assessments as a`) with its stored results:
 * one row per result, `c.value` its entry.
 *
 * @internal
 */
export function joinControlEntries(q: Knex.QueryBuilder, knex: Knex): void {
  q.joinRaw(
    isPostgres(knex)
      ? 'cross join lateral unnest(a.controls) as c(value)'
      : 'cross join json_each(a.controls) as c',
  );
}
