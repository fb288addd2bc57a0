/**
 * What kind of thing an entity is, for the policy. Taken from `spec.type` of a
 * Component or Resource entity; controls name the classes they apply to.
 *
 * @public
 */
export const COMPONENT_CLASSES = {
  // Components
  service: 'A long-running HTTP service (ECS service, Cloud Run service).',
  worker: 'A background worker consuming a queue.',
  function: 'A serverless function (Lambda, Cloud Function).',
  website: 'A static frontend served from object storage or a CDN.',
  // Resources
  database:
    'A relational or document database (RDS, Aurora, Cloud SQL, Firestore).',
  'connection-pooler':
    'A database connection pooler (PgBouncer sidecar, RDS Proxy): holds no data; recovery is that of the database and the tasks it runs in.',
  cache: 'An in-memory cache (ElastiCache, Memorystore).',
  'object-storage': 'A bucket (S3, Cloud Storage).',
  'file-system': 'A shared file system (EFS).',
  'kms-key': 'An encryption key (KMS, Cloud KMS).',
  secret: 'A secret or a secret store (Secrets Manager, Secret Manager).',
  'parameter-store': 'Non-secret configuration (SSM Parameter Store).',
  network: 'A VPC, its subnets, NAT and endpoints.',
  subnet: 'A subnet tier of a network.',
  'security-group': 'A security group or firewall rule set.',
  'load-balancer': 'A load balancer (ALB).',
  waf: 'A web application firewall (AWS WAF, Cloudflare, Cloud Armor).',
  cdn: 'A content delivery network (CloudFront, Cloudflare).',
  dns: 'DNS zones (Route 53, Cloud DNS, Cloudflare).',
  'container-registry': 'A container registry (ECR, Artifact Registry).',
  'container-cluster': 'A container cluster (ECS cluster).',
  pipeline: 'A CI/CD pipeline.',
  monitoring: 'Metrics, dashboards and alarms.',
  alerting: 'Alert routing to people (PagerDuty, SNS, Slack).',
  'audit-trail': 'An API audit trail (CloudTrail, Cloud Audit Logs).',
  'log-storage': 'Log groups and log archives.',
  'flow-logs': 'Network flow logs.',
  'threat-detection': 'Threat detection (GuardDuty).',
  'config-recorder': 'Resource configuration recording (AWS Config).',
  'security-hub': 'Aggregated security findings (Security Hub).',
  'backup-plan': 'Backup orchestration (AWS Backup, managed backups).',
  'iac-state': 'Infrastructure-as-code state storage.',
  'identity-provider': 'Identity and access (IAM, SSO, WorkOS, Keycloak).',
  'service-account': 'A workload identity or IAM role.',
  queue: 'A message queue or event bus.',
  email: 'Transactional email (SES, Mailgun).',
  'third-party': 'A third-party processor or SaaS.',
  vpn: 'Remote administrative access (Client VPN, bastion).',
  environment:
    'A whole cloud environment (account/project), assessed as a unit.',
} as const;

/** @public */
export type ComponentClass = keyof typeof COMPONENT_CLASSES;

/** @public */
export function isComponentClass(value: unknown): value is ComponentClass {
  return (
    typeof value === 'string' &&
    Object.prototype.hasOwnProperty.call(COMPONENT_CLASSES, value)
  );
}
