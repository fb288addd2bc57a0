// @ts-check

/**
 * Idempotency keys of evidence posts: a client that lost the answer to a POST retries with
 * the same key and gets the stored record instead of a duplicate. Unique per entity and
 * recorder, so one caller's keys never collide with another's.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('compliance_evidence', table => {
    table.string('idempotency_key', 128).nullable();
    table.unique(['entity_ref', 'recorded_by', 'idempotency_key'], {
      indexName: 'compliance_evidence_idempotency_key',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('compliance_evidence', table => {
    table.dropUnique(
      ['entity_ref', 'recorded_by', 'idempotency_key'],
      'compliance_evidence_idempotency_key',
    );
    table.dropColumn('idempotency_key');
  });
};
