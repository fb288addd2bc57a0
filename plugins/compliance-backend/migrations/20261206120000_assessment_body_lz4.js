// @ts-check

/**
 * Issue 19: a full pass writes every assessment's JSON body (10-16 KB each, 1 GB at 100,000
 * entities), and PostgreSQL compresses each on write. lz4 does it about 3.5 times faster than
 * the default pglz on these bodies (5,000 rows: 135 ms instead of 469 ms) at a similar size.
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
