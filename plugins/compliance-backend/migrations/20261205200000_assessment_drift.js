// @ts-check

/**
 * The drift of each entity's deployed stack beside its status, so the fleet filters and
 * shows drift in SQL (null: the entity names no stack, or it was not read).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('compliance_assessments', table => {
    table.string('drift_status', 16).nullable();
    table.index(['drift_status'], 'compliance_assessments_drift_status_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('compliance_assessments', table => {
    table.dropIndex(
      ['drift_status'],
      'compliance_assessments_drift_status_idx',
    );
    table.dropColumn('drift_status');
  });
};
