/**
 * The TLS protocol versions each predefined Elastic Load Balancing security policy allows.
 *
 * Source: "Security policies for your Application Load Balancer", TLS protocols table
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html)
 * and the same table for Network Load Balancers
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html),
 * as of the 2025-09 post-quantum (PQ) policies. `aws elbv2 describe-ssl-policies` lists the
 * same data (`SslProtocols`) for a policy name. When AWS publishes a policy, add its row here:
 * a policy not in the table is reported as unknown, naming it, never guessed from its name.
 *
 * @internal
 */
export const ELB_TLS_POLICIES: Readonly<Record<string, readonly string[]>> = {
  // TLS 1.3 policies (2021-06)
  'ELBSecurityPolicy-TLS13-1-3-2021-06': ['1.3'],
  'ELBSecurityPolicy-TLS13-1-2-2021-06': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-1-2021-06': ['1.1', '1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-0-2021-06': ['1.0', '1.1', '1.2', '1.3'],
  // FIPS policies (2023-04)
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': ['1.3'],
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04': ['1.1', '1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04': ['1.0', '1.1', '1.2', '1.3'],
  // Hybrid post-quantum policies (2025-09)
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': ['1.3'],
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09': ['1.3'],
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09': ['1.2', '1.3'],
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09': ['1.2', '1.3'],
  // Forward secrecy policies
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': ['1.2'],
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': ['1.2'],
  'ELBSecurityPolicy-FS-1-2-2019-08': ['1.2'],
  'ELBSecurityPolicy-FS-1-1-2019-08': ['1.1', '1.2'],
  'ELBSecurityPolicy-FS-2018-06': ['1.0', '1.1', '1.2'],
  // TLS policies
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': ['1.2'],
  'ELBSecurityPolicy-TLS-1-2-2017-01': ['1.2'],
  'ELBSecurityPolicy-TLS-1-1-2017-01': ['1.1', '1.2'],
  'ELBSecurityPolicy-TLS-1-0-2015-04': ['1.0', '1.1', '1.2'],
  // Default and legacy
  'ELBSecurityPolicy-2016-08': ['1.0', '1.1', '1.2'],
  'ELBSecurityPolicy-2015-05': ['1.0', '1.1', '1.2'],
};

/** Compares TLS versions written `1.2`, `1.3` (also with a `TLSv` prefix). @internal */
export function tlsVersionAtLeast(version: string, min: string): boolean {
  const parse = (v: string) =>
    v
      .replace(/^TLS\s*v?/i, '')
      .split('.')
      .map(Number);
  const [a1, a2 = 0] = parse(version);
  const [b1, b2 = 0] = parse(min);
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}
