/*
 * The network family: NET-01 to NET-05 and NET-08 here, the buckets' NET-06 in
 * bucketPublicAccessControls.ts and the VPCs' NET-07 in vpcLayoutControls.ts. Their metadata
 * is in networkControls.meta.ts.
 */
import {
  getPath,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
  Unknown,
} from '../cloudformation';
import {
  asList,
  attribute,
  certainFirst,
  ofType,
  refersTo,
} from './cfnHelpers';
import {
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
import { bucketPublicAccessControls } from './bucketPublicAccessControls';
import { vpcLayoutControls } from './vpcLayoutControls';

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
  ...bucketPublicAccessControls,
  ...vpcLayoutControls,
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
