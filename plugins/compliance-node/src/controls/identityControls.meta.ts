/*
 * The metadata of the controls in identityControls.ts: what they check and why, where the
 * documents say so, what frameworks they evidence. policy/defaultControls.ts gathers it.
 */
import { ControlMetadata } from './ControlMetadata';
import { RDS } from './resourceTypeGroups';

/**
 * SEC-01 and SEC-02: secrets rotate and database passwords are never plaintext.
 *
 * @internal
 */
export const secretsMetadata: ControlMetadata[] = [
  {
    id: 'SEC-01',
    category: 'secrets',
    severity: 'high',
    title: 'Secrets rotate (database credentials ≤ 30 days, others ≤ 90 days)',
    rationale:
      'DB credentials rotate every 30 days [004], passwords every 90 days [001]; RDS-managed master passwords rotate by themselves.',
    appliesTo: ['secret'],
    resourceTypes: ['AWS::SecretsManager::Secret', ...RDS],
    facts: ['secret-rotation'],
    params: { maxDbRotationDays: 30, maxRotationDays: 90 },
    frameworks: { soc2: ['CC6.1'], 'bsi-c5': ['IDM-08'], 'pci-dss': ['8.3.9'] },
    sources: ['001', '002', '004'],
    equivalent: 'secretsmanager-rotation-enabled-check',
  },
  {
    id: 'SEC-02',
    category: 'secrets',
    severity: 'critical',
    title: 'No plaintext database password; password parameters are NoEcho',
    rationale:
      'A password in a template is in every copy of the repository [001].',
    appliesTo: ['database'],
    resourceTypes: RDS,
    facts: ['plaintext-password'],
    frameworks: { soc2: ['CC6.1'], 'pci-dss': ['8.3.2'] },
    sources: ['001'],
    equivalent: 'rds master password rules',
  },
];

/**
 * IAM-01 and IAM-02: no long-lived access keys, least-privilege roles.
 *
 * @internal
 */
export const iamMetadata: ControlMetadata[] = [
  {
    id: 'IAM-01',
    category: 'identity',
    severity: 'high',
    title: 'No long-lived access keys in CI or containers',
    rationale: 'Task roles for workloads and OIDC for CI [002].',
    appliesTo: ['pipeline', 'service', 'worker', 'environment'],
    resourceTypes: [
      'AWS::IAM::AccessKey',
      'AWS::IAM::User',
      'AWS::ECS::TaskDefinition',
    ],
    facts: ['long-lived-credentials'],
    frameworks: {
      soc2: ['CC6.1'],
      'bsi-c5': ['IDM-01'],
      'pci-dss': ['8.6.3'],
      'cis-aws': ['1.14'],
    },
    sources: ['002'],
  },
  {
    id: 'IAM-02',
    category: 'identity',
    severity: 'high',
    title: 'Roles are least-privilege',
    rationale:
      'Each service its own role; production DB write for the API service only [000][001].',
    appliesTo: ['service', 'worker', 'service-account', 'identity-provider'],
    resourceTypes: [
      'AWS::IAM::Role',
      'AWS::IAM::Policy',
      'AWS::IAM::ManagedPolicy',
    ],
    facts: ['least-privilege'],
    frameworks: {
      soc2: ['CC6.3'],
      gdpr: ['Art. 32(1)(b)'],
      'bsi-c5': ['IDM-01'],
      'pci-dss': ['7.2.1'],
      'cis-aws': ['1.16'],
    },
    sources: ['000', '001'],
  },
];
