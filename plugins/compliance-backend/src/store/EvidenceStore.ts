import { ConflictError } from '@backstage/errors';
import { EvidenceKind } from '@refarch/backstage-plugin-compliance-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { toIso } from './dates';
import { EvidenceRecord } from './types';
import { countWrite, readWrites } from './WriteCounters';
import { whereAnyOf } from './whereAnyOf';

/** A row of `compliance_evidence`. Timestamps: Date (PostgreSQL) or number/string (SQLite). */
type EvidenceRow = {
  id: string;
  entity_ref: string;
  kind: string;
  performed_at: Date | number | string;
  result: EvidenceRecord['result'];
  summary: string;
  link: string | null;
  recorded_by: string;
  recorded_at: Date | number | string;
  idempotency_key: string | null;
};

const TABLE = 'compliance_evidence';

function toRecord(r: Omit<EvidenceRow, 'idempotency_key'>): EvidenceRecord {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    kind: r.kind as EvidenceKind,
    performedAt: toIso(r.performed_at),
    result: r.result,
    summary: r.summary,
    link: r.link ?? undefined,
    recordedBy: r.recorded_by,
    recordedAt: toIso(r.recorded_at),
  };
}

/**
 * Evidence records: append-only. There is no update or delete; a correction is a new record.
 *
 * @public
 */
export class EvidenceStore {
  /** `knex`: the plugin's database, migrated (migrateComplianceDatabase). */
  static create(options: { knex: Knex }): EvidenceStore {
    return new EvidenceStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  private table() {
    return this.knex<EvidenceRow>(TABLE);
  }

  async add(
    input: Omit<EvidenceRecord, 'id' | 'recordedAt'>,
    now = new Date(),
    idempotencyKey?: string,
  ): Promise<EvidenceRecord> {
    const row: Omit<EvidenceRow, 'idempotency_key'> = {
      id: randomUUID(),
      entity_ref: input.entityRef,
      kind: input.kind,
      performed_at: new Date(input.performedAt),
      result: input.result,
      summary: input.summary,
      link: input.link ?? null,
      recorded_by: input.recordedBy,
      recorded_at: now,
    };
    await this.table().insert({
      ...row,
      idempotency_key: idempotencyKey ?? null,
    });
    await countWrite(this.knex, '_evidence_writes');
    return toRecord(row);
  }

  /**
   * Counts the records added: while it stays the same, no entity's evidence changed (a pass
   * skips reading it, see EvaluationRunner).
   */
  async writes(): Promise<number> {
    return readWrites(this.knex, '_evidence_writes');
  }

  /**
   * Adds a record once per `idempotencyKey` (per entity and recorder): a client that lost the
   * answer and retries gets the stored record back (`replayed`), not a duplicate; the same key
   * with different content is a ConflictError.
   */
  async addOnce(
    input: Omit<EvidenceRecord, 'id' | 'recordedAt'>,
    now: Date,
    idempotencyKey?: string,
  ): Promise<{ record: EvidenceRecord; replayed: boolean }> {
    if (!idempotencyKey)
      return { record: await this.add(input, now), replayed: false };
    const find = async () => {
      const row = await this.table()
        .where({
          entity_ref: input.entityRef,
          recorded_by: input.recordedBy,
          idempotency_key: idempotencyKey,
        })
        .first();
      if (!row) return undefined;
      const record = toRecord(row);
      const same =
        record.kind === input.kind &&
        Date.parse(record.performedAt) === Date.parse(input.performedAt) &&
        record.result === input.result &&
        record.summary === input.summary &&
        (record.link ?? null) === (input.link ?? null);
      if (!same)
        throw new ConflictError(
          `Idempotency-Key ${idempotencyKey} was used for other evidence (${record.id}); use a new key for new evidence`,
        );
      return { record, replayed: true };
    };
    const existing = await find();
    if (existing) return existing;
    try {
      return {
        record: await this.add(input, now, idempotencyKey),
        replayed: false,
      };
    } catch (e) {
      // A concurrent retry with the same key won the unique index.
      const raced = await find();
      if (raced) return raced;
      throw e;
    }
  }

  async list(entityRef: string, limit = 200): Promise<EvidenceRecord[]> {
    const rows = await this.table()
      .where({ entity_ref: entityRef })
      .orderBy('performed_at', 'desc')
      .limit(limit);
    return rows.map(toRecord);
  }

  /** Evidence of many entities at once (`refs`: one page of an evaluation pass). */
  async listByEntity(refs?: string[]): Promise<Map<string, EvidenceRecord[]>> {
    const q = this.table();
    if (refs) whereAnyOf(q, 'entity_ref', refs);
    const rows = await q.select('*').orderBy('performed_at', 'asc');
    const map = new Map<string, EvidenceRecord[]>();
    for (const r of rows) {
      const rec = toRecord(r);
      map.set(rec.entityRef, [...(map.get(rec.entityRef) ?? []), rec]);
    }
    return map;
  }
}
