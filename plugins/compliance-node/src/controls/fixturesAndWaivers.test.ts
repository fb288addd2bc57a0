/*
 * The engine's shared fixtures (src/__fixtures__) evaluated with the default policy, and
 * waivers: an active waiver turns a failure into `waived`, an expired one does not.
 */
import fs from 'fs';
import path from 'path';
import { defaultPolicy } from '../policy/defaultPolicy';
import { NOW, evaluateYaml } from './testHelpers';

const readFixture = (name: string) =>
  fs.readFileSync(path.resolve(__dirname, '../__fixtures__', name), 'utf8');

const failing = (
  yaml: string,
  annotations: Record<string, string> = {},
  type?: string,
) =>
  evaluateYaml(yaml, annotations, { type })
    .assessment.results.filter(r => r.status === 'fail')
    .map(r => r.controlId)
    .sort();

describe('fixtures', () => {
  const good = readFixture('environment-good.yaml');
  const weak = readFixture('environment-weak.yaml');
  const service = readFixture('service-good.yaml');

  it('evaluates every control of the default policy for an environment', () => {
    const { assessment } = evaluateYaml(good);
    expect(assessment.profile).toBe('aws-environment');
    expect(assessment.results.map(r => r.controlId)).toEqual(
      defaultPolicy.controls.map(c => c.id),
    );
    expect(assessment.errors).toEqual([]);
  });

  it('environment-good.yaml has no failing control', () => {
    expect(failing(good)).toEqual([]);
  });

  it('environment-good.yaml passes overall once the region is known (VPC endpoint names resolve)', () => {
    const { assessment } = evaluateYaml(good, {
      'refarch.dev/region': 'eu-central-1',
    });
    expect(assessment.status).toBe('pass');
    expect(assessment.counts.fail).toBe(0);
    expect(assessment.counts.unknown).toBe(0);
    expect(assessment.score).toBe(100);
  });

  it('environment-weak.yaml fails exactly ENC-01, NET-01, NET-02, DR-01 and DR-02', () => {
    expect(failing(weak)).toEqual([
      'DR-01',
      'DR-02',
      'ENC-01',
      'NET-01',
      'NET-02',
    ]);
    expect(failing(weak, { 'refarch.dev/region': 'eu-central-1' })).toEqual([
      'DR-01',
      'DR-02',
      'ENC-01',
      'NET-01',
      'NET-02',
    ]);
  });

  it('environment-weak.yaml reports the weak resources', () => {
    const result = evaluateYaml(weak);
    expect(result('NET-01').message).toBe('OpenSsh: port 22 open to 0.0.0.0/0');
    expect(result('ENC-01').message).toContain(
      'Database: StorageEncrypted is not true',
    );
    expect(result('NET-02').message).toBe(
      'Database: PubliclyAccessible is true',
    );
    expect(result('DR-01').message).toContain('Database: MultiAZ is not true');
    expect(result('DR-02').message).toContain(
      'Database: backups kept 7 day(s)',
    );
    expect(result('DR-02').message).toContain('DeletionPolicy Delete');
    expect(result.assessment.status).toBe('fail');
    expect(result.assessment.failing).toEqual(
      expect.objectContaining({ critical: 3, high: 2 }),
    );
  });

  it('service-good.yaml has no failing control (as a service, profile aws-ecs-service)', () => {
    const { assessment } = evaluateYaml(
      service,
      {},
      { type: 'service', kind: 'Component' },
    );
    expect(assessment.profile).toBe('aws-ecs-service');
    expect(assessment.counts.fail).toBe(0);
    expect(assessment.status).toBe('pass');
    expect(assessment.errors).toEqual([]);
  });
});

describe('waivers', () => {
  const weak = readFixture('environment-weak.yaml');
  const waiver = {
    id: 'waiver-42',
    controlId: 'NET-01',
    justification: 'Bastion replaced by SSM Session Manager in sprint 12',
    expiresAt: '2026-12-31T00:00:00.000Z',
    approvedBy: 'user:default/ciso',
  };

  it('an active waiver turns a failure into waived and attaches the waiver', () => {
    const result = evaluateYaml(weak, {}, { waivers: [waiver], now: NOW });
    const r = result('NET-01');
    expect(r.status).toBe('waived');
    expect(r.waiver).toEqual({
      id: 'waiver-42',
      justification: waiver.justification,
      expiresAt: waiver.expiresAt,
      approvedBy: 'user:default/ciso',
    });
    expect(r.message).toBe(
      `Waived until 2026-12-31: ${waiver.justification} — finding: OpenSsh: port 22 open to 0.0.0.0/0`,
    );
    expect(r.resources).toEqual([
      {
        logicalId: 'OpenSsh',
        type: 'AWS::EC2::SecurityGroup',
        path: 'Properties.SecurityGroupIngress[0]',
      },
    ]);
    expect(result.assessment.counts.waived).toBe(1);
    expect(result.assessment.counts.fail).toBe(4);
    expect(result.assessment.failing.critical).toBe(2);
  });

  it('an expired waiver (expiresAt before now) leaves the failure', () => {
    const expired = { ...waiver, expiresAt: '2026-05-31T23:59:59.000Z' };
    const r = evaluateYaml(
      weak,
      {},
      { waivers: [expired], now: NOW },
    )('NET-01');
    expect(r.status).toBe('fail');
    expect(r.waiver).toBeUndefined();
    expect(r.message).toBe('OpenSsh: port 22 open to 0.0.0.0/0');
  });

  it('decides expiry against input.now, not the clock', () => {
    expect(
      evaluateYaml(
        weak,
        {},
        { waivers: [waiver], now: new Date('2026-12-30T23:59:59Z') },
      )('NET-01').status,
    ).toBe('waived');
    expect(
      evaluateYaml(
        weak,
        {},
        { waivers: [waiver], now: new Date('2027-01-01T00:00:00Z') },
      )('NET-01').status,
    ).toBe('fail');
    // Expiring exactly now is expired.
    expect(
      evaluateYaml(
        weak,
        {},
        { waivers: [waiver], now: new Date(waiver.expiresAt) },
      )('NET-01').status,
    ).toBe('fail');
  });

  it('applies only to its own control and never to a passing result', () => {
    const result = evaluateYaml(
      weak,
      {},
      {
        waivers: [waiver, { ...waiver, id: 'waiver-43', controlId: 'ENC-02' }],
        now: NOW,
      },
    );
    expect(result('NET-02').status).toBe('fail');
    expect(result('ENC-02').status).toBe('pass');
    expect(result('ENC-02').waiver).toBeUndefined();
  });

  it('uses the waiver that expires last when several are active', () => {
    const r = evaluateYaml(
      weak,
      {},
      {
        waivers: [
          waiver,
          {
            ...waiver,
            id: 'waiver-later',
            expiresAt: '2027-03-31T00:00:00.000Z',
          },
          {
            ...waiver,
            id: 'waiver-expired',
            expiresAt: '2026-01-01T00:00:00.000Z',
          },
        ],
        now: NOW,
      },
    )('NET-01');
    expect(r.status).toBe('waived');
    expect(r.waiver?.id).toBe('waiver-later');
  });
});
