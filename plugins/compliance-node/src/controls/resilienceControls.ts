/*
 * The resilience family: DR-01 to DR-04 (databases and caches) here, the buckets' DR-06/DR-07
 * in bucketResilienceControls.ts, the services' DR-08/DR-09 in serviceResilienceControls.ts and
 * the delivery controls CI-01/CI-02 in deliveryControls.ts. Their metadata is in
 * resilienceControls.meta.ts.
 */
import {
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
} from '../cloudformation';
import { attribute, unresolvedPolicy } from './cfnHelpers';
import { DAY } from '@refarch/backstage-plugin-compliance-common';
import {
  at,
  atLeast,
  cfnBool,
  cfnNumber,
  collect,
  declaredCheck,
  expectProp,
  fail,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { dynamoDbRecovery } from './dynamoDbChecks';
import { CheckOutcome, ControlImplementation } from './types';
import {
  backupRetentionDays,
  clusterMembers,
  isClusterMember,
} from './cfnDefaults';
import { serviceResilienceControls } from './serviceResilienceControls';
import { bucketResilienceControls } from './bucketResilienceControls';
import { deliveryControls } from './deliveryControls';

export { scheduleInterval } from './backupControls';

const standalone = (r: ResolvedResource) => !isClusterMember(r);

/** DR-01 for a DB cluster: Aurora with a writer and a reader, or a Multi-AZ DB cluster. */
function clusterFailover(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome {
  const members = clusterMembers(template, r);
  const sure = members.filter(i => i.included === true);
  if (sure.length >= 2)
    return pass(
      `${r.logicalId}: ${sure.length} instances (writer + reader in other AZs)`,
      [at(r)],
    );
  // Members whose Condition cannot be decided: the pass rests on them.
  if (members.length >= 2)
    return {
      ...pass(
        `${r.logicalId}: ${members.length} instances (writer + reader in other AZs)`,
        [at(r)],
      ),
      dependsOn: members.filter(i => i.included !== true).map(i => i.logicalId),
    };
  // A Multi-AZ DB cluster (not Aurora) has a DBClusterInstanceClass and no DBInstance members:
  // one writer and two readable standbys in three AZs.
  const instanceClass = r.properties.DBClusterInstanceClass;
  if (members.length === 0 && isUnknown(instanceClass)) {
    return unknown(
      `${r.logicalId}: DBClusterInstanceClass cannot be resolved (${instanceClass.reason}) — a Multi-AZ DB cluster has one, an Aurora cluster without instances has no failover target`,
      [at(r, 'DBClusterInstanceClass')],
    );
  }
  if (members.length === 0 && instanceClass !== undefined)
    return pass(
      `${r.logicalId}: Multi-AZ DB cluster (one writer and two readable standbys in three AZs)`,
      [at(r, 'DBClusterInstanceClass')],
    );
  return fail(
    `${r.logicalId}: ${members.length} instance(s); a failover target needs ≥ 2`,
    [at(r)],
  );
}

/** DR-02: the DeletionPolicy of a database (Snapshot when not given, for RDS). */
function deletionPolicy(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome {
  const where = [
    { logicalId: r.logicalId, type: r.type, path: 'DeletionPolicy' },
  ];
  const policy = r.deletionPolicy;
  if (
    policy === 'Snapshot' ||
    policy === 'Retain' ||
    policy === 'RetainExceptOnCreate'
  )
    return pass(`${r.logicalId}: DeletionPolicy ${policy}`, where);
  if (policy !== undefined)
    return fail(
      `${r.logicalId}: DeletionPolicy ${policy} — deleting the stack loses the data; use Snapshot`,
      where,
    );
  // An intrinsic that cannot be resolved leaves the policy undefined, with a warning.
  const unresolved = unresolvedPolicy(template, r, 'DeletionPolicy');
  if (unresolved) return unknown(`${r.logicalId}: ${unresolved}`, where);
  return pass(
    `${r.logicalId}: DeletionPolicy Snapshot (the default for RDS)`,
    where,
  );
}

/** @internal */
export const resilienceControls: ControlImplementation[] = [
  {
    id: 'DR-01',
    cfn: ({ resources, template }) =>
      resources.filter(standalone).map(r => {
        if (r.type === 'AWS::RDS::DBCluster')
          return clusterFailover(template, r);
        return expectProp(
          r,
          'MultiAZ',
          cfnBool(r.properties.MultiAZ),
          v => v === true,
          {
            ok: 'Multi-AZ',
            bad: 'MultiAZ is not true — a single AZ outage stops the database',
          },
        );
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'multi-az', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'DR-02',
    cfn: ({ resources, params, template }) =>
      resources.filter(standalone).flatMap((r): CheckOutcome[] => {
        const min = Number(params.minBackupRetentionDays);
        // DynamoDB: point-in-time recovery; its DeletionPolicy is DR-10's.
        if (r.type.startsWith('AWS::DynamoDB::'))
          return [dynamoDbRecovery(r, min)];
        const days = backupRetentionDays(r);
        const retention = expectProp(
          r,
          'BackupRetentionPeriod',
          days,
          v => typeof v === 'number' && v >= min,
          {
            ok: `backups kept ${String(days)} days with point-in-time recovery`,
            bad: `backups kept ${String(
              days ?? 1,
            )} day(s); the policy requires ≥ ${min}`,
          },
        );
        return [retention, deletionPolicy(template, r)];
      }),
    declared: ({ facts, params }) =>
      declaredCheck(facts, [
        {
          id: 'backup-retention',
          expect: atLeast(Number(params.minBackupRetentionDays) * DAY),
          requirement: `≥ ${params.minBackupRetentionDays}d`,
        },
        { id: 'pitr', expect: isTrue, requirement: 'true', optional: true },
      ]),
  },
  {
    id: 'DR-03',
    cfn: ({ resources }) =>
      resources.filter(standalone).map(r => {
        if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
          return collect(
            r,
            [
              {
                path: 'deletion_protection.enabled',
                value: attribute(
                  r.properties.LoadBalancerAttributes,
                  'deletion_protection.enabled',
                ),
                ok: v => String(v) === 'true',
                bad: 'deletion_protection.enabled is not true',
                loc: 'LoadBalancerAttributes',
              },
            ],
            { ok: 'deletion protection on', okAt: 'LoadBalancerAttributes' },
          );
        }
        return expectProp(
          r,
          'DeletionProtection',
          cfnBool(r.properties.DeletionProtection),
          v => v === true,
          {
            ok: 'deletion protection on',
            bad: 'DeletionProtection is not true',
          },
        );
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'deletion-protection', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'DR-04',
    cfn: ({ resources }) =>
      resources.map(r => {
        if (r.type === 'AWS::ElastiCache::CacheCluster')
          return fail(`${r.logicalId}: a single cache node has no failover`, [
            at(r),
          ]);
        const replicas = cfnNumber(r.properties.ReplicasPerNodeGroup);
        const nodes =
          cfnNumber(r.properties.NumCacheClusters) ??
          (isUnknown(replicas) ? replicas : (replicas ?? 0) + 1);
        const snaps = cfnNumber(r.properties.SnapshotRetentionLimit);
        const multiAz = {
          label: 'Multi-AZ settings',
          loc: 'MultiAZEnabled',
          ok: isTrue,
        };
        return collect(
          r,
          [
            {
              ...multiAz,
              path: 'MultiAZEnabled',
              value: cfnBool(r.properties.MultiAZEnabled),
              bad: 'MultiAZEnabled is not true',
            },
            {
              ...multiAz,
              path: 'AutomaticFailoverEnabled',
              value: cfnBool(r.properties.AutomaticFailoverEnabled),
              bad: 'AutomaticFailoverEnabled is not true',
            },
            {
              path: 'NumCacheClusters',
              value: nodes,
              ok: (n: number) => n >= 2,
              bad: (n: number) => `${n} node(s)`,
            },
            {
              path: 'SnapshotRetentionLimit',
              value: snaps,
              ok: Boolean,
              bad: 'no snapshots (SnapshotRetentionLimit 0)',
            },
          ],
          {
            ok: `Multi-AZ, automatic failover, ${String(
              nodes,
            )} nodes, snapshots kept ${String(snaps)} days`,
            failAt: '',
          },
        );
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'multi-az', expect: isTrue, requirement: 'true' },
        {
          id: 'automatic-failover',
          expect: isTrue,
          requirement: 'true',
          optional: true,
        },
      ]),
  },
  ...bucketResilienceControls,
  ...serviceResilienceControls,
  ...deliveryControls,
];
