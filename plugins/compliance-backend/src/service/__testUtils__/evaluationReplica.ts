import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { Knex } from 'knex';
import { EvaluationLease } from '../EvaluationLease';
import { scheduleEvaluation } from '../scheduleEvaluation';

const logger: any = {
  debug() {},
  info() {},
  warn() {},
  error(message: string) {
    process.stderr.write(`${message}\n`);
  },
  child() {
    return logger;
  },
};
const noop = () => ({ add() {}, record() {}, set() {} });
const metrics: any = {
  createCounter: noop,
  createHistogram: noop,
  createGauge: noop,
  createUpDownCounter: noop,
  createObservableGauge: () => ({ addCallback() {} }),
  createObservableCounter: () => ({ addCallback() {} }),
  createObservableUpDownCounter: () => ({ addCallback() {} }),
};

/**
 * One backend replica as far as evaluation scheduling goes: the real scheduler on the shared
 * database, the plugin's lease and schedule, and a pass supplied by the test.
 *
 * @internal
 */
export async function startEvaluationReplica(options: {
  knex: Knex;
  periodSeconds: number;
  leaseTtlMs: number;
  pass: () => Promise<void>;
}) {
  const hooks: Array<() => void | Promise<void>> = [];
  const scheduler = DefaultSchedulerService.create({
    database: { getClient: async () => options.knex } as any,
    logger,
    metrics,
    rootLifecycle: {
      addShutdownHook: (hook: any) => hooks.push(hook),
      addStartupHook: () => {},
      addBeforeShutdownHook: () => {},
    } as any,
    httpRouter: { use() {}, addAuthPolicy() {} } as any,
    pluginMetadata: { getId: () => 'compliance' } as any,
  });
  await scheduleEvaluation({
    scheduler,
    lease: EvaluationLease.create({
      knex: options.knex,
      logger,
      ttlMs: options.leaseTtlMs,
    }),
    schedule: {
      frequency: { seconds: options.periodSeconds },
      timeout: { seconds: options.periodSeconds },
      initialDelay: { seconds: 0 },
    },
    shards: 1,
    pass: options.pass,
  });
  return {
    stop: async () => {
      for (const hook of hooks) await hook();
    },
  };
}
