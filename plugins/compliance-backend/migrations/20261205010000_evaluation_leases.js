// @ts-check

/**
 * Who runs the evaluation pass of each shard, kept alive by a heartbeat. A replica that dies
 * mid-pass stops renewing, so another replica takes over within seconds instead of waiting
 * for the scheduler's task timeout. Times are epoch milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_evaluation_leases', table => {
    table.string('shard', 64).primary();
    table.string('holder', 128).nullable();
    table.bigInteger('expires_at').notNullable().defaultTo(0);
    table.bigInteger('started_at').notNullable().defaultTo(0);
    table.bigInteger('finished_at').notNullable().defaultTo(0);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_evaluation_leases');
};
