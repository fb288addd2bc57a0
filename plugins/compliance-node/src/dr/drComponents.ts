import {
  ComponentClass,
  DAY,
  FactId,
  FactValue,
} from '@refarch/backstage-plugin-compliance-common';
import { getPath, isUnknown, ResolvedTemplate } from '../cloudformation';
import { asList, ofType } from '../controls/cfnHelpers';
import { cfnBool } from '../controls/outcomes';
import { scheduleInterval } from '../controls/resilienceControls';
import {
  backupRetentionDays,
  clusterMembers,
  desiredCount,
  isClusterMember,
} from '../controls/cfnDefaults';

/**
 * Something whose recovery the DR estimator reasons about: an entity with declared facts,
 * or a resource of a CloudFormation template.
 *
 * @public
 */
export interface DrComponent {
  /** Entity ref or `template#LogicalId`. */
  name: string;
  componentClass: ComponentClass;
  facts: ReadonlyMap<FactId, FactValue | undefined>;
}

function set(
  map: Map<FactId, FactValue | undefined>,
  id: FactId,
  value: unknown,
) {
  if (value === undefined || isUnknown(value)) return;
  map.set(id, value as FactValue);
}

/**
 * Derives DR components and their recovery facts from a resolved template.
 * Unresolvable values are left out, so the estimate for them is unknown.
 *
 * @public
 */
export function drComponentsFromTemplate(
  template: ResolvedTemplate,
  prefix: string,
): DrComponent[] {
  const out: DrComponent[] = [];
  const backupRules = ofType(template, 'AWS::Backup::BackupPlan').flatMap(p =>
    asList(getPath(p.properties, 'BackupPlan.BackupPlanRule')),
  );
  const crossRegionBackup = backupRules.some(
    rule => asList(getPath(rule, 'CopyActions')).length > 0,
  );
  // A backup plan that runs more often than the daily automated snapshot sets the interval.
  // A loop, not Math.min(...): a plan may list more rules than a call takes arguments.
  const planInterval = backupRules.reduce<number>(
    (min, rule) =>
      Math.min(
        min,
        scheduleInterval(getPath(rule, 'ScheduleExpression')) ?? Infinity,
      ),
    Infinity,
  );
  const add = (
    logicalId: string,
    componentClass: ComponentClass,
    facts: Map<FactId, FactValue | undefined>,
  ) => {
    facts.set('iac-managed', true);
    out.push({ name: `${prefix}#${logicalId}`, componentClass, facts });
  };
  for (const r of ofType(
    template,
    'AWS::RDS::DBInstance',
    'AWS::RDS::DBCluster',
  )) {
    if (isClusterMember(r)) continue;
    const f = new Map<FactId, FactValue | undefined>();
    if (r.type === 'AWS::RDS::DBCluster') {
      f.set('multi-az', clusterMembers(template, r).length >= 2);
    } else {
      set(f, 'multi-az', cfnBool(r.properties.MultiAZ) ?? false);
    }
    const retention = backupRetentionDays(r);
    if (typeof retention === 'number') {
      f.set('backup-retention', retention * DAY);
      f.set('pitr', retention > 0);
      if (retention > 0) f.set('backup-interval', Math.min(DAY, planInterval));
    }
    f.set('cross-region-backup', crossRegionBackup);
    f.set('cross-region-replica', false);
    add(r.logicalId, 'database', f);
  }
  for (const r of ofType(
    template,
    'AWS::ElastiCache::ReplicationGroup',
    'AWS::ElastiCache::CacheCluster',
  )) {
    const f = new Map<FactId, FactValue | undefined>();
    set(
      f,
      'multi-az',
      r.type === 'AWS::ElastiCache::CacheCluster'
        ? false
        : cfnBool(r.properties.MultiAZEnabled) ?? false,
    );
    set(
      f,
      'automatic-failover',
      cfnBool(r.properties.AutomaticFailoverEnabled) ?? false,
    );
    add(r.logicalId, 'cache', f);
  }
  for (const r of ofType(template, 'AWS::S3::Bucket')) {
    const f = new Map<FactId, FactValue | undefined>();
    f.set(
      'versioning',
      getPath(r.properties, 'VersioningConfiguration.Status') === 'Enabled',
    );
    f.set(
      'cross-region-replication',
      asList(getPath(r.properties, 'ReplicationConfiguration.Rules')).length >
        0,
    );
    add(r.logicalId, 'object-storage', f);
  }
  for (const r of ofType(template, 'AWS::ECS::Service')) {
    const f = new Map<FactId, FactValue | undefined>();
    set(f, 'min-tasks', desiredCount(r));
    const subnets = getPath(
      r.properties,
      'NetworkConfiguration.AwsvpcConfiguration.Subnets',
    );
    if (!isUnknown(subnets)) f.set('az-count', asList(subnets).length);
    const breaker = getPath(
      r.properties,
      'DeploymentConfiguration.DeploymentCircuitBreaker.Rollback',
    );
    f.set(
      'deployment-rollback',
      cfnBool(breaker) === true ||
        getPath(r.properties, 'DeploymentController.Type') === 'CODE_DEPLOY',
    );
    add(r.logicalId, 'service', f);
  }
  return out;
}
