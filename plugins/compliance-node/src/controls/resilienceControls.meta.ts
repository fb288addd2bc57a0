/*
 * The metadata of the controls of the resilience family (resilienceControls.ts,
 * bucketResilienceControls.ts, serviceResilienceControls.ts and deliveryControls.ts): what
 * they check and why, where the documents say so, what frameworks they evidence.
 * policy/defaultControls.ts gathers it.
 */
import { ControlMetadata } from './ControlMetadata';
import {
  ALB,
  BUCKET,
  CACHE,
  COMPUTE,
  DYNAMODB,
  RDS,
} from './resourceTypeGroups';

/**
 * DR-01 to DR-04: databases and caches survive an AZ loss and an accidental delete.
 *
 * @internal
 */
export const databaseResilienceMetadata: ControlMetadata[] = [
  {
    id: 'DR-01',
    category: 'resilience',
    severity: 'high',
    title: 'Databases run Multi-AZ',
    rationale:
      'A standby in another AZ fails over in a minute or two [000][001][002][004].',
    appliesTo: ['database'],
    resourceTypes: RDS,
    facts: ['multi-az'],
    frameworks: {
      soc2: ['A1.2'],
      gdpr: ['Art. 32(1)(b)'],
      'bsi-c5': ['BCM-02'],
    },
    sources: ['000', '001', '002', '004'],
    equivalent: 'AwsSolutions-RDS3',
  },
  {
    id: 'DR-02',
    category: 'resilience',
    severity: 'high',
    title: 'Database backups are kept ≥ 35 days with PITR and a final snapshot',
    rationale:
      'The strictest documented retention is 35 days [002][004] (30 days in [000][001]); [002] keeps a 35-day PITR window. DynamoDB tables need point-in-time recovery with a recovery period ≥ 35 days (their DeletionPolicy is judged by DR-10).',
    appliesTo: ['database'],
    resourceTypes: [...RDS, ...DYNAMODB],
    facts: ['backup-retention'],
    params: { minBackupRetentionDays: 35 },
    frameworks: {
      soc2: ['A1.2'],
      gdpr: ['Art. 32(1)(c)'],
      'bsi-c5': ['OPS-06'],
    },
    sources: ['000', '001', '002', '004'],
    equivalent: 'AwsSolutions-RDS13; dynamodb-pitr-enabled',
  },
  {
    id: 'DR-03',
    category: 'resilience',
    severity: 'medium',
    title: 'Databases and load balancers have deletion protection',
    rationale: 'One wrong stack update must not delete production data.',
    appliesTo: ['database', 'load-balancer'],
    resourceTypes: [...RDS, ...ALB],
    facts: ['deletion-protection'],
    frameworks: { soc2: ['A1.2'], 'bsi-c5': ['OPS-06'] },
    sources: [],
    equivalent: 'AwsSolutions-RDS10',
  },
  {
    id: 'DR-04',
    category: 'resilience',
    severity: 'medium',
    title: 'Caches are Multi-AZ with automatic failover and snapshots',
    rationale:
      'Redis holds sessions and queues [002]; losing a node must not stop the service.',
    appliesTo: ['cache'],
    resourceTypes: CACHE,
    facts: ['multi-az', 'automatic-failover'],
    frameworks: { soc2: ['A1.2'], 'bsi-c5': ['BCM-02'] },
    sources: ['001', '002'],
    equivalent: 'AwsSolutions-AEC4',
  },
];

/**
 * DR-06 to DR-09: buckets are versioned, replicated and locked; services span AZs and roll back.
 *
 * @internal
 */
export const bucketAndServiceResilienceMetadata: ControlMetadata[] = [
  {
    id: 'DR-06',
    category: 'resilience',
    severity: 'medium',
    title: 'Buckets are versioned and replicated to another region',
    rationale:
      'Versioning undoes overwrites; replication survives a region [001][004].',
    appliesTo: ['object-storage'],
    resourceTypes: BUCKET,
    facts: ['versioning', 'cross-region-replication'],
    frameworks: {
      soc2: ['A1.2'],
      gdpr: ['Art. 32(1)(c)'],
      'bsi-c5': ['OPS-06'],
    },
    sources: ['001', '004'],
    equivalent: 's3-bucket-replication-enabled',
  },
  {
    id: 'DR-07',
    category: 'resilience',
    severity: 'high',
    title: 'Evidence, audit and backup buckets use Object Lock',
    rationale:
      'Tamper-evident evidence and 7-year retention of audit archives [002].',
    appliesTo: ['object-storage'],
    resourceTypes: BUCKET,
    facts: ['object-lock'],
    params: {
      lockedBucketPattern: '(evidence|audit|backup|trail|archive)',
      minRetentionDays: 2555,
    },
    frameworks: {
      soc2: ['CC7.2'],
      'bsi-c5': ['OPS-12'],
      'pci-dss': ['10.5.1'],
    },
    sources: ['002'],
    equivalent: 's3-bucket-default-lock-enabled',
  },
  {
    id: 'DR-08',
    category: 'resilience',
    severity: 'high',
    title: 'Services run ≥ 2 tasks across ≥ 2 AZs; load balancers span ≥ 2 AZs',
    rationale: 'An AZ failure must not take the service down [001][002][004].',
    appliesTo: [...COMPUTE],
    resourceTypes: ['AWS::ECS::Service', ...ALB],
    facts: ['min-tasks', 'az-count'],
    params: { minTasks: 2, minAzs: 2 },
    frameworks: { soc2: ['A1.2'], 'bsi-c5': ['BCM-02'] },
    sources: ['001', '002', '004'],
    equivalent: 'elbv2-multiple-az',
  },
  {
    id: 'DR-09',
    category: 'resilience',
    severity: 'medium',
    title: 'Deployments roll back automatically',
    rationale:
      'Circuit breaker with rollback [002] or blue/green rolling back on alarms [004].',
    appliesTo: [...COMPUTE],
    resourceTypes: ['AWS::ECS::Service'],
    facts: ['deployment-rollback'],
    frameworks: { soc2: ['CC8.1'], 'bsi-c5': ['DEV-03'] },
    sources: ['001', '002', '004'],
  },
];

/**
 * CI-01 and CI-02: delivery pipelines and infrastructure changes.
 *
 * @internal
 */
export const deliveryMetadata: ControlMetadata[] = [
  {
    id: 'CI-01',
    category: 'delivery',
    severity: 'high',
    title:
      "Pipelines gate on SAST, blocking container scans, staging tests and a tech lead's production approval",
    rationale:
      'The deployment gates of [000] (SonarCloud/Semgrep, critical CVEs, E2E, tech lead approval), [001], [004].',
    appliesTo: ['pipeline'],
    facts: [
      'ci-sast',
      'ci-container-scan-blocking',
      'ci-staging-tests',
      'ci-production-approval',
    ],
    frameworks: {
      soc2: ['CC8.1'],
      'bsi-c5': ['DEV-03'],
      'bsi-tr-03161': ['O.Source'],
      'pci-dss': ['6.2.3', '6.3.3'],
    },
    sources: ['000', '001', '004'],
  },
  {
    id: 'CI-02',
    category: 'delivery',
    severity: 'medium',
    title:
      'Infrastructure changes go through reviewed IaC with encrypted, locked state',
    rationale:
      'All changes via Terraform with peer review, state in S3 with DynamoDB locking [001][002][003].',
    appliesTo: ['iac-state', 'pipeline', 'environment'],
    facts: [
      'iac-managed',
      'iac-peer-review',
      'iac-state-encrypted',
      'iac-state-locked',
    ],
    frameworks: { soc2: ['CC8.1'], 'bsi-c5': ['DEV-03'] },
    sources: ['001', '002', '003'],
  },
];
