import { InputError } from '@backstage/errors';
import {
  Assessment,
  DrStatus,
} from '@refarch/backstage-plugin-compliance-common';
import { Knex } from 'knex';
import { AssessmentSkeletons } from './AssessmentSkeletons';
import {
  EncodedAssessment,
  StoredAssessmentRow,
  decodeAssessment,
  encodeAssessment,
} from './assessmentCodec';
import { toIso } from './dates';
import { insertRows } from './insertRows';
import {
  FLEET_ORDERS,
  FleetOrderBy,
  decodeFleetCursor,
  encodeFleetCursor,
} from './fleetCursor';
import { FleetMatchCache } from './FleetMatchCache';
import { FleetSnapshots } from './FleetSnapshots';
import { VersionedLru } from './VersionedLru';
import {
  AssessedEntityMeta,
  AssessmentSummary,
  ControlAggregate,
  FleetFilter,
  GroupAggregate,
  HistoryEntry,
  StatusChange,
} from './types';

/**
 * Assessments per write transaction, and rows per multi-row insert. SQLite's multi-row insert
 * is a compound SELECT capped at 500 terms; PostgreSQL takes up to 65,535 parameters a
 * statement, and a transaction per page instead of per 100 saves most of the commits.
 */
const SQLITE_LIMITS = { batch: 100, rows: 400 };
const PG_LIMITS = { batch: 500, rows: 2000 };

/** The columns of the rows written beside each assessment, with their PostgreSQL types. */
const RESULT_COLUMNS = {
  entity_ref: 'text',
  control_id: 'text',
  status: 'text',
  severity: 'text',
};
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

const GROUP_COLUMNS = ['owner', 'system', 'domain', 'kind'] as const;
type GroupColumn = (typeof GROUP_COLUMNS)[number];

/** No filter set (the router passes every key, unset ones as undefined). */
function isUnfiltered(filter: FleetFilter): boolean {
  return Object.values(filter).every(
    v => v === undefined || (Array.isArray(v) && v.length === 0),
  );
}
const SUMMARY_COLUMNS = [
  'entity_ref',
  'kind',
  'namespace',
  'name',
  'type',
  'owner',
  'system',
  'domain',
  'status',
  'score',
  'dr_status',
  'drift_status',
  'failing_critical',
  'failing_high',
  'failing_medium',
  'failing_low',
  'evaluated_at',
  'template_version',
];

function toSummary(row: any): AssessmentSummary {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    type: row.type ?? undefined,
    owner: row.owner ?? undefined,
    system: row.system ?? undefined,
    domain: row.domain ?? undefined,
    templateVersion: row.template_version ?? undefined,
    status: row.status,
    score:
      row.score === null || row.score === undefined ? null : Number(row.score),
    drStatus: row.dr_status,
    ...(row.drift_status ? { drift: row.drift_status } : {}),
    failing: {
      critical: Number(row.failing_critical),
      high: Number(row.failing_high),
      medium: Number(row.failing_medium),
      low: Number(row.failing_low),
    },
    evaluatedAt: toIso(row.evaluated_at),
  };
}

/** The columns an assessment is read back from (see decodeAssessment). */
const STORED_COLUMNS = [
  'entity_ref',
  'input_hash',
  'policy_version',
  'status',
  'score',
  'failing_critical',
  'failing_high',
  'failing_medium',
  'failing_low',
  'body',
  'skeleton_id',
];

/** A System's stored DR estimate, as the DR matrix reads it. @internal */
export interface SystemDr {
  entityRef: string;
  namespace: string;
  name: string;
  owner?: string;
  evaluatedAt: string;
  dr: DrStatus;
}

/**
 * Latest assessment per entity (a compact body, see encodeAssessment, plus flattened columns
 * for SQL filters and aggregates), per-control and per-framework rows, and the history of
 * status changes.
 *
 * @public
 */
export class AssessmentStore {
  private readonly snapshots: FleetSnapshots;
  private readonly skeletons: AssessmentSkeletons;

  /**
   * `knex`: the plugin's database, migrated (migrateComplianceDatabase); `matches`: the fleet
   * page cache (tests pass one that keeps nothing).
   */
  static create(options: { knex: Knex; matches?: FleetMatchCache }) {
    return new AssessmentStore(options.knex, options.matches);
  }

  private readonly limits: { batch: number; rows: number };
  private readonly isPg: boolean;
  private readonly counts = new VersionedLru<number>();

  private constructor(
    private readonly knex: Knex,
    private readonly matches = new FleetMatchCache(),
  ) {
    this.snapshots = new FleetSnapshots(knex);
    this.skeletons = new AssessmentSkeletons(knex);
    this.isPg = String(knex.client.config.client).startsWith('pg');
    this.limits = this.isPg ? PG_LIMITS : SQLITE_LIMITS;
  }

  /**
   * Input hashes of the stored assessments, to skip unchanged entities: of `refs` (one page
   * of a pass), or of every assessed entity.
   */
  async getInputHashes(refs?: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!refs) {
      const rows = await this.knex('compliance_assessments').select(
        'entity_ref',
        'input_hash',
      );
      for (const r of rows) out.set(r.entity_ref, r.input_hash);
      return out;
    }
    for (let i = 0; i < refs.length; i += 500) {
      const rows = await this.knex('compliance_assessments')
        .whereIn('entity_ref', refs.slice(i, i + 500))
        .select('entity_ref', 'input_hash');
      for (const r of rows) out.set(r.entity_ref, r.input_hash);
    }
    return out;
  }

  /** Refs of every assessed entity (the visibility check of conditional readers). */
  async assessedRefs(): Promise<string[]> {
    const rows = await this.knex('compliance_assessments').select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  /**
   * Stores assessments; returns the status changes (new entities included) so callers can
   * notify. A batch is one transaction: a crash never leaves half an assessment.
   */
  async save(
    items: Array<{
      assessment: Assessment;
      meta: AssessedEntityMeta;
      severities: Map<string, string>;
    }>,
  ): Promise<StatusChange[]> {
    const changes: StatusChange[] = [];
    const { batch: BATCH, rows: ROWS } = this.limits;
    for (let i = 0; i < items.length; i += BATCH) {
      const batch = items.slice(i, i + BATCH);
      const refs = batch.map(b => b.assessment.entityRef);
      const encoded = new Map<string, EncodedAssessment>();
      const skeletons = new Map<string, string>();
      for (const { assessment: a } of batch) {
        const e = encodeAssessment(a);
        encoded.set(a.entityRef, e);
        if (e.skeleton) skeletons.set(e.skeleton.id, e.skeleton.json);
      }
      await this.skeletons.ensure(skeletons);
      await this.knex.transaction(async tx => {
        // Assessments are derived data: a crash may lose the last fraction of a second of
        // them (never half of one), and the next pass evaluates those entities again as
        // their stored hash is the old one. Not waiting for each commit to be flushed saves
        // a disk flush per page.
        if (this.isPg) await tx.raw('set local synchronous_commit = off');
        const previous = new Map(
          (
            await tx('compliance_assessments')
              .whereIn('entity_ref', refs)
              .select('entity_ref', 'status', 'dr_status', 'score')
          ).map(r => [r.entity_ref, r]),
        );
        const rows = batch.map(({ assessment: a, meta }) => ({
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
          dr_status: a.dr.status,
          drift_status: a.deployed?.drift ?? null,
          failing_critical: a.failing.critical,
          failing_high: a.failing.high,
          failing_medium: a.failing.medium,
          failing_low: a.failing.low,
          input_hash: a.inputHash,
          policy_version: a.policyVersion,
          evaluated_at: new Date(a.evaluatedAt),
          body: encoded.get(a.entityRef)!.body,
          skeleton_id: encoded.get(a.entityRef)!.skeleton?.id ?? null,
        }));
        await tx('compliance_assessments')
          .insert(rows)
          .onConflict('entity_ref')
          .merge();
        await tx('compliance_results').whereIn('entity_ref', refs).delete();
        const results = batch.flatMap(({ assessment: a, severities }) =>
          // Not-applicable rows would only bloat the table: filters and aggregates skip them.
          a.results
            .filter(r => r.status !== 'not-applicable')
            .map(r => ({
              entity_ref: a.entityRef,
              control_id: r.controlId,
              status: r.status,
              severity: severities.get(r.controlId) ?? 'low',
            })),
        );
        await insertRows(
          tx,
          'compliance_results',
          RESULT_COLUMNS,
          results,
          ROWS,
        );
        await tx('compliance_entity_frameworks')
          .whereIn('entity_ref', refs)
          .delete();
        const frameworks = batch.flatMap(({ assessment: a }) =>
          Object.entries(a.frameworks).map(([framework, s]) => ({
            entity_ref: a.entityRef,
            framework,
            status: s!.status,
          })),
        );
        await insertRows(
          tx,
          'compliance_entity_frameworks',
          FRAMEWORK_COLUMNS,
          frameworks,
          ROWS,
        );
        const history = [];
        for (const { assessment: a, meta } of batch) {
          const prev = previous.get(a.entityRef);
          if (
            prev &&
            prev.status === a.status &&
            prev.dr_status === a.dr.status
          )
            continue;
          history.push({
            entity_ref: a.entityRef,
            status: a.status,
            previous_status: prev?.status ?? null,
            score: a.score,
            dr_status: a.dr.status,
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
            next: { status: a.status, drStatus: a.dr.status, score: a.score },
          });
        }
        await insertRows(
          tx,
          'compliance_history',
          HISTORY_COLUMNS,
          history,
          ROWS,
        );
      });
    }
    if (items.length) await this.snapshots.bump();
    return changes;
  }

  /** Removes assessments of entities that left the catalog (history is kept). */
  async retain(refs: Set<string>): Promise<number> {
    const stored = await this.knex('compliance_assessments').select(
      'entity_ref',
    );
    const gone = stored.map(r => r.entity_ref).filter(ref => !refs.has(ref));
    for (let i = 0; i < gone.length; i += 500) {
      const chunk = gone.slice(i, i + 500);
      await this.knex.transaction(async tx => {
        await tx('compliance_results').whereIn('entity_ref', chunk).delete();
        await tx('compliance_entity_frameworks')
          .whereIn('entity_ref', chunk)
          .delete();
        await tx('compliance_assessments')
          .whereIn('entity_ref', chunk)
          .delete();
      });
    }
    if (gone.length) await this.snapshots.bump();
    return gone.length;
  }

  /** The stored assessments of `rows` (rows of STORED_COLUMNS). */
  private async decode(rows: StoredAssessmentRow[]): Promise<Assessment[]> {
    const skeletons = await this.skeletons.get(
      rows.flatMap(r => (r.skeleton_id ? [r.skeleton_id] : [])),
    );
    return rows.map(r =>
      decodeAssessment(
        r,
        r.skeleton_id ? skeletons.get(r.skeleton_id) : undefined,
      ),
    );
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
    return JSON.stringify((await this.decode([row]))[0]);
  }

  async get(entityRef: string): Promise<Assessment | undefined> {
    const row: StoredAssessmentRow | undefined = await this.knex(
      'compliance_assessments',
    )
      .where({ entity_ref: entityRef })
      .first(STORED_COLUMNS);
    return row ? (await this.decode([row]))[0] : undefined;
  }

  async getSummaries(refs: string[]): Promise<AssessmentSummary[]> {
    if (!refs.length) return [];
    return (
      await this.knex('compliance_assessments')
        .whereIn('entity_ref', refs)
        .select(SUMMARY_COLUMNS)
    ).map(toSummary);
  }

  /** `visible`: only these entities (a caller with conditional catalog read access). */
  private filtered(filter: FleetFilter, visible?: string[]): Knex.QueryBuilder {
    const q = this.knex('compliance_assessments as a');
    const inList = (column: string, values?: string[]) => {
      if (values?.length) q.whereIn(column, values);
    };
    if (visible) q.whereIn('a.entity_ref', visible.length ? visible : ['']);
    inList('a.owner', filter.owner);
    if (filter.system?.length)
      // A System belongs to its own group: its own assessment and its members'.
      q.where(w =>
        w
          .whereIn('a.system', filter.system!)
          .orWhere(s =>
            s.where('a.kind', 'system').whereIn('a.entity_ref', filter.system!),
          ),
      );
    inList('a.domain', filter.domain);
    inList(
      'a.kind',
      filter.kind?.map(k => k.toLocaleLowerCase('en-US')),
    );
    inList('a.status', filter.status);
    inList('a.dr_status', filter.drStatus);
    inList('a.drift_status', filter.drift);
    if (filter.framework?.length) {
      q.whereIn(
        'a.entity_ref',
        this.knex('compliance_entity_frameworks')
          .select('entity_ref')
          .whereIn('framework', filter.framework),
      );
    }
    if (filter.control) {
      q.whereIn(
        'a.entity_ref',
        this.knex('compliance_results')
          .select('entity_ref')
          .where('control_id', filter.control)
          .whereIn(
            'status',
            filter.controlStatus?.length ? filter.controlStatus : ['fail'],
          ),
      );
    }
    if (filter.search)
      q.whereRaw('lower(a.name) like ?', [
        `%${filter.search.toLocaleLowerCase('en-US').replace(/[%_]/g, '')}%`,
      ]);
    return q;
  }

  /**
   * A page of the fleet. With `cursor` (the `nextCursor` of the previous page) it is a keyset
   * page: an index range scan from where the previous page ended, as fast on page 2,000 as on
   * page 1. `offset` is still accepted and costs a scan of the skipped rows. The total is
   * counted only for the first page (no cursor): a client keeps it while following cursors.
   */
  async list(
    filter: FleetFilter,
    page: {
      limit: number;
      offset?: number;
      orderBy?: string;
      cursor?: string;
    },
  ): Promise<{
    items: AssessmentSummary[];
    totalCount?: number;
    nextCursor?: string;
  }> {
    const orderBy: FleetOrderBy =
      page.orderBy && page.orderBy in FLEET_ORDERS
        ? (page.orderBy as FleetOrderBy)
        : 'score';
    const { column, direction } = FLEET_ORDERS[orderBy];
    const after = page.cursor
      ? decodeFleetCursor(page.cursor, orderBy)
      : undefined;
    if (after && page.offset)
      throw new InputError(
        'cursor and offset cannot be combined: a cursor already says where the page starts',
      );
    if (filter.framework?.length || filter.control) {
      const fromMatches = await this.listFromMatches(filter, orderBy, {
        ...page,
        after: after?.entityRef,
      });
      if (fromMatches) return fromMatches;
    }
    const q = this.filtered(filter)
      .select([...SUMMARY_COLUMNS.map(c => `a.${c}`), `a.${column} as _sort`])
      .orderBy(`a.${column}`, direction)
      .orderBy('a.entity_ref', direction)
      .limit(page.limit);
    if (after)
      q.whereRaw(`(??, ??) ${direction === 'asc' ? '>' : '<'} (?, ?)`, [
        `a.${column}`,
        'a.entity_ref',
        after.value,
        after.entityRef,
      ]);
    else if (page.offset) q.offset(page.offset);
    const [rows, totalCount] = await Promise.all([
      q,
      after ? undefined : this.count(filter),
    ]);
    const last = rows[rows.length - 1];
    const value =
      last?._sort instanceof Date ? last._sort.toISOString() : last?._sort;
    return {
      items: rows.map(toSummary),
      ...(totalCount === undefined ? {} : { totalCount }),
      ...(rows.length === page.limit && last
        ? {
            nextCursor: encodeFleetCursor({
              orderBy,
              value,
              entityRef: last.entity_ref,
            }),
          }
        : {}),
    };
  }

  /**
   * A page of a filter that reads another table, sliced from its ordered matches at the
   * current write version (see {@link FleetMatchCache}); the same rows, total and cursor as
   * the keyset query. Undefined when the matches are too many to keep, or the cursor's row
   * is no longer among them: the keyset query then answers.
   */
  private async listFromMatches(
    filter: FleetFilter,
    orderBy: FleetOrderBy,
    page: { limit: number; offset?: number; after?: string },
  ): Promise<
    | { items: AssessmentSummary[]; totalCount?: number; nextCursor?: string }
    | undefined
  > {
    const { column, direction } = FLEET_ORDERS[orderBy];
    const version = await this.snapshots.version();
    const key = JSON.stringify([orderBy, filter]);
    let matches = this.matches.get(key, version);
    if (!matches) {
      const rows = await this.filtered(filter)
        .select('a.entity_ref')
        .orderBy(`a.${column}`, direction)
        .orderBy('a.entity_ref', direction)
        .limit(this.matches.limits.maxMatches + 1);
      matches = this.matches.set(
        key,
        version,
        rows.map((r: { entity_ref: string }) => r.entity_ref),
      );
    }
    if (!matches.kept) return undefined;
    let start = page.offset ?? 0;
    if (page.after !== undefined) {
      const at = matches.positions.get(page.after);
      if (at === undefined) return undefined;
      start = at + 1;
    }
    const refs = matches.refs.slice(start, start + page.limit);
    const byRef = new Map(
      (refs.length
        ? await this.knex('compliance_assessments as a')
            .whereIn('a.entity_ref', refs)
            .select([
              ...SUMMARY_COLUMNS.map(c => `a.${c}`),
              `a.${column} as _sort`,
            ])
        : []
      ).map((r: any) => [r.entity_ref, r]),
    );
    const rows = refs.flatMap(ref => byRef.get(ref) ?? []);
    const last = rows[rows.length - 1];
    const value =
      last?._sort instanceof Date ? last._sort.toISOString() : last?._sort;
    return {
      items: rows.map(toSummary),
      ...(page.after === undefined ? { totalCount: matches.refs.length } : {}),
      ...(rows.length === page.limit && last
        ? {
            nextCursor: encodeFleetCursor({
              orderBy,
              value,
              entityRef: last.entity_ref,
            }),
          }
        : {}),
    };
  }

  /**
   * The total of a first page: the fleet's from its snapshot; a filter's counted once per
   * write version (a count of a broad filter scans tens of thousands of rows at 100k).
   */
  private async count(filter: FleetFilter): Promise<number> {
    if (isUnfiltered(filter))
      return this.snapshots.read('count', () => this.computeCount(filter));
    const key = JSON.stringify(filter);
    const version = await this.snapshots.version();
    return (
      this.counts.get(key, version) ??
      this.counts.set(key, version, await this.computeCount(filter))
    );
  }

  private async computeCount(filter: FleetFilter): Promise<number> {
    const row: { n?: string | number } | undefined = await this.filtered(filter)
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  /**
   * Recomputes the fleet-wide snapshots (aggregates per owner, system, domain, kind and
   * control, and the row count) that a write made stale, so the requests after a pass read
   * them instead of scanning.
   */
  async refreshSnapshots(): Promise<void> {
    for (const column of GROUP_COLUMNS)
      await this.snapshots.refreshIfStale(`by:${column}`, () =>
        this.computeAggregateBy(column, {}),
      );
    await this.snapshots.refreshIfStale('controls', () =>
      this.computeAggregateControls({}),
    );
    await this.snapshots.refreshIfStale('count', () => this.computeCount({}));
  }

  /** Counts per owner or system, computed in SQL. */
  async aggregateBy(
    column: GroupColumn,
    filter: FleetFilter,
    visible?: string[],
  ): Promise<GroupAggregate[]> {
    // The whole fleet, as most callers ask for it: the snapshot, not a scan.
    if (!visible && isUnfiltered(filter))
      return this.snapshots.read(`by:${column}`, () =>
        this.computeAggregateBy(column, filter),
      );
    return this.computeAggregateBy(column, filter, visible);
  }

  private async computeAggregateBy(
    column: GroupColumn,
    filter: FleetFilter,
    visible?: string[],
  ): Promise<GroupAggregate[]> {
    const k = this.knex;
    const when = (cond: string) =>
      k.raw(`sum(case when ${cond} then 1 else 0 end)`);
    // A System is in its own group (its own controls and its members'), as its roll-up is.
    const key =
      column === 'system'
        ? k.raw(
            "coalesce(a.system, case when a.kind = 'system' then a.entity_ref end)",
          )
        : k.raw('??', [`a.${column}`]);
    const rows = await this.filtered(filter, visible)
      .select({
        key,
        total: k.raw('count(*)'),
        pass: when("a.status = 'pass'"),
        fail: when("a.status = 'fail'"),
        warn: when("a.status = 'warn'"),
        unknown: when("a.status = 'unknown'"),
        dr_breached: when("a.dr_status = 'breached'"),
        dr_at_risk: when("a.dr_status = 'at-risk'"),
        avg_score: k.raw('avg(a.score)'),
      })
      .groupBy(key)
      .orderBy('fail', 'desc')
      .orderBy('key');
    return rows.map((r: any) => {
      const total = Number(r.total);
      const known =
        Number(r.pass) + Number(r.fail) + Number(r.warn) + Number(r.unknown);
      return {
        key: r.key ?? '(none)',
        total,
        pass: Number(r.pass),
        fail: Number(r.fail),
        warn: Number(r.warn),
        unknown: Number(r.unknown),
        other: total - known,
        drBreached: Number(r.dr_breached),
        drAtRisk: Number(r.dr_at_risk),
        averageScore:
          r.avg_score === null ? null : Math.round(Number(r.avg_score)),
      };
    });
  }

  /** Per control: how many entities pass, fail, are waived… (computed in SQL). */
  async aggregateControls(
    filter: FleetFilter = {},
    visible?: string[],
  ): Promise<ControlAggregate[]> {
    if (!visible && isUnfiltered(filter))
      return this.snapshots.read('controls', () =>
        this.computeAggregateControls(filter),
      );
    return this.computeAggregateControls(filter, visible);
  }

  private async computeAggregateControls(
    filter: FleetFilter,
    visible?: string[],
  ): Promise<ControlAggregate[]> {
    const k = this.knex;
    const when = (s: string) =>
      k.raw(`sum(case when r.status = '${s}' then 1 else 0 end)`);
    const q = k('compliance_results as r').select({
      control_id: 'r.control_id',
      pass: when('pass'),
      fail: when('fail'),
      waived: when('waived'),
      unknown: when('unknown'),
      warn: when('warn'),
    });
    if (visible || !isUnfiltered(filter))
      q.whereIn(
        'r.entity_ref',
        this.filtered(filter, visible).select('a.entity_ref'),
      );
    const rows = await q.groupBy('r.control_id').orderBy('r.control_id');
    return rows.map((r: any) => ({
      controlId: r.control_id,
      pass: Number(r.pass),
      fail: Number(r.fail),
      waived: Number(r.waived),
      unknown: Number(r.unknown),
      warn: Number(r.warn),
    }));
  }

  /**
   * The stored DR estimate of every assessed System, filtered by owner and `visible` in SQL;
   * read from the stored bodies, never evaluated here.
   */
  async systemsDr(
    owner: string[] | undefined,
    visible?: string[],
  ): Promise<SystemDr[]> {
    const rows = await this.filtered({ kind: ['system'], owner }, visible)
      .select([
        ...STORED_COLUMNS.map(c => `a.${c}`),
        'a.namespace',
        'a.name',
        'a.owner',
        'a.evaluated_at',
      ])
      .orderBy('a.entity_ref');
    const assessments = await this.decode(rows);
    return rows.map((r: any, i: number) => ({
      entityRef: r.entity_ref,
      namespace: r.namespace,
      name: r.name,
      owner: r.owner ?? undefined,
      evaluatedAt: toIso(r.evaluated_at),
      dr: assessments[i].dr,
    }));
  }

  /** Owners of the assessed Systems (`visible`: only these), sorted. */
  async systemOwners(visible?: string[]): Promise<string[]> {
    const rows = await this.filtered({ kind: ['system'] }, visible)
      .whereNotNull('a.owner')
      .distinct('a.owner')
      .orderBy('a.owner');
    return rows.map((r: any) => r.owner);
  }

  /** Refs of the assessed Systems. */
  async systemRefs(): Promise<string[]> {
    const rows = await this.knex('compliance_assessments')
      .where('kind', 'system')
      .select('entity_ref');
    return rows.map(r => r.entity_ref);
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
