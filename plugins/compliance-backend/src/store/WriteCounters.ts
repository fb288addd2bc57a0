import { Knex } from 'knex';

/** The table the counters are kept in, beside the fleet snapshots' version. */
const TABLE = 'compliance_fleet_snapshots';

/** The counter of every write to the assessments: the fleet snapshots' version. @internal */
export const VERSION = '_version';

/** The prefix of a pass writer's counter (see {@link passWriter}). */
const PASS_WRITES = '_writes:';

/**
 * The counter of the assessments written by the passes of one shard (`shard` of `shards`),
 * counted with the write version in the same transaction (see onlyOwnWrites). @internal
 */
export type PassWriter = `${typeof PASS_WRITES}${number}:${number}`;

/** A pass's writer, and how many of its writes committed. @internal */
export interface PassWriteTally {
  readonly writer: PassWriter;
  writes: number;
}

/** @internal */
export function passWriter(shards: number, shard: number): PassWriter {
  return `${PASS_WRITES}${shards}:${shard}`;
}

/**
 * The counters: one per table an evaluation pass reads a page at a time, and one per shard
 * for the assessments its passes write. @internal
 */
export type WriteCounter = '_evidence_writes' | '_waiver_writes' | PassWriter;

/**
 * Counts a write to the rows of `counter`: call it after the write committed, or, for a
 * pass writer, as a statement of the writing transaction. A pass that finds a counter where
 * its last pass found it knows those rows did not change since, and need not read them
 * again (issue 19). Counting after the write means a pass that reads the counter in between
 * misses the write at most until its next pass, never longer.
 *
 * @internal
 */
export async function countWrite(
  knex: Knex | Knex.Transaction,
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

/**
 * The assessments' write version and every pass writer's counter, read at once (0 for the
 * version before the first write). @internal
 */
export async function readPassWrites(knex: Knex): Promise<Map<string, number>> {
  const rows: Array<{ name: string; version: string | number }> = await knex(
    TABLE,
  )
    .where('name', VERSION)
    .orWhere('name', 'like', `${PASS_WRITES}%`)
    .select('name', 'version');
  const counts = new Map<string, number>([[VERSION, 0]]);
  // LIKE's `_` matches any character: only the writers' own rows are kept.
  for (const r of rows)
    if (r.name === VERSION || r.name.startsWith(PASS_WRITES))
      counts.set(r.name, Number(r.version));
  return counts;
}

/**
 * Between two readings of {@link readPassWrites}, every write to the assessments was made by
 * the passes of one shard count (each writes only its own shard's entities), and `writer`
 * wrote exactly `own` times: no one else (a re-evaluation, a removal, a replica running the
 * same shard, a pass with another shard count) wrote any entity of the writer's shard. Its
 * own passes then know every stored input hash of the shard without reading it (issue 19).
 *
 * @internal
 */
export function onlyOwnWrites(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  writer: PassWriter,
  own: number,
): boolean {
  const delta = (name: string) =>
    (after.get(name) ?? 0) - (before.get(name) ?? 0);
  if (delta(writer) !== own) return false;
  const sameShards = writer.slice(0, writer.lastIndexOf(':') + 1);
  let passes = 0;
  for (const name of after.keys())
    if (name.startsWith(sameShards)) passes += delta(name);
  return delta(VERSION) === passes;
}
