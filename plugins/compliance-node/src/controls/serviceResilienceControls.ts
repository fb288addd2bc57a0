/*
 * DR-08 and DR-09: ECS services run at least two tasks across at least two availability zones
 * (read through their network mode and subnets), load balancers span two zones, and deployments
 * roll back automatically.
 */
import {
  getPath,
  isResourceReference,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
  Unknown,
} from '../cloudformation';
import { asList, byLogicalId, ofType, refersTo } from './cfnHelpers';
import {
  Maybe,
  allOf,
  anyOf,
  at,
  atLeast,
  cfnBool,
  collect,
  declaredCheck,
  fail,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { ControlImplementation } from './types';
import { desiredCount } from './cfnDefaults';

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
export const serviceResilienceControls: ControlImplementation[] = [
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
];
