import {
  getPath,
  isResourceReference,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
  Unknown,
} from '../cloudformation';
import {
  asList,
  attribute,
  byLogicalId,
  ofType,
  refersTo,
  unresolvedPolicy,
} from './cfnHelpers';
import { DAY } from '@refarch/backstage-plugin-compliance-common';
import {
  Maybe,
  allOf,
  anyOf,
  at,
  atLeast,
  cfnBool,
  cfnNumber,
  collect,
  declaredCheck,
  expectProp,
  fail,
  ifApplies,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { dynamoDbRecovery } from './dynamoDbChecks';
import { CheckOutcome, ControlImplementation } from './types';
import {
  backupRetentionDays,
  clusterMembers,
  desiredCount,
  isClusterMember,
} from './cfnDefaults';

export { scheduleInterval } from './backupControls';

const standalone = (r: ResolvedResource) => !isClusterMember(r);

/**
 * The network mode of an ECS service's tasks: awsvpc when it has a NetworkConfiguration or
 * runs on Fargate, else its task definition's (bridge when unset on EC2:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#network_mode).
 */
function serviceNetworkMode(
  template: ResolvedTemplate,
  service: ResolvedResource,
): string | Unknown {
  const p = service.properties;
  if (p.NetworkConfiguration !== undefined || p.LaunchType === 'FARGATE')
    return 'awsvpc';
  const td = p.TaskDefinition;
  if (isUnknown(td))
    return new Unknown(`TaskDefinition cannot be resolved (${td.reason})`);
  const def = isResourceReference(td)
    ? byLogicalId(template, td.logicalId)
    : undefined;
  if (!def)
    return new Unknown(
      `the NetworkMode of task definition ${String(
        td,
      )}, which is not in this template, decides whether Subnets apply`,
    );
  const mode = def.properties.NetworkMode;
  if (isUnknown(mode))
    return new Unknown(
      `NetworkMode of ${def.logicalId} cannot be resolved (${mode.reason})`,
    );
  if (mode !== undefined) return String(mode);
  const compat = def.properties.RequiresCompatibilities;
  return !isUnknown(compat) && asList(compat).includes('FARGATE')
    ? 'awsvpc'
    : 'bridge';
}

/**
 * The subnets an ECS service's tasks run in. In awsvpc mode those of its
 * NetworkConfiguration; in bridge and host mode (where NetworkConfiguration does not apply:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-networkconfiguration.html)
 * those of the container instances: the Auto Scaling groups of the capacity providers of the
 * service, or of its cluster.
 */
function serviceSubnets(
  template: ResolvedTemplate,
  service: ResolvedResource,
): { count: number | Unknown; path: string; loc: string; via: string } {
  const mode = serviceNetworkMode(template, service);
  const awsvpc = {
    path: 'NetworkConfiguration.AwsvpcConfiguration.Subnets',
    loc: 'NetworkConfiguration',
    via: '',
  };
  if (mode === 'awsvpc') {
    const subnets = getPath(service.properties, awsvpc.path);
    return {
      ...awsvpc,
      count: isUnknown(subnets) ? subnets : asList(subnets).length,
    };
  }
  if (isUnknown(mode)) {
    // Without a NetworkConfiguration, awsvpc mode would have no subnet: only other modes are in doubt.
    return { ...awsvpc, count: mode };
  }
  const strategy = service.properties.CapacityProviderStrategy;
  const cluster = service.properties.Cluster;
  const clusterSide = [
    ...ofType(template, 'AWS::ECS::ClusterCapacityProviderAssociations').filter(
      a =>
        isResourceReference(cluster) &&
        refersTo(a.properties.Cluster, cluster.logicalId),
    ),
    ...(isResourceReference(cluster)
      ? [byLogicalId(template, cluster.logicalId)]
      : []),
  ];
  const named = (list: unknown[]) =>
    ofType(template, 'AWS::ECS::CapacityProvider').filter(cp =>
      list.some(
        x =>
          refersTo(x, cp.logicalId) ||
          refersTo(getPath(x, 'CapacityProvider'), cp.logicalId),
      ),
    );
  let providers = named(asList(isUnknown(strategy) ? [] : strategy));
  if (!providers.length)
    providers = named(
      clusterSide.flatMap(c => [
        ...asList(c?.properties.CapacityProviders),
        ...asList(c?.properties.DefaultCapacityProviderStrategy),
      ]),
    );
  const groups = providers
    .map(cp =>
      getPath(cp.properties, 'AutoScalingGroupProvider.AutoScalingGroupArn'),
    )
    .map(arn =>
      isResourceReference(arn)
        ? byLogicalId(template, arn.logicalId)
        : undefined,
    )
    .filter(
      (g): g is ResolvedResource =>
        g?.type === 'AWS::AutoScaling::AutoScalingGroup',
    );
  const via = ` of ${groups
    .map(g => g.logicalId)
    .join(', ')} (${mode} network mode)`;
  const loc = 'TaskDefinition';
  if (!groups.length)
    return {
      path: 'Subnets',
      loc,
      via: '',
      count: new Unknown(
        `in ${mode} network mode NetworkConfiguration does not apply: tasks run in the AZs of the cluster's container instances, and no capacity provider Auto Scaling group of cluster ${String(
          cluster ?? 'default',
        )} is in this template`,
      ),
    };
  const zones = new Set<string>();
  for (const g of groups) {
    const list =
      g.properties.VPCZoneIdentifier ?? g.properties.AvailabilityZones;
    if (isUnknown(list))
      return {
        path: `${g.logicalId}.VPCZoneIdentifier`,
        loc,
        via,
        count: new Unknown(
          `VPCZoneIdentifier of ${g.logicalId} cannot be resolved (${list.reason})`,
        ),
      };
    for (const z of asList(list)) {
      if (isUnknown(z))
        return {
          path: `${g.logicalId}.VPCZoneIdentifier`,
          loc,
          via,
          count: new Unknown(
            `a subnet of ${g.logicalId} cannot be resolved (${z.reason})`,
          ),
        };
      zones.add(String(z));
    }
  }
  return { path: 'Subnets', loc, via, count: zones.size };
}

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

/** DR-07 for a bucket that must use Object Lock. */
function objectLock(r: ResolvedResource, minDays: number): CheckOutcome {
  const enabled = cfnBool(r.properties.ObjectLockEnabled);
  if (isUnknown(enabled))
    return unknown(
      `${r.logicalId}: ObjectLockEnabled cannot be resolved (${enabled.reason})`,
      [at(r, 'ObjectLockEnabled')],
    );
  if (enabled !== true)
    return fail(
      `${r.logicalId}: holds audit/evidence/backup data without Object Lock`,
      [at(r, 'ObjectLockEnabled')],
    );
  const rule = getPath(
    r.properties,
    'ObjectLockConfiguration.Rule.DefaultRetention',
  );
  const [days, years] = [
    cfnNumber(getPath(rule, 'Days')),
    cfnNumber(getPath(rule, 'Years')),
  ];
  const undecided = [rule, days, years].find(isUnknown);
  if (undecided)
    return unknown(
      `${r.logicalId}: Object Lock default retention cannot be resolved (${undecided.reason})`,
      [at(r, 'ObjectLockConfiguration')],
    );
  const retentionDays = Number(days ?? 0) + Number(years ?? 0) * 365;
  const mode = getPath(rule, 'Mode');
  return retentionDays >= minDays
    ? pass(
        `${r.logicalId}: Object Lock ${
          typeof mode === 'string' ? mode : 'default retention'
        } for ${retentionDays} days`,
        [at(r, 'ObjectLockConfiguration')],
      )
    : fail(
        `${r.logicalId}: Object Lock default retention ${retentionDays} days (< ${minDays})`,
        [at(r, 'ObjectLockConfiguration')],
      );
}

/** Whether an ECS deployment rollback setting (`{ Enable, Rollback }`) rolls back. */
function rollsBack(setting: unknown): Maybe {
  if (isUnknown(setting)) return setting;
  if (setting === undefined) return false;
  return allOf(
    ['Enable', 'Rollback']
      .map(k => cfnBool(getPath(setting, k)))
      .map(v => (isUnknown(v) ? v : v === true)),
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
  {
    id: 'DR-06',
    cfn: ({ resources }) =>
      resources.map(r =>
        collect(
          r,
          [
            {
              path: 'VersioningConfiguration.Status',
              value: getPath(r.properties, 'VersioningConfiguration.Status'),
              ok: v => v === 'Enabled',
              bad: 'versioning is off',
            },
            {
              path: 'ReplicationConfiguration.Rules',
              value: getPath(r.properties, 'ReplicationConfiguration.Rules'),
              ok: v => asList(v).length > 0,
              bad: 'no cross-region replication',
            },
          ],
          {
            ok: 'versioned and replicated',
            okAt: 'ReplicationConfiguration',
            failAt: 'VersioningConfiguration',
          },
        ),
      ),
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
      return resources.flatMap(r => {
        const name = r.properties.BucketName;
        // The text of an Unknown is its reason, not a name.
        const applies =
          pattern.test(r.logicalId) ||
          (isUnknown(name) ? name : pattern.test(String(name ?? '')));
        return ifApplies(
          applies,
          `${r.logicalId}: BucketName (whether it holds audit, evidence or backup data)`,
          () => objectLock(r, Number(params.minRetentionDays)),
        );
      });
    },
    declared: ({ facts, params, entity }) => {
      if (
        !new RegExp(String(params.lockedBucketPattern), 'i').test(entity.name)
      ) {
        return pass(
          'Not an audit, evidence or backup bucket; Object Lock not required',
        );
      }
      return declaredCheck(facts, [
        { id: 'object-lock', expect: isTrue, requirement: 'true' },
        {
          id: 'object-lock-retention',
          expect: atLeast(Number(params.minRetentionDays) * DAY),
          requirement: `≥ ${params.minRetentionDays}d`,
          optional: true,
        },
      ]);
    },
  },
  {
    id: 'DR-08',
    cfn: ({ resources, params, template }) =>
      resources.map(r => {
        const minAzs = Number(params.minAzs);
        if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
          const list = asList(r.properties.Subnets).length
            ? r.properties.Subnets
            : r.properties.SubnetMappings;
          const subnets = isUnknown(list) ? [list] : asList(list);
          // Too few subnets fail whatever they are; enough subnets that cannot all be resolved may share an AZ.
          const undecided = subnets.find(isUnknown);
          if (undecided && (isUnknown(list) || subnets.length >= minAzs)) {
            const name = asList(r.properties.Subnets).length
              ? 'Subnets'
              : 'SubnetMappings';
            return unknown(
              `${r.logicalId}: ${
                isUnknown(list) ? name : `an entry of ${name}`
              } cannot be resolved (${undecided.reason})`,
              [at(r, name)],
            );
          }
          return subnets.length >= minAzs
            ? pass(`${r.logicalId}: spans ${subnets.length} subnets`, [
                at(r, 'Subnets'),
              ])
            : fail(
                `${r.logicalId}: spans ${subnets.length} subnet(s); ≥ ${minAzs} AZs required`,
                [at(r, 'Subnets')],
              );
        }
        const minTasks = Number(params.minTasks);
        const count = desiredCount(r) ?? 1;
        const spread = serviceSubnets(template, r);
        const subnetCount = spread.count;
        return collect(
          r,
          [
            {
              path: 'DesiredCount',
              value: count,
              ok: (n: number) => n >= minTasks,
              bad: (n: number) => `DesiredCount ${n} (< ${minTasks})`,
            },
            {
              path: spread.path,
              loc: spread.loc,
              value: subnetCount,
              ok: (n: number) => n >= minAzs,
              bad: (n: number) =>
                `${n} subnet(s)${spread.via} (< ${minAzs} AZs)`,
            },
          ],
          {
            ok: `${String(count)} tasks over ${String(subnetCount)} subnets${
              spread.via
            }`,
            okAt: 'DesiredCount',
            failAt: 'DesiredCount',
          },
        );
      }),
    declared: ({ facts, params }) =>
      declaredCheck(facts, [
        {
          id: 'min-tasks',
          expect: atLeast(Number(params.minTasks)),
          requirement: `≥ ${params.minTasks}`,
        },
        {
          id: 'az-count',
          expect: atLeast(Number(params.minAzs)),
          requirement: `≥ ${params.minAzs}`,
        },
      ]),
  },
  {
    id: 'DR-09',
    cfn: ({ resources }) =>
      resources.map(r => {
        const controller = getPath(r.properties, 'DeploymentController.Type');
        if (controller === 'CODE_DEPLOY')
          return pass(`${r.logicalId}: blue/green through CodeDeploy`, [
            at(r, 'DeploymentController'),
          ]);
        const rollback = anyOf([
          rollsBack(
            getPath(
              r.properties,
              'DeploymentConfiguration.DeploymentCircuitBreaker',
            ),
          ),
          rollsBack(getPath(r.properties, 'DeploymentConfiguration.Alarms')),
        ]);
        if (rollback === true)
          return pass(
            `${r.logicalId}: failed deployments roll back automatically`,
            [at(r, 'DeploymentConfiguration')],
          );
        if (isUnknown(rollback))
          return unknown(
            `${r.logicalId}: whether failed deployments roll back cannot be resolved (${rollback.reason})`,
            [at(r, 'DeploymentConfiguration')],
          );
        if (isUnknown(controller))
          return unknown(
            `${r.logicalId}: DeploymentController.Type cannot be resolved (${controller.reason}); without CodeDeploy there is no circuit breaker or alarm rollback`,
            [at(r, 'DeploymentController')],
          );
        return fail(`${r.logicalId}: no circuit breaker or alarm rollback`, [
          at(r, 'DeploymentConfiguration'),
        ]);
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'deployment-rollback', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'CI-01',
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'ci-sast', expect: isTrue, requirement: 'true' },
        {
          id: 'ci-container-scan-blocking',
          expect: isTrue,
          requirement: 'true',
        },
        { id: 'ci-staging-tests', expect: isTrue, requirement: 'true' },
        { id: 'ci-production-approval', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'CI-02',
    declared: ({ facts, entity }) =>
      declaredCheck(facts, [
        {
          id: 'iac-managed',
          expect: isTrue,
          requirement: 'true',
          optional: entity.componentClass === 'iac-state',
        },
        {
          id: 'iac-peer-review',
          expect: isTrue,
          requirement: 'true',
          optional: entity.componentClass === 'iac-state',
        },
        {
          id: 'iac-state-encrypted',
          expect: isTrue,
          requirement: 'true',
          optional: entity.componentClass === 'pipeline',
        },
        {
          id: 'iac-state-locked',
          expect: isTrue,
          requirement: 'true',
          optional: entity.componentClass === 'pipeline',
        },
      ]),
  },
];
