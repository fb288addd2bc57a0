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
  certainFirst,
  ofType,
  refersTo,
} from './cfnHelpers';
import {
  Maybe,
  allOf,
  anyOf,
  at,
  cfnBool,
  collect,
  declaredCheck,
  expectProp,
  fail,
  ifApplies,
  isFalse,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

const WORLD = ['0.0.0.0/0', '::/0'];

function ingressRules(
  r: ResolvedResource,
): Array<{ rule: unknown; path: string }> {
  if (r.type === 'AWS::EC2::SecurityGroupIngress')
    return [{ rule: r.properties, path: '' }];
  const rules = r.properties.SecurityGroupIngress;
  if (isUnknown(rules)) return [{ rule: rules, path: 'SecurityGroupIngress' }];
  return asList(rules).map((rule, i) => ({
    rule: rule ?? {},
    path: `SecurityGroupIngress[${i}]`,
  }));
}

/** The restricted ports a rule's protocol and port range cover, whoever the source. */
function coveredPorts(
  rule: Record<string, unknown>,
  restricted: number[],
): number[] | 'all' | Unknown {
  const proto = rule.IpProtocol;
  if (isUnknown(proto)) return proto;
  if (String(proto) === '-1' || String(proto) === 'all') return 'all';
  if (isUnknown(rule.FromPort)) return rule.FromPort;
  if (isUnknown(rule.ToPort)) return rule.ToPort;
  const from = Number(rule.FromPort);
  const to = Number(rule.ToPort);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return [];
  if (from <= 0 && to >= 65535) return 'all';
  return restricted.filter(p => p >= from && p <= to);
}

/** What a rule opens to the internet: restricted ports, 'all', none ([]), or an Unknown. */
function exposure(
  rule: unknown,
  restricted: number[],
): { ports: number[] | 'all' | Unknown; cidr?: string } {
  if (isUnknown(rule)) return { ports: rule };
  const r = rule as Record<string, unknown>;
  const cidrs = [r.CidrIp, r.CidrIpv6];
  const world = anyOf(
    cidrs.map(c => (isUnknown(c) ? c : WORLD.includes(String(c)))),
  );
  if (world === false) return { ports: [] };
  const ports = coveredPorts(r, restricted);
  if (Array.isArray(ports) && ports.length === 0) return { ports };
  if (isUnknown(world)) return { ports: world };
  return { ports, cidr: String(cidrs.find(c => WORLD.includes(String(c)))) };
}

/** NET-04 for one internet-facing application load balancer. */
function waf(template: ResolvedTemplate, r: ResolvedResource): CheckOutcome {
  const [assoc] = certainFirst(
    ofType(template, 'AWS::WAFv2::WebACLAssociation').filter(a =>
      refersTo(a.properties.ResourceArn, r.logicalId),
    ),
  );
  if (!assoc)
    return fail(
      `${r.logicalId}: internet-facing load balancer without a WAF web ACL`,
      [at(r)],
    );
  const acl = ofType(template, 'AWS::WAFv2::WebACL').find(a =>
    refersTo(assoc.properties.WebACLArn, a.logicalId),
  );
  if (!acl)
    return unknown(`${r.logicalId}: web ACL is defined outside this template`, [
      at(assoc),
    ]);
  const rules = acl.properties.Rules;
  if (isUnknown(rules))
    return unknown(
      `${acl.logicalId}: Rules cannot be resolved (${rules.reason})`,
      [at(acl, 'Rules')],
    );
  if (asList(rules).length === 0)
    return fail(`${acl.logicalId}: web ACL has no rules`, [at(acl, 'Rules')]);
  const [logging] = certainFirst(
    ofType(template, 'AWS::WAFv2::LoggingConfiguration').filter(l =>
      refersTo(l.properties.ResourceArn, acl.logicalId),
    ),
  );
  if (!logging)
    return fail(
      `${acl.logicalId}: WAF logging is off (no LoggingConfiguration)`,
      [at(acl)],
    );
  return {
    ...pass(
      `${r.logicalId}: protected by ${acl.logicalId} with ${
        asList(rules).length
      } rule(s) and logging`,
      [at(acl, 'Rules')],
    ),
    dependsOn: [assoc.logicalId, logging.logicalId],
  };
}

const BLOCK_SETTINGS = [
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
];

/**
 * NET-06 for one bucket. Since April 2023 S3 creates buckets with all four block public
 * access settings on and ObjectOwnership BucketOwnerEnforced (ACLs disabled), so an absent
 * PublicAccessBlockConfiguration or OwnershipControls means those defaults
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html).
 * A configuration that is present but omits a setting turns that setting off
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-publicaccessblockconfiguration.html).
 */
function publicAccess(r: ResolvedResource): CheckOutcome {
  const config = r.properties.PublicAccessBlockConfiguration;
  const blockAt = at(r, 'PublicAccessBlockConfiguration');
  const said: string[] = [];
  const problems: string[] = [];
  const unresolved: string[] = [];
  if (config === undefined) {
    said.push(
      'PublicAccessBlockConfiguration not set: S3 turns all four settings on for new buckets (default since April 2023)',
    );
  } else if (isUnknown(config)) {
    unresolved.push(`PublicAccessBlockConfiguration (${config.reason})`);
  } else {
    const off: string[] = [];
    for (const key of BLOCK_SETTINGS) {
      const v = cfnBool(getPath(config, key));
      if (isUnknown(v))
        unresolved.push(`PublicAccessBlockConfiguration.${key} (${v.reason})`);
      else if (v !== true) off.push(key);
    }
    if (off.length)
      problems.push(
        `public access block turns off ${off.join(
          ', ',
        )} (a setting left out of PublicAccessBlockConfiguration is false)`,
      );
    else if (!unresolved.length) said.push('public access blocked');
  }
  const ownershipAt = at(r, 'OwnershipControls');
  const controls = r.properties.OwnershipControls;
  const rules = isUnknown(controls) ? controls : getPath(controls, 'Rules');
  if (
    controls === undefined ||
    (rules !== undefined && !isUnknown(rules) && asList(rules).length === 0)
  ) {
    said.push(
      'OwnershipControls not set: ObjectOwnership is BucketOwnerEnforced, ACLs disabled (default since April 2023)',
    );
  } else if (isUnknown(rules)) {
    unresolved.push(`OwnershipControls (${rules.reason})`);
  } else {
    const ownership = asList(rules).map(x => getPath(x, 'ObjectOwnership'));
    const undecided = ownership.find(isUnknown);
    const other = ownership.find(
      o => !isUnknown(o) && o !== 'BucketOwnerEnforced',
    );
    if (undecided)
      unresolved.push(
        `OwnershipControls.Rules[].ObjectOwnership (${undecided.reason})`,
      );
    else if (other !== undefined)
      problems.push(`ACLs are enabled (ObjectOwnership ${String(other)})`);
    else said.push('ACLs disabled');
  }
  const where = [
    ...(problems.some(p => p.startsWith('public')) ||
    unresolved.some(u => u.startsWith('PublicAccess'))
      ? [blockAt]
      : []),
    ...(problems.some(p => p.startsWith('ACLs')) ||
    unresolved.some(u => u.startsWith('Ownership'))
      ? [ownershipAt]
      : []),
  ];
  if (problems.length)
    return fail(
      `${r.logicalId}: ${[
        ...problems,
        ...unresolved.map(u => `${u.split(' (')[0]} cannot be resolved`),
      ].join('; ')}`,
      where,
    );
  if (unresolved.length)
    return unknown(
      `${r.logicalId}: ${unresolved
        .map(u => u.replace(' (', ' cannot be resolved ('))
        .join('; ')}`,
      where,
    );
  return pass(`${r.logicalId}: ${said.join('; ')}`, [
    config === undefined ? at(r) : blockAt,
  ]);
}

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
export const networkControls: ControlImplementation[] = [
  {
    id: 'NET-01',
    cfn: ({ resources, params }) => {
      const restricted = (params.restrictedPorts as string[]).map(Number);
      return resources.flatMap(r => {
        const outcomes: CheckOutcome[] = [];
        for (const { rule, path } of ingressRules(r)) {
          const { ports, cidr } = exposure(rule, restricted);
          if (isUnknown(ports))
            outcomes.push(
              unknown(
                `${r.logicalId}: ${
                  path || 'the ingress rule'
                } cannot be resolved (${ports.reason})`,
                [at(r, path || undefined)],
              ),
            );
          else if (ports === 'all')
            outcomes.push(
              fail(`${r.logicalId}: all ports open to ${cidr}`, [
                at(r, path || undefined),
              ]),
            );
          else if (ports.length)
            outcomes.push(
              fail(`${r.logicalId}: port ${ports.join(', ')} open to ${cidr}`, [
                at(r, path || undefined),
              ]),
            );
        }
        return outcomes.length
          ? outcomes
          : [
              pass(
                `${r.logicalId}: no admin or data port open to the internet`,
                [at(r)],
              ),
            ];
      });
    },
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'ingress-restricted', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'NET-02',
    cfn: ({ resources }) =>
      resources.map(r =>
        expectProp(
          r,
          'PubliclyAccessible',
          cfnBool(r.properties.PubliclyAccessible),
          v => v === false,
          {
            ok: 'PubliclyAccessible is false',
            bad:
              r.properties.PubliclyAccessible === undefined
                ? 'PubliclyAccessible is not set explicitly (it defaults to true in a default VPC)'
                : 'PubliclyAccessible is true',
          },
        ),
      ),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'publicly-accessible', expect: isFalse, requirement: 'false' },
      ]),
  },
  {
    id: 'NET-03',
    cfn: ({ resources }) =>
      resources.map(r => {
        if (r.type === 'AWS::ECS::TaskDefinition') {
          return expectProp(
            r,
            'NetworkMode',
            r.properties.NetworkMode,
            v => v === 'awsvpc',
            {
              ok: 'awsvpc network mode',
              bad: `network mode ${String(
                r.properties.NetworkMode ?? 'bridge',
              )} (awsvpc required)`,
            },
          );
        }
        const assign = getPath(
          r.properties,
          'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp',
        );
        // CloudFormation defaults AssignPublicIp to DISABLED.
        return expectProp(
          r,
          'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp',
          assign,
          v => v === undefined || v === 'DISABLED',
          {
            ok: 'tasks get no public IP',
            bad: 'AssignPublicIp is ENABLED',
          },
        );
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'private-network', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'NET-04',
    cfn: ({ resources, template }) =>
      resources.flatMap(r => {
        const { Scheme: scheme, Type: type = 'application' } = r.properties;
        const applies = allOf([
          isUnknown(scheme) ? scheme : scheme !== 'internal',
          isUnknown(type) ? type : type === 'application',
        ]);
        return ifApplies(
          applies,
          `${r.logicalId}: ${
            isUnknown(scheme) ? 'Scheme' : 'Type'
          } (whether it is an internet-facing application load balancer)`,
          () => waf(template, r),
        );
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        {
          id: 'waf',
          expect: v => v !== 'none',
          requirement: 'aws-waf, cloudflare or cloud-armor',
        },
        { id: 'waf-managed-rules', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'NET-05',
    cfn: ({ resources }) =>
      resources.flatMap(r => {
        const type = r.properties.Type ?? 'application';
        const attrs = r.properties.LoadBalancerAttributes;
        const desync =
          attribute(attrs, 'routing.http.desync_mitigation_mode') ??
          'defensive';
        const loc = 'LoadBalancerAttributes';
        return ifApplies(
          isUnknown(type) ? type : type === 'application',
          `${r.logicalId}: Type (whether it is an application load balancer)`,
          () =>
            collect(
              r,
              [
                {
                  path: 'routing.http.drop_invalid_header_fields.enabled',
                  value: attribute(
                    attrs,
                    'routing.http.drop_invalid_header_fields.enabled',
                  ),
                  ok: v => String(v) === 'true',
                  bad: 'routing.http.drop_invalid_header_fields.enabled is not true',
                  loc,
                },
                {
                  path: 'routing.http.desync_mitigation_mode',
                  value: desync,
                  ok: v => ['defensive', 'strictest'].includes(String(v)),
                  bad: v => `desync mitigation mode is ${String(v)}`,
                  loc,
                },
              ],
              {
                ok: `drops invalid headers, desync mitigation ${String(
                  desync,
                )}`,
                okAt: loc,
              },
            ),
        );
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'drop-invalid-headers', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'NET-06',
    cfn: ({ resources }) => resources.map(publicAccess),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'public-access-blocked', expect: isTrue, requirement: 'true' },
      ]),
  },
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
  {
    id: 'NET-08',
    entity: ({ entity, policy }) => {
      const { region, dataClassification } = entity.annotations;
      if (!dataClassification) return undefined;
      const allowed = policy.residency[dataClassification];
      if (!allowed) return undefined;
      if (!region)
        return unknown(
          `Data classified ${dataClassification} but no refarch.dev/region is declared`,
        );
      return allowed.includes(region)
        ? pass(`${dataClassification} data in ${region}, an allowed region`)
        : fail(
            `${dataClassification} data in ${region}; allowed: ${allowed.join(
              ', ',
            )}`,
          );
    },
  },
];
