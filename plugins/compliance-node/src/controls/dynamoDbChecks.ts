import {
  getPath,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
} from '../cloudformation';
import { asList, isCustomerManagedKey } from './cfnHelpers';
import {
  at,
  cfnBool,
  cfnNumber,
  collect,
  fail,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { CheckOutcome } from './types';

/**
 * ENC-01 for DynamoDB. A table is always encrypted at rest: with an AWS owned key unless
 * SSESpecification.SSEEnabled is true, then with the AWS-managed key aws/dynamodb unless
 * KMSMasterKeyId names a customer-managed key
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-ssespecification.html).
 * A global table names the key per replica (Replicas[].SSESpecification.KMSMasterKeyId).
 *
 * @internal
 */
export function dynamoDbEncryption(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome {
  const enabled = cfnBool(getPath(r.properties, 'SSESpecification.SSEEnabled'));
  const where = [at(r, 'SSESpecification')];
  if (isUnknown(enabled))
    return unknown(
      `${r.logicalId}: SSESpecification.SSEEnabled cannot be resolved (${enabled.reason})`,
      where,
    );
  if (enabled !== true)
    return fail(
      `${r.logicalId}: encrypted with an AWS owned key (the DynamoDB default; SSESpecification.SSEEnabled is not true), which the organisation cannot control, audit or revoke; set SSEEnabled: true, SSEType: KMS and a customer-managed KMSMasterKeyId`,
      where,
    );
  const keys =
    r.type === 'AWS::DynamoDB::GlobalTable'
      ? asList(r.properties.Replicas).map((replica, i) => ({
          path: `Replicas[${i}].SSESpecification.KMSMasterKeyId`,
          name: isUnknown(replica)
            ? `Replicas[${i}]`
            : `replica ${String(getPath(replica, 'Region') ?? i)}`,
          value: isUnknown(replica)
            ? replica
            : getPath(replica, 'SSESpecification.KMSMasterKeyId'),
        }))
      : [
          {
            path: 'SSESpecification.KMSMasterKeyId',
            name: 'the table',
            value: getPath(r.properties, 'SSESpecification.KMSMasterKeyId'),
          },
        ];
  const verdicts = keys.map(k => ({
    ...k,
    cmk: isCustomerManagedKey(template, k.value),
  }));
  const aws = verdicts.filter(v => v.cmk === false);
  if (aws.length)
    return fail(
      `${r.logicalId}: ${aws
        .map(v => v.name)
        .join(
          ', ',
        )} encrypted with the AWS-managed key aws/dynamodb; set KMSMasterKeyId to a customer-managed key`,
      where,
    );
  const undecided = verdicts.find(v => isUnknown(v.cmk));
  if (undecided && isUnknown(undecided.cmk))
    return unknown(
      `${r.logicalId}: ${undecided.path} cannot be resolved (${undecided.cmk.reason})`,
      where,
    );
  return pass(
    `${r.logicalId}: encrypted with a customer-managed KMS key`,
    where,
  );
}

/**
 * DR-02 for DynamoDB: point-in-time recovery on, with a recovery period ≥ the policy's
 * retention (RecoveryPeriodInDays, 1–35, defaults to 35 once PITR is on:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-pointintimerecoveryspecification.html).
 * A global table sets it per replica.
 *
 * @internal
 */
export function dynamoDbRecovery(
  r: ResolvedResource,
  minDays: number,
): CheckOutcome {
  const specs =
    r.type === 'AWS::DynamoDB::GlobalTable'
      ? asList(r.properties.Replicas).map((replica, i) => ({
          prefix: `Replicas[${i}].PointInTimeRecoverySpecification`,
          value: isUnknown(replica)
            ? replica
            : getPath(replica, 'PointInTimeRecoverySpecification'),
        }))
      : [
          {
            prefix: 'PointInTimeRecoverySpecification',
            value: r.properties.PointInTimeRecoverySpecification,
          },
        ];
  return collect(
    r,
    specs.flatMap(({ prefix, value }) => {
      const enabled = isUnknown(value)
        ? value
        : cfnBool(getPath(value, 'PointInTimeRecoveryEnabled'));
      const days = isUnknown(value)
        ? value
        : cfnNumber(getPath(value, 'RecoveryPeriodInDays') ?? 35);
      return [
        {
          path: `${prefix}.PointInTimeRecoveryEnabled`,
          value: enabled,
          ok: isTrue,
          bad: `${prefix}.PointInTimeRecoveryEnabled is not true (no point-in-time recovery)`,
          loc: 'PointInTimeRecoverySpecification',
        },
        {
          path: `${prefix}.RecoveryPeriodInDays`,
          value: enabled === false ? minDays : days,
          ok: (n: number) => n >= minDays,
          bad: (n: number) =>
            `recovery period ${n} day(s); the policy requires ≥ ${minDays}`,
          loc: 'PointInTimeRecoverySpecification',
        },
      ];
    }),
    {
      ok: `point-in-time recovery for ≥ ${minDays} days`,
      okAt: 'PointInTimeRecoverySpecification',
    },
  );
}
