// One backend replica of bench/backend.bench.ts, in its own process: the plugin's stores,
// runner (shard `index` of `replicas`), roll-ups and router on one database, driven by the
// coordinator over IPC ('pass', 'rss', 'exit').
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import fs from 'fs';
import inspector from 'inspector';
import path from 'path';
import { defaultPolicy } from '@refarch/backstage-plugin-compliance-node';
import { SYNTHETIC_IAC_ROOT, syntheticCatalog } from './syntheticCatalog';
import { createRouter } from '../plugins/compliance-backend/src/router';
import { createComplianceServices } from '../plugins/compliance-backend/src/service/createComplianceServices';
import { EvaluationRunner } from '../plugins/compliance-backend/src/service/EvaluationRunner';
import { createEvaluationPool } from '../plugins/compliance-backend/src/service/EvaluationPool';
import { IacReader } from '../plugins/compliance-backend/src/service/IacReader';
import { AssessmentStore } from '../plugins/compliance-backend/src/store/AssessmentStore';
import { EvidenceStore } from '../plugins/compliance-backend/src/store/EvidenceStore';
import { WaiverStore } from '../plugins/compliance-backend/src/store/WaiverStore';
import { RollUpStore } from '../plugins/compliance-backend/src/store/RollUpStore';
import { print, printError } from './print';

const logger: any = {
  info: () => {},
  warn: printError,
  error: printError,
  debug: () => {},
  child: () => logger,
};

async function database(
  db: 'sqlite' | 'pg',
  pgConnection: string,
  applicationName: string,
) {
  if (db === 'pg')
    return knexFactory({
      client: 'pg',
      connection: {
        connectionString: pgConnection,
        application_name: applicationName,
      },
      // Connections are kept for the whole run, so their server processes' CPU can be read.
      pool: { min: 1, max: 5, idleTimeoutMillis: 600_000 },
    });
  const knex: Knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await knex.migrate.latest({
    directory: path.resolve(
      __dirname,
      '../plugins/compliance-backend/migrations',
    ),
  });
  return knex;
}

/**
 * CPU time (ms) of the PostgreSQL server processes serving this replica's connections, when
 * the server runs on this machine (read from /proc; 0 otherwise). Each replica's connections
 * carry its name as application_name.
 */
async function serverCpuMs(knex: Knex, applicationName: string) {
  if (knex.client.config.client !== 'pg') return 0;
  const { rows } = await knex.raw(
    'select pid from pg_stat_activity where application_name = ?',
    [applicationName],
  );
  let ticks = 0;
  for (const { pid } of rows as Array<{ pid: number }>) {
    try {
      // utime and stime: fields 14 and 15, counted after the parenthesised command.
      const fields = fs
        .readFileSync(`/proc/${pid}/stat`, 'utf8')
        .split(') ')[1]
        .split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Not on this machine, or gone.
    }
  }
  // Clock ticks of 10 ms (USER_HZ = 100 on Linux).
  return ticks * 10;
}

/**
 * BENCH_PROFILE_DIR=dir: a CPU profile of each pass of this replica, written there (open them
 * in Chrome's DevTools); with BENCH_HEAP=1 also a sampled allocation profile, which by itself
 * adds about half to the pass's CPU (so its CPU profile overstates the time).
 */
async function startProfile() {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return undefined;
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  // And what the pass allocates, collected or not (what the garbage collector works on).
  const heap = process.env.BENCH_HEAP === '1';
  if (heap) {
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', {
      samplingInterval: 16384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  return {
    async stop(name: string) {
      const sampled = heap && (await post('HeapProfiler.stopSampling'));
      const { profile } = await post('Profiler.stop');
      fs.mkdirSync(dir, { recursive: true });
      if (sampled)
        fs.writeFileSync(
          path.join(dir, `${name}.heapprofile`),
          JSON.stringify(sampled.profile),
        );
      fs.writeFileSync(
        path.join(dir, `${name}.cpuprofile`),
        JSON.stringify(profile),
      );
      session.disconnect();
    },
  };
}

export async function runReplica(options: {
  db: 'sqlite' | 'pg';
  count: number;
  replicas: number;
  index: number;
  pgConnection: string;
}) {
  const { count, replicas, index } = options;
  const applicationName = `compliance-bench-replica-${index + 1}`;
  const knex = await database(
    options.db,
    options.pgConnection,
    applicationName,
  );
  // BENCH_SQL=1: time spent per kind of statement, printed after each pass.
  const sqlTimes = new Map<string, { n: number; ms: number }>();
  if (process.env.BENCH_SQL) {
    const started = new Map<string, number>();
    knex.on('query', q => started.set(q.__knexQueryUid, performance.now()));
    knex.on('query-response', (_r, q) => {
      const key = String(q.sql).slice(0, 60);
      const t = sqlTimes.get(key) ?? { n: 0, ms: 0 };
      t.n++;
      t.ms += performance.now() - (started.get(q.__knexQueryUid) ?? 0);
      started.delete(q.__knexQueryUid);
      sqlTimes.set(key, t);
    });
  }
  const catalog: any = syntheticCatalog(count);
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
  const assessments = AssessmentStore.create({ knex });
  const evidence = EvidenceStore.create({ knex });
  const waivers = WaiverStore.create({ knex });
  const rollUps = RollUpStore.create({ knex });
  const iac = IacReader.create({
    urlReader: {} as any,
    logger,
    allowedRoots: [SYNTHETIC_IAC_ROOT],
  });
  // Evaluates in the plugin's default pool of one worker thread; BENCH_WORKERS=n: in n,
  // BENCH_WORKERS=0: on this thread (as with compliance.evaluation.isolation.enabled: false).
  const workers = Number(process.env.BENCH_WORKERS ?? 1);
  const pool = workers
    ? createEvaluationPool({
        config: new ConfigReader({
          compliance: {
            iac: { allowedRoots: [SYNTHETIC_IAC_ROOT] },
            evaluation: { isolation: { workers } },
          },
        }),
        policy: defaultPolicy,
        urlReader: {} as any,
        logger,
      })
    : undefined;
  const runner = new EvaluationRunner({
    pool,
    catalog,
    auth,
    logger,
    assessments,
    evidence,
    waivers,
    iac,
    policy: defaultPolicy,
  });
  const services = createComplianceServices({
    catalog,
    permissions,
    assessments,
    rollUps,
    evidence,
    waivers,
    runner,
    policy: defaultPolicy,
  });
  const app = express();
  app.use(
    '/api/compliance',
    await createRouter({
      httpAuth: { credentials: async () => credentials } as any,
      services,
    }),
  );
  const server = app.listen(0);
  const sample = (
    await catalog.queryEntities({ limit: Math.min(count, 5000) })
  ).items.filter((_: unknown, i: number) => i % 97 === 0);
  const send = (m: object) => process.send!(m);
  let passes = 0;
  process.on('message', async (m: any) => {
    try {
      if (m.type === 'pass') {
        // As the plugin's scheduled task: the shard's pass, then the roll-ups.
        const cpu = process.cpuUsage();
        const serverCpu = await serverCpuMs(knex, applicationName);
        const profile = await startProfile();
        const stats = await runner.runPass({ shard: index, shards: replicas });
        await profile?.stop(`replica-${index + 1}-pass-${++passes}`);
        const { user, system } = process.cpuUsage(cpu);
        const cpuMs = (user + system) / 1000;
        const serverCpuMsOfPass =
          (await serverCpuMs(knex, applicationName)) - serverCpu;
        const started = performance.now();
        await rollUps.recompute(new Date());
        const rollUpsMs = performance.now() - started;
        for (const [sql, t] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms))
          print(`${Math.round(t.ms)} ms ${t.n}x ${sql}`);
        sqlTimes.clear();
        send({
          type: 'pass-done',
          stats,
          rollUpsMs,
          cpuMs,
          serverCpuMs: serverCpuMsOfPass,
        });
      } else if (m.type === 'rss') {
        send({
          type: 'rss-done',
          peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
        });
      } else if (m.type === 'exit') {
        server.close();
        await pool?.close();
        await knex.destroy();
        process.exit(0);
      }
    } catch (e) {
      printError(e);
      process.exit(1);
    }
  });
  send({
    type: 'ready',
    port: (server.address() as any).port,
    sampleRefs: sample.map((e: any) => {
      const ref = stringifyEntityRef(e);
      const [kind, rest] = ref.split(':');
      return `/api/compliance/v1/entities/${kind}/${rest}/assessment`;
    }),
  });
}
