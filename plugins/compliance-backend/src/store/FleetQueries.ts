import { InputError } from '@backstage/errors';
import { DrStatus } from '@refarch/backstage-plugin-compliance-common';
import { Knex } from 'knex';
import { AssessmentSkeletons } from './AssessmentSkeletons';
import { toIso } from './dates';
import {
  FLEET_ORDERS,
  FleetOrderBy,
  decodeFleetCursor,
  encodeFleetCursor,
} from './fleetCursor';
import { FleetMatchCache } from './FleetMatchCache';
import { countAssessments, filteredAssessments } from './fleetFilter';
import {
  STORED_COLUMNS,
  SUMMARY_COLUMNS,
  SummaryRow,
  isUnfiltered,
  toSummary,
} from './fleetRows';
import { FleetSnapshots } from './FleetSnapshots';
import { VersionedLru } from './VersionedLru';

/** One page of the fleet list. @internal */
export interface FleetPage {
  items: AssessmentSummary[];
  totalCount?: number;
  nextCursor?: string;
}
import { AssessmentSummary, FleetFilter } from './types';

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
 * Reads of the fleet across stored assessments: filtered pages (keyset, or sliced from cached
 * matches), totals, aggregates per group and per control, and the Systems' DR estimates.
 * Fleet-wide totals and aggregates come from snapshots refreshed after each pass; a filtered
 * count is kept per write version.
 *
 * @public
 */
export class FleetQueries {
  private readonly counts = new VersionedLru<number>();

  /** Built by AssessmentStore, which shares its snapshots and skeletons with it. */
  constructor(
    private readonly knex: Knex,
    private readonly snapshots: FleetSnapshots,
    private readonly skeletons: AssessmentSkeletons,
    private readonly matches: FleetMatchCache,
  ) {}

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
  ): Promise<FleetPage> {
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
    const q = filteredAssessments(this.knex, filter)
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
    return fleetPage(rows, orderBy, page.limit, totalCount);
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
  ): Promise<FleetPage | undefined> {
    const { column, direction } = FLEET_ORDERS[orderBy];
    const version = await this.snapshots.version();
    const key = JSON.stringify([orderBy, filter]);
    let matches = this.matches.get(key, version);
    if (!matches) {
      const rows = await filteredAssessments(this.knex, filter)
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
      ).map((r: SummaryRow & { _sort: string | number | Date }) => [
        r.entity_ref,
        r,
      ]),
    );
    const rows = refs.flatMap(ref => byRef.get(ref) ?? []);
    return fleetPage(
      rows,
      orderBy,
      page.limit,
      page.after === undefined ? matches.refs.length : undefined,
    );
  }

  /**
   * The total of a first page: the fleet's from its snapshot; a filter's counted once per
   * write version (a count of a broad filter scans tens of thousands of rows at 100k).
   */
  private async count(filter: FleetFilter): Promise<number> {
    if (isUnfiltered(filter))
      return this.snapshots.read('count', () =>
        countAssessments(this.knex, filter),
      );
    const key = JSON.stringify(filter);
    const version = await this.snapshots.version();
    return (
      this.counts.get(key, version) ??
      this.counts.set(key, version, await countAssessments(this.knex, filter))
    );
  }

  /**
   * The stored DR estimate of every assessed System, filtered by owner and `visible` in SQL;
   * read from the stored bodies, never evaluated here.
   */
  async systemsDr(
    owner: string[] | undefined,
    visible?: string[],
  ): Promise<SystemDr[]> {
    const rows = await filteredAssessments(
      this.knex,
      { kind: ['system'], owner },
      visible,
    )
      .select([
        ...STORED_COLUMNS.map(c => `a.${c}`),
        'a.namespace',
        'a.name',
        'a.owner',
        'a.evaluated_at',
      ])
      .orderBy('a.entity_ref');
    const assessments = await this.skeletons.decode(rows);
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
    const rows = await filteredAssessments(
      this.knex,
      { kind: ['system'] },
      visible,
    )
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
}

/** A page of the fleet list: its summaries, the total when counted, and where the next page starts. */
function fleetPage(
  rows: (SummaryRow & { _sort?: unknown })[],
  orderBy: FleetOrderBy,
  limit: number,
  totalCount: number | undefined,
): FleetPage {
  const last = rows[rows.length - 1];
  const value =
    last?._sort instanceof Date ? last._sort.toISOString() : last?._sort;
  return {
    items: rows.map(toSummary),
    ...(totalCount === undefined ? {} : { totalCount }),
    ...(rows.length === limit && last
      ? {
          nextCursor: encodeFleetCursor({
            orderBy,
            value: value as string | number,
            entityRef: last.entity_ref,
          }),
        }
      : {}),
  };
}
