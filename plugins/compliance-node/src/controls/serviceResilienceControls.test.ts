/*
 * DR-08 and DR-09 (ECS services across zones, in awsvpc, bridge and host network mode;
 * deployment rollback) through evaluateEntity with the default policy; their declared form
 * and unresolved values are tested with the rest of the family in resilienceControls.test.ts.
 */
import { evaluateYaml, locations } from './testHelpers';

describe('DR-08 services run ≥ 2 tasks across ≥ 2 AZs; load balancers span ≥ 2 AZs', () => {
  const service = (props: string) => `
Parameters:
  DesiredCount: { Type: Number }
  PrivateSubnets: { Type: 'List<AWS::EC2::Subnet::Id>' }
Resources:
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: main
      LaunchType: FARGATE
      TaskDefinition: arn:aws:ecs:eu-central-1:111122223333:task-definition/api:7
${props}`;
  const SERVICE = { type: 'service' };

  it('passes 3 tasks over 3 subnets', () => {
    const r = evaluateYaml(
      service(`      DesiredCount: 3
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [subnet-1, subnet-2, subnet-3] } }`),
      {},
      SERVICE,
    )('DR-08');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Service: 3 tasks over 3 subnets');
    expect(locations(r)).toEqual(['Service:Properties.DesiredCount']);
  });

  it('fails the default single task in a single subnet', () => {
    const r = evaluateYaml(
      service(
        `      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [subnet-1] } }`,
      ),
      {},
      SERVICE,
    )('DR-08');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Service: DesiredCount 1 (< 2), 1 subnet(s) (< 2 AZs)',
    );
  });

  it('checks the subnets of the load balancer', () => {
    const lb = (subnets: string) =>
      evaluateYaml(
        `
Parameters:
  PublicSubnets: { Type: 'List<AWS::EC2::Subnet::Id>' }
Resources:
  LoadBalancer: { Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: { Subnets: ${subnets} } }
`,
        {},
        SERVICE,
      )('DR-08');
    expect(lb('[subnet-a, subnet-b]').status).toBe('pass');
    expect(lb('[subnet-a, subnet-b]').message).toBe(
      'LoadBalancer: spans 2 subnets',
    );
    const single = lb('[subnet-a]');
    expect(single.status).toBe('fail');
    expect(single.message).toBe(
      'LoadBalancer: spans 1 subnet(s); ≥ 2 AZs required',
    );
    const unknown = lb('!Ref PublicSubnets');
    expect(unknown.status).toBe('unknown');
    expect(unknown.message).toBe(
      'LoadBalancer: Subnets cannot be resolved (parameter PublicSubnets has no default and no value was supplied)',
    );
  });

  it('is unknown when DesiredCount comes from a parameter without a default', () => {
    const r = evaluateYaml(
      service(`      DesiredCount: !Ref DesiredCount
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [subnet-1, subnet-2] } }`),
      {},
      SERVICE,
    )('DR-08');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('Service: DesiredCount cannot be resolved');
    expect(r.message).toContain('parameter DesiredCount has no default');
  });

  it('is unknown when the subnets come from a list parameter without a default, and decided once supplied', () => {
    const yaml = service(`      DesiredCount: 2
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: !Ref PrivateSubnets } }`);
    const r = evaluateYaml(yaml, {}, SERVICE)('DR-08');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Service: NetworkConfiguration.AwsvpcConfiguration.Subnets cannot be resolved (parameter PrivateSubnets has no default and no value was supplied)',
    );
    expect(
      evaluateYaml(
        yaml,
        {},
        { ...SERVICE, parameters: { PrivateSubnets: 'subnet-1,subnet-2' } },
      )('DR-08').status,
    ).toBe('pass');
    expect(
      evaluateYaml(
        yaml,
        {},
        { ...SERVICE, parameters: { PrivateSubnets: 'subnet-1' } },
      )('DR-08').status,
    ).toBe('fail');
  });
});

describe('DR-08 for ECS services in bridge and host network mode', () => {
  // NetworkConfiguration applies to awsvpc only
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-networkconfiguration.html);
  // in bridge mode the tasks run where the cluster's container instances are. The capacity
  // provider follows https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-capacityprovider.html.
  const ec2Service = (mode: string, capacity: string) => `
Resources:
  Cluster: { Type: AWS::ECS::Cluster }
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ${mode}
      ContainerDefinitions: [{ Name: web, Image: nginx, Memory: 256 }]
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: !Ref Cluster
      TaskDefinition: !Ref TaskDefinition
      DesiredCount: 2
${capacity}`;
  const capacity = (subnets: string) => `
  Instances:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: { MinSize: '2', MaxSize: '4', VPCZoneIdentifier: ${subnets}, LaunchTemplate: { LaunchTemplateId: lt-1, Version: '1' } }
  Provider:
    Type: AWS::ECS::CapacityProvider
    Properties: { AutoScalingGroupProvider: { AutoScalingGroupArn: !Ref Instances } }
  Associations:
    Type: AWS::ECS::ClusterCapacityProviderAssociations
    Properties:
      Cluster: !Ref Cluster
      CapacityProviders: [!Ref Provider]
      DefaultCapacityProviderStrategy: [{ CapacityProvider: !Ref Provider, Weight: 1 }]`;
  const SERVICE = { type: 'service' };

  it.each([
    ['NetworkMode: bridge'],
    ['NetworkMode: host'],
    ['# NetworkMode defaults to bridge'],
  ])(
    '%s: counts the subnets of the capacity provider Auto Scaling group, not 0',
    mode => {
      const r = evaluateYaml(
        ec2Service(mode, capacity('[subnet-a, subnet-b]')),
        {},
        SERVICE,
      )('DR-08');
      expect(r.status).toBe('pass');
      expect(r.message).toBe(
        `Service: 2 tasks over 2 subnets of Instances (${
          mode.includes('host') ? 'host' : 'bridge'
        } network mode)`,
      );
    },
  );

  it('fails bridge-mode tasks whose instances are in one subnet', () => {
    const r = evaluateYaml(
      ec2Service('NetworkMode: bridge', capacity('[subnet-a]')),
      {},
      SERVICE,
    )('DR-08');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Service: 1 subnet(s) of Instances (bridge network mode) (< 2 AZs)',
    );
  });

  it('is unknown, saying why, when the container instances are not in the template', () => {
    const r = evaluateYaml(
      ec2Service('NetworkMode: bridge', ''),
      {},
      SERVICE,
    )('DR-08');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      "Service: Subnets cannot be resolved (in bridge network mode NetworkConfiguration does not apply: tasks run in the AZs of the cluster's container instances, and no capacity provider Auto Scaling group of cluster <Cluster> is in this template)",
    );
  });
});

describe('DR-09 deployments roll back automatically', () => {
  // Unresolved values (unknown) and certain failures: see "resilience controls: what cannot be resolved…" below.
  const service = (props: string) => `
Resources:
  Service:
    Type: AWS::ECS::Service
    Properties:
      Cluster: main
      LaunchType: FARGATE
      DesiredCount: 2
      TaskDefinition: arn:aws:ecs:eu-central-1:111122223333:task-definition/api:7
${props}`;

  it('passes a circuit breaker with rollback', () => {
    const r = evaluateYaml(
      service(
        `      DeploymentConfiguration: { MinimumHealthyPercent: 100, MaximumPercent: 200, DeploymentCircuitBreaker: { Enable: true, Rollback: true } }`,
      ),
    )('DR-09');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Service: failed deployments roll back automatically',
    );
    expect(locations(r)).toEqual([
      'Service:Properties.DeploymentConfiguration',
    ]);
  });

  it('passes CloudWatch alarm rollback', () => {
    const r = evaluateYaml(
      service(
        `      DeploymentConfiguration: { Alarms: { AlarmNames: [api-5xx], Enable: true, Rollback: true } }`,
      ),
    )('DR-09');
    expect(r.status).toBe('pass');
  });

  it('passes blue/green deployments through CodeDeploy', () => {
    const r = evaluateYaml(
      service(`      DeploymentController: { Type: CODE_DEPLOY }`),
    )('DR-09');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Service: blue/green through CodeDeploy');
  });

  it('fails a circuit breaker that does not roll back', () => {
    const r = evaluateYaml(
      service(
        `      DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: false } }`,
      ),
    )('DR-09');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Service: no circuit breaker or alarm rollback');
  });

  it('fails a rolling deployment without circuit breaker', () => {
    expect(
      evaluateYaml(
        service(`      DeploymentConfiguration: { MinimumHealthyPercent: 50 }`),
      )('DR-09').status,
    ).toBe('fail');
  });
});
