import { Knex } from 'knex';
import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { EvidenceStore } from './EvidenceStore';

const databases = createTestDatabases();

const NOW = new Date('2026-12-06T10:00:00.000Z');
const drill = (
  performedAt: string,
  entityRef = 'component:default/orders',
) => ({
  entityRef,
  kind: 'dr-drill' as const,
  performedAt,
  result: 'pass' as const,
  summary: 'Restored the orders database in eu-central-1b',
  recordedBy: 'user:default/sre',
});

describe.each(databases.eachSupportedId())('EvidenceStore on %p', id => {
  let knex: Knex;
  let store: EvidenceStore;

  beforeAll(async () => {
    knex = await migratedDatabase(databases, id);
    store = EvidenceStore.create({ knex });
  });

  beforeEach(async () => {
    await knex('compliance_evidence').delete();
  });

  it('keeps what was added, with the recording time, newest performance first', async () => {
    const older = await store.add(drill('2026-06-01T00:00:00.000Z'), NOW);
    await store.add(drill('2026-11-01T00:00:00.000Z'), NOW);
    expect(older).toEqual({
      ...drill('2026-06-01T00:00:00.000Z'),
      id: expect.any(String),
      link: undefined,
      recordedAt: NOW.toISOString(),
    });
    const listed = await store.list('component:default/orders');
    expect(listed.map(e => e.performedAt)).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-06-01T00:00:00.000Z',
    ]);
    expect(listed[1]).toEqual(older);
  });

  it('counts the records added, and a replayed request not', async () => {
    const start = await store.writes();
    await store.add(drill('2026-12-01T00:00:00.000Z'), NOW);
    expect(await store.writes()).toBe(start + 1);
    await store.addOnce(drill('2026-12-02T00:00:00.000Z'), NOW, 'key-1');
    await store.addOnce(drill('2026-12-02T00:00:00.000Z'), NOW, 'key-1');
    expect(await store.writes()).toBe(start + 2);
  });

  it('replays a retried request with the same idempotency key instead of adding it twice', async () => {
    const first = await store.addOnce(
      drill('2026-11-01T00:00:00.000Z'),
      NOW,
      'k1',
    );
    const again = await store.addOnce(
      drill('2026-11-01T00:00:00.000Z'),
      NOW,
      'k1',
    );
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ record: first.record, replayed: true });
    expect(await store.list('component:default/orders')).toHaveLength(1);
  });

  it('refuses the same key for other content, naming the stored record', async () => {
    const first = await store.addOnce(
      drill('2026-11-01T00:00:00.000Z'),
      NOW,
      'k2',
    );
    await expect(
      store.addOnce(drill('2026-11-02T00:00:00.000Z'), NOW, 'k2'),
    ).rejects.toThrow(
      `Idempotency-Key k2 was used for other evidence (${first.record.id})`,
    );
  });

  it('records one of two concurrent requests with the same key', async () => {
    const results = await Promise.all([
      store.addOnce(drill('2026-11-01T00:00:00.000Z'), NOW, 'k3'),
      store.addOnce(drill('2026-11-01T00:00:00.000Z'), NOW, 'k3'),
    ]);
    expect(results.filter(r => !r.replayed)).toHaveLength(1);
    expect(results[0].record.id).toBe(results[1].record.id);
    expect(await store.list('component:default/orders')).toHaveLength(1);
  });

  it('groups the evidence of the entities asked for, oldest first', async () => {
    await store.add(drill('2026-11-01T00:00:00.000Z'), NOW);
    await store.add(drill('2026-06-01T00:00:00.000Z'), NOW);
    await store.add(
      drill('2026-07-01T00:00:00.000Z', 'component:default/billing'),
      NOW,
    );
    const byEntity = await store.listByEntity(['component:default/orders']);
    expect([...byEntity.keys()]).toEqual(['component:default/orders']);
    expect(
      byEntity.get('component:default/orders')!.map(e => e.performedAt),
    ).toEqual(['2026-06-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z']);
    expect((await store.listByEntity([])).size).toBe(0);
  });
});
