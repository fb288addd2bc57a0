/*
 * The metadata of the controls in dataStoreControls.ts: what they check and why, where the
 * documents say so, what frameworks they evidence. policy/defaultControls.ts gathers it.
 */
import { ControlMetadata } from './ControlMetadata';

/**
 * ENC-09 and ENC-10: volumes, file systems, queues and topics encrypt with a customer-managed key.
 *
 * @internal
 */
export const dataStoreEncryptionMetadata: ControlMetadata[] = [
  {
    id: 'ENC-09',
    category: 'encryption',
    severity: 'high',
    title:
      'Volumes and file systems are encrypted at rest with a customer-managed key',
    rationale:
      'Encryption at rest for all data stores with KMS [001] ("EFS: encrypted at rest"), customer-managed keys [002][003]. CloudFormation creates EFS file systems and EBS volumes unencrypted unless Encrypted is true; account-level EBS encryption by default is not visible in a template, so the template must ask for it and name the key.',
    appliesTo: ['file-system'],
    resourceTypes: ['AWS::EC2::Volume', 'AWS::EFS::FileSystem'],
    facts: ['storage-encrypted', 'encryption-key'],
    frameworks: {
      soc2: ['CC6.1'],
      gdpr: ['Art. 32(1)(a)'],
      'bsi-c5': ['CRY-03'],
      'pci-dss': ['3.5.1'],
      'cis-aws': ['2.2.1', '2.4.1'],
    },
    sources: ['001', '002', '003'],
    equivalent:
      'AwsSolutions-EC26; AwsSolutions-EFS1; encrypted-volumes; efs-encrypted-check',
  },
  {
    id: 'ENC-10',
    category: 'encryption',
    severity: 'medium',
    title: 'Queues and topics are encrypted with a customer-managed KMS key',
    rationale:
      'Messages carry the same personal data as the stores they connect; [001] encrypts all data at rest with KMS, [002] uses customer-managed keys (SNS is its alerting fan-out). SQS encrypts new queues with SQS-owned keys (SSE-SQS) and SNS does not encrypt without a key: neither is a key the organisation controls.',
    appliesTo: ['queue'],
    resourceTypes: ['AWS::SQS::Queue', 'AWS::SNS::Topic'],
    facts: ['storage-encrypted', 'encryption-key'],
    frameworks: {
      soc2: ['CC6.1'],
      gdpr: ['Art. 32(1)(a)'],
      'bsi-c5': ['CRY-03'],
      'pci-dss': ['3.5.1'],
    },
    sources: ['001', '002'],
    equivalent: 'AwsSolutions-SQS2; AwsSolutions-SNS2',
  },
];

/**
 * DR-11: file systems are backed up.
 *
 * @internal
 */
export const dataStoreBackupMetadata: ControlMetadata[] = [
  {
    id: 'DR-11',
    category: 'resilience',
    severity: 'high',
    title: 'File systems are backed up',
    rationale:
      '[001] backs EFS up with daily AWS Backup jobs. A Regional EFS file system created by CloudFormation has automatic backups off unless BackupPolicy.Status is ENABLED (One Zone file systems have them on by default), or an AWS Backup selection of the template names it.',
    appliesTo: [],
    resourceTypes: ['AWS::EFS::FileSystem'],
    frameworks: {
      soc2: ['A1.2'],
      gdpr: ['Art. 32(1)(c)'],
      'bsi-c5': ['OPS-06'],
    },
    sources: ['001'],
    equivalent: 'efs-automatic-backups-enabled; efs-in-backup-plan',
  },
];
