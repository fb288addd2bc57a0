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
import { isPostgres } from './isPostgres';

const BATCH = 200;
/** The PostgreSQL advisory lock a roll-up recompute holds for its transaction. */
const ROLLUP_LOCK = 0x636f6d70; // "comp"

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

  async get(entityRef: string): Promise<RollUp | undefined> {
    const row = await this.knex('compliance_rollups')
      .where('entity_ref', entityRef)
      .first('body');
    return row ? (JSON.parse(row.body) as RollUp) : undefined;
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

  /** Recomputes every roll-up and records the ones that changed; returns how many were written. */
  async recompute(now: Date): Promise<number> {
    const groups = new Map<string, RollUpMemberGroup[]>();
    for (const column of ['system', 'domain', 'owner'] as const) {
      const rows: GroupRow[] = await this.knex('compliance_assessments')
        .whereNotNull(column)
        .select({
          ref: column,
          status: 'status',
          dr_status: 'dr_status',
          n: this.knex.raw('count(*)'),
          score_sum: this.knex.raw('sum(score)'),
          scored: this.knex.raw('count(score)'),
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
    const systems = await this.knex('compliance_assessments')
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
        await this.knex<Previous>('compliance_rollups').select(
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
    // Replicas whose shards end together recompute at once: on PostgreSQL one waits for the
    // other's transaction (a deadlock between their upserts aborted one in the 100k bench),
    // and rows are written in one order everywhere.
    rows.sort((a, b) => (a.entity_ref < b.entity_ref ? -1 : 1));
    await this.knex.transaction(async tx => {
      if (isPostgres(this.knex))
        await tx.raw('select pg_advisory_xact_lock(?)', [ROLLUP_LOCK]);
      for (let i = 0; i < rows.length; i += BATCH) {
        await tx('compliance_rollups')
          .insert(rows.slice(i, i + BATCH))
          .onConflict('entity_ref')
          .merge();
      }
      for (let i = 0; i < changes.length; i += BATCH)
        await tx('compliance_rollup_history').insert(
          changes.slice(i, i + BATCH),
        );
      // What is no longer a system, domain or owner of anything assessed.
      await tx('compliance_rollups').where('computed_at', '<', now).delete();
    });
    return rows.length;
  }
}
