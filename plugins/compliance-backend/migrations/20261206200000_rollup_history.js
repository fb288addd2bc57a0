// @ts-check

/**
 * Roll-up history: each time a System's, Domain's or Group's rolled-up status, DR status or
 * average score changes at the end of a pass, a row — the owner's and the system's trend.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_rollup_history', table => {
    table.bigIncrements('id');
    table.string('entity_ref', 255).notNullable();
    table.string('status', 16).notNullable();
    table.string('previous_status', 16).nullable();
    table.integer('score').nullable();
    table.string('dr_status', 16).notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'changed_at']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_rollup_history');
};
