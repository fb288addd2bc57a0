import {
  AssessmentStatus,
  DrStatusValue,
  HistoryEntry,
  RollUp,
  RollUpMemberGroup,
  rollUp,
} from '@refarch/backstage-plugin-compliance-common';
import { Knex } from 'knex';
import { toIso } from './dates';
import { FleetSnapshots } from './FleetSnapshots';
import { isPostgres } from './isPostgres';

const BATCH = 200;
/** The PostgreSQL advisory lock a roll-up recompute holds for its transaction. */
const ROLLUP_LOCK = 0x636f6d70; // "comp"
/**
 * The fleet snapshot that records the write version the roll-ups were computed at, and when
 * a recompute last found them current.
 */
const SNAPSHOT = 'rollups';

interface Confirmation {
  confirmedAt: string;
}

/** A row of `compliance_rollup_history`. Timestamps: Date (PostgreSQL) or number/string (SQLite). */
type HistoryRow = {
  id: number;
  entity_ref: string;
  status: AssessmentStatus;
  previous_status: AssessmentStatus | null;
  score: number | null;
  dr_status: DrStatusValue;
  changed_at: Date | number | string;
};

/** A row of `compliance_rollups` as far as its change is concerned. */
type Previous = {
  entity_ref: string;
  status: AssessmentStatus;
  dr_status: DrStatusValue;
  body: string;
};

interface GroupRow {
  ref: string;
  status: AssessmentStatus;
  dr_status: DrStatusValue;
  n: number | string;
  score_sum: number | string | null;
  scored: number | string;
}

/**
 * Roll-ups of Systems (their own assessment and every Component, Resource and API that is
 * part of them), Domains (their Systems and those Systems' parts) and Groups (what they
 * own). Computed from the flattened assessment columns with a few GROUP BY queries, so the
 * cost follows the number of systems, domains and owners, not the number of entities.
 *
 * @public
 */
export class RollUpStore {
  static create(options: { knex: Knex }) {
    return new RollUpStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  /** The roll-up, as of the last recompute that computed it or found it current. */
  async get(entityRef: string): Promise<RollUp | undefined> {
    const row: { body: string; confirmation: string | null } | undefined =
      await this.knex('compliance_rollups')
        .where('entity_ref', entityRef)
        .first(
          'body',
          this.knex('compliance_fleet_snapshots')
            .where('name', SNAPSHOT)
            .select('body')
            .as('confirmation'),
        );
    if (!row) return undefined;
    const stored = JSON.parse(row.body) as RollUp;
    const confirmedAt = row.confirmation
      ? (JSON.parse(row.confirmation) as Confirmation).confirmedAt
      : undefined;
    return confirmedAt &&
      Date.parse(confirmedAt) > Date.parse(stored.computedAt)
      ? { ...stored, computedAt: confirmedAt }
      : stored;
  }

  /** How a roll-up changed over time, newest first (a row per change at the end of a pass). */
  async history(entityRef: string, limit = 100): Promise<HistoryEntry[]> {
    const rows = await this.knex<HistoryRow>('compliance_rollup_history')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'changed_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(r => ({
      status: r.status,
      previousStatus: r.previous_status ?? undefined,
      score: r.score === null ? null : Number(r.score),
      drStatus: r.dr_status,
      changedAt: toIso(r.changed_at),
    }));
  }

  /**
   * Recomputes every roll-up and records the ones that changed; returns how many were
   * written. When no assessment was written since the last recompute (an idle pass), the
   * roll-ups are current: nothing is recomputed, and they are only marked as confirmed `now`.
   */
  async recompute(now: Date): Promise<number> {
    // Replicas whose shards end together recompute one after the other: on PostgreSQL one
    // waits for the other's transaction (a deadlock between their upserts aborted one in the
    // 100k bench), then finds the roll-ups current.
    return this.knex.transaction(async tx => {
      if (isPostgres(this.knex))
        await tx.raw('select pg_advisory_xact_lock(?)', [ROLLUP_LOCK]);
      const snapshots = new FleetSnapshots(tx);
      // Read before computing: a write committed meanwhile bumps it, and the next recompute
      // computes again.
      const version = await snapshots.version();
      const current = (await snapshots.storedVersion(SNAPSHOT)) === version;
      const written = current ? 0 : await this.write(tx, now);
      const confirmation: Confirmation = { confirmedAt: now.toISOString() };
      await snapshots.store(SNAPSHOT, version, confirmation);
      return written;
    });
  }

  /** Computes every roll-up from the assessments and writes them (in `tx`). */
  private async write(tx: Knex.Transaction, now: Date): Promise<number> {
    const groups = new Map<string, RollUpMemberGroup[]>();
    for (const column of ['system', 'domain', 'owner'] as const) {
      const rows: GroupRow[] = await tx('compliance_assessments')
        .whereNotNull(column)
        .select({
          ref: column,
          status: 'status',
          dr_status: 'dr_status',
          n: tx.raw('count(*)'),
          score_sum: tx.raw('sum(score)'),
          scored: tx.raw('count(score)'),
        })
        .groupBy(column, 'status', 'dr_status');
      for (const r of rows) {
        const list = groups.get(r.ref) ?? [];
        list.push({
          status: r.status,
          drStatus: r.dr_status,
          count: Number(r.n),
          scoreSum: Number(r.score_sum ?? 0),
          scored: Number(r.scored),
        });
        groups.set(r.ref, list);
      }
    }
    // Systems have an assessment of their own; Domains and Groups do not.
    const own = new Map<
      string,
      {
        status: AssessmentStatus;
        drStatus: DrStatusValue;
        score: number | null;
      }
    >();
    const systems = await tx('compliance_assessments')
      .where('kind', 'system')
      .select('entity_ref', 'status', 'dr_status', 'score');
    for (const s of systems) {
      own.set(s.entity_ref, {
        status: s.status,
        drStatus: s.dr_status,
        score: s.score === null ? null : Number(s.score),
      });
      if (!groups.has(s.entity_ref)) groups.set(s.entity_ref, []);
    }

    const previous = new Map<string, Previous>(
      (
        await tx<Previous>('compliance_rollups').select(
          'entity_ref',
          'status',
          'dr_status',
          'body',
        )
      ).map(p => [p.entity_ref, p]),
    );
    const changes: Omit<HistoryRow, 'id'>[] = [];
    const rows = [...groups.entries()].map(([entityRef, members]) => {
      const r = rollUp({ entityRef, own: own.get(entityRef), members, now });
      const before = previous.get(entityRef);
      const beforeScore = before
        ? (JSON.parse(before.body) as RollUp).averageScore
        : undefined;
      if (
        !before ||
        before.status !== r.status ||
        before.dr_status !== r.drStatus ||
        beforeScore !== r.averageScore
      )
        changes.push({
          entity_ref: entityRef,
          status: r.status,
          previous_status: before?.status ?? null,
          score: r.averageScore,
          dr_status: r.drStatus,
          changed_at: now,
        });
      return {
        entity_ref: entityRef,
        status: r.status,
        dr_status: r.drStatus,
        member_count: Object.values(r.members).reduce((a, b) => a + b, 0),
        body: JSON.stringify(r),
        computed_at: now,
      };
    });
    // Rows are written in one order everywhere.
    rows.sort((a, b) => (a.entity_ref < b.entity_ref ? -1 : 1));
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx('compliance_rollups')
        .insert(rows.slice(i, i + BATCH))
        .onConflict('entity_ref')
        .merge();
    }
    for (let i = 0; i < changes.length; i += BATCH)
      await tx('compliance_rollup_history').insert(changes.slice(i, i + BATCH));
    // What is no longer a system, domain or owner of anything assessed.
    await tx('compliance_rollups').where('computed_at', '<', now).delete();
    return rows.length;
  }
}
