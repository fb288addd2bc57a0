import { Knex } from 'knex';
import { PassWriter, VERSION, countWrite } from './WriteCounters';

const TABLE = 'compliance_fleet_snapshots';

/**
 * Fleet-wide aggregates stored once instead of recomputed per request (issue 19). Every write
 * to the assessments bumps one version counter; a snapshot is served only while it carries
 * the version it was computed at, otherwise it is recomputed and stored. The bump commits
 * with the write (in its transaction) or after it, never before: a snapshot computed
 * concurrently with a write is at worst recomputed once more, never served stale. The
 * evaluation pass refreshes them at its end, so requests after a pass read one row.
 *
 * @internal
 */
export class FleetSnapshots {
  constructor(private readonly knex: Knex) {}

  /**
   * Marks every snapshot out of date: as the last statement of the write's transaction `db`
   * (the counter's row stays locked only until that commits), or after the write committed.
   */
  async bump(
    db: Knex | Knex.Transaction = this.knex,
    writer?: PassWriter,
  ): Promise<void> {
    await db(TABLE).where({ name: VERSION }).increment('version', 1);
    // After the version's row: every writer locks the two in the same order.
    if (writer) await countWrite(db, writer);
  }

  /** The snapshot `name` when it is current, else `compute()`d and stored. */
  async read<T>(name: string, compute: () => Promise<T>): Promise<T> {
    const rows: Array<{
      name: string;
      version: string | number;
      body: string;
    }> = await this.knex(TABLE)
      .whereIn('name', [VERSION, name])
      .select('name', 'version', 'body');
    const version = Number(rows.find(r => r.name === VERSION)?.version ?? 0);
    const snapshot = rows.find(r => r.name === name);
    if (snapshot?.body && Number(snapshot.version) === version)
      return JSON.parse(snapshot.body) as T;
    return this.store(name, version, await compute());
  }

  /** The write version: changes with every write to the assessments. */
  async version(): Promise<number> {
    const row = await this.knex(TABLE)
      .where({ name: VERSION })
      .first('version');
    return Number(row?.version ?? 0);
  }

  /** The write version `name` was stored at, if it was stored with a body. */
  async storedVersion(name: string): Promise<number | undefined> {
    const row = await this.knex(TABLE)
      .where({ name })
      .whereNotNull('body')
      .first('version');
    return row ? Number(row.version) : undefined;
  }

  /** Recomputes and stores `name` now. */
  async refresh<T>(name: string, compute: () => Promise<T>): Promise<T> {
    return this.store(name, await this.version(), await compute());
  }

  /**
   * Recomputes and stores `name` unless it is current (end of a pass): a pass that wrote
   * nothing (an idle pass) then costs one read, not a scan of the fleet. Returns whether it
   * recomputed.
   */
  async refreshIfStale<T>(
    name: string,
    compute: () => Promise<T>,
  ): Promise<boolean> {
    const rows: Array<{ name: string; version: string | number }> =
      await this.knex(TABLE)
        .where('name', VERSION)
        .orWhere(q => q.where('name', name).whereNotNull('body'))
        .select('name', 'version');
    const version = Number(rows.find(r => r.name === VERSION)?.version ?? 0);
    const snapshot = rows.find(r => r.name === name);
    if (snapshot && Number(snapshot.version) === version) return false;
    await this.store(name, version, await compute());
    return true;
  }

  /** Stores `value` as `name`, computed at write `version` (read before computing it). */
  async store<T>(name: string, version: number, value: T) {
    await this.knex(TABLE)
      .insert({ name, version, body: JSON.stringify(value) })
      .onConflict('name')
      .merge();
    return value;
  }
}
