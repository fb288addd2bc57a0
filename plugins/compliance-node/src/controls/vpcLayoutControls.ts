/*
 * NET-07: networks have public, private and isolated tiers, a NAT gateway per availability zone
 * and the required VPC endpoints; a subnet's tier is read from its route table's routes.
 */
import {
  isResourceReference,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
  Unknown,
} from '../cloudformation';
import { byLogicalId, ofType, refersTo } from './cfnHelpers';
import {
  Maybe,
  anyOf,
  at,
  cfnBool,
  declaredCheck,
  fail,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

/**
 * Whether a subnet is routed to an internet gateway, which makes it public
 * (https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html#subnet-types):
 * a route table associated with it has a route whose GatewayId is an internet gateway of
 * the template or an `igw-` id.
 */
function routesToInternetGateway(
  template: ResolvedTemplate,
  subnet: ResolvedResource,
): Maybe {
  const tables = ofType(template, 'AWS::EC2::SubnetRouteTableAssociation')
    .filter(a => refersTo(a.properties.SubnetId, subnet.logicalId))
    .map(a => a.properties.RouteTableId);
  const verdicts: Maybe[] = [];
  for (const table of tables) {
    if (isUnknown(table)) {
      verdicts.push(
        new Unknown(
          `the RouteTableId associated with ${subnet.logicalId} cannot be resolved: ${table.reason}`,
        ),
      );
      continue;
    }
    if (!isResourceReference(table)) continue;
    for (const route of ofType(template, 'AWS::EC2::Route').filter(r =>
      refersTo(r.properties.RouteTableId, table.logicalId),
    )) {
      const gateway = route.properties.GatewayId;
      if (isUnknown(gateway))
        verdicts.push(
          new Unknown(
            `GatewayId of ${route.logicalId} cannot be resolved: ${gateway.reason}`,
          ),
        );
      else if (isResourceReference(gateway))
        verdicts.push(
          byLogicalId(template, gateway.logicalId)?.type ===
            'AWS::EC2::InternetGateway',
        );
      else
        verdicts.push(
          typeof gateway === 'string' && gateway.startsWith('igw-'),
        );
    }
  }
  return anyOf(verdicts);
}

/** NET-07 for one VPC. */
function vpcLayout(
  template: ResolvedTemplate,
  vpc: ResolvedResource,
  requiredEndpoints: string[],
): CheckOutcome {
  const problems: string[] = [];
  const unresolved: string[] = [];
  const subnets = ofType(template, 'AWS::EC2::Subnet').filter(s =>
    refersTo(s.properties.VpcId, vpc.logicalId),
  );
  const publicIp = subnets.map(s =>
    anyOf([
      routesToInternetGateway(template, s),
      cfnBool(s.properties.MapPublicIpOnLaunch) ?? false,
    ]),
  );
  const undecided = publicIp.findIndex(isUnknown);
  const publicSubnets = subnets.filter((_, i) => publicIp[i] === true).length;
  if (undecided >= 0) {
    unresolved.push(
      `whether ${subnets[undecided].logicalId} is public cannot be resolved (${
        (publicIp[undecided] as Unknown).reason
      })`,
    );
  } else {
    const privateSubnets = subnets.length - publicSubnets;
    if (publicSubnets === 0 || privateSubnets < 2 * publicSubnets)
      problems.push(
        `subnet tiers incomplete (${publicSubnets} public, ${privateSubnets} private/isolated; need public + private + isolated per AZ)`,
      );
    // NAT gateways of this VPC: in one of its subnets.
    const gateways = ofType(template, 'AWS::EC2::NatGateway');
    const nats = gateways.filter(n =>
      subnets.some(s => refersTo(n.properties.SubnetId, s.logicalId)),
    ).length;
    const maybe = gateways.filter(n => isUnknown(n.properties.SubnetId)).length;
    if (nats + maybe < publicSubnets)
      problems.push(`${nats} NAT gateway(s) for ${publicSubnets} AZ(s)`);
    else if (nats < publicSubnets)
      unresolved.push('the subnet of a NAT gateway cannot be resolved');
  }
  const names = ofType(template, 'AWS::EC2::VPCEndpoint')
    .filter(e => refersTo(e.properties.VpcId, vpc.logicalId))
    .map(e => e.properties.ServiceName);
  const missing = requiredEndpoints.filter(
    svc => !names.some(n => !isUnknown(n) && String(n).endsWith(`.${svc}`)),
  );
  const unknownName = names.find(isUnknown);
  if (missing.length && unknownName)
    unresolved.push(
      `VPC endpoint service names cannot be resolved (${unknownName.reason})`,
    );
  else if (missing.length)
    problems.push(`missing VPC endpoints: ${missing.join(', ')}`);
  if (problems.length)
    return fail(
      `${vpc.logicalId}: ${[...problems, ...unresolved].join('; ')}`,
      [at(vpc)],
    );
  if (unresolved.length)
    return unknown(`${vpc.logicalId}: ${unresolved.join('; ')}`, [at(vpc)]);
  return pass(
    `${vpc.logicalId}: three subnet tiers, NAT per AZ, all endpoints`,
    [at(vpc)],
  );
}

/** @internal */
export const vpcLayoutControls: ControlImplementation[] = [
  {
    id: 'NET-07',
    cfn: ({ resources, template, params }) =>
      resources.map(vpc =>
        vpcLayout(template, vpc, params.requiredEndpoints as string[]),
      ),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'subnet-tiers', expect: isTrue, requirement: 'true' },
        { id: 'nat-per-az', expect: isTrue, requirement: 'true' },
        { id: 'vpc-endpoints', expect: isTrue, requirement: 'true' },
      ]),
  },
];
