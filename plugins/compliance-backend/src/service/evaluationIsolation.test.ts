import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { compliancePlugin } from '../plugin';
import { testEntities } from '../testEntities';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import { environmentEntity } from '../__testUtils__/environmentEntity';
import { hostileTemplate } from '../__testUtils__/hostileTemplate';

// Worker threads load the TypeScript sources through the transform: slow on a loaded machine.
jest.setTimeout(600_000);

const fixtures = path.resolve(__dirname, '..', '__fixtures__');
const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'evaluation isolation on %s',
  databaseId => {
    it('errors the hostile entity with the reason, assesses the others, and answers during the pass', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
      hostileTemplate(dir);
      const hostile = environmentEntity('hostile', dir, 'hostile.json');
      const knex = await databases.init(databaseId);
      const scheduler = mockServices.scheduler();
      const backend = await startTestBackend({
        features: [
          compliancePlugin,
          catalogServiceMock.factory({
            entities: [...testEntities(fixtures), hostile],
          }),
          mockServices.database.factory({ knex }),
          (scheduler as any).factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({
            data: {
              compliance: {
                iac: {
                  allowedRoots: [fixtures, dir],
                  maxBytes: 64 * 1024 * 1024,
                },
                evaluation: { isolation: { timeout: '3s' } },
              },
            },
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
        ],
      });
      try {
        const get = (p: string) =>
          request(backend.server).get(`/api/compliance${p}`);
        const runPass = () => scheduler.triggerTask('compliance-evaluate');

        await runPass();
        const error = await get(
          '/v1/entities/resource/default/hostile/assessment',
        );
        expect(error.status).toBe(200);
        expect(error.body.status).toBe('error');
        expect(error.body.errors.join(' ')).toMatch(
          /hostile\.json: the evaluation (took longer than the limit of 3 s|exceeded the memory limit of \d+ MB)/,
        );
        // The others were assessed.
        const db = await get('/v1/entities/resource/default/db/assessment');
        expect(db.status).toBe(200);
        expect(
          db.body.results.find((r: any) => r.controlId === 'ENC-01'),
        ).toMatchObject({ status: 'pass' });
        const weak = await get(
          '/v1/entities/resource/default/weak-env/assessment',
        );
        expect(weak.body.status).toBe('fail');

        // The same requests with no pass running, on the same (possibly loaded) machine.
        const idle: number[] = [];
        for (let i = 0; i < 100; i++) {
          const start = process.hrtime.bigint();
          await get('/v1/entities/resource/default/db/assessment');
          idle.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        idle.sort((a, b) => a - b);
        const idleP95 = idle[Math.floor(idle.length * 0.95)];

        // The API answers while a pass evaluates the hostile template again (its error has no
        // content hash, so it is retried each pass).
        let passing = true;
        const pass = runPass().finally(() => {
          passing = false;
        });
        const latencies: number[] = [];
        while (passing) {
          const start = process.hrtime.bigint();
          const response = await get(
            '/v1/entities/resource/default/db/assessment',
          );
          latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
          expect(response.status).toBe(200);
        }
        await pass;
        latencies.sort((a, b) => a - b);
        const p95 = latencies[Math.floor(latencies.length * 0.95)];
        console.log(
          `${databaseId}: ${
            latencies.length
          } requests during the pass, p95 ${p95.toFixed(1)} ms, max ${latencies[
            latencies.length - 1
          ].toFixed(1)} ms; idle p95 ${idleP95.toFixed(1)} ms`,
        );
        expect(latencies.length).toBeGreaterThan(20);
        // On the event loop the hostile template blocked every request for the whole
        // evaluation (the 3 s limit here); in a worker none waits for it.
        expect(latencies[latencies.length - 1]).toBeLessThan(1000);
        // 50 ms, unless the machine itself is slower than that with no pass running (a CI
        // runner shared with other suites: 53 ms was seen at a load average of 14 on 2 cores).
        expect(p95).toBeLessThan(Math.max(50, 2 * idleP95));
      } finally {
        await backend.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
