/*
 * Controls on resources that hold data: ENC-09 (EBS volumes, EFS file systems), ENC-10
 * (SQS queues, SNS topics), DR-11 (EFS backups), and DynamoDB under ENC-01 (CMK) and DR-02
 * (point-in-time recovery), through evaluateEntity with the default policy. Each template
 * is a minimal one written after the example of the AWS page cited above its case.
 */
import { evaluateYaml, locations } from './testHelpers';

const KEY = `
  Key:
    Type: AWS::KMS::Key
    Properties: { EnableKeyRotation: true, KeyPolicy: { Version: '2012-10-17', Statement: [] } }`;

// A parameter without a default: every control must name it when it cannot decide.
const PARAM = `
Parameters:
  KeyArn: { Type: String }
  Flag: { Type: String, AllowedValues: ['true', 'false'] }`;

describe('ENC-09 EBS volumes', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-volume.html
  // (example "Encrypted Amazon EBS volume with DeletionPolicy to make a snapshot on delete")
  it('passes a volume encrypted with a customer-managed key', () => {
    const r = evaluateYaml(`
Resources:${KEY}
  Volume:
    Type: AWS::EC2::Volume
    DeletionPolicy: Snapshot
    UpdateReplacePolicy: Snapshot
    Properties: { Size: 100, Encrypted: true, KmsKeyId: !GetAtt Key.Arn, AvailabilityZone: eu-central-1a }
`)('ENC-09');
    expect(r).toMatchObject({
      status: 'pass',
      message: 'Volume: encrypted with a customer-managed KMS key',
    });
  });

  it('fails a volume without Encrypted, saying the account default cannot be seen', () => {
    const r = evaluateYaml(`
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties: { Size: 100, AvailabilityZone: eu-central-1a }
`)('ENC-09');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'if EBS encryption by default is on for the account and region (which a template cannot show)',
    );
    expect(locations(r)).toEqual(['Volume:Properties.Encrypted']);
  });

  it("fails an encrypted volume without KmsKeyId (the account's default EBS key)", () => {
    const r = evaluateYaml(`
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties: { Size: 100, Encrypted: true, AvailabilityZone: eu-central-1a }
`)('ENC-09');
    expect(r.status).toBe('fail');
    expect(r.message).toContain("the account's default EBS key");
  });

  it('is unknown, naming the parameter, when KmsKeyId comes from a parameter without a default', () => {
    const r = evaluateYaml(`${PARAM}
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties: { Size: 100, Encrypted: true, KmsKeyId: !Ref KeyArn, AvailabilityZone: eu-central-1a }
`)('ENC-09');
    expect(r).toMatchObject({
      status: 'unknown',
      message:
        'Volume: KmsKeyId cannot be resolved (parameter KeyArn has no default and no value was supplied)',
    });
  });

  it('is unknown for a volume restored from a snapshot, whose encryption it inherits', () => {
    const r = evaluateYaml(`
Resources:
  Volume:
    Type: AWS::EC2::Volume
    Properties: { SnapshotId: snap-0123456789abcdef0, AvailabilityZone: eu-central-1a }
`)('ENC-09');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('SnapshotId snap-0123456789abcdef0');
  });
});

describe('ENC-09 EFS file systems', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-efs-filesystem.html
  // (example "Create an encrypted EFS file system")
  it('passes an encrypted file system with a customer-managed key', () => {
    const r = evaluateYaml(`
Resources:${KEY}
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true, KmsKeyId: !GetAtt Key.Arn, BackupPolicy: { Status: ENABLED } }
`)('ENC-09');
    expect(r.status).toBe('pass');
  });

  it('fails an unencrypted file system (CloudFormation default) and one on the AWS-managed key', () => {
    expect(
      evaluateYaml(`
Resources:
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties: { PerformanceMode: generalPurpose }
`)('ENC-09'),
    ).toMatchObject({
      status: 'fail',
      message:
        'FileSystem: Encrypted is not true — the file system is stored unencrypted',
    });
    expect(
      evaluateYaml(`
Resources:
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true }
`)('ENC-09').message,
    ).toContain('AWS-managed key aws/elasticfilesystem');
  });

  it('is unknown, naming the parameter, when Encrypted comes from a parameter', () => {
    const r = evaluateYaml(`${PARAM}
Resources:${KEY}
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: !Ref Flag, KmsKeyId: !Ref Key }
`)('ENC-09');
    expect(r).toMatchObject({
      status: 'unknown',
      message:
        'FileSystem: Encrypted cannot be resolved (parameter Flag has no default and no value was supplied)',
    });
  });
});

describe('ENC-10 SQS queues and SNS topics', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
  it('passes a queue with a customer-managed KmsMasterKeyId', () => {
    const r = evaluateYaml(`
Resources:${KEY}
  Queue:
    Type: AWS::SQS::Queue
    Properties: { KmsMasterKeyId: !Ref Key }
`)('ENC-10');
    expect(r).toMatchObject({
      status: 'pass',
      message: 'Queue: SSE-KMS with a customer-managed key',
    });
  });

  it('fails the SSE-SQS default, SSE disabled, and the AWS-managed alias/aws/sqs', () => {
    const run = (props: string) =>
      evaluateYaml(`
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: ${props}
`)('ENC-10');
    expect(run('{ QueueName: orders }').message).toContain(
      'encrypted with SQS-owned keys (SSE-SQS)',
    );
    expect(run('{ SqsManagedSseEnabled: false }').message).toContain(
      'messages are stored unencrypted',
    );
    expect(run('{ KmsMasterKeyId: alias/aws/sqs }')).toMatchObject({
      status: 'fail',
      message:
        'Queue: KmsMasterKeyId alias/aws/sqs is the AWS-managed key; use a customer-managed key',
    });
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topic.html
  // https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
  it('passes a topic with a CMK and fails one without encryption', () => {
    expect(
      evaluateYaml(`
Resources:${KEY}
  Topic:
    Type: AWS::SNS::Topic
    Properties: { TopicName: alerts, KmsMasterKeyId: !Ref Key }
`)('ENC-10').status,
    ).toBe('pass');
    expect(
      evaluateYaml(`
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties: { TopicName: alerts }
`)('ENC-10').message,
    ).toBe(
      'Topic: no KmsMasterKeyId — the topic has no server-side encryption',
    );
  });

  it('is unknown, naming the parameter, when KmsMasterKeyId comes from a parameter', () => {
    const r = evaluateYaml(`${PARAM}
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties: { KmsMasterKeyId: !Ref KeyArn }
`)('ENC-10');
    expect(r).toMatchObject({
      status: 'unknown',
      message:
        'Topic: KmsMasterKeyId cannot be resolved (parameter KeyArn has no default and no value was supplied)',
    });
  });
});

describe('DR-11 EFS backups', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-efs-filesystem-backuppolicy.html
  // https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html#automatic-backups
  it('passes BackupPolicy ENABLED and a file system named by an AWS Backup selection', () => {
    expect(
      evaluateYaml(`
Resources:
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true, BackupPolicy: { Status: ENABLED } }
`)('DR-11').status,
    ).toBe('pass');
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupselection.html
    const r = evaluateYaml(`
Resources:
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true }
  Selection:
    Type: AWS::Backup::BackupSelection
    Properties:
      BackupPlanId: plan-id
      BackupSelection:
        SelectionName: efs
        IamRoleArn: arn:aws:iam::123456789012:role/backup
        Resources: [!GetAtt FileSystem.Arn]
`)('DR-11');
    expect(r).toMatchObject({
      status: 'pass',
      message: 'FileSystem: backed up by the AWS Backup selection Selection',
    });
  });

  // https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html#efs-CreateFileSystem-request-Backup
  it('passes a One Zone file system without BackupPolicy (backups on by default), and names an unresolved zone', () => {
    expect(
      evaluateYaml(`
Resources:
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true, AvailabilityZoneName: eu-central-1a }
`)('DR-11'),
    ).toMatchObject({
      status: 'pass',
      message:
        'FileSystem: One Zone file system (AvailabilityZoneName eu-central-1a), whose automatic backups are on by default',
    });
    const r = evaluateYaml(`
Parameters:
  Zone: { Type: String }
Resources:
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true, AvailabilityZoneName: !Ref Zone }
`)('DR-11');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'AvailabilityZoneName, which makes automatic backups the default (One Zone), cannot be resolved (parameter Zone has no default',
    );
  });

  it('fails a file system without automatic backups', () => {
    const r = evaluateYaml(`
Resources:
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true, BackupPolicy: { Status: DISABLED } }
`)('DR-11');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('BackupPolicy.Status DISABLED');
  });

  it('is unknown, naming the parameter, when BackupPolicy.Status comes from a parameter', () => {
    const r = evaluateYaml(`
Parameters:
  Backups: { Type: String, AllowedValues: [ENABLED, DISABLED] }
Resources:
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true, BackupPolicy: { Status: !Ref Backups } }
`)('DR-11');
    expect(r).toMatchObject({
      status: 'unknown',
      message:
        'FileSystem: BackupPolicy.Status cannot be resolved (parameter Backups has no default and no value was supplied)',
    });
  });

  it('is unknown when a tag-based backup selection may take it', () => {
    const r = evaluateYaml(`
Resources:
  FileSystem:
    Type: AWS::EFS::FileSystem
    Properties: { Encrypted: true }
  Selection:
    Type: AWS::Backup::BackupSelection
    Properties:
      BackupPlanId: plan-id
      BackupSelection:
        SelectionName: tagged
        IamRoleArn: arn:aws:iam::123456789012:role/backup
        ListOfTags: [{ ConditionType: STRINGEQUALS, ConditionKey: backup, ConditionValue: daily }]
`)('DR-11');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('the AWS Backup selection Selection');
  });
});

describe('ENC-01 DynamoDB tables', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
  const table = (sse: string) => `
Resources:${KEY}
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
${sse}`;

  it('fails the default encryption with an AWS owned key, and the AWS-managed aws/dynamodb', () => {
    const owned = evaluateYaml(table(''))('ENC-01');
    expect(owned.status).toBe('fail');
    expect(owned.message).toContain(
      'Table: encrypted with an AWS owned key (the DynamoDB default',
    );
    const managed = evaluateYaml(
      table('      SSESpecification: { SSEEnabled: true, SSEType: KMS }'),
    )('ENC-01');
    expect(managed.message).toContain('AWS-managed key aws/dynamodb');
  });

  it('passes a customer-managed KMSMasterKeyId', () => {
    const r = evaluateYaml(
      table(
        '      SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref Key }',
      ),
    )('ENC-01');
    expect(r).toMatchObject({
      status: 'pass',
      message: 'Table: encrypted with a customer-managed KMS key',
    });
  });

  it('is unknown, naming the parameter, when SSEEnabled comes from a parameter', () => {
    const r = evaluateYaml(
      `${PARAM}${table('      SSESpecification: { SSEEnabled: !Ref Flag }')}`,
    )('ENC-01');
    expect(r).toMatchObject({
      status: 'unknown',
      message:
        'Table: SSESpecification.SSEEnabled cannot be resolved (parameter Flag has no default and no value was supplied)',
    });
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-globaltable.html
  it('judges the key of every replica of a global table', () => {
    const r = evaluateYaml(`${PARAM}
Resources:${KEY}
  Global:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      SSESpecification: { SSEEnabled: true, SSEType: KMS }
      Replicas:
        - Region: eu-central-1
          SSESpecification: { KMSMasterKeyId: !Ref Key }
        - Region: eu-west-1
          SSESpecification: { KMSMasterKeyId: !Ref KeyArn }
`)('ENC-01');
    expect(r).toMatchObject({
      status: 'unknown',
      message:
        'Global: Replicas[1].SSESpecification.KMSMasterKeyId cannot be resolved (parameter KeyArn has no default and no value was supplied)',
    });
  });
});

describe('DR-02 DynamoDB point-in-time recovery', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-pointintimerecoveryspecification.html
  const table = (pitr: string) => `
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
${pitr}`;

  it('passes PITR with the default 35-day recovery period', () => {
    const r = evaluateYaml(
      table(
        '      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }',
      ),
    )('DR-02');
    expect(r).toMatchObject({
      status: 'pass',
      message: 'Table: point-in-time recovery for ≥ 35 days',
    });
  });

  it('fails a table without PITR (the default) and a recovery period below the policy', () => {
    expect(evaluateYaml(table(''))('DR-02').message).toContain(
      'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is not true',
    );
    expect(
      evaluateYaml(
        table(
          '      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 }',
        ),
      )('DR-02').message,
    ).toContain('recovery period 7 day(s); the policy requires ≥ 35');
  });

  it('is unknown, naming the parameter, when PointInTimeRecoveryEnabled comes from a parameter', () => {
    const r = evaluateYaml(
      `${PARAM}${table(
        '      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: !Ref Flag }',
      )}`,
    )('DR-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Table: PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled cannot be resolved (parameter Flag has no default and no value was supplied)',
    );
  });
});
