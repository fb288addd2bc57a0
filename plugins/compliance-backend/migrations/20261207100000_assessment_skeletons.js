// @ts-check

/**
 * Issue 19: an assessment's stored body was its whole JSON, 10 KB on average (6 KB of it the
 * not-applicable results, identical across entities of a kind), so a full pass at 100,000
 * entities wrote 1 GB. A body is now compact (see the store's assessmentCodec): it names a
 * skeleton, the frame shared by every assessment of the same shape (the key lists of its
 * objects, its not-applicable results), stored once in `compliance_assessment_skeletons`.
 * `skeleton_id` null: the body is the whole JSON, as before (rows written before this
 * migration are read as they are).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_assessment_skeletons', table => {
    table.string('id', 32).primary();
    table.text('body').notNullable();
  });
  await knex.schema.alterTable('compliance_assessments', table => {
    table.string('skeleton_id', 32).nullable();
  });
};

/**
 * Compact bodies mean nothing without their skeletons: those assessments are removed (with
 * their per-control and per-framework rows; their history is kept). Assessments are derived
 * data: the next pass evaluates those entities again, as it does any entity never assessed.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const compact = knex('compliance_assessments')
    .whereNotNull('skeleton_id')
    .select('entity_ref');
  await knex('compliance_results').whereIn('entity_ref', compact).delete();
  await knex('compliance_entity_frameworks')
    .whereIn('entity_ref', compact)
    .delete();
  await knex('compliance_assessments').whereNotNull('skeleton_id').delete();
  await knex.schema.alterTable('compliance_assessments', table => {
    table.dropColumn('skeleton_id');
  });
  await knex.schema.dropTable('compliance_assessment_skeletons');
};
