// @ts-check

/**
 * Template versions under review and their append-only decision log.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_template_versions', table => {
    table.string('id', 36).primary();
    table.string('template_ref', 255).notNullable();
    table.string('version', 64).notNullable();
    table.string('state', 16).notNullable();
    table.timestamp('detected_at', { useTz: true }).notNullable();
    table.string('last_editor', 255).nullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('comment').nullable();
    // The template's spec and files at this version, for diffs against later versions.
    table.text('snapshot', 'longtext').notNullable();
    table.text('report', 'longtext').nullable();
    table.unique(['template_ref', 'version']);
    table.index(['template_ref', 'state']);
  });
  await knex.schema.createTable('compliance_template_events', table => {
    table.bigIncrements('id');
    table.string('version_id', 36).notNullable();
    table.string('action', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.text('comment').nullable();
    // The conformance report the decision was taken with.
    table.text('report', 'longtext').nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['version_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_template_events');
  await knex.schema.dropTable('compliance_template_versions');
};
