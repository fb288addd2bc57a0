/*
 * NET-06 (bucket public access block and ACLs) through evaluateEntity with the default
 * policy; its declared form and unresolved values are tested with the rest of the family in
 * networkControls.test.ts.
 */
import { evaluateYaml, locations } from './testHelpers';

describe('NET-06 buckets block public access and disable ACLs', () => {
  const bucket = (
    block: string,
    ownership = `{ Rules: [{ ObjectOwnership: BucketOwnerEnforced }] }`,
  ) => `
Parameters:
  BlockPolicy: { Type: String }
Resources:
  Documents:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: ${block}
      OwnershipControls: ${ownership}
`;
  const all = `{ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }`;

  it('passes with all four settings and BucketOwnerEnforced', () => {
    const r = evaluateYaml(bucket(all))('NET-06');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Documents: public access blocked; ACLs disabled');
    expect(locations(r)).toEqual([
      'Documents:Properties.PublicAccessBlockConfiguration',
    ]);
  });

  it('fails an incomplete public access block, naming the missing settings', () => {
    const r = evaluateYaml(
      bucket(`{ BlockPublicAcls: true, IgnorePublicAcls: true }`),
    )('NET-06');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Documents: public access block turns off BlockPublicPolicy, RestrictPublicBuckets (a setting left out of PublicAccessBlockConfiguration is false)',
    );
  });

  it('fails when ACLs are still enabled', () => {
    const r = evaluateYaml(
      bucket(all, `{ Rules: [{ ObjectOwnership: ObjectWriter }] }`),
    )('NET-06');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Documents: ACLs are enabled (ObjectOwnership ObjectWriter)',
    );
    expect(locations(r)).toEqual(['Documents:Properties.OwnershipControls']);
  });

  // The minimal bucket of https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html
  // ("Create an S3 bucket"): since April 2023 S3 applies all four block settings and
  // BucketOwnerEnforced to new buckets (https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html).
  it('passes a bucket that leaves both to the April 2023 defaults, and says so', () => {
    const r = evaluateYaml(`
Resources:
  S3Bucket:
    Type: AWS::S3::Bucket
`)('NET-06');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'S3Bucket: PublicAccessBlockConfiguration not set: S3 turns all four settings on for new buckets (default since April 2023); OwnershipControls not set: ObjectOwnership is BucketOwnerEnforced, ACLs disabled (default since April 2023)',
    );
  });

  it('is unknown when a setting comes from a parameter without a default', () => {
    const r = evaluateYaml(
      bucket(
        `{ BlockPublicAcls: true, BlockPublicPolicy: !Ref BlockPolicy, IgnorePublicAcls: true, RestrictPublicBuckets: true }`,
      ),
    )('NET-06');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Documents: PublicAccessBlockConfiguration.BlockPublicPolicy cannot be resolved (parameter BlockPolicy has no default and no value was supplied)',
    );
  });
});
