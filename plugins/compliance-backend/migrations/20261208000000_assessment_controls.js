// @ts-check

/**
 * Issue 19: the results of an assessment that apply were rows of their own table
 * (`compliance_results`, 6-7 per entity, each with its entity ref, under a primary key and a
 * second index): at 100,000 entities a full pass wrote 670,000 of them, and they were about a
 * fifth of PostgreSQL's work in that pass. They are now one column of the assessment's row,
 * `controls`, entries `<status>:<control id>` (see the store's controlResults): on PostgreSQL
 * a `text[]` with a GIN index (a filter by control and status is one index lookup), on SQLite
 * the entries' JSON array. The stored rows are moved into the column; their severity, which
 * nothing read, is not kept.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const pg = knex.client.config.client === 'pg';
  await knex.schema.alterTable('compliance_assessments', table => {
    if (pg)
      table.specificType('controls', 'text[]').notNullable().defaultTo('{}');
    else table.text('controls').notNullable().defaultTo('[]');
  });
  if (pg) {
    await knex.raw(`
      update compliance_assessments a set controls = r.entries
      from (
        select entity_ref, array_agg(status || ':' || control_id order by control_id) as entries
        from compliance_results group by entity_ref
      ) r
      where r.entity_ref = a.entity_ref`);
    await knex.raw(
      'create index compliance_assessments_controls_idx on compliance_assessments using gin (controls)',
    );
  } else {
    await knex.raw(`
      update compliance_assessments set controls = (
        select json_group_array(entry) from (
          select r.status || ':' || r.control_id as entry from compliance_results r
          where r.entity_ref = compliance_assessments.entity_ref order by r.control_id
        )
      )
      where entity_ref in (select entity_ref from compliance_results)`);
  }
  await knex.schema.dropTable('compliance_results');
};

/**
 * The rows are made again from the column. Their severity was not kept: they are written as
 * `low` (what the store wrote for a control the policy does not know), and those assessments'
 * input hashes are cleared, so the next pass evaluates the entities again and writes their
 * rows with the policy's severities.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const pg = knex.client.config.client === 'pg';
  await knex.schema.createTable('compliance_results', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('control_id', 16).notNullable();
    table.string('status', 16).notNullable();
    table.string('severity', 16).notNullable();
    table.primary(['entity_ref', 'control_id']);
    table.index(['control_id', 'status']);
  });
  const entries = pg
    ? `select a.entity_ref, c.value from compliance_assessments a
       cross join lateral unnest(a.controls) as c(value)`
    : `select a.entity_ref, c.value from compliance_assessments a
       cross join json_each(a.controls) as c`;
  const position = pg ? "strpos(value, ':')" : "instr(value, ':')";
  await knex.raw(`
    insert into compliance_results (entity_ref, control_id, status, severity)
    select entity_ref, substr(value, ${position} + 1), substr(value, 1, ${position} - 1), 'low'
    from (${entries}) e`);
  await knex('compliance_assessments')
    .whereIn('entity_ref', knex('compliance_results').select('entity_ref'))
    .update({ input_hash: '' });
  if (pg)
    await knex.raw('drop index if exists compliance_assessments_controls_idx');
  await knex.schema.alterTable('compliance_assessments', table => {
    table.dropColumn('controls');
  });
};
