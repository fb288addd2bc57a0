/*
 * Every compliance route × every kind of caller (issue 23), on SQLite and PostgreSQL, with the
 * real permission framework and this portal's policy: anonymous, an engineer who owns the
 * entity, a tech lead, an unrestricted service token and a service token restricted to
 * reading the catalog. A catalog stand-in answers the permission backend's ownership
 * conditions with the catalog's own rules.
 */
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { notificationService } from '@backstage/plugin-notifications-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import compliancePlugin from '@refarch/backstage-plugin-compliance-backend';
import fs from 'fs';
import type { AddressInfo } from 'net';
import path from 'path';
import YAML from 'yaml';
import permissionPolicyModule from './permissionPolicyModule';

jest.setTimeout(180_000);

const databases = TestDatabases.create({
  ids:
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ||
    process.env.CI
      ? ['SQLITE_3', 'POSTGRES_15']
      : ['SQLITE_3'],
  disableDocker: true,
});

const LEAD = 'user:default/lead';
const LEAD_TWO = 'user:default/lead-two';
const ENGINEER = 'user:default/engineer';
const memberships: Record<string, string[]> = {
  [LEAD]: [LEAD, 'group:default/tech-leads'],
  [LEAD_TWO]: [LEAD_TWO, 'group:default/tech-leads'],
  [ENGINEER]: [ENGINEER, 'group:default/team-a'],
};

const entity = (kind: string, name: string, spec: object = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { owner: 'group:default/team-a', ...spec },
  relations:
    kind === 'Group' || kind === 'User'
      ? []
      : [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
});
/** A stack of the fake account that `compliance.live.testing.fakeClient` answers. */
const STACK =
  'arn:aws:cloudformation:eu-central-1:000000000000:stack/shop-api/3f0c2a90-9b1e-11ef-8e2a-0a1b2c3d4e5f';
const entities: Entity[] = [
  {
    ...entity('Component', 'api', {
      type: 'service',
      lifecycle: 'production',
      system: 'shop',
    }),
    metadata: {
      name: 'api',
      namespace: 'default',
      annotations: { 'refarch.dev/cloudformation-stack': STACK },
    },
  },
  entity('System', 'shop'),
  entity('Template', 'starter', { type: 'service', steps: [] }),
  entity('Group', 'team-a', { type: 'team', children: [] }),
  entity('Group', 'tech-leads', { type: 'team', children: [] }),
  entity('User', 'engineer', { memberOf: ['team-a'] }),
  entity('User', 'lead', { memberOf: ['tech-leads'] }),
];

/** Stands in for the catalog backend where the permission backend asks it about conditions. */
const catalogConditions = createBackendPlugin({
  pluginId: 'catalog',
  register({ registerInit }) {
    registerInit({
      deps: { registry: coreServices.permissionsRegistry },
      async init({ registry }) {
        registry.addResourceType({
          resourceRef: catalogEntityPermissionResourceRef,
          rules: Object.values(permissionRules),
          getResources: async refs =>
            refs.map(r => entities.find(e => stringifyEntityRef(e) === r)),
        });
      },
    });
  },
});

const RESTRICTED = 'restricted-service-token';
const SERVICE_TOKEN_PREFIX = mockCredentials.service
  .token({ onBehalfOf: mockCredentials.user(), targetPluginId: 'x' })
  .split('{')[0];

/**
 * The mock HTTP auth plus: a service token restricted to reading the catalog, and requests a
 * plugin makes on behalf of a user carry the plugin as actor, as real tokens do.
 */
const httpAuth = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      credentials: (async (req: any, options: any) => {
        const token = String(req.headers.authorization ?? '').replace(
          /^Bearer\s+/i,
          '',
        );
        if (token === RESTRICTED) {
          if (options?.allow && !options.allow.includes('service'))
            throw Object.assign(
              new Error("This endpoint does not allow 'service' credentials"),
              { name: 'NotAllowedError' },
            );
          return mockCredentials.service('external:catalog-reader', {
            permissionNames: ['catalog.entity.read'],
          });
        }
        const credentials: any = await inner.credentials(req, options);
        if (
          credentials.principal.type === 'user' &&
          token.startsWith(SERVICE_TOKEN_PREFIX)
        ) {
          return mockCredentials.user(credentials.principal.userEntityRef, {
            actor: { subject: 'plugin:on-behalf-of' },
          });
        }
        return credentials;
      }) as any,
      issueUserCookie: inner.issueUserCookie.bind(inner),
    };
  },
});

const IDENTITIES = {
  anonymous: mockCredentials.none.header(),
  engineer: mockCredentials.user.header(ENGINEER),
  techLead: mockCredentials.user.header(LEAD),
  service: mockCredentials.service.header(),
  restrictedService: `Bearer ${RESTRICTED}`,
};
type Identity = keyof typeof IDENTITIES;

type Call = { method: string; path: string; body?: unknown };
type Row = {
  /** The route as written in openapi.yaml. */
  route: string;
  /** Builds the request; may set up state first (a fresh waiver to decide). */
  call: (who: Identity) => Promise<Call>;
  expect: Record<Identity, number>;
};

const READ = {
  anonymous: 401,
  engineer: 200,
  techLead: 200,
  service: 200,
  restrictedService: 200,
};

async function startPortal(databaseId: any) {
  const knexes = new Map<string, Promise<unknown>>();
  const knexFor = (pluginId: string) => {
    if (!knexes.has(pluginId)) knexes.set(pluginId, databases.init(databaseId));
    return knexes.get(pluginId)!;
  };
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      compliancePlugin,
      permissionPlugin,
      permissionPolicyModule,
      permissionsServiceFactory,
      catalogConditions,
      httpAuth,
      catalogServiceMock.factory({ entities }),
      createServiceFactory({
        service: coreServices.database,
        deps: { pluginMetadata: coreServices.pluginMetadata },
        factory: ({ pluginMetadata }) => ({
          getClient: async () => (await knexFor(pluginMetadata.getId())) as any,
        }),
      }),
      (scheduler as any).factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          permission: { enabled: true },
          compliance: {
            techLeadGroups: ['group:default/tech-leads'],
            live: { enabled: true, testing: { fakeClient: true } },
          },
        },
      }),
      createServiceFactory({
        service: coreServices.userInfo,
        deps: {},
        factory: () => ({
          getUserInfo: async (credentials: any) => {
            const ref = credentials.principal.userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: memberships[ref] ?? [ref],
            };
          },
        }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  const base = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }/api/compliance`;
  const call = async (authorization: string, c: Call) => {
    const res = await fetch(`${base}${c.path}`, {
      method: c.method,
      headers: { authorization, 'content-type': 'application/json' },
      body: c.body === undefined ? undefined : JSON.stringify(c.body),
    });
    const text = await res.text();
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: res.status, body };
  };
  await scheduler.triggerTask('compliance-live-stacks');
  await scheduler.triggerTask('compliance-evaluate');
  return { backend, call };
}

const waiverBody = () => ({
  entityRef: 'component:default/api',
  controlId: 'DR-01',
  justification: 'Drill is booked for next month with the DR team',
  expiresAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
});
const evidenceBody = () => ({
  kind: 'restore-test',
  performedAt: new Date(Date.now() - 3600_000).toISOString(),
  result: 'pass',
  summary: 'Restored the nightly snapshot into a scratch account',
});

describe.each(databases.eachSupportedId())(
  'compliance routes × identities on %s',
  databaseId => {
    it('answers each route as the policy says for each caller', async () => {
      const { backend, call } = await startPortal(databaseId);
      const spec = YAML.parse(
        fs.readFileSync(
          path.resolve(
            __dirname,
            '../../../plugins/compliance-backend/src/schema/openapi.yaml',
          ),
          'utf8',
        ),
      );

      /** A waiver the engineer requested, optionally approved by another tech lead. */
      const waiver = async (state: 'pending' | 'approved') => {
        const requested = await call(IDENTITIES.engineer, {
          method: 'POST',
          path: '/v1/waivers',
          body: waiverBody(),
        });
        expect(requested.status).toBe(201);
        const approved =
          state === 'approved'
            ? await call(mockCredentials.user.header(LEAD_TWO), {
                method: 'POST',
                path: `/v1/waivers/${requested.body.id}/approve`,
                body: {},
              })
            : undefined;
        expect(approved?.status ?? 200).toBe(200);
        return requested.body.id as string;
      };
      const get = (route: string) => async () => ({
        method: 'GET',
        path: route,
      });

      const rows: Row[] = [
        {
          route: 'GET /v1/assessments',
          call: get('/v1/assessments'),
          expect: READ,
        },
        {
          route: 'GET /v1/aggregates',
          call: get('/v1/aggregates?groupBy=owner'),
          expect: READ,
        },
        {
          route: 'GET /v1/dr/matrix',
          call: get('/v1/dr/matrix?tier=critical&tier=none'),
          expect: READ,
        },
        { route: 'GET /v1/policy', call: get('/v1/policy'), expect: READ },
        {
          route: 'GET /v1/entities/{kind}/{namespace}/{name}/assessment',
          call: get('/v1/entities/component/default/api/assessment'),
          expect: READ,
        },
        {
          route: 'GET /v1/entities/{kind}/{namespace}/{name}/rollup',
          call: get('/v1/entities/system/default/shop/rollup'),
          expect: READ,
        },
        {
          route: 'GET /v1/entities/{kind}/{namespace}/{name}/rollup/history',
          call: get('/v1/entities/system/default/shop/rollup/history'),
          expect: READ,
        },
        {
          route: 'GET /v1/live/entities/{kind}/{namespace}/{name}',
          call: get('/v1/live/entities/component/default/api'),
          expect: READ,
        },
        {
          route: 'GET /v1/entities/{kind}/{namespace}/{name}/history',
          call: get('/v1/entities/component/default/api/history'),
          expect: READ,
        },
        {
          route: 'GET /v1/entities/{kind}/{namespace}/{name}/evidence',
          call: get('/v1/entities/component/default/api/evidence'),
          expect: READ,
        },
        {
          route: 'POST /v1/entities/{kind}/{namespace}/{name}/evidence',
          call: async () => ({
            method: 'POST',
            path: '/v1/entities/component/default/api/evidence',
            body: evidenceBody(),
          }),
          // Pipelines record restore tests with service tokens; a read-only token may not.
          expect: {
            anonymous: 401,
            engineer: 201,
            techLead: 201,
            service: 201,
            restrictedService: 403,
          },
        },
        { route: 'GET /v1/waivers', call: get('/v1/waivers'), expect: READ },
        {
          route: 'GET /v1/waivers/queue',
          call: get('/v1/waivers/queue'),
          expect: READ,
        },
        {
          route: 'POST /v1/waivers',
          call: async () => ({
            method: 'POST',
            path: '/v1/waivers',
            body: waiverBody(),
          }),
          expect: {
            anonymous: 401,
            engineer: 201,
            techLead: 201,
            service: 403,
            restrictedService: 403,
          },
        },
        ...(['approve', 'reject', 'revoke'] as const).map(
          (decision): Row => ({
            route: 'POST /v1/waivers/{id}/{decision}',
            call: async () => ({
              method: 'POST',
              path: `/v1/waivers/${await waiver(
                decision === 'revoke' ? 'approved' : 'pending',
              )}/${decision}`,
              body: { comment: 'Decided in the weekly review' },
            }),
            // The engineer requested it: not a tech lead, and the requester besides.
            expect: {
              anonymous: 401,
              engineer: 403,
              techLead: 200,
              service: 403,
              restrictedService: 403,
            },
          }),
        ),
        {
          route: 'GET /v1/templates',
          call: get('/v1/templates'),
          expect: READ,
        },
        {
          route: 'GET /v1/templates/{namespace}/{name}',
          call: get('/v1/templates/default/starter'),
          expect: READ,
        },
        {
          route: 'GET /v1/templates/{namespace}/{name}/current',
          call: get('/v1/templates/default/starter/current'),
          expect: READ,
        },
        {
          route:
            'POST /v1/templates/{namespace}/{name}/versions/{version}/{decision}',
          call: async () => ({
            method: 'POST',
            path: '/v1/templates/default/starter/versions/0123456789abcdef/approve',
            body: {},
          }),
          // A tech lead gets past authorization to the version check: that is not the current one.
          expect: {
            anonymous: 401,
            engineer: 403,
            techLead: 409,
            service: 403,
            restrictedService: 403,
          },
        },
        {
          route: 'POST /v1/template-run-checks',
          call: async () => ({
            method: 'POST',
            path: '/v1/template-run-checks',
            body: { dryRun: false, templateRef: 'template:default/starter' },
          }),
          expect: READ,
        },
        {
          route: 'GET /v1/template-freshness',
          call: get(
            `/v1/template-freshness?stamp=${encodeURIComponent(
              'template:default/starter@0123456789abcdef',
            )}`,
          ),
          expect: READ,
        },
      ];

      // Every route of the API has a row, and no row names a route the API lacks.
      const routes = Object.entries(spec.paths as object).flatMap(([p, ops]) =>
        Object.keys(ops as object).map(m => `${m.toUpperCase()} ${p}`),
      );
      const present = rows.filter(r => routes.includes(r.route));
      expect(routes.filter(r => !rows.some(row => row.route === r))).toEqual(
        [],
      );

      const mismatches: string[] = [];
      let cells = 0;
      for (const row of present) {
        for (const who of Object.keys(IDENTITIES) as Identity[]) {
          const request = await row.call(who);
          const res = await call(IDENTITIES[who], request);
          cells++;
          const text = JSON.stringify(res.body ?? '');
          if (res.status !== row.expect[who] || /"stack"|\/work\//.test(text))
            mismatches.push(
              `${row.route} as ${who}: ${res.status}, expected ${
                row.expect[who]
              } ${text.slice(0, 200)}`,
            );
        }
      }
      expect(mismatches).toEqual([]);
      expect(cells).toBeGreaterThanOrEqual(5 * 19);

      // Four eyes: a tech lead never decides a waiver they requested.
      const own = await call(IDENTITIES.techLead, {
        method: 'POST',
        path: '/v1/waivers',
        body: waiverBody(),
      });
      const self = await call(IDENTITIES.techLead, {
        method: 'POST',
        path: `/v1/waivers/${own.body.id}/approve`,
        body: {},
      });
      expect(self.status).toBe(403);
      expect(self.body.error.message).toContain('four eyes');
      // The queue says so before anyone clicks, and refuses the engineer by the policy.
      const decisionOf = async (who: string) =>
        (
          await call(who, { method: 'GET', path: '/v1/waivers/queue' })
        ).body.items.find((i: any) => i.waiver.id === own.body.id).decision;
      expect(await decisionOf(IDENTITIES.techLead)).toEqual({
        allowed: false,
        reason: expect.stringContaining('four eyes'),
      });
      expect(await decisionOf(mockCredentials.user.header(LEAD_TWO))).toEqual({
        allowed: true,
      });
      expect(await decisionOf(IDENTITIES.engineer)).toEqual({
        allowed: false,
        reason: expect.stringContaining('Only tech leads decide waivers'),
      });

      // No waiver was ever decided by a service.
      const all = await call(IDENTITIES.techLead, {
        method: 'GET',
        path: '/v1/waivers',
      });
      expect(
        all.body.items.filter((w: any) => w.decidedBy?.startsWith('service:')),
      ).toEqual([]);
      await backend.stop();
    });
  },
);
