import { Knex } from 'knex';

/** The table the counters are kept in, beside the fleet snapshots' version. */
const TABLE = 'compliance_fleet_snapshots';

/** The counters: one per table an evaluation pass reads a page at a time. @internal */
export type WriteCounter = '_evidence_writes' | '_waiver_writes';

/**
 * Counts a write to the rows of `counter`: call it after the write committed. A pass that
 * finds a counter where its last pass found it knows those rows did not change since, and
 * need not read them again (issue 19). Counting after the write means a pass that reads the
 * counter in between misses the write at most until its next pass, never longer.
 *
 * @internal
 */
export async function countWrite(
  knex: Knex,
  counter: WriteCounter,
): Promise<void> {
  await knex(TABLE)
    .insert({ name: counter, version: 1, body: null })
    .onConflict('name')
    .merge({ version: knex.raw('??.?? + 1', [TABLE, 'version']) });
}

/** The value of `counter` (0 before the first write). @internal */
export async function readWrites(
  knex: Knex,
  counter: WriteCounter,
): Promise<number> {
  const row = await knex(TABLE).where({ name: counter }).first('version');
  return Number(row?.version ?? 0);
}
