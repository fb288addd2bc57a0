/*
 * ENC-03 and ENC-04 (bucket encryption, the plain-HTTP deny and what it covers) through
 * evaluateEntity with the default policy; their declared form and unresolved values are
 * tested with the rest of the family in encryptionControls.test.ts.
 */
import { evaluateYaml, locations } from './testHelpers';

const KEY = `
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy: { Version: '2012-10-17', Statement: [] }`;

describe('ENC-03 buckets encrypt by default with a customer-managed KMS key', () => {
  const bucket = (byDefault: string) => `
Parameters:
  BucketKeyArn: { Type: String }
  Environment: { Type: String }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]
Resources:${KEY}
  Documents:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - BucketKeyEnabled: true
            ServerSideEncryptionByDefault: ${byDefault}
`;

  it('passes with aws:kms and a key of the template', () => {
    const r = evaluateYaml(
      bucket(
        `{ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: !GetAtt DataKey.Arn }`,
      ),
    )('ENC-03');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Documents: encrypted by default with a customer-managed KMS key',
    );
    expect(locations(r)).toEqual([
      'Documents:Properties.BucketEncryption.ServerSideEncryptionConfiguration',
    ]);
  });

  it('fails with SSE-S3 (AES256)', () => {
    const r = evaluateYaml(bucket(`{ SSEAlgorithm: AES256 }`))('ENC-03');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('Documents: default encryption is AES256');
  });

  it('fails with aws:kms but no KMSMasterKeyID (AWS-managed aws/s3 key)', () => {
    const r = evaluateYaml(bucket(`{ SSEAlgorithm: 'aws:kms' }`))('ENC-03');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'aws:kms without a customer-managed KMSMasterKeyID',
    );
  });

  it('fails without any BucketEncryption', () => {
    const r = evaluateYaml(`
Resources:
  Plain: { Type: AWS::S3::Bucket, Properties: { BucketName: plain-bucket } }
`)('ENC-03');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('Plain: no default encryption configured');
  });

  it('is unknown when KMSMasterKeyID comes from a parameter without a default', () => {
    const r = evaluateYaml(
      bucket(`{ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: !Ref BucketKeyArn }`),
    )('ENC-03');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('Documents: KMSMasterKeyID cannot be resolved');
    expect(r.message).toContain('parameter BucketKeyArn has no default');
  });

  it('is unknown when SSEAlgorithm is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(
      bucket(
        `{ SSEAlgorithm: !If [IsProduction, 'aws:kms', AES256], KMSMasterKeyID: !Ref DataKey }`,
      ),
    )('ENC-03');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('Documents: SSEAlgorithm cannot be resolved');
  });
});

describe('ENC-04 buckets deny plain-HTTP access', () => {
  // Unresolved values (unknown) and certain failures: see "encryption controls: what cannot be resolved…" below.
  const policy = (statement: string, bucket = 'Documents') => `
Resources:
  Documents: { Type: AWS::S3::Bucket }
  Other: { Type: AWS::S3::Bucket }
  DocumentsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref ${bucket}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - ${statement}
`;
  const deny = `{ Sid: AllowSSLRequestsOnly, Effect: Deny, Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::documents', 'arn:aws:s3:::documents/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }`;

  it('fails only the bucket that no deny-HTTP policy protects', () => {
    const r = evaluateYaml(policy(deny))('ENC-04');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Other: no bucket policy denies aws:SecureTransport=false',
    );
    expect(locations(r)).toEqual(['Other']);
  });

  it('passes when every bucket has the deny statement (boolean false counts as "false")', () => {
    const r = evaluateYaml(`
Resources:
  Documents: { Type: AWS::S3::Bucket }
  DocumentsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Documents
      PolicyDocument:
        Statement:
          - { Effect: Deny, Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': false } } }
`)('ENC-04');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Documents: bucket policy denies requests without TLS',
    );
  });

  it('fails when the policy only allows (no Deny on aws:SecureTransport)', () => {
    const r = evaluateYaml(
      policy(
        `{ Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:root }, Action: 's3:GetObject', Resource: '*' }`,
      ),
    )('ENC-04');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'Documents: no bucket policy denies aws:SecureTransport=false',
    );
  });
});

describe('ENC-04 the TLS deny covers the bucket and all objects, for all principals and actions', () => {
  // The statement of https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
  // ("Managing access based on HTTP or HTTPS requests"): Principal *, Action s3:*, Resource
  // the bucket and bucket/*, Condition aws:SecureTransport false.
  const policy = (
    statement: string,
    bucketName = '',
    policyBucket = '!Ref DemoBucket',
  ) => `
Parameters:
  Env: { Type: String }
Resources:
  DemoBucket: { Type: AWS::S3::Bucket${bucketName} }
  DemoBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: ${policyBucket}
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - ${statement}
`;
  const tls = `Condition: { Bool: { 'aws:SecureTransport': 'false' } }`;
  const statement = (resource: string, principal = `'*'`, action = `'s3:*'`) =>
    `{ Sid: RestrictToTLSRequestsOnly, Effect: Deny, Principal: ${principal}, Action: ${action}, Resource: ${resource}, ${tls} }`;
  const both = `[!GetAtt DemoBucket.Arn, !Sub '\${DemoBucket.Arn}/*']`;
  const status = (yaml: string) => evaluateYaml(yaml)('ENC-04');

  it('passes the documented statement (bucket ARN and bucket/*, built with GetAtt and Sub)', () => {
    const r = status(policy(statement(both)));
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'DemoBucket: bucket policy denies requests without TLS',
    );
  });

  it('passes the statement with Fn::Join ARNs', () => {
    const r = status(
      policy(
        statement(
          `[!Join ['', ['arn:aws:s3:::', !Ref DemoBucket]], !Join ['', ['arn:aws:s3:::', !Ref DemoBucket, '/*']]]`,
        ),
      ),
    );
    expect(r.status).toBe('pass');
  });

  it('fails a deny that covers only objects under a prefix', () => {
    const r = status(
      policy(
        statement(`!Sub 'arn:\${AWS::Partition}:s3:::\${DemoBucket}/logs/*'`),
      ),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'DemoBucket: the aws:SecureTransport=false deny of DemoBucketPolicy does not cover the bucket; does not cover all objects (only a prefix or none) — it must deny every principal and action on the bucket and all its objects',
    );
  });

  it('fails a deny that covers only the objects, not the bucket', () => {
    const r = status(policy(statement(`!Sub '\${DemoBucket.Arn}/*'`)));
    expect(r.status).toBe('fail');
    expect(r.message).toContain('does not cover the bucket —');
  });

  it('fails a deny for one principal or one action only', () => {
    const principal = status(
      policy(statement(both, `{ AWS: 'arn:aws:iam::111122223333:root' }`)),
    );
    expect(principal.status).toBe('fail');
    expect(principal.message).toContain(
      'applies only to Principal {"AWS":"arn:aws:iam::111122223333:root"}',
    );
    const action = status(policy(statement(both, `'*'`, `'s3:GetObject'`)));
    expect(action.status).toBe('fail');
    expect(action.message).toContain('denies only s3:GetObject');
  });

  it('recognises the policy whose Bucket is the same !Sub as the BucketName (no avoidable unknown)', () => {
    const name = `, Properties: { BucketName: !Sub '\${AWS::StackName}-\${Env}-data' }`;
    const same = status(
      policy(statement(`'*'`), name, `!Sub '\${AWS::StackName}-\${Env}-data'`),
    );
    expect(same.status).toBe('pass');
    const other = status(
      policy(statement(`'*'`), name, `!Sub '\${AWS::StackName}-\${Env}-logs'`),
    );
    expect(other.status).toBe('unknown');
    expect(other.message).toContain(
      'whether DemoBucketPolicy denies aws:SecureTransport=false cannot be resolved',
    );
  });
});
