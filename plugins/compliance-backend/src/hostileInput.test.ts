/*
 * Hostile and careless API input (issue 23): every value answers 400 with a message that
 * names the field, never a 500, a stack trace or a server path; nothing is stored.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import path from 'path';
import request from 'supertest';
import { compliancePlugin } from './plugin';
import { testEntities } from './testEntities';
import { createTestDatabases } from './__testUtils__/createTestDatabases';

jest.setTimeout(120_000);

const fixtures = path.resolve(__dirname, '__fixtures__');
const databases = createTestDatabases();

const NUL = '\u0000';
const future = () => new Date(Date.now() + 7 * 86400_000).toISOString();
const waiver = (patch: Record<string, unknown>) => ({
  entityRef: 'resource:default/alerting',
  controlId: 'MON-02',
  justification: 'PagerDuty rollout is scheduled next sprint',
  expiresAt: future(),
  ...patch,
});
const evidence = (patch: Record<string, unknown>) => ({
  kind: 'restore-test',
  performedAt: new Date(Date.now() - 3600_000).toISOString(),
  result: 'pass',
  summary: 'Restored last night into a scratch account',
  ...patch,
});

type Case = {
  name: string;
  method: 'get' | 'post';
  path: string;
  body?: object;
  field: string;
};

const EVIDENCE = '/v1/entities/component/default/api/evidence';

const cases: Case[] = [
  // entityRef without kind, or malformed
  ...['refarch-portal', ':::', 'component:default/', 'a:b/c/d'].flatMap(
    (ref): Case[] => [
      {
        name: `POST /v1/waivers entityRef ${ref}`,
        method: 'post',
        path: '/v1/waivers',
        body: waiver({ entityRef: ref }),
        field: 'entityRef',
      },
      {
        name: `GET /v1/waivers?entityRef=${ref}`,
        method: 'get',
        path: `/v1/waivers?entityRef=${encodeURIComponent(ref)}`,
        field: 'entityRef',
      },
    ],
  ),
  // NUL bytes (PostgreSQL 22021) and other control characters
  {
    name: 'NUL in a justification',
    method: 'post',
    path: '/v1/waivers',
    body: waiver({ justification: `needs a pager${NUL} rollout` }),
    field: 'justification',
  },
  {
    name: 'NUL in an evidence summary',
    method: 'post',
    path: EVIDENCE,
    body: evidence({ summary: `restored${NUL}` }),
    field: 'summary',
  },
  {
    name: 'escape character in an evidence summary',
    method: 'post',
    path: EVIDENCE,
    body: evidence({ summary: 'restored \u001b[31mred' }),
    field: 'summary',
  },
  {
    name: 'NUL in a decision comment',
    method: 'post',
    path: '/v1/waivers/00000000-0000-4000-8000-000000000000/reject',
    body: { comment: `no${NUL}` },
    field: 'comment',
  },
  {
    name: 'NUL in a query parameter',
    method: 'get',
    path: `/v1/assessments?search=${encodeURIComponent(`db${NUL}`)}`,
    field: 'search',
  },
  // offsets beyond bigint
  ...['1e20', '9223372036854775808', '-1', 'NaN'].map(
    (offset): Case => ({
      name: `offset ${offset}`,
      method: 'get',
      path: `/v1/assessments?offset=${offset}`,
      field: 'offset',
    }),
  ),
  // freshness stamps
  ...['template:default/@v', ':::@v', 'component:default/api@0123', 'x@'].map(
    (stamp): Case => ({
      name: `freshness stamp ${stamp}`,
      method: 'get',
      path: `/v1/template-freshness?stamp=${encodeURIComponent(stamp)}`,
      field: 'stamp',
    }),
  ),
  // template-run-checks
  ...[':::', 'component:default/api', 'template:default/'].map(
    (templateRef): Case => ({
      name: `template-run-checks templateRef ${templateRef}`,
      method: 'post',
      path: '/v1/template-run-checks',
      body: { dryRun: false, templateRef },
      field: 'templateRef',
    }),
  ),
  // entities that cannot have waivers or evidence
  ...['group:default/team-a', 'user:default/alice', 'location:default/x'].map(
    (entityRef): Case => ({
      name: `waiver on ${entityRef}`,
      method: 'post',
      path: '/v1/waivers',
      body: waiver({ entityRef }),
      field: 'entityRef',
    }),
  ),
  ...['group', 'user', 'location'].map(
    (kind): Case => ({
      name: `evidence on a ${kind}`,
      method: 'post',
      path: `/v1/entities/${kind}/default/team-a/evidence`,
      body: evidence({}),
      field: 'entity',
    }),
  ),
  // impossible dates
  ...[
    '2026-02-30T00:00:00Z',
    '2027-04-31T10:00:00Z',
    '2026-13-01T00:00:00Z',
  ].map(
    (expiresAt): Case => ({
      name: `waiver expiresAt ${expiresAt}`,
      method: 'post',
      path: '/v1/waivers',
      body: waiver({ expiresAt }),
      field: 'expiresAt',
    }),
  ),
  ...[
    '2026-02-30T00:00:00Z',
    '2025-02-29T12:00:00Z',
    '2026-01-01T24:30:00Z',
  ].map(
    (performedAt): Case => ({
      name: `evidence performedAt ${performedAt}`,
      method: 'post',
      path: EVIDENCE,
      body: evidence({ performedAt }),
      field: 'performedAt',
    }),
  ),
  // link schemes
  ...[
    // eslint-disable-next-line no-script-url -- the hostile input under test
    'javascript:alert(document.cookie)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
  ].map(
    (link): Case => ({
      name: `evidence link ${link.split(':')[0]}:`,
      method: 'post',
      path: EVIDENCE,
      body: evidence({ link }),
      field: 'link',
    }),
  ),
];

describe.each(databases.eachSupportedId())(
  'hostile API input on %s',
  databaseId => {
    it('answers 400 naming the field, without stack or server path, and stores nothing', async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          compliancePlugin,
          catalogServiceMock.factory({ entities: testEntities(fixtures) }),
          mockServices.database.factory({ knex }),
          (mockServices.scheduler() as any).factory({
            skipTaskRunOnStartup: true,
          }),
          mockServices.rootConfig.factory({
            data: { compliance: { iac: { allowedRoots: [fixtures] } } },
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
        ],
      });
      const failures: string[] = [];
      for (const c of cases) {
        const req = request(backend.server)
          [c.method](`/api/compliance${c.path}`)
          .set(
            'Authorization',
            mockCredentials.user.header('user:default/alice'),
          );
        const res = c.body === undefined ? await req : await req.send(c.body);
        const message = String(res.body?.error?.message ?? '');
        const text = JSON.stringify(res.body);
        if (
          res.status !== 400 ||
          !message.includes(c.field) ||
          text.includes(fixtures) ||
          text.includes(process.cwd()) ||
          res.body?.error?.stack
        )
          failures.push(`${c.name}: ${res.status} ${message}`);
        if (process.env.SHOW_MESSAGES) console.log(`${c.name}: ${message}`);
      }
      expect(failures).toEqual([]);
      expect(cases.length).toBeGreaterThanOrEqual(39);

      // Nothing reached the database.
      expect(await knex('compliance_waivers')).toEqual([]);
      expect(await knex('compliance_evidence')).toEqual([]);

      // A valid stamp and a valid link still work.
      const stamp = await request(backend.server)
        .get('/api/compliance/v1/template-freshness')
        .query({ stamp: 'template:default/aws-service@0123456789abcdef' });
      expect(stamp.status).toBe(200);
      expect(stamp.body.state).toBe('unknown');
      const linked = await request(backend.server)
        .post(`/api/compliance${EVIDENCE}`)
        .send(evidence({ link: 'https://wiki.example.com/drills/42' }));
      expect(linked.status).toBe(201);
      // A date-time with an offset is fine.
      const leap = await request(backend.server)
        .post('/api/compliance/v1/waivers')
        .send(waiver({ expiresAt: future().replace(/\.\d+Z$/, '+02:00') }));
      expect(leap.status).toBe(201);
      await backend.stop();
    });
  },
);
