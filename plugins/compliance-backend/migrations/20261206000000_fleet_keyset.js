// @ts-check

/**
 * Issue 19: the fleet list pages by keyset on indexed columns, and the fleet-wide aggregates
 * are served from snapshots instead of a scan per request.
 *
 * - `score_order`: the score with "no score" sorted last (101) on every database, so the
 *   score order is one indexed column; each sort has an index ending in `entity_ref`, the
 *   tie-breaker of the keyset.
 * - `compliance_fleet_snapshots`: the unfiltered aggregates (per owner, system, domain, kind,
 *   control) and the fleet's row count, each stored with the write version it was computed
 *   at; the row `_version` counts writes, so a snapshot older than the last write is
 *   recomputed instead of served.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('compliance_assessments', table => {
    table.integer('score_order').notNullable().defaultTo(101);
  });
  await knex('compliance_assessments')
    .whereNotNull('score')
    .update({ score_order: knex.ref('score') });
  await knex.schema.alterTable('compliance_assessments', table => {
    table.index(
      ['score_order', 'entity_ref'],
      'compliance_assessments_score_keyset_idx',
    );
    table.index(
      ['name', 'entity_ref'],
      'compliance_assessments_name_keyset_idx',
    );
    table.index(
      ['evaluated_at', 'entity_ref'],
      'compliance_assessments_evaluated_keyset_idx',
    );
    table.index(['kind'], 'compliance_assessments_kind_idx');
    table.index(['domain'], 'compliance_assessments_domain_idx');
  });
  await knex.schema.createTable('compliance_fleet_snapshots', table => {
    table.string('name', 64).primary();
    table.bigInteger('version').notNullable();
    table.text('body').nullable();
  });
  await knex('compliance_fleet_snapshots').insert({
    name: '_version',
    version: 1,
    body: null,
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_fleet_snapshots');
  await knex.schema.alterTable('compliance_assessments', table => {
    table.dropIndex(
      ['score_order', 'entity_ref'],
      'compliance_assessments_score_keyset_idx',
    );
    table.dropIndex(
      ['name', 'entity_ref'],
      'compliance_assessments_name_keyset_idx',
    );
    table.dropIndex(
      ['evaluated_at', 'entity_ref'],
      'compliance_assessments_evaluated_keyset_idx',
    );
    table.dropIndex(['kind'], 'compliance_assessments_kind_idx');
    table.dropIndex(['domain'], 'compliance_assessments_domain_idx');
    table.dropColumn('score_order');
  });
};
