/*
 * DR-10: DeletionPolicy and UpdateReplacePolicy of stateful resources
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html;
 * the types are those of cfn-lint I3011).
 */
import { defaultPolicy } from '../policy/defaultPolicy';
import { STATEFUL_RESOURCE_TYPES } from './statefulResources';
import { evaluateYaml, locations } from './testHelpers';

describe('DR-10 stateful resources keep their data', () => {
  it('passes Retain on a queue and Snapshot on a volume', () => {
    // The DeletionPolicy page's example: a bucket with DeletionPolicy Retain.
    const r = evaluateYaml(`
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
  Volume:
    Type: AWS::EC2::Volume
    DeletionPolicy: Snapshot
    UpdateReplacePolicy: Snapshot
    Properties: { Size: 10, AvailabilityZone: eu-central-1a }
`)('DR-10');
    expect(r.status).toBe('pass');
    expect(r.message).toContain(
      'Bucket: DeletionPolicy Retain, UpdateReplacePolicy Retain',
    );
    expect(r.message).toContain(
      'Volume: DeletionPolicy Snapshot, UpdateReplacePolicy Snapshot',
    );
  });

  it('fails a table with the defaults (Delete), naming both attributes', () => {
    const r = evaluateYaml(`
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
`)('DR-10');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Table: no DeletionPolicy and no UpdateReplacePolicy (the default, Delete, deletes the data with the stack or when an update replaces the resource) — set Retain',
    );
    expect(locations(r)).toEqual([
      'Table:DeletionPolicy',
      'Table:UpdateReplacePolicy',
    ]);
  });

  it('fails Snapshot on a type that takes no snapshots, and an explicit Delete', () => {
    const r = evaluateYaml(`
Resources:
  Queue:
    Type: AWS::SQS::Queue
    DeletionPolicy: Retain
    UpdateReplacePolicy: Delete
  Logs:
    Type: AWS::Logs::LogGroup
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
`)('DR-10');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'Queue: UpdateReplacePolicy Delete loses the data',
    );
  });

  it("leaves an RDS instance's DeletionPolicy to DR-02 and skips cluster members", () => {
    const r = evaluateYaml(`
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    UpdateReplacePolicy: Snapshot
    Properties: { Engine: aurora-postgresql, StorageEncrypted: true }
  Writer:
    Type: AWS::RDS::DBInstance
    Properties: { DBClusterIdentifier: !Ref Cluster, Engine: aurora-postgresql, DBInstanceClass: db.r6g.large }
`)('DR-10');
    expect(r).toMatchObject({
      status: 'pass',
      message:
        'Cluster: UpdateReplacePolicy Snapshot (DeletionPolicy: see DR-02)',
    });
  });

  it('is unknown, naming the parameter, when a policy is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(`
Parameters:
  Env: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    DeletionPolicy: !If [IsProd, Retain, Delete]
    UpdateReplacePolicy: Retain
`)('DR-10');
    expect(r.status).toBe('unknown');
    expect(r.message).toMatch(
      /^Queue: the DeletionPolicy of Queue cannot be resolved \(.*parameter Env has no default/,
    );
  });

  it('is the policy of every type in STATEFUL_RESOURCE_TYPES', () => {
    const control = defaultPolicy.controls.find(c => c.id === 'DR-10');
    expect(control?.resourceTypes).toEqual([...STATEFUL_RESOURCE_TYPES]);
    expect(STATEFUL_RESOURCE_TYPES).toEqual(
      expect.arrayContaining([
        'AWS::DynamoDB::Table',
        'AWS::EFS::FileSystem',
        'AWS::EC2::Volume',
        'AWS::SQS::Queue',
        'AWS::RDS::DBCluster',
      ]),
    );
  });
});
