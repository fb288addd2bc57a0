import { ConflictError, NotFoundError } from '@backstage/errors';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { optionalIso, toIso } from './dates';
import { WaiverRecord, WaiverState } from './types';
import { countWrite, readWrites } from './WriteCounters';
import { whereAnyOf } from './whereAnyOf';

type Timestamp = Date | number | string;

/** A row of `compliance_waivers`. Timestamps: Date (PostgreSQL) or number/string (SQLite). */
type WaiverRow = {
  id: string;
  entity_ref: string;
  control_id: string;
  justification: string;
  expires_at: Timestamp;
  status: WaiverState;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_comment: string | null;
  expiry_notified: boolean | number;
};

/** A row of `compliance_waiver_events` (append-only). */
type WaiverEventRow = {
  id: number;
  waiver_id: string;
  action: string;
  actor: string;
  comment: string | null;
  at: Timestamp;
};

function toRecord(r: WaiverRow, now: Date): WaiverRecord {
  const expiresAt = toIso(r.expires_at);
  return {
    id: r.id,
    entityRef: r.entity_ref,
    controlId: r.control_id,
    justification: r.justification,
    expiresAt,
    status: r.status,
    requestedBy: r.requested_by,
    requestedAt: toIso(r.requested_at),
    decidedBy: r.decided_by ?? undefined,
    decidedAt: optionalIso(r.decided_at),
    decisionComment: r.decision_comment ?? undefined,
    expired: r.status === 'approved' && Date.parse(expiresAt) <= now.getTime(),
  };
}

/**
 * Waivers and their append-only event log. A decision only moves a waiver out of the state
 * it was read in (compare-and-set), so two concurrent approvals record one decision.
 *
 * @public
 */
export class WaiverStore {
  /** `knex`: the plugin's database, migrated (migrateComplianceDatabase). */
  static create(options: { knex: Knex }): WaiverStore {
    return new WaiverStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  private waivers(db: Knex = this.knex) {
    return db<WaiverRow>('compliance_waivers');
  }

  private eventLog(db: Knex = this.knex) {
    return db<WaiverEventRow>('compliance_waiver_events');
  }

  async request(
    input: {
      entityRef: string;
      controlId: string;
      justification: string;
      expiresAt: string;
      requestedBy: string;
    },
    now = new Date(),
  ): Promise<WaiverRecord> {
    const row: WaiverRow = {
      id: randomUUID(),
      entity_ref: input.entityRef,
      control_id: input.controlId,
      justification: input.justification,
      expires_at: new Date(input.expiresAt),
      status: 'pending' as const,
      requested_by: input.requestedBy,
      requested_at: now,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      expiry_notified: false,
    };
    await this.knex.transaction(async tx => {
      await this.waivers(tx).insert(row);
      await this.eventLog(tx).insert({
        waiver_id: row.id,
        action: 'requested',
        actor: input.requestedBy,
        comment: input.justification,
        at: now,
      });
    });
    await countWrite(this.knex, '_waiver_writes');
    return toRecord(row, now);
  }

  /**
   * Counts the changes to waivers: while it stays the same, no waiver was requested or
   * decided (a pass skips reading them, see EvaluationRunner). Expiry is a matter of time,
   * not a write: see {@link WaiverStore.anyExpiring}.
   */
  async writes(): Promise<number> {
    return readWrites(this.knex, '_waiver_writes');
  }

  /** Whether an approved waiver expires after `after` and no later than `until`. */
  async anyExpiring(after: Date, until: Date): Promise<boolean> {
    const row = await this.waivers()
      .where('status', 'approved')
      .where('expires_at', '>', after)
      .where('expires_at', '<=', until)
      .first('id');
    return !!row;
  }

  async get(id: string, now = new Date()): Promise<WaiverRecord> {
    const row = await this.waivers().where({ id }).first();
    if (!row) throw new NotFoundError(`No waiver ${id}`);
    return toRecord(row, now);
  }

  async list(
    filter: { entityRef?: string; status?: WaiverState[] } = {},
    now = new Date(),
  ): Promise<WaiverRecord[]> {
    const q = this.waivers().orderBy('requested_at', 'desc');
    if (filter.entityRef) q.where('entity_ref', filter.entityRef);
    if (filter.status?.length) q.whereIn('status', filter.status);
    return (await q).map(r => toRecord(r, now));
  }

  /**
   * Pending waivers, newest first: the tech leads' queue. `entityRefs`: only waivers on these
   * entities (what a caller with conditional catalog access may read), filtered in SQL.
   */
  async pending(
    entityRefs?: string[],
    now = new Date(),
  ): Promise<WaiverRecord[]> {
    const q = this.waivers()
      .where('status', 'pending')
      .orderBy([
        { column: 'requested_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ]);
    if (entityRefs)
      q.whereIn('entity_ref', entityRefs.length ? entityRefs : ['']);
    return (await q).map(r => toRecord(r, now));
  }

  /** The entities that have pending waivers (to ask the catalog which a caller may read). */
  async pendingEntityRefs(): Promise<string[]> {
    const rows = await this.waivers()
      .where('status', 'pending')
      .distinct('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  /**
   * Approved waivers (expired ones included) of every entity, or of `refs` (one page of an
   * evaluation pass).
   */
  async approvedByEntity(
    now = new Date(),
    refs?: string[],
  ): Promise<Map<string, WaiverRecord[]>> {
    const q = this.waivers().where('status', 'approved');
    if (refs) whereAnyOf(q, 'entity_ref', refs);
    const rows = await q;
    const map = new Map<string, WaiverRecord[]>();
    for (const r of rows) {
      const w = toRecord(r, now);
      map.set(w.entityRef, [...(map.get(w.entityRef) ?? []), w]);
    }
    return map;
  }

  /** Moves a waiver from `from` to `to`; a ConflictError when someone else moved it first. */
  async decide(
    id: string,
    from: WaiverState,
    to: WaiverState,
    actor: string,
    comment: string | undefined,
    now = new Date(),
  ): Promise<WaiverRecord> {
    await this.knex.transaction(async tx => {
      const updated = await this.waivers(tx)
        .where({ id, status: from })
        .update({
          status: to,
          decided_by: actor,
          decided_at: now,
          decision_comment: comment ?? null,
        });
      if (updated !== 1) {
        const current = await this.waivers(tx).where({ id }).first('status');
        if (!current) throw new NotFoundError(`No waiver ${id}`);
        throw new ConflictError(
          `Waiver ${id} is ${current.status}, not ${from}; it was decided already`,
        );
      }
      await this.eventLog(tx).insert({
        waiver_id: id,
        action: to,
        actor,
        comment: comment ?? null,
        at: now,
      });
    });
    await countWrite(this.knex, '_waiver_writes');
    return this.get(id, now);
  }

  async events(
    id: string,
  ): Promise<
    Array<{ action: string; actor: string; comment?: string; at: string }>
  > {
    const rows = await this.eventLog().where({ waiver_id: id }).orderBy('id');
    return rows.map(r => ({
      action: r.action,
      actor: r.actor,
      comment: r.comment ?? undefined,
      at: toIso(r.at),
    }));
  }

  /** Approved waivers expiring before `before` whose owners were not told yet. */
  async expiringUnnotified(
    before: Date,
    now = new Date(),
  ): Promise<WaiverRecord[]> {
    const rows = await this.waivers()
      .where('status', 'approved')
      .where('expiry_notified', false)
      .where('expires_at', '<=', before);
    return rows.map(r => toRecord(r, now));
  }

  async markExpiryNotified(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.waivers().whereIn('id', ids).update({ expiry_notified: true });
    await countWrite(this.knex, '_waiver_writes');
  }
}
