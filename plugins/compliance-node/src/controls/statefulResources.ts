/**
 * Resource types that hold data CloudFormation deletes with the resource: what cfn-lint
 * treats as stateful for rule I3011 ("Check stateful resources have a set
 * UpdateReplacePolicy/DeletionPolicy", `data/AdditionalSpecs/StatefulResources.json` of
 * cfn-lint 1.51.0), less `AWS::CloudFormation::Stack` (the resources of a nested stack are
 * judged one by one) and with ElastiCache Serverless. Unlike I3011 the list keeps
 * `AWS::S3::Bucket`: CloudFormation cannot delete a bucket that still holds objects, but a
 * bucket emptied by a custom resource, or a replacing update, loses them.
 *
 * @internal
 */
export const STATEFUL_RESOURCE_TYPES: readonly string[] = [
  'AWS::Backup::BackupVault',
  'AWS::Cognito::UserPool',
  'AWS::DocDB::DBCluster',
  'AWS::DocDB::DBInstance',
  'AWS::DynamoDB::GlobalTable',
  'AWS::DynamoDB::Table',
  'AWS::EC2::Volume',
  'AWS::EFS::FileSystem',
  'AWS::EMR::Cluster',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::ServerlessCache',
  'AWS::Elasticsearch::Domain',
  'AWS::FSx::FileSystem',
  'AWS::KMS::Key',
  'AWS::Kinesis::Stream',
  'AWS::Logs::LogGroup',
  'AWS::Neptune::DBCluster',
  'AWS::Neptune::DBInstance',
  'AWS::OpenSearchService::Domain',
  'AWS::Organizations::Account',
  'AWS::QLDB::Ledger',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::Redshift::Cluster',
  'AWS::S3::Bucket',
  'AWS::SDB::Domain',
  'AWS::SQS::Queue',
  'AWS::SecretsManager::Secret',
];

/**
 * The types for which `Snapshot` is a valid DeletionPolicy / UpdateReplacePolicy
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html;
 * cfn-lint `valid_snapshot_types`).
 *
 * @internal
 */
export const SNAPSHOT_TYPES: ReadonlySet<string> = new Set([
  'AWS::DocDB::DBCluster',
  'AWS::EC2::Volume',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::Neptune::DBCluster',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::Redshift::Cluster',
]);

/** Database instances whose data lives in their cluster when they belong to one. */
export const CLUSTER_MEMBER_TYPES: ReadonlySet<string> = new Set([
  'AWS::RDS::DBInstance',
  'AWS::DocDB::DBInstance',
  'AWS::Neptune::DBInstance',
]);
