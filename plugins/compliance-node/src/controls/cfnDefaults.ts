import { ResolvedResource, ResolvedTemplate, Unknown } from '../cloudformation';
import { ofType, refersTo } from './cfnHelpers';
import { cfnNumber } from './outcomes';

/*
 * What CloudFormation assumes when a property is left out, and which resources take a setting
 * from another: the one place the controls and the DR estimator read these from.
 */

/**
 * An RDS DB instance in a DB cluster (Aurora, Multi-AZ DB cluster). Its storage encryption,
 * backup retention and master credentials are the cluster's ("Amazon Aurora: Not applicable.
 * … managed by the DB cluster", AWS::RDS::DBInstance in the CloudFormation template reference:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html),
 * so it is judged through its cluster.
 */
export function isClusterMember(r: ResolvedResource): boolean {
  return (
    r.type === 'AWS::RDS::DBInstance' &&
    r.properties.DBClusterIdentifier !== undefined
  );
}

/** The DB instances of the template that belong to a DB cluster. */
export function clusterMembers(
  template: ResolvedTemplate,
  cluster: ResolvedResource,
): ResolvedResource[] {
  return ofType(template, 'AWS::RDS::DBInstance').filter(i =>
    refersTo(i.properties.DBClusterIdentifier, cluster.logicalId),
  );
}

/**
 * Days an RDS DB instance or cluster keeps automated backups. CloudFormation's default is 1
 * ("Default: 1", BackupRetentionPeriod of AWS::RDS::DBInstance and AWS::RDS::DBCluster).
 */
export function backupRetentionDays(
  r: ResolvedResource,
): number | Unknown | undefined {
  return cfnNumber(r.properties.BackupRetentionPeriod ?? 1);
}

/**
 * Tasks an ECS service keeps running. "For new services, if a desired count is not specified,
 * a default value of 1 is used" (DesiredCount, AWS::ECS::Service:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html).
 */
export function desiredCount(
  r: ResolvedResource,
): number | Unknown | undefined {
  return cfnNumber(r.properties.DesiredCount ?? 1);
}
