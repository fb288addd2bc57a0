import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { Knex } from 'knex';
import { FleetSnapshots } from './FleetSnapshots';
import { RollUpStore } from './RollUpStore';

const databases = createTestDatabases();

function row(
  ref: string,
  extra: {
    kind?: string;
    status: string;
    dr?: string;
    score?: number | null;
    system?: string;
    domain?: string;
    owner?: string;
  },
) {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return {
    entity_ref: ref,
    kind: extra.kind ?? kind,
    namespace,
    name,
    owner: extra.owner ?? null,
    system: extra.system ?? null,
    domain: extra.domain ?? null,
    status: extra.status,
    score: extra.score === undefined ? null : extra.score,
    dr_status: extra.dr ?? 'met',
    input_hash: 'h',
    policy_version: 'p',
    evaluated_at: new Date('2026-12-01T00:00:00Z'),
    body: '{}',
  };
}

describe.each(databases.eachSupportedId())('RollUpStore on %p', id => {
  let knex: Knex;
  let store: RollUpStore;
  /** As AssessmentStore does after each write: the roll-ups are out of date. */
  const written = () => new FleetSnapshots(knex).bump();

  beforeAll(async () => {
    knex = await migratedDatabase(databases, id);
    store = RollUpStore.create({ knex });
  });

  beforeEach(async () => {
    await knex('compliance_rollups').delete();
    await knex('compliance_rollup_history').delete();
    await knex('compliance_assessments').delete();
  });

  it('rolls a passing system with five failing members up to fail', async () => {
    const sys = 'system:default/dta-wide-production';
    await knex('compliance_assessments').insert([
      row(sys, { status: 'pass', score: 100, domain: 'domain:default/dta' }),
      ...[1, 2, 3, 4, 5].map(i =>
        row(`component:default/c${i}`, {
          status: 'fail',
          score: 60,
          system: sys,
          domain: 'domain:default/dta',
          owner: 'group:default/team-a',
        }),
      ),
      row('resource:default/db', {
        status: 'unknown',
        dr: 'breached',
        score: 50,
        system: sys,
        domain: 'domain:default/dta',
        owner: 'group:default/team-b',
      }),
    ]);
    await written();
    expect(await store.recompute(new Date('2026-12-05T00:00:00Z'))).toBe(4);

    const system = await store.get(sys);
    expect(system).toMatchObject({
      status: 'fail',
      ownStatus: 'pass',
      drStatus: 'breached',
      members: { fail: 5, unknown: 1, pass: 0 },
      averageScore: Math.round((100 + 5 * 60 + 50) / 7),
    });
    // The domain holds the system and its parts; it has no assessment of its own.
    const domain = await store.get('domain:default/dta');
    expect(domain?.status).toBe('fail');
    expect(domain?.ownStatus).toBeUndefined();
    expect(domain?.members.fail).toBe(5);
    expect(domain?.members.pass).toBe(1);
    const team = await store.get('group:default/team-b');
    expect(team).toMatchObject({ status: 'unknown', drStatus: 'breached' });
  });

  it('drops roll-ups of what no longer has members and keeps a lone system', async () => {
    await knex('compliance_assessments').insert([
      row('system:default/alone', { status: 'not-applicable' }),
      row('component:default/x', {
        status: 'pass',
        owner: 'group:default/old',
      }),
    ]);
    await written();
    await store.recompute(new Date('2026-12-05T00:00:00Z'));
    expect(await store.get('group:default/old')).toBeDefined();

    await knex('compliance_assessments')
      .where('entity_ref', 'component:default/x')
      .delete();
    await written();
    await store.recompute(new Date('2026-12-05T00:01:00Z'));
    expect(await store.get('group:default/old')).toBeUndefined();
    expect(await store.get('system:default/alone')).toMatchObject({
      status: 'not-applicable',
      members: { pass: 0, fail: 0 },
    });
  });

  it("records a roll-up's changes as its trend, newest first, and nothing when it stays", async () => {
    const team = 'group:default/team-a';
    await knex('compliance_assessments').insert([
      row('component:default/a', { status: 'pass', score: 100, owner: team }),
      row('component:default/b', { status: 'pass', score: 90, owner: team }),
    ]);
    await written();
    await store.recompute(new Date('2026-12-01T00:00:00Z'));
    await written();
    await store.recompute(new Date('2026-12-02T00:00:00Z'));
    await knex('compliance_assessments')
      .where('entity_ref', 'component:default/b')
      .update({ status: 'fail', score: 40 });
    await written();
    await store.recompute(new Date('2026-12-03T00:00:00Z'));

    expect(await store.history(team)).toEqual([
      {
        status: 'fail',
        previousStatus: 'pass',
        score: 70,
        drStatus: 'met',
        changedAt: '2026-12-03T00:00:00.000Z',
      },
      {
        status: 'pass',
        previousStatus: undefined,
        score: 95,
        drStatus: 'met',
        changedAt: '2026-12-01T00:00:00.000Z',
      },
    ]);
    expect(await store.history('group:default/nobody')).toEqual([]);
  });

  it('two replicas recomputing at once (two shards ending together) neither deadlock nor lose a row', async () => {
    // Many groups, each with members in every status, so each recompute upserts many rows.
    const rows = Array.from({ length: 3000 }, (_, i) =>
      row(`component:default/c${i}`, {
        status: ['pass', 'fail', 'unknown'][i % 3],
        score: i % 101,
        system: `system:default/s${i % 300}`,
        domain: `domain:default/d${i % 40}`,
        owner: `group:default/g${i % 200}`,
      }),
    );
    for (let i = 0; i < rows.length; i += 200)
      await knex('compliance_assessments').insert(rows.slice(i, i + 200));
    const replicas = [store, RollUpStore.create({ knex })];
    for (let round = 0; round < 5; round++) {
      await written();
      const at = new Date(Date.UTC(2026, 11, 5, 0, 0, round));
      const counts = await Promise.all(
        replicas.map((r, i) => r.recompute(new Date(at.getTime() + i))),
      );
      // One computes; the other, after it, finds the roll-ups current.
      expect(counts.sort((a, b) => a - b)).toEqual([0, 540]);
      expect(
        Number((await knex('compliance_rollups').count({ n: '*' }))[0].n),
      ).toBe(540);
    }
  });

  it('an idle recompute (nothing written since) computes nothing, keeps the trend, and confirms the roll-ups as of now', async () => {
    const team = 'group:default/team-a';
    await knex('compliance_assessments').insert([
      row('component:default/a', { status: 'pass', score: 100, owner: team }),
    ]);
    await written();
    expect(await store.recompute(new Date('2026-12-01T00:00:00Z'))).toBe(1);
    // A row changed without a write through the store is not seen: nothing says it changed.
    await knex('compliance_assessments')
      .where('entity_ref', 'component:default/a')
      .update({ status: 'fail', score: 0 });
    expect(await store.recompute(new Date('2026-12-02T00:00:00Z'))).toBe(0);
    expect(await store.get(team)).toMatchObject({
      status: 'pass',
      computedAt: '2026-12-02T00:00:00.000Z',
    });
    expect(await store.history(team)).toHaveLength(1);
    // A write through the store is: the next recompute computes.
    await written();
    expect(await store.recompute(new Date('2026-12-03T00:00:00Z'))).toBe(1);
    expect(await store.get(team)).toMatchObject({
      status: 'fail',
      computedAt: '2026-12-03T00:00:00.000Z',
    });
    expect((await store.history(team)).map(h => h.status)).toEqual([
      'fail',
      'pass',
    ]);
  });
});
