import {
  getPath,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
} from '../cloudformation';
import {
  asList,
  isCustomerManagedKey,
  isSecretReference,
  ofType,
  refersTo,
} from './cfnHelpers';
import {
  Maybe,
  allOf,
  anyOf,
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
} from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

const cmk = (v: unknown) => v === 'cmk';

/** Whether a bucket policy statement denies requests without TLS. */
function deniesPlainHttp(statement: unknown): Maybe {
  if (isUnknown(statement)) return statement;
  const effect = getPath(statement, 'Effect');
  const secure = getPath(statement, 'Condition.Bool.aws:SecureTransport');
  return allOf([
    isUnknown(effect) ? effect : effect === 'Deny',
    isUnknown(secure)
      ? secure
      : secure !== undefined && String(secure) === 'false',
  ]);
}

/** Whether a listener action redirects to HTTPS. */
function redirectsToHttps(action: unknown): Maybe {
  if (isUnknown(action)) return action;
  const type = getPath(action, 'Type');
  const protocol = getPath(action, 'RedirectConfig.Protocol');
  return allOf([
    isUnknown(type) ? type : type === 'redirect',
    isUnknown(protocol) ? protocol : protocol === 'HTTPS',
  ]);
}

function secureTransport(
  template: ResolvedTemplate,
  r: ResolvedResource,
): CheckOutcome {
  const ok = `${r.logicalId}: bucket policy denies requests without TLS`;
  // A policy whose Bucket cannot be resolved may be this bucket's.
  const verdicts = ofType(template, 'AWS::S3::BucketPolicy')
    .filter(
      p =>
        refersTo(p.properties.Bucket, r.logicalId) ||
        isUnknown(p.properties.Bucket),
    )
    .map(p => {
      const denies = anyOf(
        asList(getPath(p.properties, 'PolicyDocument.Statement')).map(
          deniesPlainHttp,
        ),
      );
      return {
        p,
        denies: isUnknown(p.properties.Bucket)
          ? allOf([p.properties.Bucket, denies])
          : denies,
      };
    });
  if (verdicts.some(v => v.denies === true && v.p.included === true))
    return pass(ok, [at(r)]);
  const conditional = verdicts.find(v => v.denies === true);
  if (conditional)
    return { ...pass(ok, [at(r)]), dependsOn: [conditional.p.logicalId] };
  const undecided = verdicts.find(v => isUnknown(v.denies));
  if (undecided && isUnknown(undecided.denies)) {
    return unknown(
      `${r.logicalId}: whether ${undecided.p.logicalId} denies aws:SecureTransport=false cannot be resolved (${undecided.denies.reason})`,
      [at(undecided.p, 'PolicyDocument')],
    );
  }
  return fail(
    `${r.logicalId}: no bucket policy denies aws:SecureTransport=false`,
    [at(r)],
  );
}

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

/** @internal */
export const encryptionControls: ControlImplementation[] = [
  {
    id: 'ENC-01',
    cfn: ({ resources, template }) =>
      resources
        // Aurora instances inherit encryption from their cluster.
        .filter(
          r =>
            !(
              r.type === 'AWS::RDS::DBInstance' &&
              r.properties.DBClusterIdentifier !== undefined
            ),
        )
        .map(r => {
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
          return pass(
            `${r.logicalId}: encrypted with a customer-managed KMS key`,
            [at(r, 'KmsKeyId')],
          );
        }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'storage-encrypted', expect: isTrue, requirement: 'true' },
        {
          id: 'encryption-key',
          expect: cmk,
          requirement: 'cmk (customer-managed key)',
        },
      ]),
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
  {
    id: 'ENC-03',
    cfn: ({ resources, template }) =>
      resources.map(r => {
        const rules = asList(
          getPath(
            r.properties,
            'BucketEncryption.ServerSideEncryptionConfiguration',
          ),
        );
        const path = 'BucketEncryption.ServerSideEncryptionConfiguration';
        const undecided = rules.find(isUnknown);
        if (undecided)
          return unknown(
            `${r.logicalId}: bucket encryption cannot be resolved (${undecided.reason})`,
            [at(r, path)],
          );
        const byDefault = rules
          .map(rule => getPath(rule, 'ServerSideEncryptionByDefault'))
          .filter(d => d !== undefined && d !== null);
        if (byDefault.length === 0)
          return fail(
            `${r.logicalId}: no default encryption configured (SSE-S3 at best)`,
            [at(r, path)],
          );
        const d = byDefault[0];
        if (isUnknown(d))
          return unknown(
            `${r.logicalId}: ServerSideEncryptionByDefault cannot be resolved (${d.reason})`,
            [at(r, path)],
          );
        const algorithm = getPath(d, 'SSEAlgorithm');
        if (isUnknown(algorithm))
          return unknown(
            `${r.logicalId}: SSEAlgorithm cannot be resolved (${algorithm.reason})`,
            [at(r, path)],
          );
        if (algorithm !== 'aws:kms' && algorithm !== 'aws:kms:dsse') {
          return fail(
            `${r.logicalId}: default encryption is ${String(
              algorithm,
            )}; the policy requires aws:kms with a customer-managed key`,
            [at(r, path)],
          );
        }
        const key = isCustomerManagedKey(
          template,
          getPath(d, 'KMSMasterKeyID'),
        );
        if (isUnknown(key))
          return unknown(
            `${r.logicalId}: KMSMasterKeyID cannot be resolved (${key.reason})`,
            [at(r, path)],
          );
        return key
          ? pass(
              `${r.logicalId}: encrypted by default with a customer-managed KMS key`,
              [at(r, path)],
            )
          : fail(
              `${r.logicalId}: aws:kms without a customer-managed KMSMasterKeyID uses the AWS-managed key`,
              [at(r, path)],
            );
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'storage-encrypted', expect: isTrue, requirement: 'true' },
        {
          id: 'encryption-key',
          expect: cmk,
          requirement: 'cmk (customer-managed key)',
        },
      ]),
  },
  {
    id: 'ENC-04',
    cfn: ({ resources, template }) =>
      resources.map(r => secureTransport(template, r)),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        {
          id: 'secure-transport-enforced',
          expect: isTrue,
          requirement: 'true',
        },
      ]),
  },
  {
    id: 'ENC-05',
    cfn: ({ resources, template }) =>
      resources.flatMap((r): CheckOutcome[] => {
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
          expect: cmk,
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
          return unknown(`${r.logicalId}: KmsKeyId cannot be resolved`, [
            at(r, 'KmsKeyId'),
          ]);
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
          return unknown(`${r.logicalId}: KmsKeyId cannot be resolved`, [
            at(r, 'KmsKeyId'),
          ]);
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
          expect: cmk,
          requirement: 'cmk (customer-managed key)',
        },
      ]),
  },
  {
    id: 'TLS-01',
    cfn: ({ resources, params }) =>
      resources
        .filter(
          r =>
            r.properties.Protocol === 'HTTPS' ||
            r.properties.Protocol === 'TLS' ||
            isUnknown(r.properties.Protocol),
        )
        .map(r => {
          if (isUnknown(r.properties.Protocol))
            return unknown(`${r.logicalId}: Protocol cannot be resolved`, [
              at(r, 'Protocol'),
            ]);
          const certificates = r.properties.Certificates;
          if (isUnknown(certificates))
            return unknown(
              `${r.logicalId}: Certificates cannot be resolved (${certificates.reason})`,
              [at(r, 'Certificates')],
            );
          if (asList(certificates).length === 0)
            return fail(
              `${r.logicalId}: HTTPS listener without a certificate`,
              [at(r, 'Certificates')],
            );
          const policy = r.properties.SslPolicy;
          if (isUnknown(policy))
            return unknown(
              `${r.logicalId}: SslPolicy cannot be resolved (${policy.reason})`,
              [at(r, 'SslPolicy')],
            );
          if (policy === undefined)
            return fail(
              `${r.logicalId}: no SslPolicy — the default ELBSecurityPolicy-2016-08 accepts TLS 1.0`,
              [at(r, 'SslPolicy')],
            );
          return (params.allowedSslPolicies as string[]).includes(
            String(policy),
          )
            ? pass(`${r.logicalId}: ${String(policy)}`, [at(r, 'SslPolicy')])
            : fail(
                `${r.logicalId}: SslPolicy ${String(
                  policy,
                )} is not in the allowed TLS 1.2+ policies`,
                [at(r, 'SslPolicy')],
              );
        }),
    declared: ({ facts, params }) =>
      declaredCheck(facts, [
        {
          id: 'tls-min-version',
          expect: v =>
            typeof v === 'string' && v >= String(params.minTlsVersion),
          requirement: `≥ ${params.minTlsVersion}`,
        },
      ]),
  },
  {
    id: 'TLS-02',
    cfn: ({ resources }) =>
      resources
        .filter(
          r =>
            r.properties.Protocol === 'HTTP' ||
            isUnknown(r.properties.Protocol),
        )
        .map(r => {
          const protocol = r.properties.Protocol;
          if (isUnknown(protocol))
            return unknown(
              `${r.logicalId}: Protocol cannot be resolved (${protocol.reason})`,
              [at(r, 'Protocol')],
            );
          const actions = r.properties.DefaultActions;
          const redirects = isUnknown(actions)
            ? actions
            : asList(actions).length > 0 &&
              allOf(asList(actions).map(redirectsToHttps));
          if (isUnknown(redirects))
            return unknown(
              `${r.logicalId}: DefaultActions cannot be resolved (${redirects.reason})`,
              [at(r, 'DefaultActions')],
            );
          return redirects
            ? pass(`${r.logicalId}: HTTP redirects to HTTPS`, [
                at(r, 'DefaultActions'),
              ])
            : fail(
                `${r.logicalId}: HTTP listener serves traffic instead of redirecting to HTTPS`,
                [at(r, 'DefaultActions')],
              );
        }),
  },
];
