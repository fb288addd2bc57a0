import { getPath, isUnknown, ResolvedResource } from '../cloudformation';
import { asList, attributes, isCustomerManagedKey, ofType, refersTo } from './cfnHelpers';
import { DAY, at, cfnBool, cfnNumber, declaredCheck, expectProp, fail, isTrue, pass, unknown, atLeast } from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

const standalone = (r: ResolvedResource) => !(r.type === 'AWS::RDS::DBInstance' && r.properties.DBClusterIdentifier !== undefined);

/** Seconds between runs of a Backup schedule expression; undefined when it cannot be read. */
export function scheduleInterval(expr: unknown): number | undefined {
  if (typeof expr !== 'string') return undefined;
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expr.trim());
  if (rate) return Number(rate[1]) * (rate[2].startsWith('minute') ? 60 : rate[2].startsWith('hour') ? 3600 : DAY);
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expr.trim());
  if (!cron) return undefined;
  const [, minute, hour, dom, , dow] = cron;
  if (hour.startsWith('*/')) return Number(hour.slice(2)) * 3600;
  if (hour === '*') return minute.startsWith('*/') ? Number(minute.slice(2)) * 60 : 3600;
  if (hour.includes(',')) return Math.round(DAY / hour.split(',').length);
  if (dom === '*' || dom === '?') return dow === '*' || dow === '?' ? DAY : 7 * DAY;
  return 30 * DAY;
}

/** @internal */
export const resilienceControls: ControlImplementation[] = [
  {
    id: 'DR-01',
    cfn: ({ resources, template }) =>
      resources.filter(standalone).map(r => {
        if (r.type === 'AWS::RDS::DBCluster') {
          const members = ofType(template, 'AWS::RDS::DBInstance').filter(i => refersTo(i.properties.DBClusterIdentifier, r.logicalId));
          return members.length >= 2
            ? pass(`${r.logicalId}: ${members.length} instances (writer + reader in other AZs)`, [at(r)])
            : fail(`${r.logicalId}: ${members.length} instance(s); a failover target needs ≥ 2`, [at(r)]);
        }
        return expectProp(r, 'MultiAZ', cfnBool(r.properties.MultiAZ), v => v === true, { ok: 'Multi-AZ', bad: 'MultiAZ is not true — a single AZ outage stops the database' });
      }),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'multi-az', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'DR-02',
    cfn: ({ resources, params }) =>
      resources.filter(standalone).flatMap((r): CheckOutcome[] => {
        const min = Number(params.minBackupRetentionDays);
        // CloudFormation defaults BackupRetentionPeriod to 1 day.
        const days = cfnNumber(r.properties.BackupRetentionPeriod ?? 1);
        const retention = isUnknown(days)
          ? unknown(`${r.logicalId}: BackupRetentionPeriod cannot be resolved (${days.reason})`, [at(r, 'BackupRetentionPeriod')])
          : days !== undefined && days >= min
          ? pass(`${r.logicalId}: backups kept ${days} days with point-in-time recovery`, [at(r, 'BackupRetentionPeriod')])
          : fail(`${r.logicalId}: backups kept ${days ?? 1} day(s); the policy requires ≥ ${min}`, [at(r, 'BackupRetentionPeriod')]);
        const policy = r.deletionPolicy;
        const snapshot = policy === 'Snapshot' || policy === 'Retain'
          ? pass(`${r.logicalId}: DeletionPolicy ${policy}`, [{ logicalId: r.logicalId, type: r.type, path: 'DeletionPolicy' }])
          : fail(`${r.logicalId}: DeletionPolicy ${policy ?? 'Delete (default)'} — deleting the stack loses the data; use Snapshot`, [{ logicalId: r.logicalId, type: r.type, path: 'DeletionPolicy' }]);
        return [retention, snapshot];
      }),
    declared: ({ facts, params }) =>
      declaredCheck(facts, [
        { id: 'backup-retention', expect: atLeast(Number(params.minBackupRetentionDays) * DAY), requirement: `≥ ${params.minBackupRetentionDays}d` },
        { id: 'pitr', expect: isTrue, requirement: 'true', optional: true },
      ]),
  },
  {
    id: 'DR-03',
    cfn: ({ resources }) =>
      resources.filter(standalone).map(r => {
        if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
          const on = String(attributes(r.properties.LoadBalancerAttributes).get('deletion_protection.enabled')) === 'true';
          return on ? pass(`${r.logicalId}: deletion protection on`, [at(r, 'LoadBalancerAttributes')]) : fail(`${r.logicalId}: deletion_protection.enabled is not true`, [at(r, 'LoadBalancerAttributes')]);
        }
        return expectProp(r, 'DeletionProtection', cfnBool(r.properties.DeletionProtection), v => v === true, { ok: 'deletion protection on', bad: 'DeletionProtection is not true' });
      }),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'deletion-protection', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'DR-04',
    cfn: ({ resources }) =>
      resources.map(r => {
        if (r.type === 'AWS::ElastiCache::CacheCluster') return fail(`${r.logicalId}: a single cache node has no failover`, [at(r)]);
        const problems: string[] = [];
        const multi = cfnBool(r.properties.MultiAZEnabled);
        const auto = cfnBool(r.properties.AutomaticFailoverEnabled);
        if (isUnknown(multi) || isUnknown(auto)) return unknown(`${r.logicalId}: Multi-AZ settings cannot be resolved`, [at(r, 'MultiAZEnabled')]);
        if (multi !== true) problems.push('MultiAZEnabled is not true');
        if (auto !== true) problems.push('AutomaticFailoverEnabled is not true');
        const nodes = cfnNumber(r.properties.NumCacheClusters) ?? (Number(cfnNumber(r.properties.ReplicasPerNodeGroup) ?? 0) + 1);
        if (typeof nodes === 'number' && nodes < 2) problems.push(`${nodes} node(s)`);
        const snaps = cfnNumber(r.properties.SnapshotRetentionLimit);
        if (!snaps) problems.push('no snapshots (SnapshotRetentionLimit 0)');
        return problems.length ? fail(`${r.logicalId}: ${problems.join(', ')}`, [at(r)]) : pass(`${r.logicalId}: Multi-AZ, automatic failover, ${String(nodes)} nodes, snapshots kept ${String(snaps)} days`, [at(r)]);
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'multi-az', expect: isTrue, requirement: 'true' },
        { id: 'automatic-failover', expect: isTrue, requirement: 'true', optional: true },
      ]),
  },
  {
    id: 'DR-05',
    cfn: ({ resources, template, params, policy, entity }) => {
      const rpo = policy.tiers[entity.annotations.tier ?? 'standard'].rpo;
      const min = Number(params.minRetentionDays);
      return resources.flatMap((r): CheckOutcome[] => {
        if (r.type === 'AWS::Backup::BackupVault') {
          const cmk = isCustomerManagedKey(template, r.properties.EncryptionKeyArn);
          const problems = [];
          if (cmk !== true) problems.push('not encrypted with a customer-managed key');
          if (!r.properties.LockConfiguration) problems.push('no vault lock');
          return [problems.length ? fail(`${r.logicalId}: ${problems.join(', ')}`, [at(r)]) : pass(`${r.logicalId}: CMK-encrypted, locked`, [at(r)])];
        }
        const rules = asList(getPath(r.properties, 'BackupPlan.BackupPlanRule')) as Array<Record<string, unknown>>;
        if (rules.length === 0) return [fail(`${r.logicalId}: backup plan has no rules`, [at(r)])];
        const problems: string[] = [];
        const intervals = rules.map(rule => scheduleInterval(rule.ScheduleExpression));
        const best = Math.min(...intervals.map(i => i ?? Infinity));
        if (!Number.isFinite(best)) return [unknown(`${r.logicalId}: schedule expression cannot be read`, [at(r, 'BackupPlan.BackupPlanRule')])];
        if (best > rpo) problems.push(`runs every ${best / 3600} h, longer than the tier's RPO of ${rpo / 3600} h`);
        const retention = Math.max(...rules.map(rule => Number(cfnNumber(getPath(rule, 'Lifecycle.DeleteAfterDays')) ?? Infinity)));
        if (retention < min) problems.push(`keeps recovery points ${retention} days (< ${min})`);
        if (!rules.some(rule => asList(rule.CopyActions).length > 0)) problems.push('no cross-region copy');
        return [problems.length ? fail(`${r.logicalId}: ${problems.join('; ')}`, [at(r, 'BackupPlan.BackupPlanRule')]) : pass(`${r.logicalId}: every ${best / 3600} h, ${retention} days, copied cross-region`, [at(r, 'BackupPlan.BackupPlanRule')])];
      });
    },
    declared: ({ facts, params, policy, entity }) => {
      const rpo = policy.tiers[entity.annotations.tier ?? 'standard'].rpo;
      return declaredCheck(facts, [
        { id: 'backup-interval', expect: v => typeof v === 'number' && v <= rpo, requirement: `≤ the tier's RPO (${rpo / 3600} h)` },
        { id: 'backup-retention', expect: atLeast(Number(params.minRetentionDays) * DAY), requirement: `≥ ${params.minRetentionDays}d` },
        { id: 'cross-region-backup', expect: isTrue, requirement: 'true' },
      ]);
    },
  },
  {
    id: 'DR-06',
    cfn: ({ resources }) =>
      resources.map(r => {
        const problems = [];
        if (getPath(r.properties, 'VersioningConfiguration.Status') !== 'Enabled') problems.push('versioning is off');
        if (asList(getPath(r.properties, 'ReplicationConfiguration.Rules')).length === 0) problems.push('no cross-region replication');
        return problems.length ? fail(`${r.logicalId}: ${problems.join(', ')}`, [at(r, 'VersioningConfiguration')]) : pass(`${r.logicalId}: versioned and replicated`, [at(r, 'ReplicationConfiguration')]);
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'versioning', expect: isTrue, requirement: 'true' },
        { id: 'cross-region-replication', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'DR-07',
    cfn: ({ resources, params }) => {
      const pattern = new RegExp(String(params.lockedBucketPattern), 'i');
      return resources
        .filter(r => pattern.test(r.logicalId) || pattern.test(String(r.properties.BucketName ?? '')))
        .map(r => {
          if (cfnBool(r.properties.ObjectLockEnabled) !== true) return fail(`${r.logicalId}: holds audit/evidence/backup data without Object Lock`, [at(r, 'ObjectLockEnabled')]);
          const rule = getPath(r.properties, 'ObjectLockConfiguration.Rule.DefaultRetention') as Record<string, unknown> | undefined;
          const retentionDays = Number(rule?.Days ?? 0) + Number(rule?.Years ?? 0) * 365;
          const min = Number(params.minRetentionDays);
          return retentionDays >= min
            ? pass(`${r.logicalId}: Object Lock ${String(rule?.Mode)} for ${retentionDays} days`, [at(r, 'ObjectLockConfiguration')])
            : fail(`${r.logicalId}: Object Lock default retention ${retentionDays} days (< ${min})`, [at(r, 'ObjectLockConfiguration')]);
        });
    },
    declared: ({ facts, params, entity }) => {
      if (!new RegExp(String(params.lockedBucketPattern), 'i').test(entity.name)) {
        return pass('Not an audit, evidence or backup bucket; Object Lock not required');
      }
      return declaredCheck(facts, [
        { id: 'object-lock', expect: isTrue, requirement: 'true' },
        { id: 'object-lock-retention', expect: atLeast(Number(params.minRetentionDays) * DAY), requirement: `≥ ${params.minRetentionDays}d`, optional: true },
      ]);
    },
  },
  {
    id: 'DR-08',
    cfn: ({ resources, params }) =>
      resources.map(r => {
        const minAzs = Number(params.minAzs);
        if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
          const subnets = asList(r.properties.Subnets).length || asList(r.properties.SubnetMappings).length;
          if (asList(r.properties.Subnets).some(isUnknown)) return unknown(`${r.logicalId}: Subnets cannot be resolved`, [at(r, 'Subnets')]);
          return subnets >= minAzs ? pass(`${r.logicalId}: spans ${subnets} subnets`, [at(r, 'Subnets')]) : fail(`${r.logicalId}: spans ${subnets} subnet(s); ≥ ${minAzs} AZs required`, [at(r, 'Subnets')]);
        }
        const count = cfnNumber(r.properties.DesiredCount ?? 1);
        const subnets = getPath(r.properties, 'NetworkConfiguration.AwsvpcConfiguration.Subnets');
        if (isUnknown(count)) return unknown(`${r.logicalId}: DesiredCount cannot be resolved (${count.reason})`, [at(r, 'DesiredCount')]);
        if (isUnknown(subnets)) return unknown(`${r.logicalId}: Subnets cannot be resolved (${subnets.reason})`, [at(r, 'NetworkConfiguration')]);
        const problems = [];
        if ((count ?? 1) < Number(params.minTasks)) problems.push(`DesiredCount ${count ?? 1} (< ${params.minTasks})`);
        if (asList(subnets).length < minAzs) problems.push(`${asList(subnets).length} subnet(s) (< ${minAzs} AZs)`);
        return problems.length ? fail(`${r.logicalId}: ${problems.join(', ')}`, [at(r, 'DesiredCount')]) : pass(`${r.logicalId}: ${count} tasks over ${asList(subnets).length} subnets`, [at(r, 'DesiredCount')]);
      }),
    declared: ({ facts, params }) =>
      declaredCheck(facts, [
        { id: 'min-tasks', expect: atLeast(Number(params.minTasks)), requirement: `≥ ${params.minTasks}` },
        { id: 'az-count', expect: atLeast(Number(params.minAzs)), requirement: `≥ ${params.minAzs}` },
      ]),
  },
  {
    id: 'DR-09',
    cfn: ({ resources }) =>
      resources.map(r => {
        if (getPath(r.properties, 'DeploymentController.Type') === 'CODE_DEPLOY') return pass(`${r.logicalId}: blue/green through CodeDeploy`, [at(r, 'DeploymentController')]);
        const breaker = getPath(r.properties, 'DeploymentConfiguration.DeploymentCircuitBreaker') as Record<string, unknown> | undefined;
        const alarms = getPath(r.properties, 'DeploymentConfiguration.Alarms') as Record<string, unknown> | undefined;
        const ok = (breaker && cfnBool(breaker.Enable) === true && cfnBool(breaker.Rollback) === true) || (alarms && cfnBool(alarms.Enable) === true && cfnBool(alarms.Rollback) === true);
        return ok
          ? pass(`${r.logicalId}: failed deployments roll back automatically`, [at(r, 'DeploymentConfiguration')])
          : fail(`${r.logicalId}: no circuit breaker or alarm rollback`, [at(r, 'DeploymentConfiguration')]);
      }),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'deployment-rollback', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'CI-01',
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'ci-sast', expect: isTrue, requirement: 'true' },
        { id: 'ci-container-scan-blocking', expect: isTrue, requirement: 'true' },
        { id: 'ci-staging-tests', expect: isTrue, requirement: 'true' },
        { id: 'ci-production-approval', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'CI-02',
    declared: ({ facts, entity }) =>
      declaredCheck(facts, [
        { id: 'iac-managed', expect: isTrue, requirement: 'true', optional: entity.componentClass === 'iac-state' },
        { id: 'iac-peer-review', expect: isTrue, requirement: 'true', optional: entity.componentClass === 'iac-state' },
        { id: 'iac-state-encrypted', expect: isTrue, requirement: 'true', optional: entity.componentClass === 'pipeline' },
        { id: 'iac-state-locked', expect: isTrue, requirement: 'true', optional: entity.componentClass === 'pipeline' },
      ]),
  },
];
