import { ComponentClass } from '@refarch/backstage-plugin-compliance-common';

/**
 * A realistic mix of documented components for benchmarks: per system, services (some
 * with CloudFormation), and resources of every common class with declared facts, some
 * conforming, some not, some silent.
 */
const RESOURCE_FACTS: Array<[ComponentClass, Record<string, string>]> = [
  [
    'database',
    {
      'storage-encrypted': 'true',
      'encryption-key': 'cmk',
      'multi-az': 'true',
      'backup-retention': '35d',
      pitr: 'true',
      'publicly-accessible': 'false',
      'db-logging': 'true',
      'deletion-protection': 'true',
      'cross-region-backup': 'true',
    },
  ],
  [
    'database',
    {
      'storage-encrypted': 'true',
      'encryption-key': 'provider-managed',
      'multi-az': 'false',
      'backup-retention': '7d',
    },
  ],
  [
    'cache',
    {
      'storage-encrypted': 'true',
      'transit-encryption': 'true',
      'encryption-key': 'cmk',
      'cache-auth': 'rbac',
      'multi-az': 'true',
      'automatic-failover': 'true',
    },
  ],
  [
    'object-storage',
    {
      'storage-encrypted': 'true',
      'encryption-key': 'cmk',
      'public-access-blocked': 'true',
      versioning: 'true',
      'cross-region-replication': 'false',
      'secure-transport-enforced': 'true',
    },
  ],
  ['object-storage', { 'storage-encrypted': 'true', versioning: 'false' }],
  ['kms-key', { 'key-rotation': 'true', 'key-rotation-period': '90d' }],
  [
    'secret',
    {
      'encryption-key': 'cmk',
      'secret-rotation': 'true',
      'secret-rotation-period': '30d',
    },
  ],
  [
    'network',
    {
      'subnet-tiers': 'true',
      'nat-per-az': 'true',
      'vpc-endpoints': 'false',
      'flow-logs': 'true',
      'ingress-restricted': 'true',
    },
  ],
  [
    'load-balancer',
    {
      'tls-min-version': '1.2',
      waf: 'aws-waf',
      'waf-managed-rules': 'true',
      'drop-invalid-headers': 'true',
      'access-logging': 'true',
      'deletion-protection': 'true',
    },
  ],
  [
    'monitoring',
    { alarms: 'error-rate,latency,db-cpu', 'alert-channel-critical': 'pager' },
  ],
  ['alerting', { 'alert-channel-critical': 'chat' }],
  [
    'audit-trail',
    {
      'audit-trail-multi-region': 'true',
      'audit-trail-validation': 'true',
      'audit-trail-encrypted': 'true',
      'audit-log-retention': '7y',
    },
  ],
  [
    'pipeline',
    {
      'ci-sast': 'true',
      'ci-container-scan-blocking': 'true',
      'ci-staging-tests': 'true',
      'ci-production-approval': 'TODO: approver not named',
      'ci-oidc': 'true',
      'long-lived-credentials': 'false',
    },
  ],
  [
    'container-registry',
    {
      'image-scan-on-push': 'true',
      'image-tags-immutable': 'false',
      'image-lifecycle-policy': 'true',
    },
  ],
  [
    'backup-plan',
    {
      'backup-interval': '1h',
      'backup-retention': '35d',
      'cross-region-backup': 'true',
    },
  ],
];

export interface SyntheticEntity {
  ref: string;
  kind: string;
  name: string;
  type: string;
  system: string;
  owner: string;
  annotations: Record<string, string>;
  iac?: 'good' | 'weak';
  dependsOn: string[];
}

const PER_SYSTEM = 50;
const RESOURCES_PER_SYSTEM = PER_SYSTEM - 11;

/**
 * The ref of the entity at `index` (that of {@link syntheticEntityAt}), without building the
 * entity: a system's parts are listed by ref, and building 49 entities to list them would
 * make the stand-in catalog, not the plugin, the benchmark's largest cost.
 */
export function syntheticRefAt(index: number): string {
  const s = Math.floor(index / PER_SYSTEM);
  const j = index % PER_SYSTEM;
  if (j === 0) return `system:default/sys-${s}`;
  if (j <= RESOURCES_PER_SYSTEM) {
    const r = j - 1;
    const [type] = RESOURCE_FACTS[(s + r) % RESOURCE_FACTS.length];
    return `resource:default/sys-${s}-${type}-${r}`;
  }
  return `component:default/sys-${s}-svc-${j - RESOURCES_PER_SYSTEM - 1}`;
}

/**
 * The entity at `index` of the synthetic catalog, computed without building the others, so a
 * catalog stand-in can serve 100,000 entities page by page without holding them. Per system:
 * the system, then 39 resources, then 10 services.
 */
export function syntheticEntityAt(index: number): SyntheticEntity {
  const s = Math.floor(index / PER_SYSTEM);
  const j = index % PER_SYSTEM;
  // Names and refs come from syntheticRefAt, the one place that spells them.
  const ref = syntheticRefAt(index);
  const name = ref.slice(ref.indexOf('/') + 1);
  const system = syntheticRefAt(s * PER_SYSTEM);
  const owner = `group:default/team-${s % 40}`;
  const frameworks = s % 2 ? 'soc2,gdpr' : 'pci-dss,cis-aws';
  const tier = s % 3 ? 'standard' : 'critical';
  if (j === 0)
    return {
      ref: system,
      kind: 'System',
      name,
      type: 'product',
      system,
      owner,
      annotations: {
        'refarch.dev/tier': tier,
        'refarch.dev/frameworks': frameworks,
      },
      dependsOn: [],
    };
  if (j <= RESOURCES_PER_SYSTEM) {
    const r = j - 1;
    const [type, facts] = RESOURCE_FACTS[(s + r) % RESOURCE_FACTS.length];
    const annotations: Record<string, string> = {
      'refarch.dev/tier': tier,
      'refarch.dev/region': r % 7 ? 'eu-central-1' : 'us-east-1',
      'refarch.dev/data-classification': r % 5 ? 'internal' : 'personal',
    };
    for (const [k, v] of Object.entries(facts))
      annotations[`refarch.dev/declared.${k}`] = v;
    return {
      ref,
      kind: 'Resource',
      name,
      type,
      system,
      owner,
      annotations,
      dependsOn: [],
    };
  }
  const c = j - RESOURCES_PER_SYSTEM - 1;
  let iac: SyntheticEntity['iac'];
  if (c % 3 === 0) iac = c % 2 ? 'weak' : 'good';
  const resources: string[] = [];
  for (let r = c; r < RESOURCES_PER_SYSTEM && resources.length < 3; r += 10)
    resources.push(syntheticRefAt(s * PER_SYSTEM + 1 + r));
  return {
    ref,
    kind: 'Component',
    name,
    type: 'service',
    system,
    owner,
    annotations: {
      'refarch.dev/tier': tier,
      'refarch.dev/rpo': '1h',
      'refarch.dev/rto': '4h',
      'refarch.dev/frameworks': frameworks,
      'refarch.dev/declared.min-tasks': String(1 + (c % 3)),
      'refarch.dev/declared.az-count': '2',
      'refarch.dev/declared.read-only-root-fs': 'true',
      'refarch.dev/declared.non-root-user': 'true',
    },
    iac,
    dependsOn: resources,
  };
}

/** Index of a synthetic entity's ref in the catalog, or -1 when it is not one of them. */
export function syntheticIndexOf(ref: string): number {
  const m =
    /^(?:system|resource|component):default\/sys-(\d+)(?:-svc-(\d+)|-[a-z-]+-(\d+))?$/.exec(
      ref,
    );
  if (!m) return -1;
  const base = Number(m[1]) * PER_SYSTEM;
  if (m[2] !== undefined) return base + RESOURCES_PER_SYSTEM + 1 + Number(m[2]);
  if (m[3] !== undefined) return base + 1 + Number(m[3]);
  return base;
}

/** The members of a system (its resources and services), as the catalog's hasPart relations. */
export function syntheticPartsOf(systemIndex: number, count: number): string[] {
  const out: string[] = [];
  for (let i = systemIndex + 1; i < systemIndex + PER_SYSTEM && i < count; i++)
    out.push(syntheticRefAt(i));
  return out;
}

export function syntheticEntities(count = 10_000): SyntheticEntity[] {
  return Array.from({ length: count }, (_, i) => syntheticEntityAt(i));
}
