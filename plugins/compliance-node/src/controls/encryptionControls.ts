import {
  getPath,
  isResourceReference,
  isUnknown,
  Unknown,
  ResolvedResource,
  ResolvedTemplate,
} from '../cloudformation';
import {
  asList,
  byLogicalId,
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
import { deepEqual } from '../cloudformation/deepEqual';
import { ELB_TLS_POLICIES, tlsVersionAtLeast } from './tlsPolicies';
import { CLASSIC_ELB, classicHttp, classicTls } from './classicLoadBalancer';
import { dynamoDbEncryption } from './dynamoDbChecks';
import { CheckOutcome, ControlImplementation } from './types';
import { isClusterMember } from './cfnDefaults';

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

/** What a TLS-deny statement covers: the bucket, all its objects, and for whom. */
interface Coverage {
  bucket: Maybe;
  objects: Maybe;
  /** Why it does not apply to every request, e.g. `only Principal arn:…`. */
  narrower: string[];
}

const S3_ARN = /^arn:[^:]*:s3:::([^/]*)(?:\/(.*))?$/;

/**
 * What one Resource of a bucket policy designates: in a bucket policy S3 only accepts
 * resources of the bucket itself, so the shape tells: `arn:…:s3:::name` the bucket,
 * `…/*` every object, anything longer objects under a prefix
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html).
 */
function resourceScope(
  value: unknown,
  bucket: string,
): 'all' | 'bucket' | 'objects' | 'part' | Unknown {
  if (isResourceReference(value))
    return refersTo(value, bucket) && value.attribute === 'Arn'
      ? 'bucket'
      : 'part';
  let text: string | undefined;
  if (typeof value === 'string') text = value;
  else if (isUnknown(value)) {
    text = renderExpression(value.expression);
    if (text === undefined) return value;
  } else return 'part';
  if (text === '*') return 'all';
  const m = S3_ARN.exec(text);
  if (!m) return 'part';
  if (m[2] === undefined) return m[1].endsWith('*') ? 'all' : 'bucket';
  return m[2] === '*' ? 'objects' : 'part';
}

/**
 * The shape of a string-building expression (`!Sub '${Bucket.Arn}/*'`), its variables
 * replaced by `X` (an ARN for `.Arn`): enough to tell a bucket ARN from an object ARN.
 */
function renderExpression(expression: unknown, depth = 0): string | undefined {
  if (depth > 8 || expression === undefined) return undefined;
  if (typeof expression === 'string') return expression;
  const sub = getPath(expression, 'Fn::Sub');
  if (sub !== undefined) {
    const text = Array.isArray(sub) ? sub[0] : sub;
    if (typeof text !== 'string') return undefined;
    return text
      .replace(/\$\{[^}!]+\.Arn\}/g, 'arn:X:s3:::X')
      .replace(/\$\{[^}!]+\}/g, 'X');
  }
  const join = getPath(expression, 'Fn::Join');
  if (
    Array.isArray(join) &&
    typeof join[0] === 'string' &&
    Array.isArray(join[1])
  ) {
    const parts = join[1].map(part => {
      if (typeof part === 'string') return part;
      const att = getPath(part, 'Fn::GetAtt');
      if (Array.isArray(att) && att[1] === 'Arn') return 'arn:X:s3:::X';
      if (getPath(part, 'Ref') !== undefined) return 'X';
      return renderExpression(part, depth + 1);
    });
    return parts.every(p => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}

const isEveryone = (v: unknown) =>
  v === '*' ||
  (asList(getPath(v, 'AWS')).includes('*') &&
    Object.keys(v as object).length === 1);

/** What a statement that denies plain HTTP covers (see {@link Coverage}). */
function coverage(statement: unknown, bucket: string): Coverage {
  const narrower: string[] = [];
  const principal = getPath(statement, 'Principal');
  const action = getPath(statement, 'Action');
  if (getPath(statement, 'NotPrincipal') !== undefined)
    narrower.push('uses NotPrincipal');
  else if (isUnknown(principal))
    narrower.push(`Principal cannot be resolved (${principal.reason})`);
  else if (!isEveryone(principal))
    narrower.push(`applies only to Principal ${JSON.stringify(principal)}`);
  if (getPath(statement, 'NotAction') !== undefined)
    narrower.push('uses NotAction');
  else if (isUnknown(action))
    narrower.push(`Action cannot be resolved (${action.reason})`);
  else if (!asList(action).some(a => a === '*' || a === 's3:*'))
    narrower.push(`denies only ${asList(action).join(', ')}`);
  const resources = getPath(statement, 'Resource');
  const scopes = asList(resources).map(v => resourceScope(v, bucket));
  const named = (...ok: string[]) =>
    anyOf(scopes.map(c => (isUnknown(c) ? c : ok.includes(c))));
  return {
    bucket: named('all', 'bucket'),
    objects: named('all', 'objects'),
    narrower,
  };
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
  const name = r.properties.BucketName;
  // A policy whose Bucket cannot be resolved may be this bucket's, unless it is written
  // exactly as this bucket's BucketName.
  const verdicts = ofType(template, 'AWS::S3::BucketPolicy')
    .map(p => {
      const target = p.properties.Bucket;
      const mine =
        refersTo(target, r.logicalId) ||
        (typeof target === 'string' && target === name) ||
        (isUnknown(target) &&
          isUnknown(name) &&
          target.expression !== undefined &&
          deepEqual(target.expression, name.expression));
      return { p, mine, maybe: !mine && isUnknown(target) };
    })
    .filter(v => v.mine || v.maybe)
    .map(({ p, maybe }) => {
      const statements = asList(
        getPath(p.properties, 'PolicyDocument.Statement'),
      );
      const tls = statements.map(deniesPlainHttp);
      const denying = statements.filter((_, i) => tls[i] === true);
      const covers = denying.map(st => coverage(st, r.logicalId));
      const full = covers.filter(c => !c.narrower.length);
      const whole = allOf([
        anyOf(full.map(c => c.bucket)),
        anyOf(full.map(c => c.objects)),
      ]);
      const denies =
        whole === true ? true : anyOf([whole, ...tls.filter(isUnknown)]);
      return {
        p,
        covers,
        denies: maybe
          ? allOf([p.properties.Bucket as Unknown, denies])
          : denies,
      };
    });
  if (verdicts.some(v => v.denies === true && v.p.included === true))
    return pass(ok, [at(r)]);
  const conditional = verdicts.find(v => v.denies === true);
  if (conditional)
    return { ...pass(ok, [at(r)]), dependsOn: [conditional.p.logicalId] };
  const partial = verdicts.find(v => v.covers.length > 0 && v.denies === false);
  if (partial) {
    const c = partial.covers;
    const problems = [
      ...new Set(c.flatMap(x => x.narrower)),
      ...(anyOf(c.map(x => x.bucket)) === false
        ? ['does not cover the bucket']
        : []),
      ...(anyOf(c.map(x => x.objects)) === false
        ? ['does not cover all objects (only a prefix or none)']
        : []),
    ];
    return fail(
      `${r.logicalId}: the aws:SecureTransport=false deny of ${
        partial.p.logicalId
      } ${problems.join(
        '; ',
      )} — it must deny every principal and action on the bucket and all its objects`,
      [at(partial.p, 'PolicyDocument')],
    );
  }
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

/** TLS-01: whether the protocols an ELB security policy allows are all ≥ the minimum. */
function sslPolicyOutcome(
  r: ResolvedResource,
  policy: string,
  minTls: string,
): CheckOutcome {
  const protocols = ELB_TLS_POLICIES[policy];
  if (!protocols)
    return unknown(
      `${r.logicalId}: SslPolicy ${policy} is not in the table of ELB security policies (controls/tlsPolicies.ts), so the TLS versions it allows cannot be told`,
      [at(r, 'SslPolicy')],
    );
  const old = protocols.filter(v => !tlsVersionAtLeast(v, minTls));
  const allowed = `TLS ${protocols.join(', ')}`;
  return old.length
    ? fail(
        `${r.logicalId}: SslPolicy ${policy} allows ${allowed}; the policy requires TLS ≥ ${minTls}`,
        [at(r, 'SslPolicy')],
      )
    : pass(`${r.logicalId}: SslPolicy ${policy} allows ${allowed}`, [
        at(r, 'SslPolicy'),
      ]);
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
          expect: cmk,
          requirement: 'cmk (customer-managed key)',
        },
      ]),
  },
  {
    id: 'TLS-01',
    cfn: ({ resources, params }) => [
      ...resources
        .filter(r => r.type === CLASSIC_ELB)
        .flatMap(r => classicTls(r, String(params.minTlsVersion))),
      ...resources
        .filter(r => r.type !== CLASSIC_ELB)
        .filter(
          r =>
            r.properties.Protocol === 'HTTPS' ||
            r.properties.Protocol === 'TLS' ||
            isUnknown(r.properties.Protocol),
        )
        .map(r => {
          if (isUnknown(r.properties.Protocol))
            return unknown(
              `${r.logicalId}: Protocol cannot be resolved (${r.properties.Protocol.reason})`,
              [at(r, 'Protocol')],
            );
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
          return sslPolicyOutcome(
            r,
            String(policy),
            String(params.minTlsVersion),
          );
        }),
    ],
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
    cfn: ({ resources }) => [
      ...resources.filter(r => r.type === CLASSIC_ELB).flatMap(classicHttp),
      ...resources
        .filter(r => r.type !== CLASSIC_ELB)
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
    ],
  },
];
