/*
 * The encryption family: ENC-01 to ENC-08 (databases, KMS keys, caches, log groups, secrets)
 * here, but the buckets' ENC-03/ENC-04 in bucketEncryptionControls.ts and the listeners'
 * TLS-01/TLS-02 in tlsControls.ts. Their metadata is in encryptionControls.meta.ts.
 */
import {
  isResourceReference,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
} from '../cloudformation';
import {
  asList,
  byLogicalId,
  isCustomerManagedKey,
  isSecretReference,
} from './cfnHelpers';
import {
  at,
  cfnBool,
  cfnNumber,
  declaredCheck,
  expectProp,
  fail,
  ifApplies,
  isTrue,
  pass,
  unknown,
  isCmk,
  ENCRYPTED_WITH_CMK,
} from './outcomes';
import { dynamoDbEncryption } from './dynamoDbChecks';
import { CheckOutcome, ControlImplementation } from './types';
import { isClusterMember } from './cfnDefaults';
import { tlsControls } from './tlsControls';
import { bucketEncryptionControls } from './bucketEncryptionControls';

function authToken(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome {
  const token = r.properties.AuthToken;
  if (isUnknown(token))
    return unknown(
      `${r.logicalId}: AuthToken cannot be resolved (${token.reason})`,
      [at(r, 'AuthToken')],
    );
  if (token === undefined)
    return fail(
      `${r.logicalId}: no AuthToken and no RBAC user groups — clients connect unauthenticated`,
      [at(r, 'AuthToken')],
    );
  return isSecretReference(template, token)
    ? pass(`${r.logicalId}: auth token resolved from Secrets Manager`, [
        at(r, 'AuthToken'),
      ])
    : fail(
        `${r.logicalId}: AuthToken is not a Secrets Manager dynamic reference`,
        [at(r, 'AuthToken')],
      );
}

function keyRotation(r: ResolvedResource, maxDays: number): CheckOutcome {
  const rotation = cfnBool(r.properties.EnableKeyRotation);
  if (isUnknown(rotation))
    return unknown(
      `${r.logicalId}: EnableKeyRotation cannot be resolved (${rotation.reason})`,
      [at(r, 'EnableKeyRotation')],
    );
  if (rotation !== true)
    return fail(`${r.logicalId}: EnableKeyRotation is not true`, [
      at(r, 'EnableKeyRotation'),
    ]);
  const period = cfnNumber(r.properties.RotationPeriodInDays) ?? 365;
  if (isUnknown(period))
    return unknown(
      `${r.logicalId}: RotationPeriodInDays cannot be resolved (${period.reason})`,
      [at(r, 'RotationPeriodInDays')],
    );
  return period <= maxDays
    ? pass(`${r.logicalId}: rotates every ${period} days`, [
        at(r, 'EnableKeyRotation'),
      ])
    : fail(
        `${r.logicalId}: rotates every ${period} days; the policy requires ≤ ${maxDays}`,
        [at(r, 'RotationPeriodInDays')],
      );
}

function rdsEncryption(
  template: ResolvedTemplate,
  r: ResolvedResource,
  depth = 0,
): CheckOutcome {
  const source = r.properties.SourceDBInstanceIdentifier;
  if (source !== undefined && r.properties.KmsKeyId === undefined)
    return readReplica(template, r, source, depth);
  const enc = cfnBool(r.properties.StorageEncrypted);
  if (enc !== true && !isUnknown(enc))
    return fail(
      `${r.logicalId}: StorageEncrypted is not true — the database is stored unencrypted`,
      [at(r, 'StorageEncrypted')],
    );
  const key = isCustomerManagedKey(template, r.properties.KmsKeyId);
  if (key === false) {
    // Unencrypted, or encrypted with aws/rds: a failure whatever StorageEncrypted is.
    return fail(
      isUnknown(enc)
        ? `${r.logicalId}: no customer-managed KmsKeyId — the database is unencrypted or encrypted with the AWS-managed key aws/rds (StorageEncrypted cannot be resolved)`
        : `${r.logicalId}: encrypted with the AWS-managed key aws/rds; set KmsKeyId to a customer-managed key`,
      [at(r, 'KmsKeyId')],
    );
  }
  if (isUnknown(enc))
    return unknown(
      `${r.logicalId}: StorageEncrypted cannot be resolved (${enc.reason})`,
      [at(r, 'StorageEncrypted')],
    );
  if (isUnknown(key))
    return unknown(
      `${r.logicalId}: KmsKeyId cannot be resolved (${key.reason})`,
      [at(r, 'KmsKeyId')],
    );
  return pass(`${r.logicalId}: encrypted with a customer-managed KMS key`, [
    at(r, 'KmsKeyId'),
  ]);
}

/**
 * ENC-01 for a read replica without its own KmsKeyId: it inherits encryption and key from
 * its source (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-sourcedbinstanceidentifier).
 */
function readReplica(
  template: ResolvedTemplate,
  r: ResolvedResource,
  source: unknown,
  depth: number,
): CheckOutcome {
  const where = [at(r, 'SourceDBInstanceIdentifier')];
  if (isUnknown(source))
    return unknown(
      `${r.logicalId}: read replica; SourceDBInstanceIdentifier, whose encryption it inherits, cannot be resolved (${source.reason})`,
      where,
    );
  const origin = isResourceReference(source)
    ? byLogicalId(template, source.logicalId)
    : undefined;
  if (!origin || origin.type !== 'AWS::RDS::DBInstance' || depth > 4)
    return unknown(
      `${r.logicalId}: read replica of ${String(
        source,
      )}, which is not in this template; it inherits that instance's encryption and key`,
      where,
    );
  const inherited = rdsEncryption(template, origin, depth + 1);
  return {
    ...inherited,
    message: `${r.logicalId}: read replica of ${origin.logicalId}, inherits its encryption — ${inherited.message}`,
    resources: [...where, ...(inherited.resources ?? [])],
  };
}

/** @internal */
export const encryptionControls: ControlImplementation[] = [
  {
    id: 'ENC-01',
    cfn: ({ resources, template }) =>
      resources
        // Aurora instances inherit encryption from their cluster.
        .filter(r => !isClusterMember(r))
        .map(r =>
          r.type.startsWith('AWS::DynamoDB::')
            ? dynamoDbEncryption(template, r)
            : rdsEncryption(template, r),
        ),
    declared: ({ facts }) => declaredCheck(facts, ENCRYPTED_WITH_CMK),
  },
  {
    id: 'ENC-02',
    cfn: ({ resources, params }) =>
      resources.flatMap(r => {
        const spec = r.properties.KeySpec;
        if (
          spec !== undefined &&
          spec !== 'SYMMETRIC_DEFAULT' &&
          !isUnknown(spec)
        ) {
          return [
            pass(
              `${r.logicalId}: asymmetric/HMAC key (${String(
                spec,
              )}) — AWS does not rotate these; rotation not required`,
              [at(r, 'KeySpec')],
            ),
          ];
        }
        // Only symmetric keys must rotate: with an unresolved KeySpec, only a pass is certain.
        return ifApplies(
          isUnknown(spec) ? spec : true,
          `${r.logicalId}: KeySpec (whether the key is symmetric and must rotate)`,
          () => keyRotation(r, Number(params.maxRotationPeriodDays)),
        );
      }),
    declared: ({ facts, params }) =>
      declaredCheck(facts, [
        { id: 'key-rotation', expect: isTrue, requirement: 'true' },
        {
          id: 'key-rotation-period',
          expect: v =>
            typeof v === 'number' &&
            v <= Number(params.maxRotationPeriodDays) * 86400,
          requirement: `≤ ${params.maxRotationPeriodDays}d`,
          optional: true,
        },
      ]),
  },
  ...bucketEncryptionControls,
  {
    id: 'ENC-05',
    cfn: ({ resources, template }) =>
      resources.flatMap((r): CheckOutcome[] => {
        if (r.type === 'AWS::ElastiCache::ServerlessCache') {
          // Always encrypted at rest and in transit; KmsKeyId chooses the key
          // (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html).
          return [
            expectProp(
              r,
              'KmsKeyId',
              isCustomerManagedKey(template, r.properties.KmsKeyId),
              isTrue,
              {
                ok: 'serverless cache (always encrypted at rest and in transit) with a customer-managed key',
                bad: 'serverless cache encrypted with the AWS-managed key; set KmsKeyId to a customer-managed key',
              },
            ),
          ];
        }
        if (r.type === 'AWS::ElastiCache::CacheCluster') {
          return [
            fail(
              `${r.logicalId}: a standalone CacheCluster cannot be encrypted at rest; use a ReplicationGroup`,
              [at(r)],
            ),
          ];
        }
        const rest = expectProp(
          r,
          'AtRestEncryptionEnabled',
          cfnBool(r.properties.AtRestEncryptionEnabled),
          v => v === true,
          {
            ok: 'encrypted at rest',
            bad: 'AtRestEncryptionEnabled is not true',
          },
        );
        const transit = expectProp(
          r,
          'TransitEncryptionEnabled',
          cfnBool(r.properties.TransitEncryptionEnabled),
          v => v === true,
          {
            ok: 'encrypted in transit',
            bad: 'TransitEncryptionEnabled is not true',
          },
        );
        const keyOutcome = expectProp(
          r,
          'KmsKeyId',
          isCustomerManagedKey(template, r.properties.KmsKeyId),
          isTrue,
          {
            ok: 'customer-managed key',
            bad: 'no customer-managed KmsKeyId (AWS-managed key)',
          },
        );
        return [rest, transit, keyOutcome];
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'storage-encrypted', expect: isTrue, requirement: 'true' },
        { id: 'transit-encryption', expect: isTrue, requirement: 'true' },
        {
          id: 'encryption-key',
          expect: isCmk,
          requirement: 'cmk (customer-managed key)',
        },
      ]),
  },
  {
    id: 'ENC-06',
    cfn: ({ resources, template }) =>
      resources.map(r => {
        const groups = r.properties.UserGroupIds;
        if (!isUnknown(groups) && asList(groups).length > 0)
          return pass(`${r.logicalId}: RBAC user groups`, [
            at(r, 'UserGroupIds'),
          ]);
        const token = authToken(template, r);
        // Without user groups the token decides; whether there are any is not known.
        return isUnknown(groups) && token.status !== 'pass'
          ? unknown(
              `${r.logicalId}: UserGroupIds cannot be resolved (${groups.reason}); without RBAC user groups: ${token.message}`,
              [at(r, 'UserGroupIds')],
            )
          : token;
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        {
          id: 'cache-auth',
          expect: v => v !== 'none',
          requirement: 'secrets-manager, rbac or iam',
        },
      ]),
  },
  {
    id: 'ENC-07',
    cfn: ({ resources, template }) =>
      resources.map(r => {
        const key = isCustomerManagedKey(template, r.properties.KmsKeyId);
        if (isUnknown(key))
          return unknown(
            `${r.logicalId}: KmsKeyId cannot be resolved (${key.reason})`,
            [at(r, 'KmsKeyId')],
          );
        return key
          ? pass(`${r.logicalId}: encrypted with KMS`, [at(r, 'KmsKeyId')])
          : fail(`${r.logicalId}: log group has no KmsKeyId`, [
              at(r, 'KmsKeyId'),
            ]);
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'log-encryption', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'ENC-08',
    cfn: ({ resources, template }) =>
      resources.map(r => {
        const key = isCustomerManagedKey(template, r.properties.KmsKeyId);
        if (isUnknown(key))
          return unknown(
            `${r.logicalId}: KmsKeyId cannot be resolved (${key.reason})`,
            [at(r, 'KmsKeyId')],
          );
        return key
          ? pass(`${r.logicalId}: encrypted with a customer-managed key`, [
              at(r, 'KmsKeyId'),
            ])
          : fail(
              `${r.logicalId}: uses the AWS-managed key aws/secretsmanager`,
              [at(r, 'KmsKeyId')],
            );
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        {
          id: 'encryption-key',
          expect: isCmk,
          requirement: 'cmk (customer-managed key)',
        },
      ]),
  },
  ...tlsControls,
];
