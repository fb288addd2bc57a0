import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
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

const ALICE = 'user:default/alice';
const LEAD = 'user:default/lead';
const LEAD_TWO = 'user:default/lead-two';
/** Stands in for the portal's policy: only tech leads may approve waivers. */
const TECH_LEADS = [LEAD, LEAD_TWO];

const principalRef = (credentials: any): string | undefined =>
  credentials?.principal?.userEntityRef;

async function startBackend(knex: any) {
  const scheduler = mockServices.scheduler();
  const sent: any[] = [];
  const backend = await startTestBackend({
    features: [
      compliancePlugin,
      catalogServiceMock.factory({ entities: testEntities(fixtures) }),
      mockServices.database.factory({ knex }),
      (scheduler as any).factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          compliance: {
            iac: { allowedRoots: [fixtures] },
            techLeadGroups: [
              'group:default/tech-leads',
              'group:default/sre-leads',
            ],
          },
        },
      }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => ({
          authorize: async (requests: any[], { credentials }: any) =>
            requests.map(r => ({
              result:
                r.permission.name === 'compliance.waiver.approve' &&
                !TECH_LEADS.includes(principalRef(credentials) ?? '')
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
          authorizeConditional: async (requests: any[]) =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        }),
      }),
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
  await scheduler.triggerTask('compliance-evaluate');
  return { backend, app: backend.server, sent };
}

const requestWaiver = (app: any, who: string, entityRef: string) =>
  request(app)
    .post('/api/compliance/v1/waivers')
    .set('Authorization', mockCredentials.user.header(who))
    .send({
      entityRef,
      controlId: 'MON-02',
      justification: 'PagerDuty rollout is scheduled next sprint',
      expiresAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
    });

const queue = (app: any, authorization: string) =>
  request(app)
    .get('/api/compliance/v1/waivers/queue')
    .set('Authorization', authorization);

describe.each(databases.eachSupportedId())('waiver queue on %s', databaseId => {
  it('lists pending waivers newest first with the entity status, says who may decide, and notifies the tech leads', async () => {
    const knex = await databases.init(databaseId);
    const { backend, app, sent } = await startBackend(knex);

    const first = await requestWaiver(app, ALICE, 'resource:default/alerting');
    expect(first.status).toBe(201);
    // A later request on another entity, by a tech lead: newest first in the queue. The first
    // request is dated a minute back in the table, so the order never rests on two requests
    // falling in different milliseconds (the store's own order is tested with a fixed clock).
    await knex('compliance_waivers')
      .where({ id: first.body.id })
      .update({ requested_at: new Date(Date.now() - 60_000) });
    const second = await requestWaiver(app, LEAD, 'component:default/api');
    expect(second.status).toBe(201);

    // Each request tells every tech-lead group, except the requester, with the queue's link.
    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/tech-leads', 'group:default/sre-leads'],
          excludeEntityRef: ALICE,
        },
        payload: expect.objectContaining({
          title:
            'Waiver for MON-02 on resource:default/alerting awaits a tech lead',
          description: expect.stringContaining(
            `${ALICE} asks to waive MON-02 until`,
          ),
          link: '/compliance/waivers',
          topic: 'compliance-waiver-request',
          scope: `compliance-waiver-request:${first.body.id}`,
        }),
      },
      expect.objectContaining({
        recipients: expect.objectContaining({ excludeEntityRef: LEAD }),
      }),
    ]);

    const status = async (ref: string) => {
      const [kind, rest] = ref.split(':');
      const res = await request(app).get(
        `/api/compliance/v1/entities/${kind}/${rest}/assessment`,
      );
      return res.body.status as string;
    };

    // The other tech lead may decide both; the entity's current status comes with each.
    const lead2 = await queue(app, mockCredentials.user.header(LEAD_TWO));
    expect(lead2.status).toBe(200);
    expect(lead2.body.items).toEqual([
      {
        waiver: expect.objectContaining({
          id: second.body.id,
          status: 'pending',
          requestedBy: LEAD,
        }),
        entity: expect.objectContaining({
          status: await status('component:default/api'),
          owner: 'group:default/team-a',
        }),
        controlTitle: expect.any(String),
        decision: { allowed: true },
      },
      expect.objectContaining({
        waiver: expect.objectContaining({ id: first.body.id }),
        entity: expect.objectContaining({
          status: await status('resource:default/alerting'),
        }),
        decision: { allowed: true },
      }),
    ]);

    // The requesting tech lead sees their own request refused with the reason (four eyes).
    const lead = await queue(app, mockCredentials.user.header(LEAD));
    expect(lead.body.items.map((i: any) => i.decision)).toEqual([
      {
        allowed: false,
        reason: expect.stringContaining('four eyes'),
      },
      { allowed: true },
    ]);
    // Someone who may not approve sees the queue with the reason; a service token too.
    const alice = await queue(app, mockCredentials.user.header(ALICE));
    expect(alice.body.items.map((i: any) => i.decision.reason)).toEqual([
      expect.stringContaining('Only tech leads decide waivers'),
      expect.stringContaining('four eyes'),
    ]);
    const service = await queue(app, mockCredentials.service.header());
    expect(service.status).toBe(200);
    expect(service.body.items[0].decision).toEqual({
      allowed: false,
      reason: expect.stringContaining('not by service tokens'),
    });
    expect((await queue(app, mockCredentials.none.header())).status).toBe(401);

    // Decided waivers leave the queue.
    const approved = await request(app)
      .post(`/api/compliance/v1/waivers/${second.body.id}/approve`)
      .set('Authorization', mockCredentials.user.header(LEAD_TWO))
      .send({});
    expect(approved.status).toBe(200);
    const after = await queue(app, mockCredentials.user.header(LEAD_TWO));
    expect(after.body.items.map((i: any) => i.waiver.id)).toEqual([
      first.body.id,
    ]);
    await backend.stop();
  });
});
