import { getPath, isUnknown, ResolvedResource } from '../cloudformation';
import { asList } from './cfnHelpers';
import { at, cfnBool, collect, fail, pass, unknown } from './outcomes';
import { ELB_TLS_POLICIES, tlsVersionAtLeast } from './tlsPolicies';
import { CheckOutcome } from './types';

/**
 * Checks of a Classic Load Balancer (`AWS::ElasticLoadBalancing::LoadBalancer`) for TLS-01,
 * TLS-02 and LOG-07. Its listeners and policies are properties of the load balancer
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancing-loadbalancer.html).
 */

/** The type of a classic load balancer. @internal */
export const CLASSIC_ELB = 'AWS::ElasticLoadBalancing::LoadBalancer';

/**
 * An HTTPS/SSL listener without an SSL negotiation policy gets the default
 * ELBSecurityPolicy-2016-08, which accepts TLS 1.0
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ssl-config-update.html).
 */
const DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

/** A policy attribute of a classic load balancer (`{Name, Value}`; `Key` also read). */
function policyAttribute(policy: unknown, name: string): unknown {
  for (const a of asList(getPath(policy, 'Attributes'))) {
    if (isUnknown(a)) return a;
    const key = getPath(a, 'Name') ?? getPath(a, 'Key');
    if (key === name) return getPath(a, 'Value');
  }
  return undefined;
}

/** TLS versions a custom SSL negotiation policy enables (`Protocol-TLSv1.2: true`…). */
const CUSTOM_PROTOCOLS: Record<string, string> = {
  'Protocol-SSLv3': 'SSLv3',
  'Protocol-TLSv1': '1.0',
  'Protocol-TLSv1.1': '1.1',
  'Protocol-TLSv1.2': '1.2',
};

interface Listener {
  index: number;
  value: unknown;
  label: string;
}

function listeners(r: ResolvedResource): Listener[] | CheckOutcome {
  const list = r.properties.Listeners;
  if (isUnknown(list))
    return unknown(
      `${r.logicalId}: Listeners cannot be resolved (${list.reason})`,
      [at(r, 'Listeners')],
    );
  return asList(list).map((value, index) => {
    const port = getPath(value, 'LoadBalancerPort');
    return {
      index,
      value,
      label: `listener ${
        typeof port === 'string' || typeof port === 'number'
          ? `port ${port}`
          : `Listeners[${index}]`
      }`,
    };
  });
}

/** The SSL negotiation policy of a listener, by PolicyNames or by the policy's LoadBalancerPorts. */
function negotiationPolicy(
  r: ResolvedResource,
  listener: Listener,
): { policy?: unknown; undecided?: string } {
  const names = getPath(listener.value, 'PolicyNames');
  const port = getPath(listener.value, 'LoadBalancerPort');
  const policies = r.properties.Policies;
  if (isUnknown(policies))
    return { undecided: `Policies cannot be resolved (${policies.reason})` };
  if (isUnknown(names))
    return {
      undecided: `Listeners[${listener.index}].PolicyNames cannot be resolved (${names.reason})`,
    };
  for (const p of asList(policies)) {
    if (isUnknown(p))
      return {
        undecided: `an entry of Policies cannot be resolved (${p.reason})`,
      };
    const type = getPath(p, 'PolicyType');
    if (isUnknown(type))
      return {
        undecided: `the PolicyType of ${String(
          getPath(p, 'PolicyName'),
        )} cannot be resolved (${type.reason})`,
      };
    if (type !== 'SSLNegotiationPolicyType') continue;
    const name = getPath(p, 'PolicyName');
    const ports = asList(getPath(p, 'LoadBalancerPorts')).map(String);
    if (
      asList(names).includes(name) ||
      (port !== undefined && ports.includes(String(port)))
    )
      return { policy: p };
  }
  return {};
}

/** TLS-01 for one HTTPS/SSL listener of a classic load balancer. */
function listenerTls(
  r: ResolvedResource,
  listener: Listener,
  minTls: string,
): CheckOutcome {
  const where = [at(r, `Listeners[${listener.index}]`)];
  const id = `${r.logicalId} ${listener.label}`;
  const cert = getPath(listener.value, 'SSLCertificateId');
  if (cert === undefined)
    return fail(`${id}: HTTPS/SSL listener without an SSLCertificateId`, where);
  const { policy, undecided } = negotiationPolicy(r, listener);
  if (undecided) return unknown(`${id}: ${undecided}`, where);
  let name = DEFAULT_POLICY;
  let protocols: readonly string[] | undefined;
  if (policy !== undefined) {
    const reference = policyAttribute(policy, 'Reference-Security-Policy');
    if (isUnknown(reference))
      return unknown(
        `${id}: the Reference-Security-Policy of ${String(
          getPath(policy, 'PolicyName'),
        )} cannot be resolved (${reference.reason})`,
        where,
      );
    if (reference !== undefined) name = String(reference);
    else {
      // A custom policy lists the protocols it enables.
      name = `custom policy ${String(getPath(policy, 'PolicyName'))}`;
      const enabled: string[] = [];
      for (const [attr, version] of Object.entries(CUSTOM_PROTOCOLS)) {
        const v = cfnBool(policyAttribute(policy, attr));
        if (isUnknown(v))
          return unknown(
            `${id}: ${attr} of ${name} cannot be resolved (${v.reason})`,
            where,
          );
        if (v === true) enabled.push(version);
      }
      protocols = enabled;
    }
  }
  protocols ??= ELB_TLS_POLICIES[name];
  if (!protocols)
    return unknown(
      `${id}: Reference-Security-Policy ${name} is not in the table of ELB security policies (controls/tlsPolicies.ts), so the TLS versions it allows cannot be told`,
      where,
    );
  const old = protocols.filter(
    v => v === 'SSLv3' || !tlsVersionAtLeast(v, minTls),
  );
  const allowed = protocols.length
    ? `TLS ${protocols.join(', ')}`.replace('TLS SSLv3', 'SSLv3')
    : 'no protocol';
  const source =
    policy === undefined
      ? `no SSL negotiation policy: the default ${name}`
      : name;
  return old.length
    ? fail(
        `${id}: ${source} allows ${allowed}; the policy requires TLS ≥ ${minTls}`,
        where,
      )
    : pass(`${id}: ${source} allows ${allowed}`, where);
}

/** TLS-01 for a classic load balancer: every HTTPS/SSL listener. @internal */
export function classicTls(
  r: ResolvedResource,
  minTls: string,
): CheckOutcome[] {
  const list = listeners(r);
  if (!Array.isArray(list)) return [list];
  return list.flatMap((l): CheckOutcome[] => {
    const protocol = isUnknown(l.value)
      ? l.value
      : getPath(l.value, 'Protocol');
    if (isUnknown(protocol))
      return [
        unknown(
          `${r.logicalId} ${l.label}: Listeners[${l.index}].Protocol cannot be resolved (${protocol.reason})`,
          [at(r, `Listeners[${l.index}]`)],
        ),
      ];
    const p = String(protocol).toUpperCase();
    return p === 'HTTPS' || p === 'SSL' ? [listenerTls(r, l, minTls)] : [];
  });
}

/**
 * TLS-02 for a classic load balancer: it cannot redirect, so an HTTP listener serves the
 * application in clear text (redirects need an Application Load Balancer:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions).
 * TCP listeners are not judged: they may pass TLS through to the instances.
 *
 * @internal
 */
export function classicHttp(r: ResolvedResource): CheckOutcome[] {
  const list = listeners(r);
  if (!Array.isArray(list)) return [list];
  return list.flatMap((l): CheckOutcome[] => {
    const protocol = isUnknown(l.value)
      ? l.value
      : getPath(l.value, 'Protocol');
    const where = [at(r, `Listeners[${l.index}]`)];
    if (isUnknown(protocol))
      return [
        unknown(
          `${r.logicalId} ${l.label}: Listeners[${l.index}].Protocol cannot be resolved (${protocol.reason})`,
          where,
        ),
      ];
    return String(protocol).toUpperCase() === 'HTTP'
      ? [
          fail(
            `${r.logicalId} ${l.label}: HTTP listener on a Classic Load Balancer, which cannot redirect to HTTPS — it serves plain HTTP`,
            where,
          ),
        ]
      : [];
  });
}

/**
 * LOG-07 for a classic load balancer: AccessLoggingPolicy.Enabled
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancing-loadbalancer-accessloggingpolicy.html).
 *
 * @internal
 */
export function classicAccessLogs(r: ResolvedResource): CheckOutcome {
  return collect(
    r,
    [
      {
        path: 'AccessLoggingPolicy.Enabled',
        value: cfnBool(getPath(r.properties, 'AccessLoggingPolicy.Enabled')),
        ok: v => v === true,
        bad: 'access logs are off (AccessLoggingPolicy.Enabled is not true)',
        loc: 'AccessLoggingPolicy',
      },
    ],
    { ok: 'access logs to S3', okAt: 'AccessLoggingPolicy' },
  );
}
