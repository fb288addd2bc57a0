/*
 * The groups of resource types and component classes the control metadata (`*.meta.ts`)
 * names in `resourceTypes` and `appliesTo`.
 */

/** @internal */
export const RDS = ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'];
/** @internal */
export const TASK = ['AWS::ECS::TaskDefinition'];
/** @internal */
export const BUCKET = ['AWS::S3::Bucket'];
/** @internal */
export const ALB = ['AWS::ElasticLoadBalancingV2::LoadBalancer'];
/** @internal */
export const LISTENER = ['AWS::ElasticLoadBalancingV2::Listener'];
/** @internal */
export const CACHE = [
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::CacheCluster',
];
/** @internal */
export const COMPUTE = ['service', 'worker'] as const;
/** @internal */
export const DYNAMODB = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'];
/** @internal */
export const CLASSIC_LOAD_BALANCER = [
  'AWS::ElasticLoadBalancing::LoadBalancer',
];
