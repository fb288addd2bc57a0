import type { Config } from '@jest/types';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import path from 'path';
import request from 'supertest';
import { compliancePlugin } from './plugin';
import { testEntities } from './testEntities';
import { createTestDatabases } from './__testUtils__/createTestDatabases';

jest.setTimeout(60_000);

const fixtures = path.resolve(__dirname, '__fixtures__');
const databases = createTestDatabases();

async function startBackend(knex: any, options: { deny?: boolean } = {}) {
  const scheduler = mockServices.scheduler();
  const sent: any[] = [];
  const backend = await startTestBackend({
    features: [
      compliancePlugin,
      catalogServiceMock.factory({ entities: testEntities(fixtures) }),
      mockServices.database.factory({ knex }),
      (scheduler as any).factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: { compliance: { iac: { allowedRoots: [fixtures] } } },
      }),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (n: any) => {
            sent.push(n);
          },
        }),
      }),
    ],
  });
  const runPass = () => scheduler.triggerTask('compliance-evaluate');
  return { backend, app: backend.server, runPass, sent };
}

const REAL_TIMERS: Config.FakeableAPI[] = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
];

afterEach(() => jest.useRealTimers());

describe.each(databases.eachSupportedId())(
  'compliance backend on %s',
  databaseId => {
    it('assesses a small catalog, isolates a bad template, keeps evidence across restarts, and enforces access', async () => {
      const knex = await databases.init(databaseId);
      const first = await startBackend(knex);
      await first.runPass();
      const get = (p: string) => request(first.app).get(`/api/compliance${p}`);

      // Every entity is assessed; the database passes encryption, alerting to chat fails paging.
      const db = await get('/v1/entities/resource/default/db/assessment');
      expect(db.status).toBe(200);
      expect(
        db.body.results.find((r: any) => r.controlId === 'ENC-01'),
      ).toMatchObject({ status: 'pass' });
      const alerting = await get(
        '/v1/entities/resource/default/alerting/assessment',
      );
      expect(
        alerting.body.results.find((r: any) => r.controlId === 'MON-02'),
      ).toMatchObject({
        status: 'fail',
        message: expect.stringContaining('chat'),
      });

      // The template under an allowed root is analysed and fails the documented controls.
      const weak = await get(
        '/v1/entities/resource/default/weak-env/assessment',
      );
      expect(weak.body.status).toBe('fail');
      expect(
        weak.body.results
          .filter((r: any) => r.status === 'fail')
          .map((r: any) => r.controlId),
      ).toEqual(expect.arrayContaining(['ENC-01', 'NET-02', 'DR-01']));

      // A path escaping the allowed roots is an entity-level error; the others were still assessed.
      const escaping = await get(
        '/v1/entities/resource/default/escaping-env/assessment',
      );
      expect(escaping.body.status).toBe('error');
      expect(escaping.body.errors.join(' ')).toContain(
        'outside the allowed roots',
      );

      // The service's DR looks at its database: daily cross-region copies cannot meet the
      // declared 15-minute RPO in a region disruption, and no DR drill is recorded.
      const api = await get('/v1/entities/component/default/api/assessment');
      expect(api.body.dr.status).toBe('breached');
      const region = api.body.dr.disruptions.find(
        (d: any) => d.disruption === 'region',
      );
      expect(region).toMatchObject({
        status: 'breached',
        achievable: { rpo: 86400 },
      });
      expect(region.weakest).toContain('resource:default/db');
      expect(
        api.body.dr.evidence.find((e: any) => e.kind === 'dr-drill'),
      ).toMatchObject({ status: 'missing' });
      expect(api.body.dr.reasons.join(' ')).toContain('no dr drill');

      // Fleet overview with filters and SQL aggregates.
      const fleet = await get(
        `/v1/assessments?owner=${encodeURIComponent(
          'group:default/team-a',
        )}&limit=2`,
      );
      expect(fleet.status).toBe(200);
      expect(fleet.body.totalCount).toBe(5);
      expect(fleet.body.items).toHaveLength(2);
      const failing = await get('/v1/assessments?control=MON-02');
      expect(failing.body.items.map((i: any) => i.entityRef)).toEqual([
        'resource:default/alerting',
      ]);
      const byOwner = await get('/v1/aggregates?groupBy=owner');
      expect(byOwner.body.groups[0]).toMatchObject({
        key: 'group:default/team-a',
        total: 5,
      });

      // 401 without credentials.
      const anonymous = await request(first.app)
        .get('/api/compliance/v1/assessments')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);

      // A bad body is rejected by the OpenAPI validation with a clear message.
      const bad = await request(first.app)
        .post('/api/compliance/v1/entities/component/default/api/evidence')
        .send({ kind: 'party', performedAt: 'yesterday' });
      expect(bad.status).toBe(400);

      // Evidence: recorded, re-evaluates immediately.
      const posted = await request(first.app)
        .post('/api/compliance/v1/entities/component/default/api/evidence')
        .send({
          kind: 'dr-drill',
          performedAt: new Date().toISOString(),
          result: 'pass',
          summary: 'Region failover drill, documented in the runbook',
        });
      expect(posted.status).toBe(201);
      expect(posted.body.recordedBy).toBe('user:default/mock');
      const after = await get('/v1/entities/component/default/api/assessment');
      expect(
        after.body.dr.evidence.find((e: any) => e.kind === 'dr-drill'),
      ).toMatchObject({ status: 'fresh' });
      await first.backend.stop();

      // A second backend on the same database sees the evidence.
      const second = await startBackend(knex);
      const evidence = await request(second.app).get(
        '/api/compliance/v1/entities/component/default/api/evidence',
      );
      expect(evidence.body.items).toHaveLength(1);
      expect(evidence.body.items[0]).toMatchObject({
        kind: 'dr-drill',
        summary: expect.stringContaining('failover'),
      });
      await second.backend.stop();
    });

    it('waivers: four eyes, 403 without permission, and an expired waiver reopens the control', async () => {
      const knex = await databases.init(databaseId);
      const { backend, app, runPass, sent } = await startBackend(knex);
      await runPass();
      const requested = await request(app)
        .post('/api/compliance/v1/waivers')
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({
          entityRef: 'resource:default/alerting',
          controlId: 'MON-02',
          justification: 'PagerDuty rollout is scheduled next sprint',
          expiresAt: new Date(Date.now() + 2500).toISOString(),
        });
      expect(requested.status).toBe(201);
      const id = requested.body.id;

      const self = await request(app)
        .post(`/api/compliance/v1/waivers/${id}/approve`)
        .set('Authorization', mockCredentials.user.header('user:default/alice'))
        .send({});
      expect(self.status).toBe(403);
      expect(self.body.error.message).toContain('four eyes');

      const approved = await request(app)
        .post(`/api/compliance/v1/waivers/${id}/approve`)
        .set('Authorization', mockCredentials.user.header('user:default/bob'))
        .send({ comment: 'ok until rollout' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/bob',
      });
      const again = await request(app)
        .post(`/api/compliance/v1/waivers/${id}/approve`)
        .set('Authorization', mockCredentials.user.header('user:default/carol'))
        .send({});
      expect(again.status).toBe(409);

      const waived = await request(app).get(
        '/api/compliance/v1/entities/resource/default/alerting/assessment',
      );
      expect(
        waived.body.results.find((r: any) => r.controlId === 'MON-02'),
      ).toMatchObject({ status: 'waived', waiver: { id } });

      // The clock moves past the expiry instead of the test sleeping: only Date is faked, so
      // the database, the scheduler and the worker threads keep their real timers.
      jest.useFakeTimers({ doNotFake: REAL_TIMERS });
      jest.setSystemTime(Date.now() + 3000);
      await runPass();
      const reopened = await request(app).get(
        '/api/compliance/v1/entities/resource/default/alerting/assessment',
      );
      expect(
        reopened.body.results.find((r: any) => r.controlId === 'MON-02'),
      ).toMatchObject({ status: 'fail' });
      // The owners hear that their entity got worse when the waiver lapsed.
      expect(sent).toContainEqual({
        recipients: { type: 'entity', entityRef: 'group:default/team-a' },
        payload: expect.objectContaining({
          title: expect.stringContaining(
            'resource:default/alerting got worse: pass → fail',
          ),
          link: '/catalog/default/resource/alerting/compliance',
        }),
      });
      const stored = await request(app).get(
        `/api/compliance/v1/waivers?entityRef=${encodeURIComponent(
          'resource:default/alerting',
        )}`,
      );
      expect(stored.status).toBe(200);
      expect(stored.body.items[0]).toMatchObject({
        id,
        status: 'approved',
        expired: true,
      });
      await backend.stop();

      const denied = await startBackend(knex, { deny: true });
      const approve = await request(denied.app)
        .post(`/api/compliance/v1/waivers/${id}/revoke`)
        .send({ comment: 'no' });
      expect(approve.status).toBe(403);
      const evidence = await request(denied.app)
        .post('/api/compliance/v1/entities/component/default/api/evidence')
        .send({
          kind: 'restore-test',
          performedAt: new Date().toISOString(),
          result: 'pass',
          summary: 'restored last night',
        });
      expect(evidence.status).toBe(403);
      await denied.backend.stop();
    });
  },
);
