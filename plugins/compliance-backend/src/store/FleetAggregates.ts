import { Knex } from 'knex';
import {
  CONTROL_STATUSES,
  ControlStatus,
} from '@refarch/backstage-plugin-compliance-common';
import { countAssessments, filteredAssessments } from './fleetFilter';
import { GROUP_COLUMNS, GroupColumn, isUnfiltered } from './fleetRows';
import { FleetSnapshots } from './FleetSnapshots';
import { joinControlEntries, parseControlEntry } from './controlResults';
import { ControlAggregate, FleetFilter, GroupAggregate } from './types';

/** The statuses a control aggregate counts: all but not-applicable. */
type CountedStatus = Exclude<ControlStatus, 'not-applicable'>;
const COUNTED = new Set<string>(
  CONTROL_STATUSES.filter(s => s !== 'not-applicable'),
);

/**
 * Counts across the fleet, computed in SQL: per owner, system, domain or kind, and per
 * control. The whole fleet's are snapshots, refreshed once a pass has written.
 *
 * @public
 */
export class FleetAggregates {
  /** Built by AssessmentStore, which bumps the snapshots' version on each write. */
  constructor(
    private readonly knex: Knex,
    private readonly snapshots: FleetSnapshots,
  ) {}

  /**
   * Recomputes the fleet-wide snapshots (aggregates per owner, system, domain, kind and
   * control, and the row count) that a write made stale, so the requests after a pass read
   * them instead of scanning.
   */
  async refresh(): Promise<void> {
    for (const column of GROUP_COLUMNS)
      await this.snapshots.refreshIfStale(`by:${column}`, () =>
        this.computeByGroup(column, {}),
      );
    await this.snapshots.refreshIfStale('controls', () =>
      this.computeByControl({}),
    );
    await this.snapshots.refreshIfStale('count', () =>
      countAssessments(this.knex, {}),
    );
  }

  /** Counts per owner or system, computed in SQL. */
  async byGroup(
    column: GroupColumn,
    filter: FleetFilter,
    visible?: string[],
  ): Promise<GroupAggregate[]> {
    // The whole fleet, as most callers ask for it: the snapshot, not a scan.
    if (!visible && isUnfiltered(filter))
      return this.snapshots.read(`by:${column}`, () =>
        this.computeByGroup(column, filter),
      );
    return this.computeByGroup(column, filter, visible);
  }

  private async computeByGroup(
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
    const rows = await filteredAssessments(this.knex, filter, visible)
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
  async byControl(
    filter: FleetFilter = {},
    visible?: string[],
  ): Promise<ControlAggregate[]> {
    if (!visible && isUnfiltered(filter))
      return this.snapshots.read('controls', () =>
        this.computeByControl(filter),
      );
    return this.computeByControl(filter, visible);
  }

  /**
   * Counted per stored entry (a control and a status) in SQL, folded per control here: the
   * database groups the entries as they are stored instead of splitting each one.
   */
  private async computeByControl(
    filter: FleetFilter,
    visible?: string[],
  ): Promise<ControlAggregate[]> {
    const k = this.knex;
    const q = filteredAssessments(k, filter, visible);
    joinControlEntries(q, k);
    const rows: Array<{ entry: string; n: number | string }> = await q
      .select({ entry: 'c.value', n: k.raw('count(*)') })
      .groupBy('c.value');
    const byControl = new Map<string, ControlAggregate>();
    for (const row of rows) {
      const { controlId, status } = parseControlEntry(row.entry);
      let counts = byControl.get(controlId);
      if (!counts) {
        counts = {
          controlId,
          pass: 0,
          fail: 0,
          waived: 0,
          unknown: 0,
          warn: 0,
        };
        byControl.set(controlId, counts);
      }
      if (COUNTED.has(status)) counts[status as CountedStatus] += Number(row.n);
    }
    // In code-unit order, the same on every database.
    return [...byControl.values()].sort((a, b) =>
      a.controlId < b.controlId ? -1 : Number(a.controlId > b.controlId),
    );
  }
}
