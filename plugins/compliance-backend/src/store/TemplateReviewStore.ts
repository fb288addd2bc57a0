import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  TemplateConformanceReport,
  TemplateFileDigest,
  TemplateReviewEvent,
  TemplateReviewState,
  TemplateVersionRecord,
} from '@refarch/backstage-plugin-compliance-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { optionalIso, toIso } from './dates';

/** The content of a version, kept for diffs: the spec as YAML and the files (text only). */
export interface TemplateSnapshot {
  spec: string;
  files: Array<TemplateFileDigest & { text?: string }>;
}

const SYSTEM = 'system:compliance';

type Timestamp = Date | number | string;

/** A row of `compliance_template_versions`. Timestamps: Date (PostgreSQL) or number/string (SQLite). */
type VersionRow = {
  id: string;
  template_ref: string;
  version: string;
  state: TemplateReviewState;
  detected_at: Timestamp;
  last_editor: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  comment: string | null;
  /** JSON of a TemplateSnapshot. */
  snapshot: string;
  /** JSON of the TemplateConformanceReport of the version's dry run. */
  report: string | null;
};

/** A row of `compliance_template_events` (append-only). */
type EventRow = {
  id: number;
  version_id: string;
  action: TemplateReviewEvent['action'];
  actor: string;
  comment: string | null;
  /** JSON of the report a decision was taken with. */
  report: string | null;
  at: Timestamp;
};

/** A row of `compliance_template_current`. */
type CurrentRow = {
  template_ref: string;
  version: string | null;
  error: string | null;
  read_at: Timestamp;
};

/**
 * Template versions and their append-only event log. A decision only moves a version out
 * of `pending` (compare-and-set), so two concurrent approvals record one decision.
 *
 * @internal
 */
export class TemplateReviewStore {
  /** `knex`: the plugin's database, migrated (migrateComplianceDatabase). */
  static create(options: { knex: Knex }): TemplateReviewStore {
    return new TemplateReviewStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  private versionRows(db: Knex = this.knex) {
    return db<VersionRow>('compliance_template_versions');
  }

  private eventRows(db: Knex = this.knex) {
    return db<EventRow>('compliance_template_events');
  }

  private toRecord(
    row: VersionRow,
    events: TemplateReviewEvent[],
  ): TemplateVersionRecord {
    const snapshot = JSON.parse(row.snapshot) as TemplateSnapshot;
    return {
      templateRef: row.template_ref,
      version: row.version,
      state: row.state,
      detectedAt: toIso(row.detected_at),
      lastEditor: row.last_editor ?? undefined,
      decidedBy: row.decided_by ?? undefined,
      decidedAt: optionalIso(row.decided_at),
      comment: row.comment ?? undefined,
      files: snapshot.files.map(({ path, sha256, size }) => ({
        path,
        sha256,
        size,
      })),
      report: row.report ? JSON.parse(row.report) : undefined,
      events,
    };
  }

  /**
   * Records a version seen in the catalog. A new version supersedes the template's pending
   * ones (they can no longer be run or approved). Returns whether it was new.
   */
  async record(
    input: {
      templateRef: string;
      version: string;
      snapshot: TemplateSnapshot;
      lastEditor?: string;
    },
    now = new Date(),
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const existing = await this.versionRows(tx)
        .where({ template_ref: input.templateRef, version: input.version })
        .first('id');
      if (existing) return false;
      const id = randomUUID();
      const inserted = await this.versionRows(tx)
        .insert({
          id,
          template_ref: input.templateRef,
          version: input.version,
          state: 'pending',
          detected_at: now,
          last_editor: input.lastEditor ?? null,
          snapshot: JSON.stringify(input.snapshot),
        })
        .onConflict(['template_ref', 'version'])
        .ignore()
        .returning('id');
      // Another backend recorded the same version at the same time.
      if (inserted.length === 0) return false;
      await this.eventRows(tx).insert({
        version_id: id,
        action: 'detected',
        actor: SYSTEM,
        at: now,
      });
      const stale = await this.versionRows(tx)
        .where({ template_ref: input.templateRef, state: 'pending' })
        .whereNot({ id })
        .select('id');
      for (const s of stale) {
        await this.versionRows(tx)
          .where({ id: s.id, state: 'pending' })
          .update({ state: 'superseded' });
        await this.eventRows(tx).insert({
          version_id: s.id,
          action: 'superseded',
          actor: SYSTEM,
          comment: `the template changed to version ${input.version} before a decision`,
          at: now,
        });
      }
      return true;
    });
  }

  async setReport(
    templateRef: string,
    version: string,
    report: TemplateConformanceReport,
  ): Promise<void> {
    await this.versionRows()
      .where({ template_ref: templateRef, version })
      .update({ report: JSON.stringify(report) });
  }

  async snapshot(
    templateRef: string,
    version: string,
  ): Promise<TemplateSnapshot | undefined> {
    const row = await this.versionRows()
      .where({ template_ref: templateRef, version })
      .first('snapshot');
    return row ? JSON.parse(row.snapshot) : undefined;
  }

  async get(
    templateRef: string,
    version: string,
  ): Promise<TemplateVersionRecord | undefined> {
    const row = await this.versionRows()
      .where({ template_ref: templateRef, version })
      .first();
    if (!row) return undefined;
    return this.toRecord(
      row,
      await this.eventsOf([row.id]).then(m => m.get(row.id) ?? []),
    );
  }

  /** Every version of a template, newest first, with their events. */
  async versions(templateRef: string): Promise<TemplateVersionRecord[]> {
    const rows = await this.versionRows()
      .where({ template_ref: templateRef })
      .orderBy('detected_at', 'desc');
    const events = await this.eventsOf(rows.map(r => r.id));
    return rows.map(r => this.toRecord(r, events.get(r.id) ?? []));
  }

  /** Remembers what was last read of a template: its current version, or the error reading it. */
  async setCurrent(
    templateRef: string,
    current: { version: string } | { error: string },
    now = new Date(),
  ): Promise<void> {
    await this.knex<CurrentRow>('compliance_template_current')
      .insert({
        template_ref: templateRef,
        version: 'version' in current ? current.version : null,
        error: 'error' in current ? current.error : null,
        read_at: now,
      })
      .onConflict('template_ref')
      .merge();
  }

  /** What was last read of one template (see setCurrent). */
  async currentOf(
    templateRef: string,
  ): Promise<{ version?: string; error?: string; readAt: string } | undefined> {
    const row = await this.knex<CurrentRow>('compliance_template_current')
      .where({ template_ref: templateRef })
      .first();
    if (!row) return undefined;
    return {
      version: row.version ?? undefined,
      error: row.error ?? undefined,
      readAt: toIso(row.read_at),
    };
  }

  /** What was last read of every template (see setCurrent). */
  async currentVersions(): Promise<
    Map<string, { version?: string; error?: string; readAt: string }>
  > {
    const rows = await this.knex<CurrentRow>(
      'compliance_template_current',
    ).select('template_ref', 'version', 'error', 'read_at');
    return new Map(
      rows.map(r => [
        r.template_ref,
        {
          version: r.version ?? undefined,
          error: r.error ?? undefined,
          readAt: toIso(r.read_at),
        },
      ]),
    );
  }

  /** The latest approved version of every template (the one that runs). */
  async approvedVersions(): Promise<
    Map<string, { version: string; decidedBy?: string; decidedAt?: string }>
  > {
    const rows = await this.versionRows()
      .where({ state: 'approved' })
      .select('template_ref', 'version', 'decided_by', 'decided_at');
    return new Map(
      rows.map(r => [
        r.template_ref,
        {
          version: r.version,
          decidedBy: r.decided_by ?? undefined,
          decidedAt: optionalIso(r.decided_at),
        },
      ]),
    );
  }

  async state(
    templateRef: string,
    version: string,
  ): Promise<TemplateReviewState | undefined> {
    const row = await this.versionRows()
      .where({ template_ref: templateRef, version })
      .first('state');
    return row?.state;
  }

  /**
   * Approves or rejects a pending version, keeping the report it was decided with. On
   * approval the previously approved version becomes superseded. A ConflictError when the
   * version is no longer pending (decided by someone else, or superseded).
   */
  async decide(
    input: {
      templateRef: string;
      version: string;
      to: 'approved' | 'rejected';
      actor: string;
      comment?: string;
      report?: TemplateConformanceReport;
    },
    now = new Date(),
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      const row = await this.versionRows(tx)
        .where({ template_ref: input.templateRef, version: input.version })
        .first('id', 'state');
      if (!row)
        throw new NotFoundError(
          `No version ${input.version} of ${input.templateRef}`,
        );
      const updated = await this.versionRows(tx)
        .where({ id: row.id, state: 'pending' })
        .update({
          state: input.to,
          decided_by: input.actor,
          decided_at: now,
          comment: input.comment ?? null,
        });
      if (updated !== 1) {
        const current = await this.versionRows(tx)
          .where({ id: row.id })
          .first('state', 'decided_by');
        if (!current)
          throw new NotFoundError(
            `No version ${input.version} of ${input.templateRef}`,
          );
        throw new ConflictError(
          `Version ${input.version} of ${input.templateRef} is ${
            current.state
          }${
            current.decided_by ? ` (by ${current.decided_by})` : ''
          }, not pending`,
        );
      }
      const report = input.report ? JSON.stringify(input.report) : null;
      await this.eventRows(tx).insert({
        version_id: row.id,
        action: input.to,
        actor: input.actor,
        comment: input.comment ?? null,
        report,
        at: now,
      });
      if (input.to !== 'approved') return;
      const older = await this.versionRows(tx)
        .where({ template_ref: input.templateRef, state: 'approved' })
        .whereNot({ id: row.id })
        .select('id');
      for (const o of older) {
        await this.versionRows(tx)
          .where({ id: o.id })
          .update({ state: 'superseded' });
        await this.eventRows(tx).insert({
          version_id: o.id,
          action: 'superseded',
          actor: input.actor,
          comment: `version ${input.version} was approved`,
          at: now,
        });
      }
    });
  }

  private async eventsOf(
    ids: string[],
  ): Promise<Map<string, TemplateReviewEvent[]>> {
    const map = new Map<string, TemplateReviewEvent[]>();
    if (!ids.length) return map;
    const rows = await this.eventRows()
      .whereIn('version_id', ids)
      .orderBy('id');
    for (const r of rows) {
      const e: TemplateReviewEvent = {
        action: r.action,
        actor: r.actor,
        comment: r.comment ?? undefined,
        at: toIso(r.at),
      };
      map.set(r.version_id, [...(map.get(r.version_id) ?? []), e]);
    }
    return map;
  }
}
