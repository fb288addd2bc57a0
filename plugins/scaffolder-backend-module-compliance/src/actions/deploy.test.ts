import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  StackStatus,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createDeployAction } from './deploy';

const STACK_ID =
  'arn:aws:cloudformation:eu-central-1:123456789012:stack/payments-network/6d4c1a70-1b2c-11ef-9a3b-0a1b2c3d4e5f';
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: 10.0.0.0/16 }\n`;

// Shapes as the CloudFormation API returns them (DescribeStacks, DescribeChangeSet, DescribeStackEvents).
const stack = (status: string, extra: object = {}) => ({
  Stacks: [
    {
      StackId: STACK_ID,
      StackName: 'payments-network',
      CreationTime: new Date('2026-11-20T10:00:00Z'),
      StackStatus: status as StackStatus,
      Outputs: [{ OutputKey: 'VpcId', OutputValue: 'vpc-0abc1234' }],
      ...extra,
    },
  ],
});
const notFound = Object.assign(
  new Error('Stack with id payments-network does not exist'),
  { name: 'ValidationError', $metadata: { httpStatusCode: 400 } },
);
const throttled = () =>
  Object.assign(new Error('Rate exceeded'), {
    name: 'Throttling',
    $metadata: { httpStatusCode: 400 },
  });

describe('aws:cloudformation:deploy', () => {
  const cfn = mockClient(CloudFormationClient);
  const workspace = createMockDirectory();
  const credentialsManager = {
    getCredentialProvider: jest.fn().mockResolvedValue({
      sdkCredentialProvider: async () => ({
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'x',
      }),
    }),
  };
  const action = createDeployAction({
    credentialsManager,
    clientFactory: region => new CloudFormationClient({ region }),
    timing: { pollMs: 0, timeoutMs: 5000, retries: 3, backoffMs: 1 },
  });
  const input = {
    stackName: 'payments-network',
    templatePath: 'infra/network.yaml',
    region: 'eu-central-1',
    accountId: '123456789012',
    parameters: { Environment: 'staging' },
  };

  beforeEach(() => {
    cfn.reset();
    workspace.setContent({ 'infra/network.yaml': TEMPLATE });
    cfn
      .on(ValidateTemplateCommand)
      .resolves({ Parameters: [], Capabilities: [] });
    cfn
      .on(DescribeChangeSetCommand)
      .resolvesOnce({ Status: 'CREATE_PENDING' })
      .resolves({
        Status: 'CREATE_COMPLETE',
        Changes: [
          {
            Type: 'Resource',
            ResourceChange: {
              Action: 'Add',
              LogicalResourceId: 'Vpc',
              ResourceType: 'AWS::EC2::VPC',
              Replacement: 'False',
            },
          },
        ],
      });
    cfn.on(CreateChangeSetCommand).resolves({
      Id: 'arn:aws:cloudformation:eu-central-1:123456789012:changeSet/backstage-mock-task-id/1',
      StackId: STACK_ID,
    });
    cfn.on(ExecuteChangeSetCommand).resolves({});
  });

  it('creates a new stack through a change set and waits for it', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejectsOnce(notFound)
      .resolvesOnce(stack('CREATE_IN_PROGRESS'))
      .resolves(stack('CREATE_COMPLETE'));
    const ctx = createMockActionContext({
      input,
      workspacePath: workspace.path,
    });
    await action.handler(ctx as any);
    expect(cfn).toHaveReceivedCommandWith(CreateChangeSetCommand, {
      ChangeSetType: 'CREATE',
      StackName: 'payments-network',
      ChangeSetName: 'backstage-mock-task-id',
      Parameters: [{ ParameterKey: 'Environment', ParameterValue: 'staging' }],
    });
    expect(cfn).toHaveReceivedCommandTimes(ExecuteChangeSetCommand, 1);
    expect(credentialsManager.getCredentialProvider).toHaveBeenCalledWith({
      accountId: '123456789012',
    });
    expect(ctx.output).toHaveBeenCalledWith('status', 'CREATE_COMPLETE');
    expect(ctx.output).toHaveBeenCalledWith('changes', [
      'Add Vpc (AWS::EC2::VPC)',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('outputs', {
      VpcId: 'vpc-0abc1234',
    });
  });

  it('updates an existing stack', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce(stack('CREATE_COMPLETE'))
      .resolvesOnce(stack('UPDATE_IN_PROGRESS'))
      .resolves(stack('UPDATE_COMPLETE'));
    const ctx = createMockActionContext({
      input,
      workspacePath: workspace.path,
    });
    await action.handler(ctx as any);
    expect(cfn).toHaveReceivedCommandWith(CreateChangeSetCommand, {
      ChangeSetType: 'UPDATE',
    });
    expect(ctx.output).toHaveBeenCalledWith('status', 'UPDATE_COMPLETE');
  });

  it('reports no changes without executing, and deletes the empty change set', async () => {
    cfn.on(DescribeStacksCommand).resolves(stack('UPDATE_COMPLETE'));
    cfn.on(DescribeChangeSetCommand).resolves({
      Status: 'FAILED',
      StatusReason:
        "The submitted information didn't contain changes. Submit different information to create a change set.",
    });
    cfn.on(DeleteChangeSetCommand).resolves({});
    const ctx = createMockActionContext({
      input,
      workspacePath: workspace.path,
    });
    await action.handler(ctx as any);
    expect(cfn).toHaveReceivedCommandTimes(ExecuteChangeSetCommand, 0);
    expect(cfn).toHaveReceivedCommandTimes(DeleteChangeSetCommand, 1);
    expect(ctx.output).toHaveBeenCalledWith('status', 'NO_CHANGES');
  });

  it('fails with the reason of the first failed resource when the stack rolls back', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejectsOnce(notFound)
      .resolvesOnce(stack('CREATE_IN_PROGRESS'))
      .resolves(stack('ROLLBACK_COMPLETE'));
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        {
          StackId: STACK_ID,
          EventId: '3',
          StackName: 'payments-network',
          Timestamp: new Date(),
          LogicalResourceId: 'payments-network',
          ResourceType: 'AWS::CloudFormation::Stack',
          ResourceStatus: 'ROLLBACK_COMPLETE',
        },
        {
          StackId: STACK_ID,
          EventId: '2',
          StackName: 'payments-network',
          Timestamp: new Date(),
          LogicalResourceId: 'Vpc',
          ResourceType: 'AWS::EC2::VPC',
          ResourceStatus: 'DELETE_COMPLETE',
        },
        {
          StackId: STACK_ID,
          EventId: '1',
          StackName: 'payments-network',
          Timestamp: new Date(),
          LogicalResourceId: 'Vpc',
          ResourceType: 'AWS::EC2::VPC',
          ResourceStatus: 'CREATE_FAILED',
          ResourceStatusReason:
            'The CIDR 10.0.0.0/16 conflicts with another subnet',
        },
      ],
    });
    const ctx = createMockActionContext({
      input,
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'Stack payments-network ended in ROLLBACK_COMPLETE: Vpc (AWS::EC2::VPC): The CIDR 10.0.0.0/16 conflicts with another subnet',
    );
  });

  it('retries throttled calls with backoff', async () => {
    cfn
      .on(ValidateTemplateCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolves({ Parameters: [] });
    cfn
      .on(DescribeStacksCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(notFound)
      .resolves(stack('CREATE_COMPLETE'));
    const ctx = createMockActionContext({
      input,
      workspacePath: workspace.path,
    });
    await action.handler(ctx as any);
    expect(cfn).toHaveReceivedCommandTimes(ValidateTemplateCommand, 3);
    expect(ctx.output).toHaveBeenCalledWith('status', 'CREATE_COMPLETE');
  });

  it('gives up after the configured retries of throttling', async () => {
    cfn.on(ValidateTemplateCommand).rejects(throttled());
    const ctx = createMockActionContext({
      input,
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow('Rate exceeded');
    expect(cfn).toHaveReceivedCommandTimes(ValidateTemplateCommand, 4);
  });

  it('only validates in a dry run', async () => {
    const ctx = {
      ...createMockActionContext({ input, workspacePath: workspace.path }),
      isDryRun: true,
    };
    await action.handler(ctx as any);
    expect(cfn).toHaveReceivedCommandTimes(ValidateTemplateCommand, 1);
    expect(cfn).toHaveReceivedCommandTimes(CreateChangeSetCommand, 0);
    expect(ctx.output).toHaveBeenCalledWith('status', 'VALIDATED');
  });

  it('does not create or execute the change set again when a recovered task resumes', async () => {
    cfn.on(DescribeStacksCommand).resolves(stack('CREATE_COMPLETE'));
    const done = new Map<string, unknown>([
      ['create-change-set-payments-network', 'backstage-mock-task-id'],
      ['execute-change-set-payments-network', 'backstage-mock-task-id'],
    ]);
    const ctx = {
      ...createMockActionContext({ input, workspacePath: workspace.path }),
      checkpoint: async ({
        key,
        fn,
      }: {
        key: string;
        fn: () => Promise<unknown>;
      }) => (done.has(key) ? done.get(key) : fn()),
    };
    await action.handler(ctx as any);
    expect(cfn).toHaveReceivedCommandTimes(CreateChangeSetCommand, 0);
    expect(cfn).toHaveReceivedCommandTimes(ExecuteChangeSetCommand, 0);
    expect(ctx.output).toHaveBeenCalledWith('status', 'CREATE_COMPLETE');
  });

  it('rejects a template outside the workspace', async () => {
    const ctx = createMockActionContext({
      input: { ...input, templatePath: '../../etc/passwd' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(/outside/i);
    expect(cfn).toHaveReceivedCommandTimes(ValidateTemplateCommand, 0);
  });
});
