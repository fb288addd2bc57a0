// @ts-check

/**
 * What the review pass last read for each template: its current version, or why it could
 * not be read. Review pages read this instead of hashing the template's files per request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_template_current', table => {
    table.string('template_ref', 255).primary();
    table.string('version', 64).nullable();
    table.text('error').nullable();
    table.timestamp('read_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_template_current');
};
