import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { EvaluationLease } from '../service/EvaluationLease';
import { EvaluationRunner } from '../service/EvaluationRunner';
import { scheduleEvaluation } from '../service/scheduleEvaluation';
import { RollUpStore } from '../store/RollUpStore';

/**
 * The evaluation pass: one global task per shard (`compliance.evaluation.shards`), each under
 * its lease, so replicas share the catalog; after a shard's pass the Systems, Domains and
 * Groups are rolled up from their members.
 *
 * @internal
 */
export class EvaluationJob {
  constructor(
    private readonly deps: {
      runner: EvaluationRunner;
      rollUps: RollUpStore;
      lease: EvaluationLease;
      shards: number;
      schedule?: SchedulerServiceTaskScheduleDefinition;
    },
  ) {}

  async start(scheduler: SchedulerService): Promise<void> {
    const { lease, shards, schedule } = this.deps;
    await scheduleEvaluation({
      scheduler,
      lease,
      schedule,
      shards,
      pass: shard => this.runShard(shard),
    });
  }

  async runShard(shard: number): Promise<void> {
    await this.deps.runner.runPass({ shard, shards: this.deps.shards });
    // Systems, Domains and Groups reflect their members as of this pass.
    await this.deps.rollUps.recompute(new Date());
  }
}
