/*
 * Two replicas on one PostgreSQL database (issue 23), each with the real scheduler: one is
 * killed with SIGKILL in the middle of a pass; the other evaluates within one period, although
 * the scheduler's lock of the dead replica never expires here (its janitor is off in tests).
 * While the first is alive and working, the second leaves its pass alone.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { ChildProcess, spawn } from 'child_process';
import path from 'path';
import { migratedDatabase } from '../__testUtils__/createTestDatabases';
import { startEvaluationReplica } from './__testUtils__/evaluationReplica';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids:
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ||
    process.env.CI
      ? ['POSTGRES_15']
      : [],
  disableDocker: true,
});

const PERIOD_SECONDS = 5;
const LEASE_TTL_MS = 1500;

const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function startChild(connection: unknown): {
  child: ChildProcess;
  started: Promise<number>;
} {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, '__testUtils__', 'evaluationReplicaMain.ts'),
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        REPLICA_CONNECTION: JSON.stringify(connection),
        REPLICA_PERIOD_SECONDS: String(PERIOD_SECONDS),
        REPLICA_LEASE_TTL_MS: String(LEASE_TTL_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', d => {
    stderr += String(d);
  });
  const started = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', d => {
      const m = /started (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', code =>
      reject(new Error(`replica exited (${code}) before its pass: ${stderr}`)),
    );
  });
  return { child, started };
}

const maybe = databases.eachSupportedId().length ? describe : describe.skip;

maybe('evaluation with two replicas on PostgreSQL', () => {
  it('takes over within one period when the replica running the pass is killed', async () => {
    const knex = await migratedDatabase(databases, 'POSTGRES_15');
    const connection = (knex.client as any).config.connection;

    const first = startChild(connection);
    const startedAt = await first.started;

    // The second replica joins while the first one's pass is running.
    const passes: number[] = [];
    const second = await startEvaluationReplica({
      knex,
      periodSeconds: PERIOD_SECONDS,
      leaseTtlMs: LEASE_TTL_MS,
      pass: async () => {
        passes.push(Date.now());
      },
    });
    try {
      // Longer than a period (the scheduler's lock of the first replica expired meanwhile):
      // the first is alive and renews its lease, so the second does not evaluate too.
      await wait(PERIOD_SECONDS * 1000 * 2 + 1000);
      expect(passes).toEqual([]);
      expect(Date.now() - startedAt).toBeGreaterThan(PERIOD_SECONDS * 1000);

      const killedAt = Date.now();
      first.child.kill('SIGKILL');
      const deadline = killedAt + PERIOD_SECONDS * 1000 + 1000;
      while (!passes.length && Date.now() < deadline) await wait(100);
      expect(passes.length).toBeGreaterThan(0);
      expect(passes[0] - killedAt).toBeLessThanOrEqual(PERIOD_SECONDS * 1000);
    } finally {
      first.child.kill('SIGKILL');
      await second.stop();
    }
  });
});
