import {
  getPath,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
} from '../cloudformation';
import {
  asList,
  isCustomerManagedKey,
  ofType,
  referencing,
} from './cfnHelpers';
import {
  at,
  cfnBool,
  collect,
  declaredCheck,
  fail,
  isTrue,
  pass,
  unknown,
  ENCRYPTED_WITH_CMK,
} from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

/**
 * ENC-09 for an EFS file system. `Encrypted` defaults to false in CloudFormation (the
 * console's default differs); encrypted without KmsKeyId uses the AWS-managed key
 * aws/elasticfilesystem
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-efs-filesystem.html#cfn-efs-filesystem-encrypted).
 */
function efsEncryption(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome {
  const enc = cfnBool(r.properties.Encrypted);
  const key = isCustomerManagedKey(template, r.properties.KmsKeyId);
  if (enc !== true && !isUnknown(enc))
    return fail(
      `${r.logicalId}: Encrypted is not true — the file system is stored unencrypted`,
      [at(r, 'Encrypted')],
    );
  if (key === false)
    return fail(
      isUnknown(enc)
        ? `${r.logicalId}: no customer-managed KmsKeyId — unencrypted or encrypted with the AWS-managed key aws/elasticfilesystem (Encrypted cannot be resolved: ${enc.reason})`
        : `${r.logicalId}: encrypted with the AWS-managed key aws/elasticfilesystem; set KmsKeyId to a customer-managed key`,
      [at(r, 'KmsKeyId')],
    );
  return collect(
    r,
    [
      { path: 'Encrypted', value: enc, ok: isTrue, bad: '' },
      { path: 'KmsKeyId', value: key, ok: isTrue, bad: '' },
    ],
    { ok: 'encrypted with a customer-managed KMS key', okAt: 'KmsKeyId' },
  );
}

/**
 * ENC-09 for an EBS volume. Without `Encrypted: true` a volume is encrypted only when EBS
 * encryption by default is on for the account and region, or when it is created from an
 * encrypted snapshot; without KmsKeyId an encrypted volume uses the account's default EBS
 * key, which is the AWS-managed aws/ebs unless the account changed it
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-volume.html#cfn-ec2-volume-encrypted,
 * https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html).
 * Neither account setting can be seen in a template: the template has to name the key.
 */
function ebsEncryption(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome {
  const enc = cfnBool(r.properties.Encrypted);
  const snapshot = r.properties.SnapshotId;
  const keyValue = r.properties.KmsKeyId;
  const key = isCustomerManagedKey(template, keyValue);
  if (isUnknown(enc))
    return unknown(
      `${r.logicalId}: Encrypted cannot be resolved (${enc.reason})`,
      [at(r, 'Encrypted')],
    );
  if (enc !== true) {
    if (snapshot !== undefined)
      return unknown(
        `${r.logicalId}: Encrypted is not true; created from SnapshotId ${
          isUnknown(snapshot)
            ? `(cannot be resolved: ${snapshot.reason})`
            : String(snapshot)
        }, whose encryption it inherits and which the template does not show`,
        [at(r, 'SnapshotId')],
      );
    return fail(
      `${r.logicalId}: Encrypted is not true — the volume is unencrypted, or, if EBS encryption by default is on for the account and region (which a template cannot show), encrypted with the account's default EBS key; set Encrypted: true and a customer-managed KmsKeyId`,
      [at(r, 'Encrypted')],
    );
  }
  if (isUnknown(key))
    return unknown(
      `${r.logicalId}: KmsKeyId cannot be resolved (${key.reason})`,
      [at(r, 'KmsKeyId')],
    );
  if (!key)
    return fail(
      keyValue === undefined
        ? `${r.logicalId}: encrypted with the account's default EBS key (the AWS-managed aws/ebs unless the account changed it, which a template cannot show); set KmsKeyId to a customer-managed key`
        : `${r.logicalId}: KmsKeyId ${String(keyValue)} is the AWS-managed key`,
      [at(r, 'KmsKeyId')],
    );
  return pass(`${r.logicalId}: encrypted with a customer-managed KMS key`, [
    at(r, 'KmsKeyId'),
  ]);
}

/**
 * ENC-10 for an SQS queue. A queue without KmsMasterKeyId is encrypted with SQS-owned keys
 * (SSE-SQS, the default for queues created since late 2022) unless SqsManagedSseEnabled is
 * false; `alias/aws/sqs` is the AWS-managed key
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html#cfn-sqs-queue-sqsmanagedsseenabled).
 */
function queueEncryption(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome {
  const keyValue = r.properties.KmsMasterKeyId;
  const key = isCustomerManagedKey(template, keyValue);
  if (isUnknown(key))
    return unknown(
      `${r.logicalId}: KmsMasterKeyId cannot be resolved (${key.reason})`,
      [at(r, 'KmsMasterKeyId')],
    );
  if (key)
    return pass(`${r.logicalId}: SSE-KMS with a customer-managed key`, [
      at(r, 'KmsMasterKeyId'),
    ]);
  if (keyValue !== undefined)
    return fail(
      `${r.logicalId}: KmsMasterKeyId ${String(
        keyValue,
      )} is the AWS-managed key; use a customer-managed key`,
      [at(r, 'KmsMasterKeyId')],
    );
  const managed = cfnBool(r.properties.SqsManagedSseEnabled);
  return fail(
    managed === false
      ? `${r.logicalId}: SqsManagedSseEnabled is false and no KmsMasterKeyId — messages are stored unencrypted`
      : `${
          r.logicalId
        }: no KmsMasterKeyId — encrypted with SQS-owned keys (SSE-SQS)${
          isUnknown(managed)
            ? ` or unencrypted (SqsManagedSseEnabled cannot be resolved: ${managed.reason})`
            : ''
        }, not a key the organisation controls; set KmsMasterKeyId to a customer-managed key`,
    [at(r, 'KmsMasterKeyId')],
  );
}

/**
 * ENC-10 for an SNS topic: without KmsMasterKeyId a topic has no server-side encryption;
 * `alias/aws/sns` is the AWS-managed key
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topic.html#cfn-sns-topic-kmsmasterkeyid).
 */
function topicEncryption(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome {
  const keyValue = r.properties.KmsMasterKeyId;
  const key = isCustomerManagedKey(template, keyValue);
  if (isUnknown(key))
    return unknown(
      `${r.logicalId}: KmsMasterKeyId cannot be resolved (${key.reason})`,
      [at(r, 'KmsMasterKeyId')],
    );
  if (key)
    return pass(`${r.logicalId}: encrypted with a customer-managed key`, [
      at(r, 'KmsMasterKeyId'),
    ]);
  return fail(
    keyValue === undefined
      ? `${r.logicalId}: no KmsMasterKeyId — the topic has no server-side encryption`
      : `${r.logicalId}: KmsMasterKeyId ${String(
          keyValue,
        )} is the AWS-managed key; use a customer-managed key`,
    [at(r, 'KmsMasterKeyId')],
  );
}

/** DR-11: an EFS file system with automatic backups, or selected by an AWS Backup plan of the template. */
function efsBackup(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome {
  const status = getPath(r.properties, 'BackupPolicy.Status');
  const where = [at(r, 'BackupPolicy')];
  if (status === 'ENABLED')
    return pass(
      `${r.logicalId}: automatic backups (BackupPolicy ENABLED: daily, kept 35 days)`,
      where,
    );
  // Automatic backups default to off, except for One Zone file systems (AvailabilityZoneName)
  // (https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html#efs-CreateFileSystem-request-Backup).
  const zone = r.properties.AvailabilityZoneName;
  if (status === undefined && zone !== undefined && !isUnknown(zone))
    return pass(
      `${r.logicalId}: One Zone file system (AvailabilityZoneName ${String(
        zone,
      )}), whose automatic backups are on by default`,
      [at(r, 'AvailabilityZoneName')],
    );
  const selections = referencing(
    template,
    r.logicalId,
    'AWS::Backup::BackupSelection',
  );
  if (selections.length)
    return {
      ...pass(
        `${r.logicalId}: backed up by the AWS Backup selection ${selections[0].logicalId}`,
        where,
      ),
      dependsOn: [selections[0].logicalId],
    };
  if (isUnknown(status))
    return unknown(
      `${r.logicalId}: BackupPolicy.Status cannot be resolved (${status.reason})`,
      where,
    );
  if (status === undefined && isUnknown(zone))
    return unknown(
      `${r.logicalId}: no BackupPolicy; AvailabilityZoneName, which makes automatic backups the default (One Zone), cannot be resolved (${zone.reason})`,
      [at(r, 'AvailabilityZoneName')],
    );
  // A selection by tags, by a wildcard or by a value that cannot be resolved may take it.
  const broad = ofType(template, 'AWS::Backup::BackupSelection').find(s => {
    const sel = s.properties.BackupSelection;
    const list = getPath(sel, 'Resources');
    return (
      isUnknown(sel) ||
      isUnknown(list) ||
      getPath(sel, 'ListOfTags') !== undefined ||
      getPath(sel, 'Conditions') !== undefined ||
      asList(list).some(
        v =>
          isUnknown(v) ||
          (typeof v === 'string' &&
            (v === '*' ||
              /:elasticfilesystem:[^:]*:[^:]*:\*|file-system\/\*$/.test(v))),
      )
    );
  });
  if (broad)
    return unknown(
      `${r.logicalId}: no automatic backups (BackupPolicy.Status ${String(
        status ?? 'not set',
      )}); whether the AWS Backup selection ${
        broad.logicalId
      } (by tags, wildcard or an unresolved resource) takes it cannot be told from the template`,
      [...where, at(broad, 'BackupSelection')],
    );
  return fail(
    `${r.logicalId}: no automatic backups (BackupPolicy.Status ${String(
      status ??
        'not set: off by default for a Regional file system created outside the console',
    )}) and no AWS Backup selection of the template names it`,
    where,
  );
}

/** @internal */
export const dataStoreControls: ControlImplementation[] = [
  {
    id: 'ENC-09',
    cfn: ({ resources, template }) =>
      resources.map(r =>
        r.type === 'AWS::EFS::FileSystem'
          ? efsEncryption(template, r)
          : ebsEncryption(template, r),
      ),
    declared: ({ facts }) => declaredCheck(facts, ENCRYPTED_WITH_CMK),
  },
  {
    id: 'ENC-10',
    cfn: ({ resources, template }) =>
      resources.map(r =>
        r.type === 'AWS::SNS::Topic'
          ? topicEncryption(template, r)
          : queueEncryption(template, r),
      ),
    declared: ({ facts }) => declaredCheck(facts, ENCRYPTED_WITH_CMK),
  },
  {
    id: 'DR-11',
    cfn: ({ resources, template }) =>
      resources.map(r => efsBackup(template, r)),
  },
];
