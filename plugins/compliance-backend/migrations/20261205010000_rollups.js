// @ts-check

/**
 * Roll-ups: the status of each System, Domain and Group with everything it is made of,
 * recomputed in SQL at the end of every evaluation pass, so entity pages read one row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_rollups', table => {
    table.string('entity_ref', 255).primary();
    table.string('status', 16).notNullable();
    table.string('dr_status', 16).notNullable();
    table.integer('member_count').notNullable();
    table.text('body').notNullable();
    table.timestamp('computed_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_rollups');
};
