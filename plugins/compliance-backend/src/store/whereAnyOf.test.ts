import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { whereAnyOf } from './whereAnyOf';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('whereAnyOf on %s', id => {
  const refs = Array.from(
    { length: 300 },
    (_, n) => `component:default/svc-${n}`,
  );
  const odd = [
    'a "quoted", {braced} \\ back\\slashed, comma',
    "it's",
    'unicode: ≥ 35 — ü',
    ' spaces ',
    'NULL',
  ];

  async function table() {
    const knex = await databases.init(id);
    await knex.schema.createTable('where_any_test', t => {
      t.string('entity_ref').primary();
      t.integer('n').notNullable();
    });
    await knex.batchInsert(
      'where_any_test',
      [...refs, ...odd, 'one\u001ftwo'].map((entity_ref, n) => ({
        entity_ref,
        n,
      })),
      100,
    );
    return knex;
  }

  it('selects exactly the rows of the values given, whatever they hold', async () => {
    const knex = await table();
    const wanted = [...refs.filter((_, n) => n % 3 === 0), ...odd, 'absent'];
    const rows = await whereAnyOf(
      knex('where_any_test'),
      'entity_ref',
      wanted,
    ).select('entity_ref');
    expect(rows.map(r => r.entity_ref).sort()).toEqual(
      wanted.filter(w => w !== 'absent').sort(),
    );
    // A value holding the separator cannot be joined: the list is sent value by value.
    const withSeparator = await whereAnyOf(
      knex('where_any_test'),
      'entity_ref',
      ['one\u001ftwo', refs[1]],
    ).select('entity_ref');
    expect(withSeparator.map(r => r.entity_ref).sort()).toEqual(
      [refs[1], 'one\u001ftwo'].sort(),
    );
    // No values: no rows, and nothing deleted.
    expect(
      await whereAnyOf(knex('where_any_test'), 'entity_ref', []).select(
        'entity_ref',
      ),
    ).toEqual([]);
    await whereAnyOf(knex('where_any_test'), 'entity_ref', []).delete();
    expect(await knex('where_any_test').count({ c: '*' })).toEqual([
      { c: id.startsWith('POSTGRES') ? '306' : 306 },
    ]);
    await whereAnyOf(knex('where_any_test'), 'entity_ref', refs).delete();
    expect(
      (await knex('where_any_test').select('entity_ref'))
        .map(r => r.entity_ref)
        .sort(),
    ).toEqual([...odd, 'one\u001ftwo'].sort());
  });

  it('sends a page of refs as one parameter on PostgreSQL, a parameter per value elsewhere', async () => {
    const knex = await table();
    const { bindings } = whereAnyOf(
      knex('where_any_test'),
      'entity_ref',
      refs,
    ).toSQL();
    expect(bindings).toHaveLength(id.startsWith('POSTGRES') ? 1 : refs.length);
  });
});
