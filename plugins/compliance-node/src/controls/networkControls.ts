import { getPath, isUnknown, ResolvedResource } from '../cloudformation';
import { asList, attributes, ofType, refersTo } from './cfnHelpers';
import { at, cfnBool, declaredCheck, expectProp, fail, isFalse, isTrue, pass, unknown } from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

const WORLD = ['0.0.0.0/0', '::/0'];

function ingressRules(r: ResolvedResource): Array<{ rule: Record<string, unknown>; path: string }> {
  if (r.type === 'AWS::EC2::SecurityGroupIngress') return [{ rule: r.properties, path: '' }];
  return asList(r.properties.SecurityGroupIngress).map((rule, i) => ({
    rule: (rule ?? {}) as Record<string, unknown>,
    path: `SecurityGroupIngress[${i}]`,
  }));
}

function exposedPorts(rule: Record<string, unknown>, restricted: number[]): number[] | 'all' | undefined {
  const cidr = rule.CidrIp ?? rule.CidrIpv6;
  if (!WORLD.includes(String(cidr))) return undefined;
  const proto = String(rule.IpProtocol);
  if (proto === '-1' || proto === 'all') return 'all';
  const from = Number(rule.FromPort);
  const to = Number(rule.ToPort);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return undefined;
  if (from <= 0 && to >= 65535) return 'all';
  return restricted.filter(p => p >= from && p <= to);
}

/** @internal */
export const networkControls: ControlImplementation[] = [
  {
    id: 'NET-01',
    cfn: ({ resources, params }) => {
      const restricted = (params.restrictedPorts as string[]).map(Number);
      return resources.flatMap(r => {
        const outcomes: CheckOutcome[] = [];
        for (const { rule, path } of ingressRules(r)) {
          if (isUnknown(rule.CidrIp) || isUnknown(rule.FromPort) || isUnknown(rule.ToPort)) {
            outcomes.push(unknown(`${r.logicalId}: an ingress rule cannot be resolved`, [at(r, path || undefined)]));
            continue;
          }
          const exposed = exposedPorts(rule, restricted);
          if (exposed === 'all') outcomes.push(fail(`${r.logicalId}: all ports open to ${String(rule.CidrIp ?? rule.CidrIpv6)}`, [at(r, path || undefined)]));
          else if (exposed && exposed.length) outcomes.push(fail(`${r.logicalId}: port ${exposed.join(', ')} open to ${String(rule.CidrIp ?? rule.CidrIpv6)}`, [at(r, path || undefined)]));
        }
        return outcomes.length ? outcomes : [pass(`${r.logicalId}: no admin or data port open to the internet`, [at(r)])];
      });
    },
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'ingress-restricted', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'NET-02',
    cfn: ({ resources }) =>
      resources.map(r =>
        expectProp(r, 'PubliclyAccessible', cfnBool(r.properties.PubliclyAccessible), v => v === false, {
          ok: 'PubliclyAccessible is false',
          bad: r.properties.PubliclyAccessible === undefined
            ? 'PubliclyAccessible is not set explicitly (it defaults to true in a default VPC)'
            : 'PubliclyAccessible is true',
        }),
      ),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'publicly-accessible', expect: isFalse, requirement: 'false' }]),
  },
  {
    id: 'NET-03',
    cfn: ({ resources }) =>
      resources.map(r => {
        if (r.type === 'AWS::ECS::TaskDefinition') {
          return expectProp(r, 'NetworkMode', r.properties.NetworkMode, v => v === 'awsvpc', { ok: 'awsvpc network mode', bad: `network mode ${String(r.properties.NetworkMode ?? 'bridge')} (awsvpc required)` });
        }
        const assign = getPath(r.properties, 'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp');
        // CloudFormation defaults AssignPublicIp to DISABLED.
        return expectProp(r, 'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', assign, v => v === undefined || v === 'DISABLED', {
          ok: 'tasks get no public IP', bad: 'AssignPublicIp is ENABLED' });
      }),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'private-network', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'NET-04',
    cfn: ({ resources, template }) =>
      resources
        .filter(r => r.properties.Scheme !== 'internal' && (r.properties.Type ?? 'application') === 'application')
        .map(r => {
          const assoc = ofType(template, 'AWS::WAFv2::WebACLAssociation').find(a => refersTo(a.properties.ResourceArn, r.logicalId));
          if (!assoc) return fail(`${r.logicalId}: internet-facing load balancer without a WAF web ACL`, [at(r)]);
          const aclRef = assoc.properties.WebACLArn;
          const acl = ofType(template, 'AWS::WAFv2::WebACL').find(a => refersTo(aclRef, a.logicalId));
          if (!acl) return unknown(`${r.logicalId}: web ACL is defined outside this template`, [at(assoc)]);
          if (asList(acl.properties.Rules).length === 0) return fail(`${acl.logicalId}: web ACL has no rules`, [at(acl, 'Rules')]);
          const logging = ofType(template, 'AWS::WAFv2::LoggingConfiguration').some(l => refersTo(l.properties.ResourceArn, acl.logicalId));
          return logging
            ? pass(`${r.logicalId}: protected by ${acl.logicalId} with ${asList(acl.properties.Rules).length} rule(s) and logging`, [at(acl, 'Rules')])
            : fail(`${acl.logicalId}: WAF logging is off (no LoggingConfiguration)`, [at(acl)]);
        }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'waf', expect: v => v !== 'none', requirement: 'aws-waf, cloudflare or cloud-armor' },
        { id: 'waf-managed-rules', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'NET-05',
    cfn: ({ resources }) =>
      resources
        .filter(r => (r.properties.Type ?? 'application') === 'application')
        .map(r => {
          const attrs = attributes(r.properties.LoadBalancerAttributes);
          const drop = String(attrs.get('routing.http.drop_invalid_header_fields.enabled'));
          const desync = String(attrs.get('routing.http.desync_mitigation_mode') ?? 'defensive');
          if (drop !== 'true') return fail(`${r.logicalId}: routing.http.drop_invalid_header_fields.enabled is not true`, [at(r, 'LoadBalancerAttributes')]);
          if (!['defensive', 'strictest'].includes(desync)) return fail(`${r.logicalId}: desync mitigation mode is ${desync}`, [at(r, 'LoadBalancerAttributes')]);
          return pass(`${r.logicalId}: drops invalid headers, desync mitigation ${desync}`, [at(r, 'LoadBalancerAttributes')]);
        }),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'drop-invalid-headers', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'NET-06',
    cfn: ({ resources }) =>
      resources.map(r => {
        const block = (r.properties.PublicAccessBlockConfiguration ?? {}) as Record<string, unknown>;
        const keys = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];
        if (keys.some(k => isUnknown(block[k]))) return unknown(`${r.logicalId}: public access block cannot be resolved`, [at(r, 'PublicAccessBlockConfiguration')]);
        const off = keys.filter(k => cfnBool(block[k]) !== true);
        if (off.length) return fail(`${r.logicalId}: public access block incomplete (${off.join(', ')} not true)`, [at(r, 'PublicAccessBlockConfiguration')]);
        const ownership = asList(getPath(r.properties, 'OwnershipControls.Rules')).map(x => getPath(x, 'ObjectOwnership'));
        return ownership.includes('BucketOwnerEnforced')
          ? pass(`${r.logicalId}: public access blocked, ACLs disabled`, [at(r, 'PublicAccessBlockConfiguration')])
          : fail(`${r.logicalId}: ACLs are not disabled (OwnershipControls BucketOwnerEnforced)`, [at(r, 'OwnershipControls')]);
      }),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'public-access-blocked', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'NET-07',
    cfn: ({ resources, template, params }) =>
      resources.map(vpc => {
        const subnets = ofType(template, 'AWS::EC2::Subnet').filter(s => refersTo(s.properties.VpcId, vpc.logicalId));
        const publicSubnets = subnets.filter(s => cfnBool(s.properties.MapPublicIpOnLaunch) === true);
        const privateSubnets = subnets.length - publicSubnets.length;
        const nats = ofType(template, 'AWS::EC2::NatGateway').length;
        const endpoints = ofType(template, 'AWS::EC2::VPCEndpoint').filter(e => refersTo(e.properties.VpcId, vpc.logicalId));
        const names = endpoints.map(e => e.properties.ServiceName);
        if (names.some(isUnknown)) return unknown(`${vpc.logicalId}: VPC endpoint service names cannot be resolved (region unknown)`, [at(vpc)]);
        const missing = (params.requiredEndpoints as string[]).filter(svc => !names.some(n => String(n).endsWith(`.${svc}`)));
        const problems: string[] = [];
        if (publicSubnets.length === 0 || privateSubnets < 2 * publicSubnets.length) problems.push(`subnet tiers incomplete (${publicSubnets.length} public, ${privateSubnets} private/isolated; need public + private + isolated per AZ)`);
        if (nats < publicSubnets.length) problems.push(`${nats} NAT gateway(s) for ${publicSubnets.length} AZ(s)`);
        if (missing.length) problems.push(`missing VPC endpoints: ${missing.join(', ')}`);
        return problems.length ? fail(`${vpc.logicalId}: ${problems.join('; ')}`, [at(vpc)]) : pass(`${vpc.logicalId}: three subnet tiers, NAT per AZ, all endpoints`, [at(vpc)]);
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'subnet-tiers', expect: isTrue, requirement: 'true' },
        { id: 'nat-per-az', expect: isTrue, requirement: 'true' },
        { id: 'vpc-endpoints', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'NET-08',
    entity: ({ entity, policy }) => {
      const { region, dataClassification } = entity.annotations;
      if (!dataClassification) return undefined;
      const allowed = policy.residency[dataClassification];
      if (!allowed) return undefined;
      if (!region) return unknown(`Data classified ${dataClassification} but no refarch.dev/region is declared`);
      return allowed.includes(region)
        ? pass(`${dataClassification} data in ${region}, an allowed region`)
        : fail(`${dataClassification} data in ${region}; allowed: ${allowed.join(', ')}`);
    },
  },
];

