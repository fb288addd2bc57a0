import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { toIso } from './dates';
import { insertRows } from './insertRows';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('insertRows on %s', id => {
  it('stores every value as given: nulls, the text NULL, quotes, braces, commas, backslashes, times', async () => {
    const knex = await databases.init(id);
    await knex.schema.createTable('insert_rows_test', table => {
      table.integer('n').notNullable();
      table.string('text').nullable();
      table.integer('count').nullable();
      table.timestamp('at', { useTz: true }).nullable();
    });
    const texts = [
      'component:default/shop-api',
      'NULL',
      null,
      '',
      'a "quoted", {braced} \\ back\\slashed, comma',
      'unicode: ≥ 35 — ü',
    ];
    const rows = Array.from({ length: 450 }, (_, n) => ({
      n,
      text: texts[n % texts.length],
      count: n % 4 === 0 ? null : n,
      at: n % 5 === 0 ? null : new Date(Date.UTC(2026, 11, 7, 0, 0, n, n)),
    }));
    await insertRows(
      knex,
      'insert_rows_test',
      { n: 'integer', text: 'text', count: 'integer', at: 'timestamptz' },
      rows,
      100,
    );
    const stored = await knex('insert_rows_test').orderBy('n');
    expect(
      stored.map(r => ({
        n: Number(r.n),
        text: r.text,
        count: r.count === null ? null : Number(r.count),
        at: r.at === null ? null : toIso(r.at),
      })),
    ).toEqual(
      rows.map(r => ({ ...r, at: r.at === null ? null : r.at.toISOString() })),
    );
    await insertRows(knex, 'insert_rows_test', { n: 'integer' }, [], 100);
    expect(await knex('insert_rows_test').count({ c: '*' })).toEqual([
      { c: id.startsWith('POSTGRES') ? '450' : 450 },
    ]);
  });

  it('stores text columns without nulls or empty strings as given, in order, a separator character included', async () => {
    const knex = await databases.init(id);
    await knex.schema.createTable('insert_joined_test', table => {
      table.integer('n').notNullable();
      table.text('body').notNullable();
      table.text('other').notNullable();
    });
    const bodies = [
      '[0,"a \\"quoted\\" {braced}, comma",[-2]]',
      'NULL',
      'back\\slash \\x1f and a tab\t',
      'unicode: ≥ 35 — ü',
      ' leading and trailing spaces ',
    ];
    const rows = Array.from({ length: 300 }, (_, n) => ({
      n,
      body: bodies[n % bodies.length],
      // One value holds the separator: this column is sent as an array instead.
      other: n === 7 ? 'one\u001ftwo' : `other-${n}`,
    }));
    await insertRows(
      knex,
      'insert_joined_test',
      { n: 'integer', body: 'text', other: 'text' },
      rows,
      100,
    );
    const stored = await knex('insert_joined_test').orderBy('n');
    expect(
      stored.map(r => ({ n: Number(r.n), body: r.body, other: r.other })),
    ).toEqual(rows);
    // One row of one character: the smallest joined column.
    await insertRows(
      knex,
      'insert_joined_test',
      { n: 'integer', body: 'text', other: 'text' },
      [{ n: 300, body: 'x', other: 'y' }],
      100,
    );
    expect(
      await knex('insert_joined_test').where({ n: 300 }).first('body', 'other'),
    ).toEqual({ body: 'x', other: 'y' });
  });

  it('stores nullable columns of text, numbers and times, as Dates or ISO text, a column of nulls and one row of nulls', async () => {
    // On PostgreSQL, sent joined with nulls as empty elements (see joinedColumn).
    const knex = await databases.init(id);
    await knex.schema.createTable('insert_nullable_test', table => {
      table.integer('n').notNullable();
      table.text('owner').nullable();
      table.integer('score').nullable();
      table.timestamp('at', { useTz: true }).nullable();
      table.text('never').nullable();
    });
    const columns = {
      n: 'integer',
      owner: 'text',
      score: 'integer',
      at: 'timestamptz',
      never: 'text',
    };
    const ownerOf = (n: number) => {
      if (n % 3) return `group:default/team-${n}`;
      return n % 2 ? null : 'NULL';
    };
    const timeOf = (n: number) => {
      if (n % 5 === 0) return null;
      if (n % 2) return new Date(Date.UTC(2026, 11, 8, 1, 2, n % 60, n));
      return new Date(Date.UTC(2026, 0, 1, 23, 59, 59, n)).toISOString();
    };
    const rows = Array.from({ length: 200 }, (_, n) => ({
      n,
      owner: ownerOf(n),
      score: n % 4 ? n - 100 : null,
      at: timeOf(n),
      never: null,
    }));
    await insertRows(knex, 'insert_nullable_test', columns, rows, 100);
    await insertRows(
      knex,
      'insert_nullable_test',
      columns,
      [{ n: 200, owner: null, score: null, at: null, never: null }],
      100,
    );
    const stored = await knex('insert_nullable_test').orderBy('n');
    expect(
      stored.map(r => ({
        n: Number(r.n),
        owner: r.owner,
        score: r.score === null ? null : Number(r.score),
        at: r.at === null ? null : toIso(r.at),
        never: r.never,
      })),
    ).toEqual([
      ...rows.map(r => ({
        ...r,
        at: r.at === null ? null : new Date(r.at).toISOString(),
      })),
      { n: 200, owner: null, score: null, at: null, never: null },
    ]);
  });

  it('upserts on a key: stored rows take the new values of every other column, new rows are added', async () => {
    const knex = await databases.init(id);
    await knex.schema.createTable('upsert_rows_test', table => {
      table.string('ref').primary();
      table.string('status').notNullable();
      table.integer('score').nullable();
    });
    const columns = { ref: 'text', status: 'text', score: 'integer' };
    await insertRows(
      knex,
      'upsert_rows_test',
      columns,
      [
        { ref: 'a', status: 'fail', score: 10 },
        { ref: 'b', status: 'pass', score: 100 },
      ],
      100,
      'ref',
    );
    await insertRows(
      knex,
      'upsert_rows_test',
      columns,
      [
        { ref: 'b', status: 'unknown', score: null },
        { ref: 'c', status: 'warn', score: 70 },
      ],
      100,
      'ref',
    );
    const stored = await knex('upsert_rows_test').orderBy('ref');
    expect(
      stored.map(r => ({
        ...r,
        score: r.score === null ? null : Number(r.score),
      })),
    ).toEqual([
      { ref: 'a', status: 'fail', score: 10 },
      { ref: 'b', status: 'unknown', score: null },
      { ref: 'c', status: 'warn', score: 70 },
    ]);
  });

  it('stores list columns as given: empty lists, quotes, braces, backslashes, separators, upserted too', async () => {
    const knex = await databases.init(id);
    const pg = id.startsWith('POSTGRES');
    await knex.schema.createTable('insert_lists_test', table => {
      table.string('ref').primary();
      if (pg) table.specificType('items', 'text[]').notNullable();
      else table.text('items').notNullable();
    });
    const lists = [
      [],
      ['fail:MON-02', 'pass:DR-01'],
      ['a "quoted" {braced}, comma', 'back\\slash \\"', 'NULL', ''],
      ['one\u001ftwo', 'unicode: ≥ 35 — ü', ' spaced '],
    ];
    const columns = { ref: 'text', items: 'text[]' };
    const read = async () =>
      (await knex('insert_lists_test').orderBy('ref')).map(r => ({
        ref: r.ref,
        items: pg ? r.items : JSON.parse(r.items),
      }));
    const rows = lists.map((items, n) => ({ ref: `r${n}`, items }));
    await insertRows(knex, 'insert_lists_test', columns, rows, 100, 'ref');
    expect(await read()).toEqual(rows);
    // Upserted: a stored row's list is replaced, a new row added.
    const next = [
      { ref: 'r1', items: ['warn:MON-02'] },
      { ref: 'r9', items: ['x'] },
    ];
    await insertRows(knex, 'insert_lists_test', columns, next, 100, 'ref');
    expect(await read()).toEqual([rows[0], next[0], rows[2], rows[3], next[1]]);
  });
});
