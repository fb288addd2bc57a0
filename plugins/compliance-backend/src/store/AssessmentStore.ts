import { Assessment } from '@refarch/backstage-plugin-compliance-common';
import { Knex } from 'knex';
import { AssessmentSkeletons } from './AssessmentSkeletons';
import { StoredAssessmentRow } from './assessmentCodec';
import { toIso } from './dates';
import { insertRows } from './insertRows';
import { FleetMatchCache } from './FleetMatchCache';
import { FleetAggregates } from './FleetAggregates';
import { FleetQueries } from './FleetQueries';
import { FleetSnapshots } from './FleetSnapshots';
import {
  STORED_COLUMNS,
  STORED_META_COLUMNS,
  SUMMARY_COLUMNS,
  storedMetaKey,
  toSummary,
} from './fleetRows';
import {
  AssessedEntityMeta,
  AssessmentSummary,
  HistoryEntry,
  StatusChange,
} from './types';
import { isPostgres } from './isPostgres';
import { whereAnyOf } from './whereAnyOf';
import { PassWriteTally, readPassWrites } from './WriteCounters';
import type { StorableAssessment } from './toStorable';

/**
 * Assessments per write transaction, and rows per multi-row insert. SQLite's multi-row insert
 * is a compound SELECT capped at 500 terms; PostgreSQL takes up to 65,535 parameters a
 * statement, and a transaction per page instead of per 100 saves most of the commits.
 */
const SQLITE_LIMITS = { batch: 100, rows: 400 };
const PG_LIMITS = { batch: 500, rows: 2000 };
/** Stored refs read per statement when removing those that left the catalog. */
const RETAIN_PAGE = 5000;

/** The columns of an assessment's row, with their PostgreSQL types. */
const ASSESSMENT_COLUMNS = {
  entity_ref: 'text',
  kind: 'text',
  namespace: 'text',
  name: 'text',
  type: 'text',
  owner: 'text',
  system: 'text',
  domain: 'text',
  template_version: 'text',
  status: 'text',
  score: 'integer',
  score_order: 'integer',
  dr_status: 'text',
  drift_status: 'text',
  failing_critical: 'integer',
  failing_high: 'integer',
  failing_medium: 'integer',
  failing_low: 'integer',
  input_hash: 'text',
  policy_version: 'text',
  evaluated_at: 'timestamptz',
  body: 'text',
  skeleton_id: 'text',
  controls: 'text[]',
};

/** The columns of the rows written beside each assessment, with their PostgreSQL types. */
const FRAMEWORK_COLUMNS = {
  entity_ref: 'text',
  framework: 'text',
  status: 'text',
};
const HISTORY_COLUMNS = {
  entity_ref: 'text',
  status: 'text',
  previous_status: 'text',
  score: 'integer',
  dr_status: 'text',
  changed_at: 'timestamptz',
};

/**
 * Replaces the rows of `table` beside the entities `stored` before (theirs are deleted; new
 * entities have none) with `rows`.
 */
async function replaceRows(
  tx: Knex.Transaction,
  table: string,
  columns: Record<string, string>,
  stored: string[],
  rows: Array<Record<string, unknown>>,
  perInsert: number,
): Promise<void> {
  if (stored.length) await whereAnyOf(tx(table), 'entity_ref', stored).delete();
  await insertRows(tx, table, columns, rows, perInsert);
}

/**
 * Latest assessment per entity (a compact body, see encodeAssessment, plus flattened columns
 * for SQL filters and aggregates, its results that apply among them), per-framework rows, and the history of
 * status changes.
 *
 * @public
 */
export class AssessmentStore {
  /** Reads across the fleet: pages, totals, aggregates, the Systems' DR estimates. */
  readonly fleet: FleetQueries;
  /** Counts per group and per control; the whole fleet's refreshed after a pass. */
  readonly aggregates: FleetAggregates;
  private readonly snapshots: FleetSnapshots;
  private readonly skeletons: AssessmentSkeletons;
  private readonly limits: { batch: number; rows: number };
  private readonly isPg: boolean;

  /**
   * `knex`: the plugin's database, migrated (migrateComplianceDatabase); `matches`: the fleet
   * page cache (tests pass one that keeps nothing).
   */
  static create(options: { knex: Knex; matches?: FleetMatchCache }) {
    return new AssessmentStore(options.knex, options.matches);
  }

  private constructor(
    private readonly knex: Knex,
    matches = new FleetMatchCache(),
  ) {
    this.snapshots = new FleetSnapshots(knex);
    this.skeletons = new AssessmentSkeletons(knex);
    this.fleet = new FleetQueries(
      knex,
      this.snapshots,
      this.skeletons,
      matches,
    );
    this.aggregates = new FleetAggregates(knex, this.snapshots);
    this.isPg = isPostgres(knex);
    this.limits = this.isPg ? PG_LIMITS : SQLITE_LIMITS;
  }

  /**
   * Of the stored assessments of `refs` (one page of a pass): the input hash, to skip
   * unchanged entities, and the key of the catalog facts stored beside it (see metaKey).
   */
  async getStoredInputs(
    refs: string[],
  ): Promise<Map<string, { inputHash: string; metaKey: string }>> {
    const out = new Map<string, { inputHash: string; metaKey: string }>();
    for (let i = 0; i < refs.length; i += 500) {
      const rows = await whereAnyOf(
        this.knex('compliance_assessments'),
        'entity_ref',
        refs.slice(i, i + 500),
      ).select('entity_ref', 'input_hash', ...STORED_META_COLUMNS);
      for (const r of rows)
        out.set(r.entity_ref, {
          inputHash: r.input_hash,
          metaKey: storedMetaKey(r),
        });
    }
    return out;
  }

  /**
   * The write version and the pass writers' counters (see onlyOwnWrites): read by a pass
   * before its first page.
   */
  async passWrites(): Promise<Map<string, number>> {
    return readPassWrites(this.knex);
  }

  /** Refs of every assessed entity (the visibility check of conditional readers). */
  async assessedRefs(): Promise<string[]> {
    const rows = await this.knex('compliance_assessments').select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  /**
   * Stores assessments (built by toStorable where they were evaluated); returns the status
   * changes (new entities included) so callers can notify. A batch is one transaction: a
   * crash never leaves half an assessment. A pass gives its tally: each transaction also
   * counts on the tally's writer counter, and on the tally once committed.
   */
  async save(
    items: Array<{ stored: StorableAssessment; meta: AssessedEntityMeta }>,
    writer?: PassWriteTally,
  ): Promise<StatusChange[]> {
    const changes: StatusChange[] = [];
    const { batch: BATCH, rows: ROWS } = this.limits;
    for (let i = 0; i < items.length; i += BATCH) {
      const batch = items.slice(i, i + BATCH);
      const refs = batch.map(b => b.stored.entityRef);
      const skeletons = new Map<string, string>();
      for (const { stored: a } of batch)
        if (a.skeleton) skeletons.set(a.skeleton.id, a.skeleton.json);
      await this.skeletons.ensure(skeletons);
      await this.knex.transaction(async tx => {
        // Assessments are derived data: a crash may lose the last fraction of a second of
        // them (never half of one), and the next pass evaluates those entities again as
        // their stored hash is the old one. Not waiting for each commit to be flushed saves
        // a disk flush per page.
        if (this.isPg) await tx.raw('set local synchronous_commit = off');
        const previous = new Map(
          (
            await whereAnyOf(
              tx('compliance_assessments'),
              'entity_ref',
              refs,
            ).select('entity_ref', 'status', 'dr_status', 'score')
          ).map(r => [r.entity_ref, r]),
        );
        const rows = batch.map(({ stored: a, meta }) => ({
          entity_ref: a.entityRef,
          kind: meta.kind,
          namespace: meta.namespace,
          name: meta.name,
          type: meta.type ?? null,
          owner: meta.owner ?? null,
          system: meta.system ?? null,
          domain: meta.domain ?? null,
          template_version: meta.templateVersion ?? null,
          status: a.status,
          score: a.score,
          // No score sorts last on every database (keyset order of the fleet list).
          score_order: a.score ?? 101,
          dr_status: a.drStatus,
          drift_status: a.drift ?? null,
          failing_critical: a.failing.critical,
          failing_high: a.failing.high,
          failing_medium: a.failing.medium,
          failing_low: a.failing.low,
          input_hash: a.inputHash,
          policy_version: a.policyVersion,
          evaluated_at: new Date(a.evaluatedAt),
          body: a.body,
          skeleton_id: a.skeleton?.id ?? null,
          controls: a.controls,
        }));
        const existed = await insertRows(
          tx,
          'compliance_assessments',
          ASSESSMENT_COLUMNS,
          rows,
          ROWS,
          'entity_ref',
        );
        // Framework rows exist only beside a stored assessment: entities stored before have
        // theirs replaced, new ones have none to delete (a first pass deletes nothing). On
        // PostgreSQL the upsert says which were stored, including by a concurrent writer
        // (a re-evaluation on another replica) that committed while this one waited for it.
        const stored = existed ?? refs.filter(ref => previous.has(ref));
        await replaceRows(
          tx,
          'compliance_entity_frameworks',
          FRAMEWORK_COLUMNS,
          stored,
          batch.flatMap(({ stored: a }) =>
            a.frameworks.map(([framework, status]) => ({
              entity_ref: a.entityRef,
              framework,
              status,
            })),
          ),
          ROWS,
        );
        const history = [];
        for (const { stored: a, meta } of batch) {
          const prev = previous.get(a.entityRef);
          if (prev && prev.status === a.status && prev.dr_status === a.drStatus)
            continue;
          history.push({
            entity_ref: a.entityRef,
            status: a.status,
            previous_status: prev?.status ?? null,
            score: a.score,
            dr_status: a.drStatus,
            changed_at: new Date(a.evaluatedAt),
          });
          changes.push({
            entityRef: a.entityRef,
            owner: meta.owner,
            previous: prev
              ? {
                  status: prev.status,
                  drStatus: prev.dr_status,
                  score: prev.score === null ? null : Number(prev.score),
                }
              : undefined,
            next: { status: a.status, drStatus: a.drStatus, score: a.score },
          });
        }
        await insertRows(
          tx,
          'compliance_history',
          HISTORY_COLUMNS,
          history,
          ROWS,
        );
        // In the transaction: its commit is not waited for either (one disk flush per page
        // less), and the version never says more than what is stored.
        await this.snapshots.bump(tx, writer?.writer);
      });
      if (writer) writer.writes++;
    }
    return changes;
  }

  /**
   * Removes the assessments (and framework rows) of entities not `present`: those that left
   * the catalog (history is kept). Returns how many.
   */
  async retain(
    present: { has(ref: string): boolean },
    pageSize = RETAIN_PAGE,
  ): Promise<number> {
    // The stored refs are read a page at a time by key (the primary key's order): only a
    // page is held, not every stored ref (issue 19: 100,000 row objects at the end of a
    // pass of the first shard). Rows deleted are behind the key, so no row is skipped.
    let removed = 0;
    let after: string | undefined;
    for (;;) {
      const query = this.knex('compliance_assessments')
        .select('entity_ref')
        .orderBy('entity_ref')
        .limit(pageSize);
      if (after !== undefined) query.where('entity_ref', '>', after);
      const page: string[] = (await query).map(r => r.entity_ref);
      if (!page.length) break;
      after = page[page.length - 1];
      const gone = page.filter(ref => !present.has(ref));
      for (let i = 0; i < gone.length; i += 500) {
        const chunk = gone.slice(i, i + 500);
        await this.knex.transaction(async tx => {
          await tx('compliance_entity_frameworks')
            .whereIn('entity_ref', chunk)
            .delete();
          await tx('compliance_assessments')
            .whereIn('entity_ref', chunk)
            .delete();
        });
      }
      removed += gone.length;
      if (page.length < pageSize) break;
    }
    if (removed) await this.snapshots.bump();
    return removed;
  }

  /** The assessment's JSON, as JSON.stringify wrote it when it was stored. */
  async getJson(entityRef: string): Promise<string | undefined> {
    const row: StoredAssessmentRow | undefined = await this.knex(
      'compliance_assessments',
    )
      .where({ entity_ref: entityRef })
      .first(STORED_COLUMNS);
    if (!row) return undefined;
    // A row stored before compact bodies holds the JSON itself.
    if (!row.skeleton_id) return row.body;
    return JSON.stringify((await this.skeletons.decode([row]))[0]);
  }

  async get(entityRef: string): Promise<Assessment | undefined> {
    const row: StoredAssessmentRow | undefined = await this.knex(
      'compliance_assessments',
    )
      .where({ entity_ref: entityRef })
      .first(STORED_COLUMNS);
    return row ? (await this.skeletons.decode([row]))[0] : undefined;
  }

  async getSummaries(refs: string[]): Promise<AssessmentSummary[]> {
    if (!refs.length) return [];
    return (
      await this.knex('compliance_assessments')
        .whereIn('entity_ref', refs)
        .select(SUMMARY_COLUMNS)
    ).map(toSummary);
  }

  async history(entityRef: string, limit = 100): Promise<HistoryEntry[]> {
    const rows = await this.knex('compliance_history')
      .where({ entity_ref: entityRef })
      .orderBy('changed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(r => ({
      status: r.status,
      previousStatus: r.previous_status ?? undefined,
      score: r.score === null ? null : Number(r.score),
      drStatus: r.dr_status,
      changedAt: toIso(r.changed_at),
    }));
  }
}
