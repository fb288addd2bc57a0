import { Knex } from 'knex';
import { Assessment } from '@refarch/backstage-plugin-compliance-common';
import {
  AssessmentSkeleton,
  StoredAssessmentRow,
  decodeAssessment,
} from './assessmentCodec';

const TABLE = 'compliance_assessment_skeletons';

/**
 * The skeletons compact assessment bodies refer to (see encodeAssessment): written once, read
 * back by id and kept in memory (a catalog has a few dozen to a few thousand distinct ones).
 * Never deleted: a skeleton is small, and an id always names the same content.
 *
 * @internal
 */
export class AssessmentSkeletons {
  /** Ids known to be stored (by this process, or found when read). */
  private readonly stored = new Set<string>();
  /** Parsed skeletons by id, least recently used first. */
  private readonly parsed = new Map<string, AssessmentSkeleton>();

  constructor(private readonly knex: Knex, private readonly maxCached = 2000) {}

  /**
   * Stores the skeletons not stored yet, in a statement of its own before the rows that refer
   * to them (committed at once, so a row never names a skeleton that is not there; an unused
   * one left by a failed write is harmless). Sorted, so that two replicas writing the same
   * new skeletons at once wait for each other instead of deadlocking.
   */
  async ensure(skeletons: Map<string, string>): Promise<void> {
    const missing = [...skeletons]
      .filter(([id]) => !this.stored.has(id))
      .sort(([a], [b]) => (a < b ? -1 : 1));
    for (let i = 0; i < missing.length; i += 200)
      await this.knex(TABLE)
        .insert(missing.slice(i, i + 200).map(([id, body]) => ({ id, body })))
        .onConflict('id')
        .ignore();
    if (this.stored.size + missing.length > 10 * this.maxCached)
      this.stored.clear();
    for (const [id] of missing) this.stored.add(id);
  }

  /** The skeletons of `ids` (each stored before any row named it). */
  async get(ids: Iterable<string>): Promise<Map<string, AssessmentSkeleton>> {
    const out = new Map<string, AssessmentSkeleton>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = this.parsed.get(id);
      if (hit) {
        this.parsed.delete(id);
        this.parsed.set(id, hit);
        out.set(id, hit);
      } else missing.push(id);
    }
    for (let i = 0; i < missing.length; i += 500) {
      const rows: Array<{ id: string; body: string }> = await this.knex(TABLE)
        .whereIn('id', missing.slice(i, i + 500))
        .select('id', 'body');
      for (const row of rows) {
        const skeleton = JSON.parse(row.body) as AssessmentSkeleton;
        out.set(row.id, skeleton);
        this.parsed.set(row.id, skeleton);
        this.stored.add(row.id);
      }
    }
    while (this.parsed.size > this.maxCached)
      this.parsed.delete(this.parsed.keys().next().value!);
    return out;
  }

  /** The assessments stored in `rows`, each with the skeleton its compact body names. */
  async decode(rows: StoredAssessmentRow[]): Promise<Assessment[]> {
    const skeletons = await this.get(
      rows.flatMap(r => (r.skeleton_id ? [r.skeleton_id] : [])),
    );
    return rows.map(r =>
      decodeAssessment(
        r,
        r.skeleton_id ? skeletons.get(r.skeleton_id) : undefined,
      ),
    );
  }
}
