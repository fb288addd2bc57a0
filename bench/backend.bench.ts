/* eslint-disable no-console */
// Backend benchmark: 10,000 catalog entities on SQLite and on PostgreSQL.
// Prints: full evaluation pass, idle pass (nothing changed), p50/p95 latency of the entity
// endpoint and of the fleet overview over HTTP, and the process RSS.
// The router, stores, runner and IaC reader are the plugin's own; the catalog is an
// in-memory stand-in serving the synthetic entities (the benchmark measures this plugin,
// not the catalog). Run from the repository root:
//   node --require @backstage/cli/config/nodeTransform.cjs bench/backend.bench.ts [sqlite|pg]
import { Entity } from '@backstage/catalog-model';
import express from 'express';
import http from 'http';
import knexFactory, { Knex } from 'knex';
import path from 'path';
import { defaultPolicy } from '@refarch/backstage-plugin-compliance-node';
import { syntheticEntities } from './syntheticEntities';
import { createRouter } from '../plugins/compliance-backend/src/router';
import { ComplianceService } from '../plugins/compliance-backend/src/service/ComplianceService';
import { EvaluationRunner } from '../plugins/compliance-backend/src/service/EvaluationRunner';
import { IacReader } from '../plugins/compliance-backend/src/service/IacReader';
import { AssessmentStore } from '../plugins/compliance-backend/src/store/AssessmentStore';
import { EvidenceStore } from '../plugins/compliance-backend/src/store/EvidenceStore';
import { WaiverStore } from '../plugins/compliance-backend/src/store/WaiverStore';
import { RollUpStore } from '../plugins/compliance-backend/src/store/RollUpStore';

const fixtures = path.resolve(
  __dirname,
  '../plugins/compliance-node/src/__fixtures__',
);
const logger: any = {
  info: () => {},
  warn: (m: string) => console.warn(m),
  error: console.error,
  debug: () => {},
  child: () => logger,
};

function toEntities(): Entity[] {
  return syntheticEntities(10_000).map(e => {
    const [kind, rest] = e.ref.split(':');
    const [namespace, name] = rest.split('/');
    const annotations: Record<string, string> = {
      ...e.annotations,
      'backstage.io/managed-by-location': `file:${path.join(
        fixtures,
        'catalog-info.yaml',
      )}`,
    };
    if (e.iac)
      annotations['refarch.dev/cloudformation'] =
        e.iac === 'good' ? './service-good.yaml' : './environment-weak.yaml';
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: e.kind,
      metadata: { name, namespace, annotations },
      spec: { type: e.type, owner: e.owner, system: e.system },
      relations: [
        { type: 'ownedBy', targetRef: e.owner },
        ...(kind === 'system' ? [] : [{ type: 'partOf', targetRef: e.system }]),
        ...e.dependsOn.map(d => ({ type: 'dependsOn', targetRef: d })),
      ],
    } as Entity;
  });
}

async function database(kind: string): Promise<Knex> {
  if (kind === 'pg') {
    const admin = knexFactory({
      client: 'pg',
      connection: 'postgresql://postgres@127.0.0.1:5432/postgres',
    });
    await admin.raw('drop database if exists compliance_bench');
    await admin.raw('create database compliance_bench');
    await admin.destroy();
    return knexFactory({
      client: 'pg',
      connection: 'postgresql://postgres@127.0.0.1:5432/compliance_bench',
      pool: { min: 1, max: 5 },
    });
  }
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function latency(port: number, paths: string[], n: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = paths[i % paths.length];
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: p, agent }, res => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200
              ? resolve()
              : reject(new Error(`${p}: ${res.statusCode}`)),
          );
        })
        .on('error', reject);
    });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  agent.destroy();
  return `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(
    times,
    95,
  ).toFixed(2)} ms (${n} requests)`;
}

async function main() {
  const dbKind = process.argv[2] === 'pg' ? 'pg' : 'sqlite';
  const knex = await database(dbKind);
  await knex.migrate.latest({
    directory: path.resolve(
      __dirname,
      '../plugins/compliance-backend/migrations',
    ),
  });
  const entities = toEntities();
  const byRef = new Map(
    entities.map(e => [
      `${e.kind.toLowerCase()}:default/${e.metadata.name}`,
      e,
    ]),
  );
  const catalog: any = {
    getEntities: async () => ({ items: entities }),
    getEntityByRef: async (ref: string) => byRef.get(ref),
    getEntitiesByRefs: async ({ entityRefs }: any) => ({
      items: entityRefs.map((r: string) => byRef.get(r)),
    }),
  };
  const credentials: any = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/bench' },
  };
  const auth: any = { getOwnServiceCredentials: async () => credentials };
  const permissions: any = {
    authorize: async (r: any[]) => r.map(() => ({ result: 'ALLOW' })),
    authorizeConditional: async (r: any[]) =>
      r.map(() => ({ result: 'ALLOW' })),
  };
  const assessments = new AssessmentStore(knex);
  const evidence = new EvidenceStore(knex);
  const waivers = new WaiverStore(knex);
  const rollUps = RollUpStore.create({ knex });
  const iac = IacReader.create({
    urlReader: {} as any,
    logger,
    allowedRoots: [fixtures],
  });
  const runner = new EvaluationRunner({
    catalog,
    auth,
    logger,
    assessments,
    evidence,
    waivers,
    iac,
    policy: defaultPolicy,
  });

  const full = await runner.runPass();
  const idle = await runner.runPass();
  const rollUpStart = Date.now();
  const rollUpCount = await rollUps.recompute(new Date());
  const rollUpMs = Date.now() - rollUpStart;
  const service = new ComplianceService({
    catalog,
    permissions,
    assessments,
    rollUps,
    evidence,
    waivers,
    runner,
    policy: defaultPolicy,
  });
  const httpAuth: any = { credentials: async () => credentials };
  const app = express();
  app.use(
    '/api/compliance',
    await createRouter({
      httpAuth,
      service,
    }),
  );
  const server = app.listen(0);
  const port = (server.address() as any).port;
  const refs = entities
    .filter((_, i) => i % 97 === 0)
    .map(
      e =>
        `/api/compliance/v1/entities/${e.kind.toLowerCase()}/default/${
          e.metadata.name
        }/assessment`,
    );
  await latency(port, refs, 200); // warm-up
  const entityLatency = await latency(port, refs, 1000);
  const owner = encodeURIComponent('group:default/team-7');
  const fleetPaths = [
    '/api/compliance/v1/assessments?limit=50',
    `/api/compliance/v1/assessments?limit=50&offset=5000&owner=${owner}`,
    '/api/compliance/v1/assessments?limit=50&status=fail&framework=gdpr',
    '/api/compliance/v1/assessments?limit=50&control=MON-02',
  ];
  const fleetLatency = await latency(port, fleetPaths, 200);
  const aggregateLatency = await latency(
    port,
    [
      '/api/compliance/v1/aggregates?groupBy=owner',
      '/api/compliance/v1/aggregates?groupBy=system',
    ],
    100,
  );
  server.close();
  console.log(`database: ${dbKind}; entities: ${entities.length}`);
  console.log(
    `full evaluation pass: ${full.durationMs} ms (${full.evaluated} evaluated, ${full.failed} failed)`,
  );
  console.log(
    `idle pass (nothing changed): ${idle.durationMs} ms (${idle.skipped} skipped, ${idle.evaluated} evaluated)`,
  );
  console.log(
    `roll-ups (systems, domains, owners) recomputed: ${rollUpCount} in ${rollUpMs} ms`,
  );
  console.log(`entity endpoint: ${entityLatency}`);
  console.log(`fleet overview page (50 rows, filters): ${fleetLatency}`);
  console.log(`aggregates per owner/system: ${aggregateLatency}`);
  console.log(
    `backend RSS: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
  );
  await knex.destroy();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
