import {
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  Stack,
  StackEvent,
} from '@aws-sdk/client-cloudformation';
import { createHash } from 'crypto';
import { BudgetExhaustedError, CallBudget } from './CallBudget';
import { describeAwsError } from './awsErrors';
import { CloudFormationClients } from './CloudFormationClients';
import { parseStackArn } from './stackArn';
import { LiveStackFailure, LiveStackSnapshot } from './types';

/** @public */
export interface LiveStackRead {
  snapshot: LiveStackSnapshot;
  /** The processed template body, when it was fetched in this read. */
  templateBody?: string;
}

const iso = (d?: Date) => (d ? new Date(d).toISOString() : undefined);
const lastChange = (s?: { lastUpdatedAt?: string; createdAt?: string }) =>
  s?.lastUpdatedAt ?? s?.createdAt;
const needsEvents = (status?: string) =>
  !!status && /FAILED|ROLLBACK|IN_PROGRESS/.test(status);

function failureOf(events: StackEvent[]): LiveStackFailure | undefined {
  // DescribeStackEvents lists the newest first.
  const e = events.find(ev => /_FAILED$/.test(ev.ResourceStatus ?? ''));
  if (!e) return undefined;
  return {
    logicalId: e.LogicalResourceId,
    resourceType: e.ResourceType,
    status: e.ResourceStatus!,
    reason: e.ResourceStatusReason,
    at: iso(e.Timestamp) ?? '',
  };
}

/**
 * Reads deployed CloudFormation stacks: one client per account and region, credentials
 * through `@backstage/integration-aws-node`. A read that fails (access denied, deleted
 * stack, account not configured) yields a snapshot carrying the AWS error code; only a
 * spent call budget is thrown, so the caller skips the stack and keeps what it had.
 *
 * @public
 */
export class LiveStackReader {
  constructor(
    private readonly options: {
      clients: CloudFormationClients;
      clock?: () => Date;
    },
  ) {}

  async read(
    arn: string,
    budget: CallBudget,
    previous?: LiveStackSnapshot,
  ): Promise<LiveStackRead> {
    const readAt = (this.options.clock?.() ?? new Date()).toISOString();
    const stack = parseStackArn(arn);
    if (!stack) {
      return {
        snapshot: {
          stackArn: arn,
          accountId: '',
          region: '',
          stackName: '',
          readAt,
          error: { code: 'InvalidStackArn', message: 'not a stack ARN' },
        },
      };
    }
    const snapshot: LiveStackSnapshot = {
      stackArn: stack.arn,
      accountId: stack.accountId,
      region: stack.region,
      stackName: stack.stackName,
      readAt,
    };
    let templateBody: string | undefined;
    try {
      const client = await this.options.clients.forStack(stack.arn);
      const described = await budget.call(() =>
        client.send(new DescribeStacksCommand({ StackName: stack.arn })),
      );
      const s: Stack | undefined = described.Stacks?.[0];
      if (!s)
        throw Object.assign(new Error('no stack'), { name: 'StackNotFound' });
      Object.assign(snapshot, this.fromStack(s));
      if (s.StackStatus === 'DELETE_COMPLETE') {
        snapshot.error = {
          code: 'StackDeleted',
          message: `the stack was deleted${
            s.DeletionTime ? ` at ${iso(s.DeletionTime)}` : ''
          }`,
        };
        return { snapshot };
      }
      // The template only changes with an update: an unchanged stack costs one call.
      const unchanged =
        previous &&
        !previous.error &&
        previous.status === snapshot.status &&
        lastChange(previous) === lastChange(snapshot);
      if (unchanged && previous.templateHash) {
        snapshot.templateHash = previous.templateHash;
      } else {
        const t = await budget.call(() =>
          client.send(
            new GetTemplateCommand({
              StackName: stack.arn,
              TemplateStage: 'Processed',
            }),
          ),
        );
        templateBody = t.TemplateBody;
        if (templateBody !== undefined)
          snapshot.templateHash = createHash('sha256')
            .update(templateBody)
            .digest('hex');
      }
      if (unchanged && previous.lastFailure) {
        snapshot.lastFailure = previous.lastFailure;
      } else if (needsEvents(snapshot.status)) {
        const events = await budget.call(() =>
          client.send(new DescribeStackEventsCommand({ StackName: stack.arn })),
        );
        snapshot.lastFailure = failureOf(events.StackEvents ?? []);
      }
    } catch (e) {
      if (e instanceof BudgetExhaustedError) throw e;
      snapshot.error = describeAwsError(e);
    }
    return { snapshot, templateBody };
  }

  private fromStack(s: Stack): Partial<LiveStackSnapshot> {
    return {
      status: s.StackStatus,
      statusReason: s.StackStatusReason,
      createdAt: iso(s.CreationTime),
      lastUpdatedAt: iso(s.LastUpdatedTime),
      terminationProtection: s.EnableTerminationProtection ?? false,
      rollbackTriggers: s.RollbackConfiguration?.RollbackTriggers?.length ?? 0,
      rollbackMonitoringMinutes:
        s.RollbackConfiguration?.MonitoringTimeInMinutes,
      parameters: (s.Parameters ?? []).map(p => ({
        key: p.ParameterKey ?? '',
        value: p.ResolvedValue ?? p.ParameterValue ?? '',
      })),
      outputs: (s.Outputs ?? []).map(o => ({
        key: o.OutputKey ?? '',
        value: o.OutputValue ?? '',
        description: o.Description,
      })),
    };
  }
}
