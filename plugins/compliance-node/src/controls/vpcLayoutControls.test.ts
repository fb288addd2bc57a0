/*
 * NET-07 (subnet tiers, NAT per AZ, VPC endpoints) through evaluateEntity with the default
 * policy; its declared form and unresolved values are tested with the rest of the family in
 * networkControls.test.ts.
 */
import { evaluateYaml, locations } from './testHelpers';

describe('NET-07 networks have three subnet tiers, NAT per AZ and VPC endpoints', () => {
  const endpoints = (services: string[]) =>
    services
      .map(
        s =>
          `  ${s.replace(
            /\W/g,
            '',
          )}Endpoint: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref Vpc, ServiceName: !Sub 'com.amazonaws.\${AWS::Region}.${s}' } }`,
      )
      .join('\n');
  const vpc = (nat: string, services: string[]) => `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true } }
  PublicA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: eu-central-1a, MapPublicIpOnLaunch: true } }
  PublicB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-central-1b, MapPublicIpOnLaunch: true } }
  PrivateA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.10.0/24, AvailabilityZone: eu-central-1a } }
  PrivateB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.11.0/24, AvailabilityZone: eu-central-1b } }
  IsolatedA: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.20.0/24, AvailabilityZone: eu-central-1a } }
  IsolatedB: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.21.0/24, AvailabilityZone: eu-central-1b } }
${nat}
${endpoints(services)}
`;
  const natPerAz = `
  NatEipA: { Type: AWS::EC2::EIP, Properties: { Domain: vpc } }
  NatEipB: { Type: AWS::EC2::EIP, Properties: { Domain: vpc } }
  NatA: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref PublicA, AllocationId: !GetAtt NatEipA.AllocationId } }
  NatB: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref PublicB, AllocationId: !GetAtt NatEipB.AllocationId } }`;
  const all = ['s3', 'ecr.api', 'ecr.dkr', 'secretsmanager', 'kms', 'logs'];
  const region = { 'refarch.dev/region': 'eu-central-1' };

  it('passes with three tiers, a NAT gateway per AZ and all endpoints (region known)', () => {
    const r = evaluateYaml(vpc(natPerAz, all), region)('NET-07');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Vpc: three subnet tiers, NAT per AZ, all endpoints',
    );
    expect(locations(r)).toEqual(['Vpc']);
  });

  it('fails with one NAT gateway for two AZs and missing endpoints', () => {
    const oneNat = `
  NatEipA: { Type: AWS::EC2::EIP, Properties: { Domain: vpc } }
  NatA: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref PublicA, AllocationId: !GetAtt NatEipA.AllocationId } }`;
    const r = evaluateYaml(
      vpc(oneNat, ['s3', 'ecr.api', 'ecr.dkr']),
      region,
    )('NET-07');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Vpc: 1 NAT gateway(s) for 2 AZ(s); missing VPC endpoints: secretsmanager, kms, logs',
    );
  });

  // A subnet is public when it has a route to an internet gateway
  // (https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html#subnet-types);
  // the route and association follow the examples of
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-route.html.
  const routed = (gateway: string) =>
    vpc(natPerAz, all).replace(/, MapPublicIpOnLaunch: true/g, '').concat(`
  InternetGateway: { Type: AWS::EC2::InternetGateway }
  GatewayAttachment: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref InternetGateway } }
  PublicRouteTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
  PublicRoute: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PublicRouteTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: ${gateway} } }
  PublicARoutes: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PublicA, RouteTableId: !Ref PublicRouteTable } }
  PublicBRoutes: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref PublicB, RouteTableId: !Ref PublicRouteTable } }
`);

  it('counts subnets routed to an internet gateway as public, without MapPublicIpOnLaunch', () => {
    const r = evaluateYaml(routed('!Ref InternetGateway'), region)('NET-07');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Vpc: three subnet tiers, NAT per AZ, all endpoints',
    );
  });

  it('does not count subnets whose only default route is not to an internet gateway', () => {
    const r = evaluateYaml(routed('vgw-0123456789abcdef0'), region)('NET-07');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('subnet tiers incomplete (0 public');
  });

  it('is unknown, naming the parameter, when the gateway of a route cannot be resolved', () => {
    const r = evaluateYaml(
      `Parameters:\n  Gateway: { Type: String }\n${routed('!Ref Gateway')}`,
      region,
    )('NET-07');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Vpc: whether PublicA is public cannot be resolved (GatewayId of PublicRoute cannot be resolved: parameter Gateway has no default and no value was supplied)',
    );
  });

  it('is unknown when the endpoint service names depend on AWS::Region and the region is not known', () => {
    const r = evaluateYaml(vpc(natPerAz, all))('NET-07');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Vpc: VPC endpoint service names cannot be resolved',
    );
  });
});
