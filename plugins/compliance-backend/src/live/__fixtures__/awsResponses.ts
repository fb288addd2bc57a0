import type {
  DescribeStackDriftDetectionStatusCommandOutput,
  DescribeStackEventsCommandOutput,
  DescribeStackResourceDriftsCommandOutput,
  DescribeStacksCommandOutput,
  GetTemplateCommandOutput,
  Stack,
} from '@aws-sdk/client-cloudformation';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';

/**
 * CloudFormation responses shaped like the examples of the AWS API reference
 * (DescribeStacks, GetTemplate, DescribeStackEvents, DetectStackDrift,
 * DescribeStackDriftDetectionStatus, DescribeStackResourceDrifts) for the account and
 * stack names the reference uses.
 */
export const ACCOUNT = '123456789012';
export const STACK_ARN =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/MyStack/aaf549a0-a413-11df-adb3-5081b3858e83';
export const OTHER_ACCOUNT_ARN =
  'arn:aws:cloudformation:eu-west-1:210987654321:stack/OtherStack/bbf549a0-a413-11df-adb3-5081b3858e83';

export const processedTemplate = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: { Environment: { Type: 'String', Default: 'staging' } },
  Resources: {
    DataKey: {
      Type: 'AWS::KMS::Key',
      Properties: { EnableKeyRotation: true, KeyPolicy: { Statement: [] } },
    },
    DataBucket: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: { 'Fn::Sub': 'data-${Environment}' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': ['DataKey', 'Arn'] },
              },
            },
          ],
        },
      },
    },
  },
});

export const describeStacks = (
  over: Partial<Stack> = {},
): DescribeStacksCommandOutput => ({
  $metadata: { httpStatusCode: 200, requestId: 'a1b2c3' },
  Stacks: [
    {
      StackId: STACK_ARN,
      StackName: 'MyStack',
      Description: 'A sample template',
      Parameters: [
        { ParameterKey: 'Environment', ParameterValue: 'production' },
        { ParameterKey: 'DbPassword', ParameterValue: '****' },
      ],
      CreationTime: new Date('2010-07-27T22:28:28Z'),
      LastUpdatedTime: new Date('2010-07-28T09:12:02Z'),
      RollbackConfiguration: {
        RollbackTriggers: [
          {
            Arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:HighErrors',
            Type: 'AWS::CloudWatch::Alarm',
          },
        ],
        MonitoringTimeInMinutes: 10,
      },
      StackStatus: 'UPDATE_COMPLETE',
      DisableRollback: false,
      EnableTerminationProtection: true,
      Outputs: [
        {
          OutputKey: 'StartPage',
          OutputValue:
            'http://my-load-balancer-1234567890.us-east-1.elb.amazonaws.com/index.html',
          Description: 'URL for newly created LAMP stack',
        },
      ],
      Tags: [],
      DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
      ...over,
    },
  ],
});

export const getTemplate = (): GetTemplateCommandOutput => ({
  $metadata: { httpStatusCode: 200 },
  TemplateBody: processedTemplate,
  StagesAvailable: ['Original', 'Processed'],
});

export const failedEvents = (): DescribeStackEventsCommandOutput => ({
  $metadata: {},
  StackEvents: [
    {
      StackId: STACK_ARN,
      EventId: 'f9f7a3e0-a413-11df-adb3-5081b3858e83',
      StackName: 'MyStack',
      LogicalResourceId: 'MyStack',
      PhysicalResourceId: STACK_ARN,
      ResourceType: 'AWS::CloudFormation::Stack',
      Timestamp: new Date('2010-07-28T09:20:00Z'),
      ResourceStatus: 'UPDATE_ROLLBACK_FAILED',
      ResourceStatusReason:
        'The following resource(s) failed to update: [DataBucket].',
    },
    {
      StackId: STACK_ARN,
      EventId: 'DataBucket-UPDATE_FAILED-2010-07-28T09:15:00Z',
      StackName: 'MyStack',
      LogicalResourceId: 'DataBucket',
      PhysicalResourceId: 'data-production',
      ResourceType: 'AWS::S3::Bucket',
      Timestamp: new Date('2010-07-28T09:15:00Z'),
      ResourceStatus: 'UPDATE_FAILED',
      ResourceStatusReason: 'Access Denied (Service: S3, Status Code: 403)',
    },
  ],
});

export const awsError = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), {
    name,
    Code: name,
    $fault: 'client',
    $metadata: { httpStatusCode: status, requestId: 'r-1' },
  });

export const throttling = () => awsError('Throttling', 'Rate exceeded');
export const accessDenied = () =>
  awsError(
    'AccessDenied',
    `User: arn:aws:sts::123456789012:assumed-role/backstage/session is not authorized to perform: cloudformation:DescribeStacks on resource: ${STACK_ARN}`,
    403,
  );
export const stackDoesNotExist = () =>
  awsError('ValidationError', `Stack with id ${STACK_ARN} does not exist`);

export const detectStackDrift = () => ({
  StackDriftDetectionId: 'b78ac9b0-dec1-11e7-a451-503a3example',
});

const driftStatusOf = (drifted: boolean, inProgress: boolean) => {
  if (inProgress) return undefined;
  return drifted ? 'DRIFTED' : 'IN_SYNC';
};

export const detectionStatus = (
  drifted: boolean,
  inProgress = false,
): DescribeStackDriftDetectionStatusCommandOutput => ({
  $metadata: {},
  StackId: STACK_ARN,
  StackDriftDetectionId: 'b78ac9b0-dec1-11e7-a451-503a3example',
  StackDriftStatus: driftStatusOf(drifted, inProgress),
  DetectionStatus: inProgress ? 'DETECTION_IN_PROGRESS' : 'DETECTION_COMPLETE',
  DriftedStackResourceCount: drifted ? 2 : 0,
  Timestamp: new Date('2018-12-03T23:00:00Z'),
});

/** Page 1: the bucket whose encryption was removed by hand; page 2: a deleted queue. */
export const resourceDriftsPage1 =
  (): DescribeStackResourceDriftsCommandOutput => ({
    $metadata: {},
    StackResourceDrifts: [
      {
        StackId: STACK_ARN,
        LogicalResourceId: 'DataBucket',
        PhysicalResourceId: 'data-production',
        ResourceType: 'AWS::S3::Bucket',
        ExpectedProperties:
          '{"BucketEncryption":{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":{"KMSMasterKeyID":"arn:aws:kms:us-east-1:123456789012:key/1234abcd","SSEAlgorithm":"aws:kms"}}]},"BucketName":"data-production"}',
        ActualProperties: '{"BucketName":"data-production"}',
        PropertyDifferences: [
          {
            PropertyPath: '/BucketEncryption',
            ExpectedValue:
              '{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":{"KMSMasterKeyID":"arn:aws:kms:us-east-1:123456789012:key/1234abcd","SSEAlgorithm":"aws:kms"}}]}',
            ActualValue: 'null',
            DifferenceType: 'REMOVE',
          },
        ],
        StackResourceDriftStatus: 'MODIFIED',
        Timestamp: new Date('2018-12-03T23:00:05Z'),
      },
    ],
    NextToken: 'AAAAAAAAAAAAAAAAAAAAAG1hbnktcGFnZXMtdG9rZW4=',
  });

export const resourceDriftsPage2 =
  (): DescribeStackResourceDriftsCommandOutput => ({
    $metadata: {},
    StackResourceDrifts: [
      {
        StackId: STACK_ARN,
        LogicalResourceId: 'OldQueue',
        PhysicalResourceId:
          'https://sqs.us-east-1.amazonaws.com/123456789012/my-stack-with-resource-drift-Queue-494PBHCO76H4',
        ResourceType: 'AWS::SQS::Queue',
        ExpectedProperties:
          '{"DelaySeconds":0,"MessageRetentionPeriod":345600}',
        PropertyDifferences: [],
        StackResourceDriftStatus: 'DELETED',
        Timestamp: new Date('2018-12-03T23:00:05Z'),
      },
    ],
  });

/** Only account 123456789012 is configured, as with `aws.accounts` holding just it. */
export const testCredentials: AwsCredentialsManager = {
  async getCredentialProvider(opts) {
    if (!opts?.arn?.includes(':123456789012:'))
      throw new Error(
        'There is no AWS integration that matches 210987654321. Please add a configuration for this AWS account.',
      );
    return {
      accountId: '123456789012',
      sdkCredentialProvider: async () => ({
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      }),
    };
  },
};
