import { Knex } from 'knex';
import {
  createTestDatabases,
  migratedDatabase,
} from '../__testUtils__/createTestDatabases';
import { TemplateReviewStore } from './TemplateReviewStore';

const databases = createTestDatabases();

const REF = 'template:default/aws-service';
const T0 = new Date('2026-12-01T09:00:00.000Z');
const T1 = new Date('2026-12-02T09:00:00.000Z');
const T2 = new Date('2026-12-03T09:00:00.000Z');
const version = (v: string) => ({
  templateRef: REF,
  version: v,
  snapshot: {
    spec: `steps: [] # ${v}`,
    files: [{ path: 'template.yaml', sha256: `sha-${v}`, size: 10, text: v }],
  },
  lastEditor: 'user:default/lead-two',
});

describe.each(databases.eachSupportedId())('TemplateReviewStore on %p', id => {
  let knex: Knex;
  let store: TemplateReviewStore;

  beforeAll(async () => {
    knex = await migratedDatabase(databases, id);
    store = TemplateReviewStore.create({ knex });
  });

  beforeEach(async () => {
    await knex('compliance_template_events').delete();
    await knex('compliance_template_versions').delete();
    await knex('compliance_template_current').delete();
  });

  it('records a version once, pending, with a detected event', async () => {
    expect(await store.record(version('a1'), T0)).toBe(true);
    expect(await store.record(version('a1'), T1)).toBe(false);
    const record = await store.get(REF, 'a1');
    expect(record).toMatchObject({
      templateRef: REF,
      version: 'a1',
      state: 'pending',
      detectedAt: T0.toISOString(),
      lastEditor: 'user:default/lead-two',
      files: [{ path: 'template.yaml', sha256: 'sha-a1', size: 10 }],
      events: [
        {
          action: 'detected',
          actor: 'system:compliance',
          at: T0.toISOString(),
        },
      ],
    });
    expect(await store.snapshot(REF, 'a1')).toEqual(version('a1').snapshot);
  });

  it('supersedes a pending version when a newer one is recorded', async () => {
    await store.record(version('a1'), T0);
    await store.record(version('b2'), T1);
    expect(await store.state(REF, 'a1')).toBe('superseded');
    expect(await store.state(REF, 'b2')).toBe('pending');
    expect((await store.versions(REF)).map(v => v.version)).toEqual([
      'b2',
      'a1',
    ]);
    await expect(
      store.decide(
        {
          templateRef: REF,
          version: 'a1',
          to: 'approved',
          actor: 'user:default/lead',
        },
        T2,
      ),
    ).rejects.toThrow(`Version a1 of ${REF} is superseded, not pending`);
  });

  it('approves once: a second decision names who decided; the older approved version is superseded', async () => {
    await store.record(version('a1'), T0);
    await store.decide(
      {
        templateRef: REF,
        version: 'a1',
        to: 'approved',
        actor: 'user:default/lead',
      },
      T1,
    );
    await expect(
      store.decide(
        {
          templateRef: REF,
          version: 'a1',
          to: 'rejected',
          actor: 'user:default/lead-two',
          comment: 'no',
        },
        T1,
      ),
    ).rejects.toThrow(
      `Version a1 of ${REF} is approved (by user:default/lead), not pending`,
    );
    await store.record(version('b2'), T1);
    await store.decide(
      {
        templateRef: REF,
        version: 'b2',
        to: 'approved',
        actor: 'user:default/lead-two',
        comment: 'ok',
      },
      T2,
    );
    expect(await store.state(REF, 'a1')).toBe('superseded');
    expect(await store.approvedVersions()).toEqual(
      new Map([
        [
          REF,
          {
            version: 'b2',
            decidedBy: 'user:default/lead-two',
            decidedAt: T2.toISOString(),
          },
        ],
      ]),
    );
    expect((await store.get(REF, 'a1'))!.events.map(e => e.action)).toEqual([
      'detected',
      'approved',
      'superseded',
    ]);
  });

  it('remembers the current version of a template, or the error reading it', async () => {
    await store.setCurrent(REF, { version: 'a1' }, T0);
    await store.setCurrent(
      'template:default/broken',
      { error: 'template.yaml: not found' },
      T0,
    );
    await store.setCurrent(REF, { version: 'b2' }, T1);
    expect(await store.currentVersions()).toEqual(
      new Map([
        [REF, { version: 'b2', error: undefined, readAt: T1.toISOString() }],
        [
          'template:default/broken',
          {
            version: undefined,
            error: 'template.yaml: not found',
            readAt: T0.toISOString(),
          },
        ],
      ]),
    );
    expect(await store.currentOf(REF)).toEqual({
      version: 'b2',
      error: undefined,
      readAt: T1.toISOString(),
    });
    expect(
      await store.currentOf('template:default/never-read'),
    ).toBeUndefined();
  });

  it('refuses a decision on a version it never saw', async () => {
    await expect(
      store.decide(
        {
          templateRef: REF,
          version: 'zz',
          to: 'approved',
          actor: 'user:default/lead',
        },
        T0,
      ),
    ).rejects.toThrow(`No version zz of ${REF}`);
  });
});
