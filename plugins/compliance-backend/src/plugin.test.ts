/*
 * The compliance backend end to end: the real plugin in a test backend on SQLite and
 * PostgreSQL, with the small test catalog (testEntities). One backend per top-level
 * describe, started in its beforeAll, on a database of its own, so the areas do not see each
 * other's writes (the evidence restart starts a second backend on the evidence's database).
 * No test sleeps: the waiver expiry moves a fake Date instead.
 */
import type { Config } from '@jest/types';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import path from 'path';
import request from 'supertest';
import { WaiverStore } from './store/WaiverStore';
import { testEntities } from './testEntities';
import { createTestDatabases } from './__testUtils__/createTestDatabases';
import { startComplianceBackend } from './__testUtils__/startComplianceBackend';

jest.setTimeout(60_000);

const fixtures = path.resolve(__dirname, '__fixtures__');
const databases = createTestDatabases();

type Backend = Awaited<ReturnType<typeof startComplianceBackend>>;

/** Signed in, but the permission policy denies this user everything. */
const OUTSIDER = 'user:default/outsider';

/** The permission policy: everything is allowed, except to OUTSIDER. */
const denyOutsider = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => {
    const decide = (options?: { credentials?: any }) =>
      options?.credentials?.principal?.userEntityRef === OUTSIDER
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW;
    return {
      authorize: async (requests: any[], options?: any) =>
        requests.map(() => ({ result: decide(options) })),
      authorizeConditional: async (requests: any[], options?: any) =>
        requests.map(() => ({ result: decide(options) })),
    } as any;
  },
});

function startBackend(knex: Knex) {
  return startComplianceBackend({
    entities: testEntities(fixtures),
    knex,
    config: { compliance: { iac: { allowedRoots: [fixtures] } } },
    features: [denyOutsider],
  });
}

/** Only Date is faked: the database, the scheduler and the worker threads keep real timers. */
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

const API_EVIDENCE =
  '/api/compliance/v1/entities/component/default/api/evidence';
const drDrill = () => ({
  kind: 'dr-drill',
  performedAt: new Date().toISOString(),
  result: 'pass',
  summary: 'Region failover drill, documented in the runbook',
});
const result = (assessment: any, controlId: string) =>
  assessment.results.find((r: any) => r.controlId === controlId);
const drEvidence = (assessment: any, kind: string) =>
  assessment.dr.evidence.find((e: any) => e.kind === kind);

describe.each(databases.eachSupportedId())(
  'compliance backend on %s',
  databaseId => {
    // Every test in here reads the same evaluated catalog and changes nothing (what they
    // post is refused).
    describe('on an evaluated catalog', () => {
      let knex: Knex;
      let backend: Backend;
      const get = (p: string) =>
        request(backend.server).get(`/api/compliance${p}`);

      beforeAll(async () => {
        knex = await databases.init(databaseId);
        backend = await startBackend(knex);
        await backend.evaluate();
      });
      afterAll(() => backend.stop());

      describe('evaluation', () => {
        it('passes encryption on the database', async () => {
          const db = await get('/v1/entities/resource/default/db/assessment');
          expect(db.status).toBe(200);
          expect(result(db.body, 'ENC-01')).toMatchObject({ status: 'pass' });
        });

        it('fails paging when critical alerts go to chat', async () => {
          const alerting = await get(
            '/v1/entities/resource/default/alerting/assessment',
          );
          expect(result(alerting.body, 'MON-02')).toMatchObject({
            status: 'fail',
            message: expect.stringContaining('chat'),
          });
        });

        it('analyses a template under an allowed root and fails the documented controls', async () => {
          const weak = await get(
            '/v1/entities/resource/default/weak-env/assessment',
          );
          expect(weak.body.status).toBe('fail');
          expect(
            weak.body.results
              .filter((r: any) => r.status === 'fail')
              .map((r: any) => r.controlId),
          ).toEqual(expect.arrayContaining(['ENC-01', 'NET-02', 'DR-01']));
        });

        it('makes a template path outside the allowed roots an entity-level error', async () => {
          // The other entities of the same pass were still assessed (the tests above).
          const escaping = await get(
            '/v1/entities/resource/default/escaping-env/assessment',
          );
          expect(escaping.body.status).toBe('error');
          expect(escaping.body.errors.join(' ')).toContain(
            'outside the allowed roots',
          );
        });
      });

      describe('disaster recovery', () => {
        it("breaches the service's 15-minute RPO in a region disruption: its database is copied across regions daily", async () => {
          const api = await get(
            '/v1/entities/component/default/api/assessment',
          );
          expect(api.body.dr.status).toBe('breached');
          const region = api.body.dr.disruptions.find(
            (d: any) => d.disruption === 'region',
          );
          expect(region).toMatchObject({
            status: 'breached',
            achievable: { rpo: 86400 },
          });
          expect(region.weakest).toContain('resource:default/db');
        });

        it('reports the DR drill as missing evidence', async () => {
          const api = await get(
            '/v1/entities/component/default/api/assessment',
          );
          expect(drEvidence(api.body, 'dr-drill')).toMatchObject({
            status: 'missing',
          });
          expect(api.body.dr.reasons.join(' ')).toContain('no dr drill');
        });
      });

      describe('fleet overview', () => {
        it('filters by owner and pages', async () => {
          const fleet = await get(
            `/v1/assessments?owner=${encodeURIComponent(
              'group:default/team-a',
            )}&limit=2`,
          );
          expect(fleet.status).toBe(200);
          expect(fleet.body.totalCount).toBe(5);
          expect(fleet.body.items).toHaveLength(2);
        });

        it('filters by failing control', async () => {
          const failing = await get('/v1/assessments?control=MON-02');
          expect(failing.body.items.map((i: any) => i.entityRef)).toEqual([
            'resource:default/alerting',
          ]);
        });

        it('aggregates by owner', async () => {
          const byOwner = await get('/v1/aggregates?groupBy=owner');
          expect(byOwner.body.groups[0]).toMatchObject({
            key: 'group:default/team-a',
            total: 5,
          });
        });
      });

      describe('access', () => {
        const asOutsider = mockCredentials.user.header(OUTSIDER);

        it('answers 401 without credentials', async () => {
          const anonymous = await request(backend.server)
            .get('/api/compliance/v1/assessments')
            .set('Authorization', mockCredentials.none.header());
          expect(anonymous.status).toBe(401);
        });

        it('refuses to revoke a waiver without permission (403)', async () => {
          // Written through the store: a pending waiver, which changes no assessment above.
          const waiver = await WaiverStore.create({ knex }).request({
            entityRef: 'resource:default/alerting',
            controlId: 'MON-02',
            justification: 'PagerDuty rollout is scheduled next sprint',
            expiresAt: new Date(Date.now() + 86400_000).toISOString(),
            requestedBy: 'user:default/alice',
          });
          const revoke = await request(backend.server)
            .post(`/api/compliance/v1/waivers/${waiver.id}/revoke`)
            .set('Authorization', asOutsider)
            .send({ comment: 'no' });
          expect(revoke.status).toBe(403);
        });

        it('refuses to record evidence without permission (403)', async () => {
          const evidence = await request(backend.server)
            .post(API_EVIDENCE)
            .set('Authorization', asOutsider)
            .send({
              kind: 'restore-test',
              performedAt: new Date().toISOString(),
              result: 'pass',
              summary: 'restored last night',
            });
          expect(evidence.status).toBe(403);
        });
      });
    });

    describe('evidence', () => {
      let knex: Knex;
      let first: Backend;
      let firstRunning = false;
      let posted: request.Response;

      // The record posted here is the state every test below reads, on purpose.
      beforeAll(async () => {
        knex = await databases.init(databaseId);
        first = await startBackend(knex);
        firstRunning = true;
        posted = await request(first.server).post(API_EVIDENCE).send(drDrill());
      });
      afterAll(async () => {
        if (firstRunning) await first.stop();
      });

      it('refuses a malformed record with 400 (OpenAPI validation)', async () => {
        const bad = await request(first.server)
          .post(API_EVIDENCE)
          .send({ kind: 'party', performedAt: 'yesterday' });
        expect(bad.status).toBe(400);
      });

      it('records evidence with the signed-in user as its recorder', () => {
        expect(posted.status).toBe(201);
        expect(posted.body.recordedBy).toBe('user:default/mock');
      });

      it('re-evaluates the entity at once: the DR drill is fresh', async () => {
        // No pass has run on this database: the post itself evaluated the service.
        const after = await request(first.server).get(
          '/api/compliance/v1/entities/component/default/api/assessment',
        );
        expect(drEvidence(after.body, 'dr-drill')).toMatchObject({
          status: 'fresh',
        });
      });

      describe('after a restart', () => {
        let second: Backend;

        // Stops the first backend: declared last, so the tests above have run on it.
        beforeAll(async () => {
          await first.stop();
          firstRunning = false;
          second = await startBackend(knex);
        });
        afterAll(() => second.stop());

        it('a second backend on the same database lists the evidence', async () => {
          const evidence = await request(second.server).get(API_EVIDENCE);
          expect(evidence.body.items).toHaveLength(1);
          expect(evidence.body.items[0]).toMatchObject({
            kind: 'dr-drill',
            summary: expect.stringContaining('failover'),
          });
        });
      });
    });

    describe('waivers', () => {
      let backend: Backend;
      const asUser = (ref: string) => mockCredentials.user.header(ref);
      const requestWaiver = (entityRef: string, controlId: string) =>
        request(backend.server)
          .post('/api/compliance/v1/waivers')
          .set('Authorization', asUser('user:default/alice'))
          .send({
            entityRef,
            controlId,
            justification: 'PagerDuty rollout is scheduled next sprint',
            expiresAt: new Date(Date.now() + 2500).toISOString(),
          });
      const approve = (id: string, user: string, body: object = {}) =>
        request(backend.server)
          .post(`/api/compliance/v1/waivers/${id}/approve`)
          .set('Authorization', asUser(user))
          .send(body);

      beforeAll(async () => {
        backend = await startBackend(await databases.init(databaseId));
        await backend.evaluate();
      });
      afterAll(() => backend.stop());

      it('refuses an approval by the requester (four eyes)', async () => {
        // Its own waiver, on another entity: it stays pending and touches nothing below.
        const pending = await requestWaiver(
          'resource:default/weak-env',
          'NET-02',
        );
        const self = await approve(pending.body.id, 'user:default/alice');
        expect(self.status).toBe(403);
        expect(self.body.error.message).toContain('four eyes');
      });

      describe('an approved waiver on a failing control', () => {
        let requested: request.Response;
        let approved: request.Response;
        let id: string;

        // Requested by one person and approved by another: the state every test below reads,
        // on purpose; the expiry describe, declared last, then moves the clock past it.
        beforeAll(async () => {
          requested = await requestWaiver(
            'resource:default/alerting',
            'MON-02',
          );
          id = requested.body.id;
          approved = await approve(id, 'user:default/bob', {
            comment: 'ok until rollout',
          });
        });

        it('is requested by a signed-in user', () => {
          expect(requested.status).toBe(201);
        });

        it('is approved by another user', () => {
          expect(approved.status).toBe(200);
          expect(approved.body).toMatchObject({
            status: 'approved',
            decidedBy: 'user:default/bob',
          });
        });

        it('cannot be approved a second time (409)', async () => {
          const again = await approve(id, 'user:default/carol');
          expect(again.status).toBe(409);
        });

        it('waives the control in the assessment', async () => {
          const waived = await request(backend.server).get(
            '/api/compliance/v1/entities/resource/default/alerting/assessment',
          );
          expect(result(waived.body, 'MON-02')).toMatchObject({
            status: 'waived',
            waiver: { id },
          });
        });

        describe('once it has expired', () => {
          // The clock moves past the expiry instead of the test sleeping, for every test
          // here: the listing computes `expired` from the clock when it is read.
          beforeAll(async () => {
            jest.useFakeTimers({ doNotFake: REAL_TIMERS });
            jest.setSystemTime(Date.now() + 3000);
            await backend.evaluate();
          });
          afterAll(() => jest.useRealTimers());

          it('the control fails again', async () => {
            const reopened = await request(backend.server).get(
              '/api/compliance/v1/entities/resource/default/alerting/assessment',
            );
            expect(result(reopened.body, 'MON-02')).toMatchObject({
              status: 'fail',
            });
          });

          it('the owners hear that their entity got worse', () => {
            expect(backend.sent).toContainEqual({
              recipients: {
                type: 'entity',
                entityRef: 'group:default/team-a',
              },
              payload: expect.objectContaining({
                title: expect.stringContaining(
                  'resource:default/alerting got worse: pass → fail',
                ),
                link: '/catalog/default/resource/alerting/compliance',
              }),
            });
          });

          it('is still listed, approved and expired', async () => {
            const stored = await request(backend.server).get(
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
          });
        });
      });
    });
  },
);
