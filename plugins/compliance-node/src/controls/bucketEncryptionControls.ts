/*
 * ENC-03 and ENC-04: buckets encrypt with a customer-managed key and deny plain HTTP. Most of
 * the file reads bucket policies: which statements deny aws:SecureTransport=false, and whether
 * they cover the bucket and all its objects for every principal.
 */
import {
  getPath,
  isResourceReference,
  isUnknown,
  Unknown,
  ResolvedResource,
  ResolvedTemplate,
} from '../cloudformation';
import { asList, isCustomerManagedKey, ofType, refersTo } from './cfnHelpers';
import {
  Maybe,
  allOf,
  anyOf,
  at,
  declaredCheck,
  fail,
  isTrue,
  pass,
  unknown,
  ENCRYPTED_WITH_CMK,
} from './outcomes';
import { deepEqual } from '../cloudformation/deepEqual';
import { CheckOutcome, ControlImplementation } from './types';

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

/** @internal */
export const bucketEncryptionControls: ControlImplementation[] = [
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
    declared: ({ facts }) => declaredCheck(facts, ENCRYPTED_WITH_CMK),
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
];
