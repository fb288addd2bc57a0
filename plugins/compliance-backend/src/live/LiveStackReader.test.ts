import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { CallBudget } from './CallBudget';
import { CloudFormationClients } from './CloudFormationClients';
import { LiveStackReader } from './LiveStackReader';
import {
  OTHER_ACCOUNT_ARN,
  STACK_ARN,
  accessDenied,
  describeStacks,
  failedEvents,
  getTemplate,
  stackDoesNotExist,
  testCredentials,
  throttling,
} from './__fixtures__/awsResponses';

const cfn = mockClient(CloudFormationClient);

const sleeps: number[] = [];
const budget = (maxCalls = 100, maxRetries = 10) =>
  new CallBudget({
    maxCalls,
    maxRetries,
    retry: { maxRetries: 3, baseDelayMs: 200, maxDelayMs: 5000 },
    sleep: async ms => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
const reader = () =>
  new LiveStackReader({
    clients: new CloudFormationClients({ credentialsManager: testCredentials }),
    clock: () => new Date('2026-12-05T10:00:00Z'),
  });

beforeEach(() => {
  cfn.reset();
  sleeps.length = 0;
});

describe('LiveStackReader', () => {
  it('reads status, parameters, outputs, termination protection, rollback triggers and the processed template', async () => {
    cfn.on(DescribeStacksCommand).resolves(describeStacks());
    cfn.on(GetTemplateCommand).resolves(getTemplate());
    const b = budget();
    const { snapshot, templateBody } = await reader().read(STACK_ARN, b);
    expect(snapshot).toMatchObject({
      stackArn: STACK_ARN,
      accountId: '123456789012',
      region: 'us-east-1',
      stackName: 'MyStack',
      status: 'UPDATE_COMPLETE',
      lastUpdatedAt: '2010-07-28T09:12:02.000Z',
      terminationProtection: true,
      rollbackTriggers: 1,
      rollbackMonitoringMinutes: 10,
      parameters: [
        { key: 'Environment', value: 'production' },
        { key: 'DbPassword', value: '****' },
      ],
      outputs: [expect.objectContaining({ key: 'StartPage' })],
    });
    expect(snapshot.error).toBeUndefined();
    expect(templateBody).toContain('DataBucket');
    expect(snapshot.templateHash).toMatch(/^[0-9a-f]{64}$/);
    expect(cfn.commandCalls(GetTemplateCommand)[0].args[0].input).toEqual({
      StackName: STACK_ARN,
      TemplateStage: 'Processed',
    });
    // A healthy stack needs no events.
    expect(cfn.commandCalls(DescribeStackEventsCommand)).toHaveLength(0);
    expect(b.calls).toBe(2);

    // Unchanged since the last read: one call, the template is not fetched again.
    const again = await reader().read(STACK_ARN, b, snapshot);
    expect(again.templateBody).toBeUndefined();
    expect(again.snapshot.templateHash).toBe(snapshot.templateHash);
    expect(b.calls).toBe(3);
  });

  it('shows the last failed event of an UPDATE_ROLLBACK_FAILED stack', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolves(describeStacks({ StackStatus: 'UPDATE_ROLLBACK_FAILED' }));
    cfn.on(GetTemplateCommand).resolves(getTemplate());
    cfn.on(DescribeStackEventsCommand).resolves(failedEvents());
    const { snapshot } = await reader().read(STACK_ARN, budget());
    expect(snapshot.lastFailure).toEqual({
      logicalId: 'MyStack',
      resourceType: 'AWS::CloudFormation::Stack',
      status: 'UPDATE_ROLLBACK_FAILED',
      reason: 'The following resource(s) failed to update: [DataBucket].',
      at: '2010-07-28T09:20:00.000Z',
    });
  });

  it('retries throttling with backoff and jitter, then succeeds', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejectsOnce(throttling())
      .rejectsOnce(throttling())
      .resolves(describeStacks());
    cfn.on(GetTemplateCommand).resolves(getTemplate());
    const b = budget();
    const { snapshot } = await reader().read(STACK_ARN, b);
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.status).toBe('UPDATE_COMPLETE');
    // Full jitter (random 0.5) of 200 ms, then 400 ms.
    expect(sleeps).toEqual([100, 200]);
    expect(b.retries).toBe(2);
  });

  it('gives up on throttling when the retries of the pass are spent, with the AWS code', async () => {
    cfn.on(DescribeStacksCommand).rejects(throttling());
    const b = budget(100, 1);
    const { snapshot } = await reader().read(STACK_ARN, b);
    expect(snapshot.error).toEqual({
      code: 'Throttling',
      message: 'Rate exceeded',
    });
    expect(b.retries).toBe(1);
  });

  it('AccessDenied: the error code is the reason, no secret is in it', async () => {
    cfn.on(DescribeStacksCommand).rejects(accessDenied());
    const { snapshot } = await reader().read(STACK_ARN, budget());
    expect(snapshot.error?.code).toBe('AccessDenied');
    expect(JSON.stringify(snapshot)).not.toMatch(/AKIA|wJalr/);
  });

  it('a deleted stack: DELETE_COMPLETE, or does not exist', async () => {
    cfn.on(DescribeStacksCommand).resolvesOnce(
      describeStacks({
        StackStatus: 'DELETE_COMPLETE',
        DeletionTime: new Date('2010-08-01T00:00:00Z'),
      }),
    );
    const deleted = await reader().read(STACK_ARN, budget());
    expect(deleted.snapshot).toMatchObject({
      status: 'DELETE_COMPLETE',
      error: { code: 'StackDeleted' },
    });
    expect(cfn.commandCalls(GetTemplateCommand)).toHaveLength(0);

    cfn.on(DescribeStacksCommand).rejects(stackDoesNotExist());
    const missing = await reader().read(STACK_ARN, budget());
    expect(missing.snapshot.error?.code).toBe('StackNotFound');
  });

  it('an account with no AWS integration is AccountNotConfigured, without a call', async () => {
    const { snapshot } = await reader().read(OTHER_ACCOUNT_ARN, budget());
    expect(snapshot.error?.code).toBe('AccountNotConfigured');
    expect(cfn.calls()).toHaveLength(0);
  });

  it('throws only when the call budget of the pass is spent', async () => {
    cfn.on(DescribeStacksCommand).resolves(describeStacks());
    cfn.on(GetTemplateCommand).resolves(getTemplate());
    await expect(reader().read(STACK_ARN, budget(1))).rejects.toThrow(
      'budget of this pass is spent',
    );
  });

  it('uses one client per account and region', async () => {
    cfn.on(DescribeStacksCommand).resolves(describeStacks());
    cfn.on(GetTemplateCommand).resolves(getTemplate());
    const clients = new CloudFormationClients({
      credentialsManager: testCredentials,
    });
    const r = new LiveStackReader({ clients });
    await r.read(STACK_ARN, budget());
    await r.read(STACK_ARN.replace('MyStack', 'Other'), budget());
    await r.read(STACK_ARN.replace('us-east-1', 'eu-west-1'), budget());
    expect(clients.size).toBe(2);
  });
});
