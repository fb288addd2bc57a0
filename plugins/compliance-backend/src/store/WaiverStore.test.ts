import { Knex } from 'knex';
import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { WaiverStore } from './WaiverStore';

const databases = createTestDatabases();

const T0 = new Date('2026-12-01T09:00:00.000Z');
const T1 = new Date('2026-12-02T09:00:00.000Z');
const request = (
  entityRef = 'component:default/orders',
  controlId = 'ENC-01',
) => ({
  entityRef,
  controlId,
  justification: 'Encryption lands with the migration to Aurora in January',
  expiresAt: '2027-01-31T00:00:00.000Z',
  requestedBy: 'user:default/engineer',
});

describe.each(databases.eachSupportedId())('WaiverStore on %p', id => {
  let knex: Knex;
  let store: WaiverStore;
  const approve = (waiverId: string) =>
    store.decide(
      waiverId,
      'pending',
      'approved',
      'user:default/lead',
      'ok',
      T1,
    );

  beforeAll(async () => {
    knex = await migratedDatabase(databases, id);
    store = WaiverStore.create({ knex });
  });

  beforeEach(async () => {
    await knex('compliance_waiver_events').delete();
    await knex('compliance_waivers').delete();
  });

  it('records a request as pending with its event', async () => {
    const w = await store.request(request(), T0);
    expect(await store.get(w.id, T0)).toEqual({
      ...request(),
      id: w.id,
      status: 'pending',
      requestedAt: T0.toISOString(),
      decidedBy: undefined,
      decidedAt: undefined,
      decisionComment: undefined,
      expired: false,
    });
    expect(await store.events(w.id)).toEqual([
      {
        action: 'requested',
        actor: 'user:default/engineer',
        comment: request().justification,
        at: T0.toISOString(),
      },
    ]);
  });

  it('records one decision of two concurrent approvals; the other is a conflict', async () => {
    const w = await store.request(request(), T0);
    const results = await Promise.allSettled([
      store.decide(w.id, 'pending', 'approved', 'user:default/lead', 'ok', T1),
      store.decide(
        w.id,
        'pending',
        'rejected',
        'user:default/lead-two',
        'no',
        T1,
      ),
    ]);
    const rejected = results.filter(r => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(String((rejected[0] as PromiseRejectedResult).reason)).toMatch(
      /it was decided already/,
    );
    const events = await store.events(w.id);
    expect(events.map(e => e.action)).toEqual([
      'requested',
      (await store.get(w.id)).status,
    ]);
  });

  it('counts every change a pass would read, and a conflicting decision not', async () => {
    const start = await store.writes();
    const w = await store.request(request(), T0);
    expect(await store.writes()).toBe(start + 1);
    await approve(w.id);
    expect(await store.writes()).toBe(start + 2);
    await expect(
      store.decide(w.id, 'pending', 'rejected', 'user:default/lead', 'no', T1),
    ).rejects.toThrow(/decided already/);
    expect(await store.writes()).toBe(start + 2);
    await store.markExpiryNotified([w.id]);
    expect(await store.writes()).toBe(start + 3);
  });

  it('says whether an approved waiver expires within a span (after its start, up to its end)', async () => {
    const expiresAt = new Date('2026-12-10T00:00:00.000Z');
    const w = await store.request(
      { ...request(), expiresAt: expiresAt.toISOString() },
      T0,
    );
    const at = (ms: number) => new Date(expiresAt.getTime() + ms);
    // Pending waivers do not count.
    expect(await store.anyExpiring(at(-1000), at(1000))).toBe(false);
    await approve(w.id);
    expect(await store.anyExpiring(at(-1000), at(1000))).toBe(true);
    expect(await store.anyExpiring(at(-1000), at(0))).toBe(true);
    expect(await store.anyExpiring(at(0), at(1000))).toBe(false);
    expect(await store.anyExpiring(at(-2000), at(-1000))).toBe(false);
  });

  it('lists the pending queue newest first, narrowed to the entities given', async () => {
    const a = await store.request(request('component:default/orders'), T0);
    const b = await store.request(request('component:default/billing'), T1);
    expect((await store.pending(undefined, T1)).map(w => w.id)).toEqual([
      b.id,
      a.id,
    ]);
    expect(
      (await store.pending(['component:default/orders'], T1)).map(w => w.id),
    ).toEqual([a.id]);
    expect(await store.pending([], T1)).toEqual([]);
    expect((await store.pendingEntityRefs()).sort()).toEqual([
      'component:default/billing',
      'component:default/orders',
    ]);
  });

  it('marks an approved waiver expired once its date has passed, and tells owners once', async () => {
    const w = await store.request(
      { ...request(), expiresAt: '2026-12-10T00:00:00.000Z' },
      T0,
    );
    await store.decide(
      w.id,
      'pending',
      'approved',
      'user:default/lead',
      undefined,
      T1,
    );
    expect(
      (await store.get(w.id, new Date('2026-12-09T00:00:00Z'))).expired,
    ).toBe(false);
    expect(
      (await store.get(w.id, new Date('2026-12-10T00:00:01Z'))).expired,
    ).toBe(true);
    const before = new Date('2026-12-15T00:00:00Z');
    expect((await store.expiringUnnotified(before)).map(x => x.id)).toEqual([
      w.id,
    ]);
    await store.markExpiryNotified([w.id]);
    expect(await store.expiringUnnotified(before)).toEqual([]);
    expect([...(await store.approvedByEntity(T1)).keys()]).toEqual([
      'component:default/orders',
    ]);
  });
});
