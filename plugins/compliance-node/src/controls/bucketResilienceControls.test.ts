/*
 * DR-06 and DR-07 (bucket versioning, replication, Object Lock) through evaluateEntity with
 * the default policy; their declared form and unresolved values are tested with the rest of
 * the family in resilienceControls.test.ts.
 */
import { evaluateYaml, locations } from './testHelpers';

describe('DR-06 buckets are versioned and replicated to another region', () => {
  // Unresolved values (unknown) and certain failures: see "resilience controls: what cannot be resolved…" below.
  const bucket = (props: string) => `
Resources:
  Documents:
    Type: AWS::S3::Bucket
    Properties:
${props}`;
  const replication = `      ReplicationConfiguration:
        Role: arn:aws:iam::111122223333:role/s3-replication
        Rules: [{ Id: dr, Status: Enabled, Priority: 1, Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: Enabled }, Destination: { Bucket: 'arn:aws:s3:::documents-eu-west-1' } }]`;

  it('passes a versioned, replicated bucket', () => {
    const r = evaluateYaml(
      bucket(
        `      VersioningConfiguration: { Status: Enabled }\n${replication}`,
      ),
    )('DR-06');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Documents: versioned and replicated');
    expect(locations(r)).toEqual([
      'Documents:Properties.ReplicationConfiguration',
    ]);
  });

  it('fails a suspended-versioning bucket without replication', () => {
    const r = evaluateYaml(
      bucket(`      VersioningConfiguration: { Status: Suspended }`),
    )('DR-06');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Documents: versioning is off, no cross-region replication',
    );
    expect(locations(r)).toEqual([
      'Documents:Properties.VersioningConfiguration',
    ]);
  });

  it('fails a versioned bucket without replication', () => {
    const r = evaluateYaml(
      bucket(`      VersioningConfiguration: { Status: Enabled }`),
    )('DR-06');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Documents: no cross-region replication');
  });
});

describe('DR-07 evidence, audit and backup buckets use Object Lock', () => {
  // Unresolved values (unknown) and certain failures: see "resilience controls: what cannot be resolved…" below.
  const bucket = (logicalId: string, props: string) => `
Resources:
  ${logicalId}:
    Type: AWS::S3::Bucket
    Properties:
${props}`;

  it('passes an evidence bucket locked in compliance mode for 7 years', () => {
    const r = evaluateYaml(
      bucket(
        'EvidenceBucket',
        `      ObjectLockEnabled: true
      ObjectLockConfiguration: { ObjectLockEnabled: Enabled, Rule: { DefaultRetention: { Mode: COMPLIANCE, Years: 7 } } }`,
      ),
    )('DR-07');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'EvidenceBucket: Object Lock COMPLIANCE for 2555 days',
    );
    expect(locations(r)).toEqual([
      'EvidenceBucket:Properties.ObjectLockConfiguration',
    ]);
  });

  it('fails a bucket named for audit logs without Object Lock (matched by BucketName)', () => {
    const r = evaluateYaml(bucket('Logs', `      BucketName: acme-audit-logs`))(
      'DR-07',
    );
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Logs: holds audit/evidence/backup data without Object Lock',
    );
    expect(locations(r)).toEqual(['Logs:Properties.ObjectLockEnabled']);
  });

  it('fails a lock whose default retention is shorter than 2555 days', () => {
    const r = evaluateYaml(
      bucket(
        'BackupArchive',
        `      ObjectLockEnabled: true
      ObjectLockConfiguration: { ObjectLockEnabled: Enabled, Rule: { DefaultRetention: { Mode: GOVERNANCE, Days: 365 } } }`,
      ),
    )('DR-07');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'BackupArchive: Object Lock default retention 365 days (< 2555)',
    );
  });

  it('does not apply to other buckets', () => {
    expect(
      evaluateYaml(bucket('Assets', `      BucketName: web-assets`))('DR-07')
        .status,
    ).toBe('not-applicable');
  });
});
