import { readComplianceAnnotations } from './readComplianceAnnotations';
import { cloudOf } from './platform';

describe('readComplianceAnnotations', () => {
  it('reads every annotation and the declared facts with provenance', () => {
    const read = readComplianceAnnotations(
      {
        'refarch.dev/tier': 'critical',
        'refarch.dev/rpo': '15m',
        'refarch.dev/rto': '1h',
        'refarch.dev/frameworks': 'soc2, gdpr',
        'refarch.dev/data-classification': 'health',
        'refarch.dev/region': 'europe-west3',
        'refarch.dev/cloudformation': './infra/root.yaml',
        'refarch.dev/cloudformation-stack':
          'arn:aws:cloudformation:eu-central-1:123456789012:stack/payments/6d4c1a70-1b2c-11ef-9a3b-0a1b2c3d4e5f',
        'refarch.dev/template': 'template:default/aws-service@3f2a9c1',
        'refarch.dev/declared.multi-az': 'true',
        'backstage.io/managed-by-location': 'file:/x',
      },
      '2026-11-23T00:00:00.000Z',
    );
    expect(read).toMatchObject({
      tier: 'critical',
      rpo: 900,
      rto: 3600,
      frameworks: ['soc2', 'gdpr'],
      dataClassification: 'health',
      region: 'europe-west3',
      cloudformation: './infra/root.yaml',
      template: 'template:default/aws-service@3f2a9c1',
      errors: [],
    });
    expect(read.declared).toEqual([
      {
        id: 'multi-az',
        value: true,
        provenance: 'declared',
        source: 'refarch.dev/declared.multi-az',
        observedAt: '2026-11-23T00:00:00.000Z',
      },
    ]);
  });

  it('reports each malformed annotation and keeps the valid ones', () => {
    const read = readComplianceAnnotations({
      'refarch.dev/tier': 'platinum',
      'refarch.dev/frameworks': 'soc2,iso9001',
      'refarch.dev/region': 'mars',
      'refarch.dev/cloudformation-stack': 'payments',
      'refarch.dev/teir': 'critical',
      'refarch.dev/rto': '4h',
    });
    expect(read.rto).toBe(14400);
    expect(read.frameworks).toEqual(['soc2']);
    expect(read.errors).toEqual([
      'Annotation refarch.dev/tier: must be one of critical, standard (or an assumption "assumed: <tier>, <why>"), got "platinum"',
      'Annotation refarch.dev/frameworks: unknown framework(s) iso9001; known: soc2, gdpr, bsi-tr-03161, bsi-c5, diga, pci-dss, cis-aws',
      'Annotation refarch.dev/region: must be a cloud region such as eu-central-1 or europe-west3, got "mars"',
      expect.stringContaining(
        'Annotation refarch.dev/cloudformation-stack: must be a CloudFormation stack ARN',
      ),
      expect.stringContaining(
        'Annotation refarch.dev/teir: unknown annotation',
      ),
    ]);
  });

  it('reads the platform, and says when it contradicts the region', () => {
    const gcp = readComplianceAnnotations({ 'refarch.dev/platform': 'gcp' });
    expect(gcp.platform).toBe('gcp');
    expect(cloudOf(gcp)).toBe('gcp');
    expect(
      cloudOf(readComplianceAnnotations({ 'refarch.dev/region': 'eu-west-1' })),
    ).toBe('aws');
    expect(cloudOf(readComplianceAnnotations({}))).toBeUndefined();
    expect(
      readComplianceAnnotations({ 'refarch.dev/platform': 'azure' }).errors,
    ).toEqual([
      'Annotation refarch.dev/platform: must be one of aws, gcp, got "azure"',
    ]);
    expect(
      readComplianceAnnotations({
        'refarch.dev/platform': 'gcp',
        'refarch.dev/region': 'eu-central-1',
      }).errors,
    ).toEqual([
      'Annotation refarch.dev/platform: says gcp but refarch.dev/region "eu-central-1" is a region of aws',
    ]);
  });

  it('reads targets per disruption type, their source, the citation and an assumed tier', () => {
    const read = readComplianceAnnotations({
      'refarch.dev/source': '002 §Disaster recovery',
      'refarch.dev/rpo.software': '15m',
      'refarch.dev/rto.az': '1h',
      'refarch.dev/rto.region': '24h',
      'refarch.dev/dr-targets-source':
        '002 §Disaster recovery (failure-mode table)',
      'refarch.dev/tier': 'assumed: critical, because it holds customer data',
    });
    expect(read.errors).toEqual([]);
    expect(read.targets).toEqual({
      software: { rpo: 900 },
      az: { rto: 3600 },
      region: { rto: 86400 },
    });
    expect(read.targetsSource).toBe(
      '002 §Disaster recovery (failure-mode table)',
    );
    expect(read.source).toBe('002 §Disaster recovery');
    expect(read.tier).toBeUndefined();
    expect(read.tierAssumption).toBe(
      'assumed: critical, because it holds customer data',
    );
  });

  it('falls back to the entity citation for the targets, and rejects malformed ones', () => {
    expect(
      readComplianceAnnotations({
        'refarch.dev/source': '004 §8.1',
        'refarch.dev/rpo': '1h',
      }).targetsSource,
    ).toBe('004 §8.1');
    const bad = readComplianceAnnotations({
      'refarch.dev/source': 'the document',
      'refarch.dev/rto.region': 'a day',
      'refarch.dev/rto.moon': '1h',
    });
    expect(bad.errors).toEqual([
      expect.stringContaining(
        'Annotation refarch.dev/source: must cite a seed document section',
      ),
      'Annotation refarch.dev/rto.region: must be a duration such as 15m or 4h, got "a day"',
      expect.stringContaining(
        'Annotation refarch.dev/rto.moon: unknown annotation',
      ),
    ]);
  });

  it('reads an assumed declared fact as unverified, never as a value', () => {
    const read = readComplianceAnnotations({
      'refarch.dev/declared.min-tasks': 'assumed: 3, the replica count',
    });
    expect(read.declared[0]).toMatchObject({
      id: 'min-tasks',
      unverified: 'assumed, not stated by the document: 3, the replica count',
    });
    expect(read.declared[0].value).toBeUndefined();
  });
});
