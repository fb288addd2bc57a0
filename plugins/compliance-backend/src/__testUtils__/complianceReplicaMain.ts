/*
 * One real compliance backend (the plugin, the real scheduler with its distributed locks,
 * the test catalog) on the PostgreSQL database named by REPLICA_CONNECTION, with
 * `compliance.evaluation.shards: REPLICA_SHARDS`. Prints "ready" once started and
 * "pass <shard> <epoch ms>" at the end of each shard pass it runs, for
 * twoReplicas.test.ts.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import knexFactory from 'knex';
import path from 'path';
import { compliancePlugin } from '../plugin';
import { testEntities } from '../testEntities';

const fixtures = path.resolve(__dirname, '..', '__fixtures__');
const period = Number(process.env.REPLICA_PERIOD_SECONDS);

const logger = {
  info(message: string) {
    const m = /^Compliance pass shard (\d+)\//.exec(message);
    if (m) process.stdout.write(`pass ${Number(m[1]) - 1} ${Date.now()}\n`);
  },
  debug() {},
  warn() {},
  error(message: string) {
    process.stderr.write(`${message}\n`);
  },
  child() {
    return logger;
  },
};

async function main() {
  const knex = knexFactory({
    client: 'pg',
    connection: JSON.parse(process.env.REPLICA_CONNECTION!),
  });
  await startTestBackend({
    features: [
      compliancePlugin,
      schedulerServiceFactory,
      catalogServiceMock.factory({ entities: testEntities(fixtures) }),
      mockServices.database.factory({ knex }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => logger,
      }),
      mockServices.rootConfig.factory({
        data: {
          compliance: {
            iac: { allowedRoots: [fixtures] },
            evaluation: {
              shards: Number(process.env.REPLICA_SHARDS),
              schedule: {
                frequency: { seconds: period },
                timeout: { seconds: period * 3 },
                initialDelay: { seconds: 0 },
              },
            },
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
  process.stdout.write('ready\n');
}

main().catch(e => {
  process.stderr.write(`replica failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
