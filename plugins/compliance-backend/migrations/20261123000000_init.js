// @ts-check

/**
 * Assessments (latest per entity, flattened for SQL filters and aggregates), their
 * history, append-only evidence, waivers and waiver events.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_assessments', table => {
    table.string('entity_ref', 255).primary();
    table.string('kind', 64).notNullable();
    table.string('namespace', 64).notNullable();
    table.string('name', 255).notNullable();
    table.string('type', 64).nullable();
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.string('domain', 255).nullable();
    table.string('status', 16).notNullable();
    table.integer('score').nullable();
    table.string('dr_status', 16).notNullable();
    table.integer('failing_critical').notNullable().defaultTo(0);
    table.integer('failing_high').notNullable().defaultTo(0);
    table.integer('failing_medium').notNullable().defaultTo(0);
    table.integer('failing_low').notNullable().defaultTo(0);
    table.string('input_hash', 64).notNullable();
    table.string('policy_version', 64).notNullable();
    table.string('template_version', 128).nullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.text('body').notNullable();
    table.index(['owner']);
    table.index(['system']);
    table.index(['status']);
  });
  await knex.schema.createTable('compliance_results', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('control_id', 16).notNullable();
    table.string('status', 16).notNullable();
    table.string('severity', 16).notNullable();
    table.primary(['entity_ref', 'control_id']);
    table.index(['control_id', 'status']);
  });
  await knex.schema.createTable('compliance_entity_frameworks', table => {
    table.string('entity_ref', 255).notNullable();
    table.string('framework', 32).notNullable();
    table.string('status', 16).notNullable();
    table.primary(['entity_ref', 'framework']);
    table.index(['framework', 'status']);
  });
  await knex.schema.createTable('compliance_history', table => {
    table.bigIncrements('id');
    table.string('entity_ref', 255).notNullable();
    table.string('status', 16).notNullable();
    table.string('previous_status', 16).nullable();
    table.integer('score').nullable();
    table.string('dr_status', 16).notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'changed_at']);
  });
  await knex.schema.createTable('compliance_evidence', table => {
    table.uuid('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('kind', 32).notNullable();
    table.timestamp('performed_at', { useTz: true }).notNullable();
    table.string('result', 8).notNullable();
    table.string('summary', 2000).notNullable();
    table.string('link', 2000).nullable();
    table.string('recorded_by', 255).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'kind', 'performed_at']);
  });
  await knex.schema.createTable('compliance_waivers', table => {
    table.uuid('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('control_id', 16).notNullable();
    table.string('justification', 2000).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.string('status', 16).notNullable();
    table.string('requested_by', 255).notNullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.string('decision_comment', 2000).nullable();
    table.boolean('expiry_notified').notNullable().defaultTo(false);
    table.index(['entity_ref', 'status']);
  });
  // Every state change of a waiver, never updated or deleted: the audit trail.
  await knex.schema.createTable('compliance_waiver_events', table => {
    table.bigIncrements('id');
    table.uuid('waiver_id').notNullable();
    table.string('action', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.string('comment', 2000).nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['waiver_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const t of [
    'compliance_waiver_events',
    'compliance_waivers',
    'compliance_evidence',
    'compliance_history',
    'compliance_entity_frameworks',
    'compliance_results',
    'compliance_assessments',
  ]) {
    await knex.schema.dropTable(t);
  }
};
