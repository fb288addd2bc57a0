import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { EvaluationLease } from './EvaluationLease';

/** @internal */
export const DEFAULT_EVALUATION_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 1 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 15 },
  };

/** A period in milliseconds; a cron expression counts as one minute. */
function periodMs(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
) {
  if (typeof frequency !== 'object' || 'cron' in frequency) return 60_000;
  if ('trigger' in frequency) return 60_000;
  const d = frequency as Record<string, number | undefined>;
  const ms =
    (d.milliseconds ?? 0) +
    (d.seconds ?? 0) * 1000 +
    (d.minutes ?? 0) * 60_000 +
    (d.hours ?? 0) * 3600_000 +
    (d.days ?? 0) * 86400_000 +
    (d.weeks ?? 0) * 7 * 86400_000;
  return ms > 0 ? ms : 60_000;
}

/**
 * Schedules one global task per evaluation shard (`compliance-evaluate` when there is one),
 * each running its pass under the shard's lease, and a local watchdog on every replica that
 * resumes a shard whose replica died mid-pass: within the lease's TTL plus half of it, instead
 * of the task timeout.
 *
 * @internal
 */
export async function scheduleEvaluation(options: {
  scheduler: SchedulerService;
  lease: EvaluationLease;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  shards: number;
  pass: (shard: number) => Promise<void>;
  /** How often each replica looks for a dead or stalled shard (default: half the lease TTL). */
  watchdogMs?: number;
}) {
  const { scheduler, lease, shards, pass } = options;
  const schedule = options.schedule ?? DEFAULT_EVALUATION_SCHEDULE;
  for (let shard = 0; shard < shards; shard++) {
    const id =
      shards === 1
        ? 'compliance-evaluate'
        : `compliance-evaluate-shard-${shard}`;
    await scheduler.scheduleTask({
      id,
      scope: 'global',
      ...schedule,
      fn: async () => {
        await lease.run(id, () => pass(shard));
      },
    });
  }
  const period = periodMs(schedule.frequency);
  const watchdogMs = Math.max(options.watchdogMs ?? lease.ttlMs / 2, 1000);
  await scheduler.scheduleTask({
    id: 'compliance-evaluate-watchdog',
    scope: 'local',
    frequency: { milliseconds: watchdogMs },
    timeout: schedule.timeout,
    initialDelay: { milliseconds: watchdogMs },
    fn: async () => {
      for (let shard = 0; shard < shards; shard++) {
        const id =
          shards === 1
            ? 'compliance-evaluate'
            : `compliance-evaluate-shard-${shard}`;
        if (await lease.overdue(id, period))
          await lease.run(id, () => pass(shard), { wait: false });
      }
    },
  });
}
