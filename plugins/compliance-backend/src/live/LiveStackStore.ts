import { Knex } from 'knex';
import { createHash } from 'crypto';
import { LiveStackDrift, LiveStackRecord, LiveStackSnapshot } from './types';

const STACKS = 'compliance_live_stacks';
const TEMPLATES = 'compliance_live_templates';
const CHUNK = 200;

interface Row {
  entity_ref: string;
  stack_arn: string;
  snapshot: string | null;
  drift: string | null;
  read_at: string | null;
  drift_checked_at: string | null;
  snapshot_version: string;
  drift_version: string;
}

const parse = <T>(s: string | null): T | undefined =>
  s ? (JSON.parse(s) as T) : undefined;

const hashOf = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
const snapshotVersion = ({ readAt: _r, ...s }: LiveStackSnapshot) => hashOf(s);
const driftVersion = ({ checkedAt: _c, ...d }: LiveStackDrift) => hashOf(d);

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/**
 * The deployed stacks of the catalog's entities: what the last read and the last drift
 * detection saw. Written by the read pass and the drift job, read by evaluation and the API.
 *
 * @public
 */
export class LiveStackStore {
  /** `knex`: the plugin's database, migrated (migrateComplianceDatabase). */
  static create(options: { knex: Knex }): LiveStackStore {
    return new LiveStackStore(options.knex);
  }

  private constructor(private readonly knex: Knex) {}

  private toRecord(row: Row): LiveStackRecord {
    return {
      entityRef: row.entity_ref,
      stackArn: row.stack_arn,
      snapshot: parse(row.snapshot),
      drift: parse(row.drift),
      version: `${row.snapshot_version}:${row.drift_version}`,
    };
  }

  /** Makes the table list exactly these entities' stacks; a changed ARN forgets the old stack. */
  async sync(stacks: Map<string, string>): Promise<void> {
    const rows: Array<Pick<Row, 'entity_ref' | 'stack_arn'>> = await this.knex(
      STACKS,
    ).select('entity_ref', 'stack_arn');
    const known = new Map(rows.map(r => [r.entity_ref, r.stack_arn]));
    const gone = rows
      .filter(r => stacks.get(r.entity_ref) !== r.stack_arn)
      .map(r => r.entity_ref);
    const added = [...stacks]
      .filter(([ref, arn]) => known.get(ref) !== arn)
      .map(([ref, arn]) => ({ entity_ref: ref, stack_arn: arn }));
    await this.knex.transaction(async tx => {
      for (const c of chunks(gone))
        await tx(STACKS).whereIn('entity_ref', c).delete();
      for (const c of chunks(added)) await tx(STACKS).insert(c);
    });
  }

  /** Stacks in reading order: never read first, then the least recently read. */
  async listForRead(): Promise<LiveStackRecord[]> {
    const rows: Row[] = await this.knex(STACKS)
      .select('*')
      .orderByRaw('read_at is not null, read_at asc, entity_ref asc');
    return rows.map(r => this.toRecord(r));
  }

  /** Readable stacks in drift order: never checked first, then the least recently checked. */
  async listForDrift(limit: number): Promise<LiveStackRecord[]> {
    const rows: Row[] = await this.knex(STACKS)
      .select('*')
      .whereNotNull('read_at')
      .orderByRaw(
        'drift_checked_at is not null, drift_checked_at asc, entity_ref asc',
      )
      .limit(limit * 4);
    return rows
      .map(r => this.toRecord(r))
      .filter(r => r.snapshot && !r.snapshot.error)
      .slice(0, limit);
  }

  async saveSnapshots(
    reads: Array<{
      entityRef: string;
      snapshot: LiveStackSnapshot;
      templateBody?: string;
    }>,
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      const templates = new Map<string, string>();
      for (const r of reads)
        if (r.templateBody !== undefined && r.snapshot.templateHash)
          templates.set(r.snapshot.templateHash, r.templateBody);
      for (const c of chunks([...templates], 50))
        await tx(TEMPLATES)
          .insert(c.map(([hash, body]) => ({ hash, body })))
          .onConflict('hash')
          .ignore();
      for (const r of reads) {
        await tx(STACKS)
          .where({ entity_ref: r.entityRef, stack_arn: r.snapshot.stackArn })
          .update({
            snapshot: JSON.stringify(r.snapshot),
            read_at: r.snapshot.readAt,
            snapshot_version: snapshotVersion(r.snapshot),
          });
      }
    });
  }

  async saveDrift(entityRef: string, drift: LiveStackDrift): Promise<void> {
    await this.knex(STACKS)
      .where({ entity_ref: entityRef })
      .update({
        drift: JSON.stringify(drift),
        drift_checked_at: drift.checkedAt,
        drift_version: driftVersion(drift),
      });
  }

  /** Version per entity: what changed since the last look, without reading the rows. */
  async versions(): Promise<Map<string, string>> {
    const rows: Array<
      Pick<Row, 'entity_ref' | 'snapshot_version' | 'drift_version'>
    > = await this.knex(STACKS).select(
      'entity_ref',
      'snapshot_version',
      'drift_version',
    );
    return new Map(
      rows.map(r => [r.entity_ref, `${r.snapshot_version}:${r.drift_version}`]),
    );
  }

  async get(entityRefs: string[]): Promise<LiveStackRecord[]> {
    const out: LiveStackRecord[] = [];
    for (const c of chunks(entityRefs, 500)) {
      const rows: Row[] = await this.knex(STACKS).whereIn('entity_ref', c);
      out.push(...rows.map(r => this.toRecord(r)));
    }
    return out;
  }

  async getTemplates(hashes: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const c of chunks([...new Set(hashes)], 500)) {
      const rows: Array<{ hash: string; body: string }> = await this.knex(
        TEMPLATES,
      ).whereIn('hash', c);
      for (const r of rows) out.set(r.hash, r.body);
    }
    return out;
  }

  /** Forgets template bodies no stack refers to any more. */
  async pruneTemplates(): Promise<number> {
    const used = new Set(
      (await this.knex(STACKS).select('snapshot'))
        .map(
          (r: { snapshot: string | null }) =>
            parse<LiveStackSnapshot>(r.snapshot)?.templateHash,
        )
        .filter((h): h is string => !!h),
    );
    const all: Array<{ hash: string }> = await this.knex(TEMPLATES).select(
      'hash',
    );
    const unused = all.map(r => r.hash).filter(h => !used.has(h));
    for (const c of chunks(unused, 500))
      await this.knex(TEMPLATES).whereIn('hash', c).delete();
    return unused.length;
  }
}
