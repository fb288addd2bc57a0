// @ts-check

/**
 * Issue 19: a full pass writes every assessment's JSON body (10-16 KB each, 1 GB at 100,000
 * entities); PostgreSQL compresses each with pglz on write, which took most of the
 * database's time in the pass. lz4 compresses about three times faster at a similar size.
 * Only on PostgreSQL servers built with lz4 (the column keeps pglz otherwise); SQLite does
 * not compress.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!(await hasLz4(knex))) return;
  await knex.raw(
    'alter table compliance_assessments alter column body set compression lz4',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (!(await hasLz4(knex))) return;
  await knex.raw(
    'alter table compliance_assessments alter column body set compression default',
  );
};

/** @param {import('knex').Knex} knex */
async function hasLz4(knex) {
  if (!String(knex.client.config.client).startsWith('pg')) return false;
  const { rows } = await knex.raw(
    "select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)",
  );
  return rows.length > 0;
}
