import { markImplausibleValues } from './plausibility';
import { readComplianceAnnotations } from './readComplianceAnnotations';

describe('markImplausibleValues', () => {
  const key = (annotations: Record<string, string>) =>
    markImplausibleValues('kms-key', readComplianceAnnotations(annotations));

  it('flags an AWS KMS rotation period outside 90–2,560 days and makes it unverified', () => {
    const out = key({
      'refarch.dev/region': 'eu-central-1',
      'refarch.dev/declared.key-rotation-period': '30d',
    });
    expect(out.messages).toEqual([
      expect.stringMatching(
        /^declared\.key-rotation-period: AWS KMS automatic rotation accepts 90–2560 days, so a 30-day rotation is not automatic key rotation: either another mechanism \(on-demand rotation/,
      ),
    ]);
    expect(out.declared[0].value).toBeUndefined();
    expect(out.declared[0].unverified).toContain('90–2560 days');
  });

  it('says "if this is an AWS KMS key" when the region is not known', () => {
    expect(
      key({ 'refarch.dev/declared.key-rotation-period': '60d' }).messages[0],
    ).toContain('If this is an AWS KMS key');
  });

  it('accepts 90 days on AWS and any period on Google Cloud KMS', () => {
    expect(
      key({
        'refarch.dev/region': 'us-east-1',
        'refarch.dev/declared.key-rotation-period': '90d',
      }).messages,
    ).toEqual([]);
    expect(
      key({
        'refarch.dev/region': 'europe-west3',
        'refarch.dev/declared.key-rotation-period': '30d',
      }).messages,
    ).toEqual([]);
  });

  it('leaves other classes alone', () => {
    expect(
      markImplausibleValues(
        'secret',
        readComplianceAnnotations({
          'refarch.dev/declared.key-rotation-period': '30d',
        }),
      ).messages,
    ).toEqual([]);
  });
});
