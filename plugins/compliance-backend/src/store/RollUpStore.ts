import {
  AssessmentStatus,
  DrStatusValue,
  RollUp,
  RollUpMemberGroup,
  rollUp,
} from '@refarch/backstage-plugin-compliance-common';
import { Knex } from 'knex';

const BATCH = 200;

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

  /** Recomputes every roll-up; returns how many were written. */
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

    const rows = [...groups.entries()].map(([entityRef, members]) => {
      const r = rollUp({ entityRef, own: own.get(entityRef), members, now });
      return {
        entity_ref: entityRef,
        status: r.status,
        dr_status: r.drStatus,
        member_count: Object.values(r.members).reduce((a, b) => a + b, 0),
        body: JSON.stringify(r),
        computed_at: now,
      };
    });
    await this.knex.transaction(async tx => {
      for (let i = 0; i < rows.length; i += BATCH) {
        await tx('compliance_rollups')
          .insert(rows.slice(i, i + BATCH))
          .onConflict('entity_ref')
          .merge();
      }
      // What is no longer a system, domain or owner of anything assessed.
      await tx('compliance_rollups').where('computed_at', '<', now).delete();
    });
    return rows.length;
  }
}
