import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import Ajv from 'ajv';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import YAML from 'yaml';
import { compliancePlugin } from './plugin';
import { testEntities } from './testEntities';
import { createTestDatabases } from './__testUtils__/createTestDatabases';
import { startComplianceBackend } from './__testUtils__/startComplianceBackend';

jest.setTimeout(90_000);

const fixtures = path.resolve(__dirname, '__fixtures__');
const databases = createTestDatabases();

const spec = YAML.parse(
  fs.readFileSync(path.resolve(__dirname, 'schema/openapi.yaml'), 'utf8'),
);
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(spec, 'openapi.yaml');
const validateMatrix = ajv.compile({
  $ref: 'openapi.yaml#/components/schemas/DrMatrix',
});

const system = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
  parts: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default', annotations },
  spec: { owner },
  relations: [
    { type: 'ownedBy', targetRef: owner },
    ...parts.map(targetRef => ({ type: 'hasPart', targetRef })),
  ],
});

const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const TEAM_C = 'group:default/team-c';
/** `shop` has the test catalog's parts (an api and its database) and the critical tier. */
const entities = [
  ...testEntities(fixtures),
  system(
    'shop',
    TEAM_A,
    {
      'refarch.dev/tier': 'critical',
      'refarch.dev/rpo': '15m',
      'refarch.dev/rto': '1h',
    },
    ['component:default/api', 'resource:default/db'],
  ),
  system('ledger', TEAM_B, { 'refarch.dev/tier': 'standard' }),
  system('archive', TEAM_B),
  system('hidden', TEAM_C),
];

const config = { compliance: { iac: { allowedRoots: [fixtures] } } };

/** Only what the catalog shows a conditional reader: everything but `hidden`. */
const conditionalAccess = [
  createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () =>
      ({
        authorize: async (requests: unknown[]) =>
          requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        authorizeConditional: async (requests: unknown[]) =>
          requests.map(() => ({
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: [TEAM_A, TEAM_B] },
            },
          })),
      } as any),
  }),
  createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => {
      const inner = catalogServiceMock({ entities });
      return new Proxy(inner, {
        get(target, key) {
          if (key !== 'getEntitiesByRefs') {
            const value = (target as any)[key];
            return typeof value === 'function' ? value.bind(target) : value;
          }
          return async (req: any, options: any) => {
            const { items } = await target.getEntitiesByRefs(req, options);
            return {
              items: items.map(e =>
                e?.metadata.name === 'hidden' ? undefined : e,
              ),
            };
          };
        },
      });
    },
  }),
];

describe.each(databases.eachSupportedId())(
  'the DR matrix on %s',
  databaseId => {
    it('shows every System with its stored estimate per disruption type, filtered by owner and tier, worst first', async () => {
      const knex = await databases.init(databaseId);
      const backend = await startComplianceBackend({ entities, knex, config });
      const get = (p: string) =>
        request(backend.server).get(`/api/compliance${p}`);

      // Never evaluated on request: before the first pass there is nothing stored to show.
      const before = await get('/v1/dr/matrix');
      expect(before.status).toBe(200);
      expect(before.body).toEqual({
        disruptions: ['software', 'hardware', 'az', 'region'],
        items: [],
        owners: [],
      });

      await backend.evaluate();
      const all = await get('/v1/dr/matrix');
      expect(all.status).toBe(200);
      expect(validateMatrix(all.body) ? [] : validateMatrix.errors).toEqual([]);
      // Systems only, each once; components are not rows.
      expect(all.body.items.map((r: any) => r.entityRef).sort()).toEqual([
        'system:default/archive',
        'system:default/hidden',
        'system:default/ledger',
        'system:default/shop',
      ]);
      expect(all.body.owners).toEqual([TEAM_A, TEAM_B, TEAM_C]);

      // Each row is what the System's stored assessment says.
      for (const row of all.body.items) {
        const stored = (
          await get(`/v1/entities/system/default/${row.name}/assessment`)
        ).body;
        expect(row).toMatchObject({
          owner: expect.stringMatching(/^group:default\/team-[abc]$/),
          drStatus: stored.dr.status,
          reasons: stored.dr.reasons,
          evaluatedAt: stored.evaluatedAt,
        });
        expect(row.tier).toBe(stored.dr.tier);
        expect(row.disruptions).toEqual(
          stored.dr.disruptions.map((d: any) => ({
            disruption: d.disruption,
            status: d.status,
            ...(d.target ? { target: d.target } : {}),
            ...(d.targetSource ? { targetSource: d.targetSource } : {}),
            declared: d.declared,
            ...(d.achievable ? { achievable: d.achievable } : {}),
            reason: d.reason,
          })),
        );
      }
      const shop = all.body.items.find((r: any) => r.name === 'shop');
      expect(shop.tier).toBe('critical');
      expect(shop.disruptions).toHaveLength(4);
      expect(shop.disruptions[0].target).toEqual({ rpo: 900, rto: 3600 });

      // Worst first: no row has fewer breached (then declared-weaker, then unknown) cells than
      // the one after it.
      const key = (r: any) =>
        ['breached', 'declared-weaker', 'unknown'].map(
          s => r.disruptions.filter((d: any) => d.status === s).length,
        );
      const keys: number[][] = all.body.items.map(key);
      const notBetter = (a: number[], b: number[]) => {
        const i = a.findIndex((v, j) => v !== b[j]);
        return i < 0 || a[i] > b[i];
      };
      for (let i = 1; i < keys.length; i++)
        expect([keys[i - 1], keys[i], notBetter(keys[i - 1], keys[i])]).toEqual(
          [keys[i - 1], keys[i], true],
        );

      const names = async (query: string) => {
        const res = await get(`/v1/dr/matrix?${query}`);
        expect(res.status).toBe(200);
        // The owner filter's options stay those of every System.
        expect(res.body.owners).toEqual([TEAM_A, TEAM_B, TEAM_C]);
        return res.body.items.map((r: any) => r.name).sort();
      };
      expect(await names('tier=critical')).toEqual(['shop']);
      expect(await names('tier=critical&tier=standard')).toEqual([
        'ledger',
        'shop',
      ]);
      expect(await names('tier=none')).toEqual(['archive', 'hidden']);
      expect(await names(`owner=${encodeURIComponent(TEAM_B)}`)).toEqual([
        'archive',
        'ledger',
      ]);
      expect(
        await names(`owner=${encodeURIComponent(TEAM_B)}&tier=standard`),
      ).toEqual(['ledger']);

      const bad = await get('/v1/dr/matrix?tier=platinum');
      expect(bad.status).toBe(400);
      await backend.stop();
    });

    it('shows a caller with conditional catalog access only the Systems the catalog shows them', async () => {
      const knex = await databases.init(databaseId);
      const scheduler = mockServices.scheduler();
      const backend = await startTestBackend({
        features: [
          compliancePlugin,
          ...conditionalAccess,
          mockServices.database.factory({ knex }),
          (scheduler as any).factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({ data: config }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
        ],
      });
      await scheduler.triggerTask('compliance-evaluate');
      const res = await request(backend.server).get(
        '/api/compliance/v1/dr/matrix',
      );
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: any) => r.name).sort()).toEqual([
        'archive',
        'ledger',
        'shop',
      ]);
      // Nor does the owner filter name the owner of a System they may not see.
      expect(res.body.owners).toEqual([TEAM_A, TEAM_B]);
      await backend.stop();
    });
  },
);
