/*
 * Evidence posts on a slow or failing catalog (issue 23): the answer does not wait for the
 * re-evaluation beyond a few seconds, and a retry with the same Idempotency-Key gets the
 * stored record instead of a duplicate.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
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

const EVIDENCE = '/api/compliance/v1/entities/component/default/api/evidence';
const drill = (
  summary = 'Region failover drill, documented in the runbook',
) => ({
  kind: 'dr-drill',
  performedAt: new Date(Date.now() - 3600_000).toISOString(),
  result: 'pass',
  summary,
});

describe.each(databases.eachSupportedId())(
  'evidence posts on %s',
  databaseId => {
    it('answer while the catalog is slow or down, and a retry with the same key stores nothing new', async () => {
      const knex = await databases.init(databaseId);
      const catalog = catalogServiceMock({ entities: testEntities(fixtures) });
      // What the evaluation reads (every entity) hangs or fails; single lookups still work.
      let mode: 'ok' | 'slow' | 'down' = 'ok';
      const getEntities = catalog.getEntities.bind(catalog);
      catalog.getEntities = async (...args: any[]) => {
        if (mode === 'slow') await new Promise(r => setTimeout(r, 10_000));
        if (mode === 'down') throw new Error('catalog unavailable');
        return (getEntities as any)(...args);
      };
      const backend = await startTestBackend({
        features: [
          compliancePlugin,
          createServiceFactory({
            service: catalogServiceRef,
            deps: {},
            factory: () => catalog,
          }),
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
      const post = (body: object, key?: string) => {
        const req = request(backend.server).post(EVIDENCE);
        return (key ? req.set('Idempotency-Key', key) : req).send(body);
      };

      mode = 'slow';
      const body = drill();
      const started = Date.now();
      const first = await post(body, 'drill-2026-12-05');
      expect(first.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(15_000);

      // The client lost that answer and retries: the same record, not a second one.
      mode = 'down';
      const retry = await post(body, 'drill-2026-12-05');
      expect(retry.status).toBe(200);
      expect(retry.body.id).toBe(first.body.id);
      // The same key for other content is a conflict, not a silent replay.
      const other = await post(drill('another drill'), 'drill-2026-12-05');
      expect(other.status).toBe(409);
      expect(other.body.error.message).toContain('Idempotency-Key');
      // Without a key, or with a malformed one.
      expect((await post(drill('a failing catalog'))).status).toBe(201);
      const bad = await post(drill(), 'has spaces in it');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('Idempotency-Key');

      mode = 'ok';
      const stored = await request(backend.server).get(EVIDENCE);
      expect(stored.body.items.map((e: any) => e.summary).sort()).toEqual([
        'Region failover drill, documented in the runbook',
        'a failing catalog',
      ]);
      // Another caller may use the same key for its own record.
      const mine = await request(backend.server)
        .post(EVIDENCE)
        .set('Authorization', mockCredentials.user.header('user:default/bob'))
        .set('Idempotency-Key', 'drill-2026-12-05')
        .send(body);
      expect(mine.status).toBe(201);
      expect(mine.body.id).not.toBe(first.body.id);
      await backend.stop();
    });
  },
);
