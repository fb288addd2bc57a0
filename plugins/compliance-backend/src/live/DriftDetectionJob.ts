import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DetectStackDriftCommand,
  StackResourceDrift,
} from '@aws-sdk/client-cloudformation';
import { BudgetExhaustedError, CallBudget, RetryOptions } from './CallBudget';
import {
  CloudFormationClients,
  CloudFormationSender,
} from './CloudFormationClients';
import { LiveStackStore } from './LiveStackStore';
import { describeAwsError } from './awsErrors';
import { parseStackArn } from './stackArn';
import { LiveResourceDrift, LiveStackDrift, LiveStackRecord } from './types';

/** @public */
export interface DriftStats {
  checked: number;
  drifted: number;
  errors: number;
  /** Detection still running after the polls: checked again next pass. */
  pending: number;
  calls: number;
  durationMs: number;
}

/** @public */
export interface DriftLimits {
  /** Stacks whose drift is detected per pass (AWS rate-limits DetectStackDrift). */
  stacksPerPass: number;
  maxCallsPerPass: number;
  maxRetriesPerPass: number;
  pollIntervalMs: number;
  maxPolls: number;
  /** Pages of DescribeStackResourceDrifts read per stack. */
  maxPages: number;
  retry: RetryOptions;
}

type Client = CloudFormationSender;

function toResource(d: StackResourceDrift): LiveResourceDrift {
  return {
    logicalId: d.LogicalResourceId ?? '',
    physicalId: d.PhysicalResourceId,
    resourceType: d.ResourceType ?? '',
    status: d.StackResourceDriftStatus ?? 'UNKNOWN',
    differences: (d.PropertyDifferences ?? []).map(p => ({
      path: p.PropertyPath ?? '',
      expected: p.ExpectedValue ?? '',
      actual: p.ActualValue ?? '',
      type: p.DifferenceType ?? 'NOT_EQUAL',
    })),
  };
}

/**
 * Drift detection on a schedule of its own: each pass starts DetectStackDrift on the
 * stacks checked longest ago (a configurable number, so detection is spread over time),
 * polls until the detections finish, and reads the modified and deleted resources with
 * their property differences (all pages, bounded).
 *
 * @public
 */
export class DriftDetectionJob {
  constructor(
    private readonly deps: {
      logger: LoggerService;
      store: LiveStackStore;
      clients: CloudFormationClients;
      limits: DriftLimits;
      sleep?: (ms: number) => Promise<void>;
      clock?: () => Date;
    },
  ) {}

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: 'compliance-live-drift',
      scope: 'global',
      ...schedule,
      fn: async () => {
        await this.runPass();
      },
    });
  }

  private now() {
    return (this.deps.clock?.() ?? new Date()).toISOString();
  }

  private sleep(ms: number) {
    return (this.deps.sleep ?? (t => new Promise(r => setTimeout(r, t))))(ms);
  }

  async runPass(): Promise<DriftStats> {
    const started = Date.now();
    const { store, limits, logger } = this.deps;
    const budget = new CallBudget({
      maxCalls: limits.maxCallsPerPass,
      maxRetries: limits.maxRetriesPerPass,
      retry: limits.retry,
      sleep: this.deps.sleep,
    });
    const records = (await store.listForDrift(limits.stacksPerPass)).filter(r =>
      parseStackArn(r.stackArn),
    );
    const stats = { checked: 0, drifted: 0, errors: 0, pending: 0 };
    const save = async (record: LiveStackRecord, drift: LiveStackDrift) => {
      await store.saveDrift(record.entityRef, drift);
      stats.checked++;
      if (drift.error) stats.errors++;
      if (drift.status === 'DRIFTED') stats.drifted++;
    };
    const failed = (e: unknown): LiveStackDrift => ({
      checkedAt: this.now(),
      status: 'UNKNOWN',
      error: describeAwsError(e),
      resources: [],
    });

    // Start every detection first, then poll them together.
    const running = new Map<
      string,
      { record: LiveStackRecord; client: Client }
    >();
    for (const record of records) {
      try {
        const client = await this.deps.clients.forStack(record.stackArn);
        const { StackDriftDetectionId } = await budget.call(() =>
          client.send(
            new DetectStackDriftCommand({ StackName: record.stackArn }),
          ),
        );
        running.set(StackDriftDetectionId!, { record, client });
      } catch (e) {
        if (e instanceof BudgetExhaustedError) break;
        await save(record, failed(e));
      }
    }
    for (let poll = 0; running.size && poll < limits.maxPolls; poll++) {
      await this.sleep(limits.pollIntervalMs);
      for (const [id, { record, client }] of [...running]) {
        try {
          const status = await budget.call(() =>
            client.send(
              new DescribeStackDriftDetectionStatusCommand({
                StackDriftDetectionId: id,
              }),
            ),
          );
          if (status.DetectionStatus === 'DETECTION_IN_PROGRESS') continue;
          running.delete(id);
          const drift: LiveStackDrift = {
            checkedAt: this.now(),
            status: status.StackDriftStatus ?? 'UNKNOWN',
            resources: [],
          };
          if (status.DetectionStatus === 'DETECTION_FAILED')
            // Some resources could not be checked; what was found still counts.
            drift.error = {
              code: 'DetectionFailed',
              message: status.DetectionStatusReason ?? 'drift detection failed',
            };
          if (drift.status === 'DRIFTED')
            drift.resources = await this.resourceDrifts(
              record.stackArn,
              client,
              budget,
            );
          await save(record, drift);
        } catch (e) {
          running.delete(id);
          // Out of calls: keep the previous drift, check again next pass.
          if (e instanceof BudgetExhaustedError) continue;
          await save(record, failed(e));
        }
      }
    }
    stats.pending = running.size;
    const result = {
      ...stats,
      calls: budget.calls,
      durationMs: Date.now() - started,
    };
    logger.info(
      `Live drift pass: ${stats.checked} stacks checked, ${stats.drifted} drifted, ${stats.errors} with an AWS error, ${stats.pending} still detecting, ${budget.calls} calls in ${result.durationMs} ms`,
    );
    return result;
  }

  private async resourceDrifts(
    arn: string,
    client: Client,
    budget: CallBudget,
  ): Promise<LiveResourceDrift[]> {
    const out: LiveResourceDrift[] = [];
    let token: string | undefined;
    for (let page = 0; page < this.deps.limits.maxPages; page++) {
      const input = {
        StackName: arn,
        StackResourceDriftStatusFilters: [
          'MODIFIED' as const,
          'DELETED' as const,
        ],
        NextToken: token,
      };
      const res = await budget.call(() =>
        client.send(new DescribeStackResourceDriftsCommand(input)),
      );
      out.push(...(res.StackResourceDrifts ?? []).map(toResource));
      token = res.NextToken;
      if (!token) break;
    }
    return out;
  }
}
