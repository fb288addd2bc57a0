/**
 * The fact vocabulary: every configuration fact the policy can reason about, with its
 * type and unit. Declared annotations (`refarch.dev/declared.<id>`), CloudFormation
 * analysis, live stacks and evidence all produce facts with these ids.
 *
 * Durations are stored in seconds; they are written as `30s`, `15m`, `4h`, `35d`, `1y`.
 *
 * @public
 */
export type FactType =
  | 'boolean'
  | 'number'
  | 'duration'
  | 'enum'
  | 'list'
  | 'string'
  | 'date';

/** @public */
export interface FactDefinition {
  type: FactType;
  description: string;
  /** Allowed values of an `enum`, or of each item of a `list`. */
  values?: readonly string[];
  /** Unit of a `number`. */
  unit?: 'count' | 'percent';
}

const bool = (description: string): FactDefinition => ({
  type: 'boolean',
  description,
});
const dur = (description: string): FactDefinition => ({
  type: 'duration',
  description,
});
/**
 * Drift of a deployed stack from its template, from the last drift detection.
 *
 * @public
 */
export const DRIFT_STATES = [
  'in-sync',
  'drifted',
  'not-checked',
  'unknown',
] as const;

/** @public */
export type DriftState = (typeof DRIFT_STATES)[number];

/**
 * Health of a deployed stack, read from its StackStatus.
 *
 * @public
 */
export const STACK_HEALTH_STATES = [
  'healthy',
  'rolled-back',
  'failed',
  'in-progress',
  'stuck',
  'deleted',
] as const;

/** @public */
export type StackHealth = (typeof STACK_HEALTH_STATES)[number];

const oneOf = (
  values: readonly string[],
  description: string,
): FactDefinition => ({
  type: 'enum',
  values,
  description,
});

/** @public */
export const ALARM_KINDS = [
  'error-rate',
  'latency',
  'db-cpu',
  'db-connections',
  'task-failure',
  'cache-memory',
  'cert-expiry',
] as const;

/** @public */
export const FACTS = {
  // Encryption
  'storage-encrypted': bool('Data at rest is encrypted.'),
  'encryption-key': oneOf(
    ['cmk', 'provider-managed', 'none'],
    'Who manages the key that encrypts data at rest: a customer-managed key, the provider, or nobody.',
  ),
  'key-rotation': bool('Automatic key rotation is enabled.'),
  'key-rotation-period': dur('How often the key rotates.'),
  'key-hsm-backed': bool('The key material lives in an HSM.'),
  'transit-encryption': bool('Connections are encrypted in transit (TLS).'),
  'tls-min-version': oneOf(
    ['1.0', '1.1', '1.2', '1.3'],
    'Lowest TLS version accepted by the endpoint.',
  ),
  'secure-transport-enforced': bool(
    'Plain-HTTP access is denied (bucket policy aws:SecureTransport).',
  ),
  'cache-auth': oneOf(
    ['secrets-manager', 'rbac', 'iam', 'none'],
    'How clients authenticate to the cache.',
  ),
  'log-encryption': bool('Logs are encrypted with a customer-managed key.'),
  // Network
  'publicly-accessible': bool('The resource has a public endpoint.'),
  'private-network': bool(
    'The workload runs in private subnets without public IPs.',
  ),
  'ingress-restricted': bool(
    'No admin or data port is open to the internet; data stores accept only the application security group.',
  ),
  waf: oneOf(
    ['aws-waf', 'cloudflare', 'cloud-armor', 'none'],
    'Which web application firewall protects the entry point.',
  ),
  'waf-managed-rules': bool(
    'The WAF runs managed rule sets (e.g. OWASP Top 10).',
  ),
  'waf-logging': bool('WAF logging is on.'),
  'public-access-blocked': bool(
    'Bucket public access block (all four settings) and ACLs disabled.',
  ),
  'subnet-tiers': bool('Public, private and isolated subnet tiers exist.'),
  'nat-per-az': bool('One NAT gateway per availability zone.'),
  'vpc-endpoints': bool(
    'VPC endpoints for S3, ECR, Secrets Manager, KMS and Logs.',
  ),
  'drop-invalid-headers': bool(
    'The load balancer drops invalid header fields.',
  ),
  'data-residency-enforced': bool(
    'Data location is enforced by an organisation policy (e.g. VPC Service Controls).',
  ),
  // Logging and detection
  'audit-trail-multi-region': bool(
    'The audit trail covers every region and global events.',
  ),
  'audit-trail-validation': bool('Log file integrity validation is on.'),
  'audit-trail-encrypted': bool('The audit trail is encrypted with a KMS key.'),
  'log-retention': dur('Retention of application logs.'),
  'audit-log-retention': dur('Retention of audit logs (including archives).'),
  'flow-logs': bool('VPC flow logs record all traffic.'),
  'container-logging': bool('Every container ships its logs.'),
  'db-logging': bool('Database logs (queries, errors) are exported.'),
  'access-logging': bool('Load balancer / bucket access logs are written.'),
  'threat-detection': bool('Threat detection (GuardDuty or equivalent) is on.'),
  'config-recorder': bool(
    'Configuration of all resources is recorded (AWS Config).',
  ),
  // Monitoring
  alarms: {
    type: 'list',
    values: ALARM_KINDS,
    description: 'Which of the documented alarms exist.',
  },
  'alert-channel-critical': oneOf(
    ['pager', 'sms', 'phone', 'chat', 'email', 'dashboard'],
    'Where critical alerts go.',
  ),
  // Container and runtime hardening
  'read-only-root-fs': bool('Containers run with a read-only root filesystem.'),
  'non-root-user': bool('Containers run as a non-root user.'),
  'runs-privileged': bool(
    'A container runs privileged or with added capabilities.',
  ),
  'resource-limits': bool('Containers have CPU and memory limits.'),
  'secrets-from-store': bool(
    'Secrets reach containers from a secret store, never as plain environment values.',
  ),
  'image-scan-on-push': bool('Images are scanned when pushed.'),
  'image-tags-immutable': bool('Image tags are immutable.'),
  'image-lifecycle-policy': bool('Old images expire by a lifecycle policy.'),
  'image-rescan-interval': dur('How often all images are rescanned.'),
  'health-check': bool('A health check is defined.'),
  // Secrets and identity
  'secret-rotation': bool('Secrets rotate automatically.'),
  'secret-rotation-period': dur('How often secrets rotate.'),
  'plaintext-password': bool(
    'A password is written in plain text in configuration.',
  ),
  'parameter-holds-secrets': bool(
    'The parameter store holds secrets or other sensitive values (not only plain configuration).',
  ),
  'parameter-secure-string': bool(
    'Sensitive parameters are SecureString (KMS-encrypted), not String/StringList.',
  ),
  'parameter-tier': oneOf(
    ['standard', 'advanced', 'intelligent-tiering'],
    'SSM Parameter Store tier (advanced: larger values and parameter policies such as expiration).',
  ),
  'long-lived-credentials': bool(
    'Long-lived access keys are used by CI or workloads.',
  ),
  'ci-oidc': bool('CI authenticates to the cloud through OIDC.'),
  'least-privilege': bool('Each workload has its own least-privilege role.'),
  // Resilience
  'multi-az': bool(
    'The resource runs across availability zones with automatic failover.',
  ),
  'az-count': {
    type: 'number',
    unit: 'count',
    description: 'Number of availability zones used.',
  },
  'automatic-failover': bool('Failover to a standby is automatic.'),
  'failover-time': dur('Documented failover time to the standby.'),
  'backup-retention': dur('How long automated backups are kept.'),
  'backup-interval': dur('Time between automated backups / snapshots.'),
  pitr: bool('Point-in-time recovery is enabled.'),
  'log-backup-interval': dur(
    'Time between transaction-log backups (bounds PITR data loss).',
  ),
  'cross-region-backup': bool('Backups are copied to another region.'),
  'cross-region-replica': bool(
    'A replica runs in another region and can be promoted.',
  ),
  'deletion-protection': bool('Deletion protection is on.'),
  versioning: bool('Object versioning is on.'),
  'cross-region-replication': bool('Objects replicate to another region.'),
  'object-lock': bool('Object Lock (WORM) is on.'),
  'object-lock-retention': dur('Default Object Lock retention.'),
  'backup-vault-lock': bool('The backup vault is locked.'),
  'min-tasks': {
    type: 'number',
    unit: 'count',
    description: 'Minimum number of running tasks/instances.',
  },
  'deployment-rollback': bool(
    'Deployments roll back automatically (circuit breaker or blue/green on alarms).',
  ),
  'iac-managed': bool(
    'The infrastructure is defined as code and can be redeployed.',
  ),
  'rebuild-time': dur(
    'Documented time to rebuild the infrastructure from code.',
  ),
  // Delivery
  'ci-sast': bool(
    'The pipeline runs static analysis and blocks on critical/high findings.',
  ),
  'ci-container-scan-blocking': bool(
    'The pipeline blocks images with critical CVEs.',
  ),
  'ci-staging-tests': bool('The pipeline tests in staging before production.'),
  'ci-production-approval': bool(
    'Production deploys need a manual approval by a tech lead.',
  ),
  'iac-peer-review': bool('Infrastructure changes are peer reviewed.'),
  'iac-state-encrypted': bool('IaC state is encrypted.'),
  'iac-state-locked': bool('IaC state is locked during changes.'),
  // Evidence cadence as documented
  'restore-test-interval': dur('How often restores are tested, as documented.'),
  'dr-drill-interval': dur('How often DR drills run, as documented.'),
  'backup-verification-interval': dur(
    'How often backups are verified automatically, as documented.',
  ),
  'access-review-interval': dur('How often access is reviewed, as documented.'),
  // The deployed stack (live only: read from CloudFormation)
  'stack-status': {
    type: 'string',
    description:
      'CloudFormation StackStatus of the deployed stack (CREATE_COMPLETE, UPDATE_ROLLBACK_FAILED…).',
  },
  'stack-health': oneOf(
    STACK_HEALTH_STATES,
    'Health of the deployed stack: failed (e.g. UPDATE_ROLLBACK_FAILED), stuck (an operation in progress for too long), rolled-back (the last change was undone).',
  ),
  'stack-last-updated': {
    type: 'date',
    description: 'When the deployed stack was last updated (or created).',
  },
  'stack-last-failure': {
    type: 'string',
    description:
      'The latest failed stack event: resource, status and reason (DescribeStackEvents).',
  },
  'stack-parameters': {
    type: 'string',
    description:
      'Parameters the stack was deployed with, as Key=Value separated by ", " (NoEcho values are masked by AWS).',
  },
  'stack-termination-protection': bool(
    'Termination protection is enabled on the deployed stack.',
  ),
  'stack-rollback-triggers': {
    type: 'number',
    unit: 'count',
    description: 'CloudWatch alarms that roll back an update of the stack.',
  },
  'stack-drift': oneOf(
    DRIFT_STATES,
    'Drift of the deployed stack from its template, from the last drift detection.',
  ),
  'stack-drifted-resources': {
    type: 'number',
    unit: 'count',
    description: 'Resources modified or deleted outside CloudFormation.',
  },
  'stack-template-matches-repository': bool(
    "The deployed template's resources match the repository template's.",
  ),
} as const satisfies Record<string, FactDefinition>;

/** @public */
export type FactId = keyof typeof FACTS;

/** A set: a lookup per annotation, cheaper than an own-property check on a large object. */
const FACT_IDS: ReadonlySet<string> = new Set(Object.keys(FACTS));

/** @public */
export function isFactId(value: string): value is FactId {
  return FACT_IDS.has(value);
}

/**
 * Where a fact came from.
 *
 * @public
 */
export type Provenance = 'declared' | 'iac' | 'live' | 'evidence';

/** @public */
export type FactValue = boolean | number | string | string[];

/**
 * A fact about an entity or one of its resources, with where and when it was seen.
 *
 * @public
 */
export interface Fact {
  id: FactId;
  /** Absent when the source marks the value as TODO or unverified. */
  value?: FactValue;
  provenance: Provenance;
  /** The annotation, the template path (`Resources.Db.Properties.MultiAZ`), the stack, or the evidence id. */
  source: string;
  /** ISO timestamp of the observation. */
  observedAt: string;
  /** Set when the source says the value still needs verification; such a fact never passes. */
  unverified?: string;
}
