// @ts-check

/**
 * Deployed CloudFormation stacks read for issue 18: the latest snapshot (DescribeStacks,
 * GetTemplate Processed, DescribeStackEvents) and drift of each entity's stack, and the
 * processed template bodies stored once per content hash (fleets share templates).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_live_stacks', table => {
    table.string('entity_ref', 255).primary().notNullable();
    table.string('stack_arn', 1024).notNullable();
    table.text('snapshot').nullable();
    table.text('drift').nullable();
    table.string('read_at', 32).nullable();
    table.string('drift_checked_at', 32).nullable();
    // Hashes of snapshot and drift without timestamps: unchanged stacks keep their versions.
    table.string('snapshot_version', 32).notNullable().defaultTo('');
    table.string('drift_version', 32).notNullable().defaultTo('');
    table.index(['read_at'], 'compliance_live_stacks_read_at');
    table.index(['drift_checked_at'], 'compliance_live_stacks_drift_at');
  });
  await knex.schema.createTable('compliance_live_templates', table => {
    table.string('hash', 64).primary().notNullable();
    table.text('body', 'longtext').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_live_templates');
  await knex.schema.dropTable('compliance_live_stacks');
};
