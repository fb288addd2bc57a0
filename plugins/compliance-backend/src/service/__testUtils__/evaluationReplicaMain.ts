/*
 * A replica in a child process, for the test that kills it with SIGKILL mid-pass: its pass
 * prints "started" and never ends. Connection and timing come from the environment.
 */
import knexFactory from 'knex';
import { startEvaluationReplica } from './evaluationReplica';

const knex = knexFactory({
  client: 'pg',
  connection: JSON.parse(process.env.REPLICA_CONNECTION!),
});
startEvaluationReplica({
  knex,
  periodSeconds: Number(process.env.REPLICA_PERIOD_SECONDS),
  leaseTtlMs: Number(process.env.REPLICA_LEASE_TTL_MS),
  pass: async () => {
    process.stdout.write(`started ${Date.now()}\n`);
    await new Promise(() => {});
  },
}).catch(e => {
  process.stderr.write(`replica failed: ${e}\n`);
  process.exit(1);
});
