/*
 * TLS-01 and TLS-02: HTTPS listeners use an ACM certificate and a TLS 1.2+ policy, HTTP
 * listeners only redirect to HTTPS (application and classic load balancers).
 */
import { getPath, isUnknown, ResolvedResource } from '../cloudformation';
import { asList } from './cfnHelpers';
import {
  Maybe,
  allOf,
  at,
  declaredCheck,
  fail,
  pass,
  unknown,
} from './outcomes';
import { ELB_TLS_POLICIES, tlsVersionAtLeast } from './tlsPolicies';
import { CLASSIC_ELB, classicHttp, classicTls } from './classicLoadBalancer';
import { CheckOutcome, ControlImplementation } from './types';

/** Whether a listener action redirects to HTTPS. */
function redirectsToHttps(action: unknown): Maybe {
  if (isUnknown(action)) return action;
  const type = getPath(action, 'Type');
  const protocol = getPath(action, 'RedirectConfig.Protocol');
  return allOf([
    isUnknown(type) ? type : type === 'redirect',
    isUnknown(protocol) ? protocol : protocol === 'HTTPS',
  ]);
}

/** TLS-01: whether the protocols an ELB security policy allows are all ≥ the minimum. */
function sslPolicyOutcome(
  r: ResolvedResource,
  policy: string,
  minTls: string,
): CheckOutcome {
  const protocols = ELB_TLS_POLICIES[policy];
  if (!protocols)
    return unknown(
      `${r.logicalId}: SslPolicy ${policy} is not in the table of ELB security policies (controls/tlsPolicies.ts), so the TLS versions it allows cannot be told`,
      [at(r, 'SslPolicy')],
    );
  const old = protocols.filter(v => !tlsVersionAtLeast(v, minTls));
  const allowed = `TLS ${protocols.join(', ')}`;
  return old.length
    ? fail(
        `${r.logicalId}: SslPolicy ${policy} allows ${allowed}; the policy requires TLS ≥ ${minTls}`,
        [at(r, 'SslPolicy')],
      )
    : pass(`${r.logicalId}: SslPolicy ${policy} allows ${allowed}`, [
        at(r, 'SslPolicy'),
      ]);
}

/** @internal */
export const tlsControls: ControlImplementation[] = [
  {
    id: 'TLS-01',
    cfn: ({ resources, params }) => [
      ...resources
        .filter(r => r.type === CLASSIC_ELB)
        .flatMap(r => classicTls(r, String(params.minTlsVersion))),
      ...resources
        .filter(r => r.type !== CLASSIC_ELB)
        .filter(
          r =>
            r.properties.Protocol === 'HTTPS' ||
            r.properties.Protocol === 'TLS' ||
            isUnknown(r.properties.Protocol),
        )
        .map(r => {
          if (isUnknown(r.properties.Protocol))
            return unknown(
              `${r.logicalId}: Protocol cannot be resolved (${r.properties.Protocol.reason})`,
              [at(r, 'Protocol')],
            );
          const certificates = r.properties.Certificates;
          if (isUnknown(certificates))
            return unknown(
              `${r.logicalId}: Certificates cannot be resolved (${certificates.reason})`,
              [at(r, 'Certificates')],
            );
          if (asList(certificates).length === 0)
            return fail(
              `${r.logicalId}: HTTPS listener without a certificate`,
              [at(r, 'Certificates')],
            );
          const policy = r.properties.SslPolicy;
          if (isUnknown(policy))
            return unknown(
              `${r.logicalId}: SslPolicy cannot be resolved (${policy.reason})`,
              [at(r, 'SslPolicy')],
            );
          if (policy === undefined)
            return fail(
              `${r.logicalId}: no SslPolicy — the default ELBSecurityPolicy-2016-08 accepts TLS 1.0`,
              [at(r, 'SslPolicy')],
            );
          return sslPolicyOutcome(
            r,
            String(policy),
            String(params.minTlsVersion),
          );
        }),
    ],
    declared: ({ facts, params }) =>
      declaredCheck(facts, [
        {
          id: 'tls-min-version',
          expect: v =>
            typeof v === 'string' && v >= String(params.minTlsVersion),
          requirement: `≥ ${params.minTlsVersion}`,
        },
      ]),
  },
  {
    id: 'TLS-02',
    cfn: ({ resources }) => [
      ...resources.filter(r => r.type === CLASSIC_ELB).flatMap(classicHttp),
      ...resources
        .filter(r => r.type !== CLASSIC_ELB)
        .filter(
          r =>
            r.properties.Protocol === 'HTTP' ||
            isUnknown(r.properties.Protocol),
        )
        .map(r => {
          const protocol = r.properties.Protocol;
          if (isUnknown(protocol))
            return unknown(
              `${r.logicalId}: Protocol cannot be resolved (${protocol.reason})`,
              [at(r, 'Protocol')],
            );
          const actions = r.properties.DefaultActions;
          const redirects = isUnknown(actions)
            ? actions
            : asList(actions).length > 0 &&
              allOf(asList(actions).map(redirectsToHttps));
          if (isUnknown(redirects))
            return unknown(
              `${r.logicalId}: DefaultActions cannot be resolved (${redirects.reason})`,
              [at(r, 'DefaultActions')],
            );
          return redirects
            ? pass(`${r.logicalId}: HTTP redirects to HTTPS`, [
                at(r, 'DefaultActions'),
              ])
            : fail(
                `${r.logicalId}: HTTP listener serves traffic instead of redirecting to HTTPS`,
                [at(r, 'DefaultActions')],
              );
        }),
    ],
  },
];
