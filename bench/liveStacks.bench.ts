// Live stacks benchmark (issue 18): 10,000 entities with a stack each, against a mocked
// CloudFormation (aws-sdk-client-mock: no AWS latency), on SQLite or PostgreSQL.
// Prints: first read pass (DescribeStacks + GetTemplate per stack), idle read pass (one
// DescribeStacks per stack), first evaluation inputs (deployed templates analysed) and idle
// evaluation inputs (nothing changed) for all 10,000 entities, then a full evaluation of all
// 10,000 where the repository's template (bucket without encryption) disagrees with the
// deployed one, so every control is judged on both templates and the sources are compared.
//   node --require @backstage/cli/config/nodeTransform.cjs bench/liveStacks.bench.ts [sqlite|pg] [entities]
// (entities: 10,000 by default).
import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { Entity } from '@backstage/catalog-model';
import { mockClient } from 'aws-sdk-client-mock';
import knexFactory, { Knex } from 'knex';
import path from 'path';
import { CloudFormationClients } from '../plugins/compliance-backend/src/live/CloudFormationClients';
import { LiveInputs } from '../plugins/compliance-backend/src/live/LiveInputs';
import { LiveStackReader } from '../plugins/compliance-backend/src/live/LiveStackReader';
import { LiveStackRefresher } from '../plugins/compliance-backend/src/live/LiveStackRefresher';
import { LiveStackStore } from '../plugins/compliance-backend/src/live/LiveStackStore';
import {
  describeStacks,
  getTemplate,
  processedTemplate,
  testCredentials,
} from '../plugins/compliance-backend/src/live/__fixtures__/awsResponses';
import {
  defaultPolicy,
  evaluateEntity,
  parseTemplate,
  resolveTemplate,
} from '../plugins/compliance-node/src';
import { print, printError } from './print';

const N = Number(process.argv[3] ?? 10_000);
const logger: any = {
  info: (m: string) => print(`  ${m}`),
  warn: printError,
  error: printError,
  debug: () => {},
  child: () => logger,
};
const regions = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const arnOf = (i: number) =>
  `arn:aws:cloudformation:${
    regions[i % 4]
  }:123456789012:stack/Stack${i}/aaf549a0-a413-11df-adb3-${String(i).padStart(
    12,
    '0',
  )}`;
const entities: Entity[] = Array.from({ length: N }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `stack-${i}`,
    namespace: 'default',
    annotations: { 'refarch.dev/cloudformation-stack': arnOf(i) },
  },
  spec: { type: 'environment' },
}));

async function database(kind: string): Promise<Knex> {
  if (kind === 'pg') {
    const admin = knexFactory({
      client: 'pg',
      connection: 'postgresql://postgres@127.0.0.1:5432/postgres',
    });
    await admin.raw('drop database if exists bench_live');
    await admin.raw('create database bench_live');
    await admin.destroy();
    return knexFactory({
      client: 'pg',
      connection: 'postgresql://postgres@127.0.0.1:5432/bench_live',
    });
  }
  return knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
}

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const out = await fn();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  print(`${label}: ${ms.toFixed(0)} ms`);
  return out;
}

async function main() {
  const kind = process.argv[2] ?? 'sqlite';
  const knex = await database(kind);
  await knex.migrate.latest({
    directory: path.resolve(
      __dirname,
      '../plugins/compliance-backend/migrations',
    ),
  });
  const cfn = mockClient(CloudFormationClient);
  cfn
    .on(DescribeStacksCommand)
    .callsFake(input => describeStacks({ StackId: input.StackName }));
  cfn.on(GetTemplateCommand).resolves(getTemplate());
  const store = LiveStackStore.create({ knex });
  const catalog: any = {
    getEntities: async () => ({ items: entities }),
  };
  const auth: any = { getOwnServiceCredentials: async () => ({}) };
  const refresher = new LiveStackRefresher({
    catalog,
    auth,
    logger,
    store,
    reader: new LiveStackReader({
      clients: new CloudFormationClients({
        credentialsManager: testCredentials,
      }),
    }),
    limits: {
      maxCallsPerPass: 3 * N,
      maxRetriesPerPass: 50,
      concurrency: 16,
      retry: { maxRetries: 3, baseDelayMs: 200, maxDelayMs: 5000 },
    },
  });
  print(`${kind}, ${N} entities with stacks, mocked CloudFormation`);
  await time('read pass, first (2 calls per stack)', () => refresher.runPass());
  await time('read pass, idle (1 call per stack)', () => refresher.runPass());
  const inputs = new LiveInputs({
    store,
    logger,
    stuckAfterMs: 3600_000,
  });
  const all = async () => {
    for (const e of entities) await inputs.forEntity(e, undefined);
  };
  await time('evaluation inputs, first (deployed templates analysed)', all);
  await time('evaluation inputs, idle', all);
  // The repository's version of the template lost the bucket's encryption: ENC-03 disagrees.
  const body = JSON.parse(processedTemplate);
  delete body.Resources.DataBucket.Properties.BucketEncryption;
  const repository = {
    template: resolveTemplate(
      parseTemplate(JSON.stringify(body), { fileName: 'repository.json' }),
      { parameters: { Environment: 'production' } },
    ),
    source: 'repository.json',
    contentHash: 'repository',
  };
  let disagreeing = 0;
  await time(
    'evaluation, all entities (deployed and repository judged)',
    async () => {
      for (const e of entities) {
        const live = await inputs.forEntity(e, repository);
        const assessment = evaluateEntity(
          {
            entity: {
              ref: `resource:default/${e.metadata.name}`,
              kind: e.kind,
              name: e.metadata.name,
              type: 'environment',
              annotations: e.metadata.annotations ?? {},
            },
            iac: live?.iac ?? repository,
            repositoryIac: live?.repositoryIac,
            liveFacts: live?.liveFacts,
            evidence: [],
            waivers: [],
            dependencies: [],
            now: new Date(),
          },
          defaultPolicy,
        );
        if (assessment.results.some(r => r.sources)) disagreeing++;
      }
    },
  );
  print(`entities whose sources disagree on a control: ${disagreeing}`);
  print(`RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  await knex.destroy();
}

main().catch(e => {
  printError(e);
  process.exit(1);
});
