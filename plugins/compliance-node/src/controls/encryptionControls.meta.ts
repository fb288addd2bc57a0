/*
 * The metadata of the controls of the encryption family (encryptionControls.ts,
 * bucketEncryptionControls.ts and tlsControls.ts): what they check and why, where the
 * documents say so, what frameworks they evidence. policy/defaultControls.ts gathers it.
 */
import { ControlMetadata } from './ControlMetadata';
import {
  BUCKET,
  CACHE,
  CLASSIC_LOAD_BALANCER,
  DYNAMODB,
  LISTENER,
  RDS,
} from './resourceTypeGroups';

/**
 * ENC-01 to ENC-08: data at rest is encrypted with keys the organisation controls, and cache
 * clients authenticate.
 *
 * @internal
 */
export const encryptionMetadata: ControlMetadata[] = [
  {
    id: 'ENC-01',
    category: 'encryption',
    severity: 'critical',
    title: 'Databases are encrypted at rest with a customer-managed key',
    rationale:
      'Health and personal data at rest must be unreadable without a key the organisation controls and can revoke; a provider-managed key cannot be rotated, audited or revoked by you. DynamoDB tables are always encrypted, but with an AWS owned key (or the AWS-managed aws/dynamodb) unless SSESpecification names a customer-managed KMS key.',
    appliesTo: ['database'],
    resourceTypes: [...RDS, ...DYNAMODB],
    facts: ['storage-encrypted', 'encryption-key'],
    frameworks: {
      soc2: ['CC6.1'],
      gdpr: ['Art. 32(1)(a)'],
      'bsi-c5': ['CRY-03'],
      'bsi-tr-03161': ['O.Cryp (data at rest)'],
      diga: ['DiGAV Anl. 1 Datensicherheit'],
      'pci-dss': ['3.5.1'],
      'cis-aws': ['2.3.1'],
    },
    sources: ['000', '001', '002', '004'],
    equivalent:
      'cdk-nag AwsSolutions-RDS2; rds-storage-encrypted; dynamodb-table-encrypted-kms',
  },
  {
    id: 'ENC-02',
    category: 'encryption',
    severity: 'high',
    title: 'KMS keys rotate automatically',
    rationale:
      'Rotation bounds how much data one key version protects; [000] rotates its HSM root key every 90 days.',
    appliesTo: ['kms-key'],
    resourceTypes: ['AWS::KMS::Key'],
    facts: ['key-rotation'],
    params: { maxRotationPeriodDays: 365 },
    frameworks: {
      soc2: ['CC6.1'],
      'bsi-c5': ['CRY-04'],
      'pci-dss': ['3.7.4'],
      'cis-aws': ['3.6'],
    },
    sources: ['000', '001', '003'],
    equivalent: 'AwsSolutions-KMS5',
  },
  {
    id: 'ENC-03',
    category: 'encryption',
    severity: 'high',
    title: 'Buckets encrypt by default with a customer-managed KMS key',
    rationale:
      'Objects (evidence, backups, customer documents) must be encrypted with a key the organisation controls.',
    appliesTo: ['object-storage'],
    resourceTypes: BUCKET,
    facts: ['storage-encrypted', 'encryption-key'],
    frameworks: {
      soc2: ['CC6.1'],
      gdpr: ['Art. 32(1)(a)'],
      'bsi-c5': ['CRY-03'],
      'pci-dss': ['3.5.1'],
      'cis-aws': ['2.1.1'],
    },
    sources: ['001', '002'],
    equivalent: 's3-default-encryption-kms',
  },
  {
    id: 'ENC-04',
    category: 'encryption',
    severity: 'high',
    title: 'Buckets deny plain-HTTP access',
    rationale:
      'TLS everywhere [001]: a bucket policy denying aws:SecureTransport=false makes it impossible to bypass.',
    appliesTo: ['object-storage'],
    resourceTypes: BUCKET,
    facts: ['secure-transport-enforced'],
    frameworks: {
      soc2: ['CC6.7'],
      gdpr: ['Art. 32(1)(a)'],
      'bsi-c5': ['CRY-02'],
      'pci-dss': ['4.2.1'],
      'cis-aws': ['2.1.2'],
    },
    sources: ['001'],
    equivalent: 'AwsSolutions-S10',
  },
  {
    id: 'ENC-05',
    category: 'encryption',
    severity: 'high',
    title: 'Caches encrypt at rest (CMK) and in transit',
    rationale:
      'Sessions and cached personal data live in the cache; they need the same protection as the database.',
    appliesTo: ['cache'],
    resourceTypes: [...CACHE, 'AWS::ElastiCache::ServerlessCache'],
    facts: ['storage-encrypted', 'transit-encryption', 'encryption-key'],
    frameworks: {
      soc2: ['CC6.1', 'CC6.7'],
      gdpr: ['Art. 32(1)(a)'],
      'bsi-c5': ['CRY-02', 'CRY-03'],
      'pci-dss': ['3.5.1', '4.2.1'],
    },
    sources: ['001', '002'],
    equivalent: 'AwsSolutions-AEC3',
  },
  {
    id: 'ENC-06',
    category: 'encryption',
    severity: 'medium',
    title:
      'Cache clients authenticate (auth token from Secrets Manager, or RBAC)',
    rationale:
      'An unauthenticated cache inside the VPC is one compromised task away from every session.',
    appliesTo: ['cache'],
    resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
    facts: ['cache-auth'],
    frameworks: { soc2: ['CC6.1'], 'bsi-c5': ['IDM-09'], 'pci-dss': ['8.3.1'] },
    sources: ['002'],
    equivalent: 'AwsSolutions-AEC6',
  },
  {
    id: 'ENC-07',
    category: 'encryption',
    severity: 'medium',
    title: 'Log groups are encrypted with KMS',
    rationale:
      'Logs carry request data and identifiers; [001] encrypts everything at rest.',
    appliesTo: ['log-storage'],
    resourceTypes: ['AWS::Logs::LogGroup'],
    facts: ['log-encryption'],
    frameworks: {
      soc2: ['CC6.1'],
      gdpr: ['Art. 32(1)(a)'],
      'bsi-c5': ['CRY-03'],
      'pci-dss': ['10.3.2'],
    },
    sources: ['001'],
    equivalent: 'cloudwatch-log-group-encrypted',
  },
  {
    id: 'ENC-08',
    category: 'encryption',
    severity: 'medium',
    title: 'Secrets are encrypted with a customer-managed key',
    rationale:
      'Per-environment CMKs keep secrets from crossing account boundaries [002] and make access auditable.',
    appliesTo: ['secret'],
    resourceTypes: ['AWS::SecretsManager::Secret'],
    facts: ['encryption-key'],
    frameworks: { soc2: ['CC6.1'], 'bsi-c5': ['CRY-04'], 'pci-dss': ['3.6.1'] },
    sources: ['001', '002', '003'],
    equivalent: 'secretsmanager-using-cmk',
  },
];

/**
 * TLS-01 and TLS-02: load balancer listeners speak TLS only.
 *
 * @internal
 */
export const tlsMetadata: ControlMetadata[] = [
  {
    id: 'TLS-01',
    category: 'encryption',
    severity: 'high',
    title: 'HTTPS listeners use an ACM certificate and a TLS 1.2+ policy',
    rationale:
      'A listener without SslPolicy gets ELBSecurityPolicy-2016-08, which still accepts TLS 1.0 [001: TLS 1.3, 002: TLS 1.2+].',
    appliesTo: ['load-balancer', 'cdn', 'waf'],
    resourceTypes: [...LISTENER, ...CLASSIC_LOAD_BALANCER],
    facts: ['tls-min-version'],
    params: {
      minTlsVersion: '1.2',
    },
    frameworks: {
      soc2: ['CC6.7'],
      gdpr: ['Art. 32(1)(a)'],
      'bsi-c5': ['CRY-02'],
      'bsi-tr-03161': ['O.Ntwk (TLS)'],
      'pci-dss': ['4.2.1'],
    },
    sources: ['001', '002'],
    equivalent:
      'elbv2 ssl policy check; elb-predefined-security-policy-ssl-check',
  },
  {
    id: 'TLS-02',
    category: 'encryption',
    severity: 'medium',
    title: 'HTTP listeners only redirect to HTTPS',
    rationale:
      'Port 80 exists only to redirect [004]; anything else serves content in clear text. A Classic Load Balancer cannot redirect, so its HTTP listeners fail.',
    resourceTypes: [...LISTENER, ...CLASSIC_LOAD_BALANCER],
    frameworks: { soc2: ['CC6.7'], 'pci-dss': ['4.2.1'] },
    sources: ['004'],
    equivalent: 'alb-http-to-https-redirection-check',
  },
];
