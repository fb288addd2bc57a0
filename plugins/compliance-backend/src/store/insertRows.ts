import { Knex } from 'knex';
import { isPostgres } from './isPostgres';
import { SQL_SEPARATOR, joinedColumn } from './joinedText';

/**
 * A list of strings as a PostgreSQL array literal: each element quoted, its quotes and
 * backslashes escaped (the array input syntax), so any text reads back as it was.
 */
function arrayLiteral(list: readonly string[] | null): string | null {
  if (list === null) return null;
  let out = '{';
  for (let i = 0; i < list.length; i++) {
    if (i) out += ',';
    out += `"${list[i].replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

/**
 * Inserts many narrow rows in as few statements as the database allows. On PostgreSQL one
 * statement takes each column as one array (`insert … select * from unnest($1::text[], …)`):
 * for the 6-7 control results per entity of a pass this costs PostgreSQL about half the CPU
 * of a multi-row VALUES list with a parameter per value (issue 19, measured per backend
 * process: 35-40 against 75-100 µs per entity), and the client less too. Elsewhere (SQLite)
 * a multi-row insert of `rowsPerStatement` rows at a time.
 *
 * `columns`: each column's PostgreSQL type (`text`, `integer`, `timestamptz`…, or `text[]`
 * for a list of strings: an array on PostgreSQL, its JSON text on SQLite); every row has a
 * value (or null) for each. `upsertOn`: the key column; a row whose key is stored replaces
 * the stored row's other columns, and on PostgreSQL the keys of those rows are returned (the
 * new row version of an update has a non-zero xmax, of an insert zero): the rows are locked
 * by then, so a concurrent writer's row committed a moment before counts as stored. The assessments of a page, written as one such statement
 * instead of a VALUES list of 500 rows by 23 parameters, are planned in a fraction of the
 * time: parsing and planning that list was a quarter of PostgreSQL's CPU in a full pass.
 *
 * @internal
 */
export async function insertRows(
  tx: Knex | Knex.Transaction,
  table: string,
  columns: Record<string, string>,
  rows: Array<Record<string, unknown>>,
  rowsPerStatement: number,
  upsertOn?: string,
): Promise<string[] | undefined> {
  if (!rows.length) return upsertOn ? [] : undefined;
  const names = Object.keys(columns);
  const lists = names.filter(name => columns[name] === 'text[]');
  if (isPostgres(tx)) {
    const updated = names.filter(name => name !== upsertOn);
    const values = names.map(name =>
      columns[name] === 'text[]'
        ? rows.map(row => arrayLiteral((row[name] ?? null) as string[] | null))
        : rows.map(row => row[name] ?? null),
    );
    const joined = names.map((name, i) =>
      joinedColumn(values[i], columns[name]),
    );
    // A list column is sent as its array literal (unnest would flatten an array of arrays).
    const result = await tx.raw(
      `insert into ?? (${names.map(() => '??').join(', ')}) select ${names
        .map((name, i) =>
          columns[name] === 'text[]' ? `u.c${i}::text[]` : `u.c${i}`,
        )
        .join(', ')} from unnest(${names
        .map((name, i) =>
          joined[i] !== undefined
            ? `string_to_array(?::text, ${SQL_SEPARATOR}, '')${
                columns[name] === 'text' || columns[name] === 'text[]'
                  ? ''
                  : `::${columns[name]}[]`
              }`
            : `?::${columns[name] === 'text[]' ? 'text' : columns[name]}[]`,
        )
        .join(', ')}) as u(${names.map((_, i) => `c${i}`).join(', ')})${
        upsertOn
          ? ` on conflict (??) do update set ${updated
              .map(() => '?? = excluded.??')
              .join(', ')} returning ?? as key, xmax::text <> '0' as existed`
          : ''
      }`,
      [
        table,
        ...names,
        ...values.map((column, i) => joined[i] ?? (column as any)),
        ...(upsertOn
          ? [upsertOn, ...updated.flatMap(name => [name, name]), upsertOn]
          : []),
      ],
    );
    return upsertOn
      ? (result.rows as Array<{ key: string; existed: boolean }>)
          .filter(r => r.existed)
          .map(r => r.key)
      : undefined;
  }
  const stored = lists.length
    ? rows.map(row => {
        const out = { ...row };
        for (const name of lists)
          out[name] =
            row[name] === undefined || row[name] === null
              ? null
              : JSON.stringify(row[name]);
        return out;
      })
    : rows;
  for (let i = 0; i < stored.length; i += rowsPerStatement) {
    const insert = tx(table).insert(stored.slice(i, i + rowsPerStatement));
    await (upsertOn ? insert.onConflict(upsertOn).merge() : insert);
  }
  // SQLite has one writer at a time: the caller knows what was stored from its own read.
  return undefined;
}
