/*
 * Parse and resolve timings for a ~1 MB CloudFormation template, YAML and
 * JSON, generated in memory. Run from the repository root:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/parseTemplate.bench.ts
 *
 * Options (environment): BENCH_RUNS (default 20), BENCH_BYTES (default 1 MiB).
 */
import { performance } from 'perf_hooks';
import { parseTemplate } from '../plugins/compliance-node/src/cloudformation/parseTemplate';
import { resolveTemplate } from '../plugins/compliance-node/src/cloudformation/resolveTemplate';
import { print } from './print';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 1024 * 1024);

const HEADER = `AWSTemplateFormatVersion: '2010-09-09'
Description: >-
  A generated template for benchmarking: many buckets, databases, queues and
  roles with the short-form intrinsics real templates use.

Parameters:
  Environment:
    Type: String
    Default: prod
    AllowedValues: [dev, staging, prod]
  KmsKeyArn:
    Type: String
    Default: arn:aws:kms:eu-west-1:123456789012:key/0f0e0d0c-0b0a-0908-0706-050403020100
  VpcId:
    Type: AWS::EC2::VPC::Id
    Default: vpc-0a1b2c3d4e5f67890
  SubnetIds:
    Type: List<AWS::EC2::Subnet::Id>
    Default: subnet-0aaa1111bbbb2222c,subnet-0ddd3333eeee4444f
  DbPassword:
    Type: String
    NoEcho: true
    Default: not-a-real-password

Conditions:
  IsProd: !Equals [!Ref Environment, prod]
  IsNotProd: !Not [!Condition IsProd]
  UseKms: !And [!Condition IsProd, !Not [!Equals [!Ref KmsKeyArn, '']]]

Mappings:
  RegionMap:
    eu-west-1:
      BackupRetention: 14
      LogRetention: 90
    us-east-1:
      BackupRetention: 7
      LogRetention: 30

Resources:
`;

function bucket(i: number): string {
  return `  Bucket${i}:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BucketName: !Sub '\${AWS::StackName}-data-\${Environment}-${i}'
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !If [UseKms, 'aws:kms', AES256]
              KMSMasterKeyID: !If [UseKms, !Ref KmsKeyArn, !Ref 'AWS::NoValue']
            BucketKeyEnabled: true
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      VersioningConfiguration:
        Status: !If [IsProd, Enabled, Suspended]
      LoggingConfiguration:
        DestinationBucketName: !Ref LogBucket
        LogFilePrefix: !Sub 'bucket-${i}/'
      LifecycleConfiguration:
        Rules:
          - Id: expire-old-versions
            Status: Enabled
            NoncurrentVersionExpiration:
              NoncurrentDays: 30
          - Id: abort-uploads
            Status: Enabled
            AbortIncompleteMultipartUpload:
              DaysAfterInitiation: 7
      Tags:
        - Key: Environment
          Value: !Ref Environment
        - Key: Owner
          Value: "team-${i % 17}@example.com"
        - Key: CostCentre
          Value: '${1000 + (i % 50)}'

  Bucket${i}Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket${i}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource:
              - !GetAtt Bucket${i}.Arn
              - !Sub '\${Bucket${i}.Arn}/*'
            Condition:
              Bool:
                aws:SecureTransport: false

`;
}

function database(i: number): string {
  return `  Database${i}:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
    UpdateReplacePolicy: Snapshot
    Properties:
      DBInstanceIdentifier: !Join ['-', [!Ref 'AWS::StackName', db, '${i}']]
      Engine: postgres
      EngineVersion: '15.4'
      DBInstanceClass: !If [IsProd, db.r6g.large, db.t4g.micro]
      AllocatedStorage: 100
      MaxAllocatedStorage: 500
      StorageType: gp3
      StorageEncrypted: true
      KmsKeyId: !If [UseKms, !Ref KmsKeyArn, !Ref 'AWS::NoValue']
      MultiAZ: !If [IsProd, true, false]
      PubliclyAccessible: false
      MasterUsername: admin${i}
      MasterUserPassword: !Ref DbPassword
      BackupRetentionPeriod: !FindInMap [RegionMap, !Ref 'AWS::Region', BackupRetention]
      DeletionProtection: !If [IsProd, true, false]
      CopyTagsToSnapshot: true
      EnableCloudwatchLogsExports: [postgresql, upgrade]
      DBSubnetGroupName: !Ref DbSubnetGroup
      VPCSecurityGroups:
        - !GetAtt DatabaseSecurityGroup.GroupId
      MonitoringInterval: 60
      MonitoringRoleArn: !GetAtt MonitoringRole.Arn
      Tags:
        - {Key: Environment, Value: !Ref Environment}
        - {Key: Name, Value: !Sub 'db-${i}-\${Environment}'}

  Queue${i}:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${AWS::StackName}-queue-${i}'
      KmsMasterKeyId: alias/aws/sqs
      MessageRetentionPeriod: 1209600
      VisibilityTimeout: 300
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt DeadLetterQueue.Arn
        maxReceiveCount: 5

`;
}

const FOOTER = `  LogBucket:
    Type: AWS::S3::Bucket
    Properties:
      OwnershipControls:
        Rules:
          - ObjectOwnership: BucketOwnerPreferred
  DbSubnetGroup:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: databases
      SubnetIds: !Ref SubnetIds
  DatabaseSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: databases
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          CidrIp: 10.0.0.0/16
  MonitoringRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: monitoring.rds.amazonaws.com}
            Action: sts:AssumeRole
  DeadLetterQueue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: alias/aws/sqs

Outputs:
  LogBucketArn:
    Value: !GetAtt LogBucket.Arn
    Export:
      Name: !Sub '\${AWS::StackName}-log-bucket'
`;

/** A realistic YAML template of about `bytes` bytes. */
export function generateYaml(bytes: number): string {
  const parts = [HEADER];
  let size = HEADER.length + FOOTER.length;
  for (let i = 0; size < bytes; i++) {
    const part = i % 2 === 0 ? bucket(i) : database(i);
    parts.push(part);
    size += part.length;
  }
  parts.push(FOOTER);
  return parts.join('');
}

/** The same kind of template as JSON (long-form intrinsics), about `bytes` bytes. */
export function generateJson(bytes: number): string {
  // Converted from a YAML template, then grown or shrunk to size.
  const { template } = parseTemplate(generateYaml(bytes));
  const resources = Object.entries(template.Resources);
  let json = JSON.stringify(template, null, 2);
  let count = resources.length;
  while (json.length < bytes * 0.98 || json.length > bytes * 1.02) {
    count = Math.max(1, Math.round((count * bytes) / json.length));
    const grown: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const [id, resource] = resources[i % resources.length];
      grown[i < resources.length ? id : `${id}Copy${i}`] = resource;
    }
    json = JSON.stringify({ ...template, Resources: grown }, null, 2);
  }
  return json;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[index];
}

function measure(run: () => unknown): { median: number; p95: number } {
  // Warm up: the first runs include compilation.
  for (let i = 0; i < 3; i++) {
    run();
  }
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

function report(format: string, text: string): void {
  const parsed = parseTemplate(text);
  if (parsed.format !== format) {
    throw new Error(`expected ${format}, parsed as ${parsed.format}`);
  }
  const resources = Object.keys(parsed.template.Resources).length;
  const resolved = resolveTemplate(parsed);
  if (resolved.resources.length === 0) {
    throw new Error('nothing resolved');
  }
  const rows: Array<[string, { median: number; p95: number }]> = [
    ['parse', measure(() => parseTemplate(text))],
    ['resolve', measure(() => resolveTemplate(parsed))],
    ['parse+resolve', measure(() => resolveTemplate(parseTemplate(text)))],
  ];
  print(
    `${format.toUpperCase()}: ${Buffer.byteLength(
      text,
    )} bytes, ${resources} resources, ${RUNS} runs`,
  );
  for (const [name, { median, p95 }] of rows) {
    print(
      `  ${name.padEnd(14)} median ${median
        .toFixed(1)
        .padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms`,
    );
  }
}

function main(): void {
  report('yaml', generateYaml(TARGET_BYTES));
  report('json', generateJson(TARGET_BYTES));
}

if (require.main === module) {
  main();
}
