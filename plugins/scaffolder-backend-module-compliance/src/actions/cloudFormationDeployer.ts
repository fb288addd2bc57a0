import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeChangeSetCommandOutput,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  Stack,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);
const NO_CHANGES = /didn't contain changes|No updates are to be performed/i;

/** How the deployer waits and retries; tests make it instant. @internal */
export interface DeployTiming {
  pollMs: number;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
}

/** @internal */
export const DEFAULT_TIMING: DeployTiming = {
  pollMs: 5000,
  timeoutMs: 60 * 60_000,
  retries: 6,
  backoffMs: 1000,
};

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * One CloudFormation deployment through a change set: validate, create the change set,
 * show it, execute it, wait for the stack, and report the reason of a failure. Throttled
 * calls are retried with exponential backoff.
 *
 * @internal
 */
export class CloudFormationDeployer {
  constructor(
    private readonly client: CloudFormationClient,
    private readonly log: (message: string) => void,
    private readonly timing: DeployTiming = DEFAULT_TIMING,
  ) {}

  async call<T>(label: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        const name = (e as { name?: string }).name ?? '';
        if (!THROTTLING.has(name) || attempt >= this.timing.retries) throw e;
        const delay = this.timing.backoffMs * 2 ** attempt;
        this.log(
          `${label} was throttled (${name}); retrying in ${delay} ms (attempt ${
            attempt + 2
          } of ${this.timing.retries + 1})`,
        );
        await sleep(delay);
      }
    }
  }

  async validate(templateBody: string) {
    return this.call('ValidateTemplate', () =>
      this.client.send(
        new ValidateTemplateCommand({ TemplateBody: templateBody }),
      ),
    );
  }

  async describeStack(stackName: string): Promise<Stack | undefined> {
    try {
      const out = await this.call('DescribeStacks', () =>
        this.client.send(new DescribeStacksCommand({ StackName: stackName })),
      );
      return out.Stacks?.[0];
    } catch (e) {
      if (
        (e as Error).name === 'ValidationError' &&
        /does not exist/.test((e as Error).message)
      )
        return undefined;
      throw e;
    }
  }

  async createChangeSet(input: {
    stackName: string;
    changeSetName: string;
    templateBody: string;
    parameters: Record<string, string>;
    capabilities: string[];
    exists: boolean;
    tags: Record<string, string>;
  }) {
    return this.call('CreateChangeSet', () =>
      this.client.send(
        new CreateChangeSetCommand({
          StackName: input.stackName,
          ChangeSetName: input.changeSetName,
          ChangeSetType: input.exists ? 'UPDATE' : 'CREATE',
          TemplateBody: input.templateBody,
          Parameters: Object.entries(input.parameters).map(
            ([ParameterKey, ParameterValue]) => ({
              ParameterKey,
              ParameterValue,
            }),
          ),
          Capabilities: input.capabilities as any,
          Tags: Object.entries(input.tags).map(([Key, Value]) => ({
            Key,
            Value,
          })),
        }),
      ),
    );
  }

  /** Waits for the change set; undefined means it holds no changes (and was deleted). */
  async waitForChangeSet(
    stackName: string,
    changeSetName: string,
  ): Promise<DescribeChangeSetCommandOutput | undefined> {
    const deadline = Date.now() + this.timing.timeoutMs;
    for (;;) {
      const cs = await this.call('DescribeChangeSet', () =>
        this.client.send(
          new DescribeChangeSetCommand({
            StackName: stackName,
            ChangeSetName: changeSetName,
          }),
        ),
      );
      if (cs.Status === 'CREATE_COMPLETE') return cs;
      if (cs.Status === 'FAILED') {
        if (NO_CHANGES.test(cs.StatusReason ?? '')) {
          await this.call('DeleteChangeSet', () =>
            this.client.send(
              new DeleteChangeSetCommand({
                StackName: stackName,
                ChangeSetName: changeSetName,
              }),
            ),
          );
          return undefined;
        }
        throw new Error(
          `Change set ${changeSetName} for ${stackName} failed: ${
            cs.StatusReason ?? 'no reason given'
          }`,
        );
      }
      if (Date.now() > deadline)
        throw new Error(
          `Timed out waiting for change set ${changeSetName} (last status ${cs.Status})`,
        );
      await sleep(this.timing.pollMs);
    }
  }

  async execute(stackName: string, changeSetName: string) {
    return this.call('ExecuteChangeSet', () =>
      this.client.send(
        new ExecuteChangeSetCommand({
          StackName: stackName,
          ChangeSetName: changeSetName,
        }),
      ),
    );
  }

  /** Waits for the stack to settle; throws with the first failure reason when it rolled back. */
  async waitForStack(stackName: string): Promise<Stack> {
    const deadline = Date.now() + this.timing.timeoutMs;
    for (;;) {
      const stack = await this.describeStack(stackName);
      const status = stack?.StackStatus ?? 'UNKNOWN';
      if (stack && /_COMPLETE$/.test(status) && !/ROLLBACK/.test(status))
        return stack;
      if (/(FAILED|ROLLBACK_COMPLETE)$/.test(status)) {
        const events = await this.call('DescribeStackEvents', () =>
          this.client.send(
            new DescribeStackEventsCommand({ StackName: stackName }),
          ),
        );
        const failure = [...(events.StackEvents ?? [])]
          .reverse()
          .find(
            e =>
              /FAILED$/.test(e.ResourceStatus ?? '') && e.ResourceStatusReason,
          );
        const reason = failure
          ? `${failure.LogicalResourceId} (${failure.ResourceType}): ${failure.ResourceStatusReason}`
          : stack?.StackStatusReason ?? 'no reason given';
        throw new Error(`Stack ${stackName} ended in ${status}: ${reason}`);
      }
      if (Date.now() > deadline)
        throw new Error(
          `Timed out waiting for stack ${stackName} (last status ${status})`,
        );
      await sleep(this.timing.pollMs);
    }
  }
}
