import { CloudFormationSender } from './CloudFormationClients';

/** The account of the example entities' stacks; only it is answered by the fake. @internal */
export const FAKE_ACCOUNT = '000000000000';

const at = (iso: string) => new Date(iso);

/**
 * A CloudFormation stand-in for the end-to-end tests and the demo catalog (config
 * `compliance.live.testing.fakeClient`, never set in production): stacks of account
 * 000000000000 answer from their name — `…-drifted…` has a bucket whose encryption was
 * removed by hand, `…-rollback-failed…` is UPDATE_ROLLBACK_FAILED, others are in sync.
 * Shapes follow the AWS API reference examples. No template body is returned, so the
 * repository template stays the one evaluated (with drift applied).
 *
 * @internal
 */
export function createFakeCloudFormation(): CloudFormationSender {
  const send = async (command: {
    constructor: { name: string };
    input: any;
  }) => {
    const arn: string =
      command.input.StackName ?? command.input.StackDriftDetectionId ?? '';
    const [, , , region, account, rest] = arn.split(':');
    const name = (rest ?? '').split('/')[1] ?? arn;
    if (
      account !== undefined &&
      account !== FAKE_ACCOUNT &&
      command.input.StackName
    )
      throw Object.assign(
        new Error(
          'User is not authorized to perform: cloudformation:DescribeStacks',
        ),
        {
          name: 'AccessDenied',
        },
      );
    const drifted = /drifted/.test(name);
    const failed = /rollback-failed/.test(name);
    switch (command.constructor.name) {
      case 'DescribeStacksCommand':
        return {
          Stacks: [
            {
              StackId: arn,
              StackName: name,
              Description: `${name} (fake account)`,
              Parameters: [
                { ParameterKey: 'Environment', ParameterValue: 'production' },
              ],
              CreationTime: at('2026-09-01T10:00:00.000Z'),
              LastUpdatedTime: at('2026-11-30T08:30:00.000Z'),
              StackStatus: failed
                ? 'UPDATE_ROLLBACK_FAILED'
                : 'UPDATE_COMPLETE',
              DisableRollback: false,
              EnableTerminationProtection: !failed,
              RollbackConfiguration: { RollbackTriggers: [] },
              Outputs: [],
              DriftInformation: {
                StackDriftStatus: drifted ? 'DRIFTED' : 'IN_SYNC',
              },
              Tags: [],
            },
          ],
        };
      case 'GetTemplateCommand':
        return { StagesAvailable: ['Original', 'Processed'] };
      case 'DescribeStackEventsCommand':
        return {
          StackEvents: failed
            ? [
                {
                  StackId: arn,
                  EventId: 'fake-1',
                  StackName: name,
                  LogicalResourceId: 'Database',
                  ResourceType: 'AWS::RDS::DBInstance',
                  Timestamp: at('2026-11-30T08:41:00.000Z'),
                  ResourceStatus: 'UPDATE_FAILED',
                  ResourceStatusReason:
                    'Resource handler returned message: "Cannot modify a DB instance in state storage-optimization"',
                },
              ]
            : [],
        };
      case 'DetectStackDriftCommand':
        return { StackDriftDetectionId: `${arn}#detection` };
      case 'DescribeStackDriftDetectionStatusCommand':
        return {
          StackId: arn.replace(/#detection$/, ''),
          StackDriftDetectionId: arn,
          StackDriftStatus: /drifted/.test(arn) ? 'DRIFTED' : 'IN_SYNC',
          DetectionStatus: 'DETECTION_COMPLETE',
          DriftedStackResourceCount: /drifted/.test(arn) ? 1 : 0,
          Timestamp: new Date(),
        };
      case 'DescribeStackResourceDriftsCommand':
        return {
          StackResourceDrifts: drifted
            ? [
                {
                  StackId: arn,
                  LogicalResourceId: 'DataBucket',
                  PhysicalResourceId: `${name}-databucket`,
                  ResourceType: 'AWS::S3::Bucket',
                  ExpectedProperties:
                    '{"BucketEncryption":{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"}}]}}',
                  ActualProperties: '{}',
                  PropertyDifferences: [
                    {
                      PropertyPath: '/BucketEncryption',
                      ExpectedValue:
                        '{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"}}]}',
                      ActualValue: 'null',
                      DifferenceType: 'REMOVE',
                    },
                  ],
                  StackResourceDriftStatus: 'MODIFIED',
                  Timestamp: new Date(),
                },
              ]
            : [],
        };
      default:
        throw Object.assign(
          new Error(`${command.constructor.name} is not faked (${region})`),
          {
            name: 'InvalidAction',
          },
        );
    }
  };
  return { send } as unknown as CloudFormationSender;
}
