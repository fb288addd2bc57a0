import { ControlResult } from '@refarch/backstage-plugin-compliance-common';
import { assessment, policy } from '../../__testUtils__/renderCompliance';
import { buildControlRows, filterControlRows } from './controlRows';

describe('controlRows', () => {
  const rows = buildControlRows(assessment.results, policy.controls);

  it('sorts worst first: status, then severity, then id', () => {
    expect(
      rows.map(r => `${r.result.controlId} ${r.result.status}`).slice(0, 4),
    ).toEqual([
      'ENC-01 fail',
      'DR-02 fail',
      'NET-01 unknown',
      'SEC-02 unknown',
    ]);
    expect(rows[rows.length - 1].result.status).toBe('not-applicable');
  });

  it('counts CloudFormation results without facts as IaC', () => {
    const iac: ControlResult = {
      controlId: 'ENC-01',
      status: 'fail',
      message: 'Database: StorageEncrypted is not true',
      resources: [
        {
          logicalId: 'Database',
          type: 'AWS::RDS::DBInstance',
          path: 'Properties.StorageEncrypted',
        },
      ],
      facts: [],
    };
    const [row] = buildControlRows([iac], policy.controls);
    expect(row.provenances).toEqual(['iac']);
    expect(
      filterControlRows([row], { status: 'all', provenance: 'iac' }),
    ).toHaveLength(1);
    expect(
      filterControlRows([row], { status: 'all', provenance: 'declared' }),
    ).toHaveLength(0);
  });

  it('filters by status, severity and framework', () => {
    expect(filterControlRows(rows, { status: 'applicable' })).toHaveLength(9);
    expect(filterControlRows(rows, { status: 'all' })).toHaveLength(10);
    expect(
      filterControlRows(rows, { status: 'waived' }).map(
        r => r.result.controlId,
      ),
    ).toEqual(['DR-01']);
    expect(
      filterControlRows(rows, { status: 'all', severity: 'medium' }).map(
        r => r.result.controlId,
      ),
    ).toEqual(['LOG-06', 'DR-03']);
    expect(
      filterControlRows(rows, { status: 'fail', framework: 'soc2' }).map(
        r => r.result.controlId,
      ),
    ).toEqual(['ENC-01', 'DR-02']);
  });

  it('keeps results whose control the policy no longer has', () => {
    const [row] = buildControlRows(
      [{ ...assessment.results[0], controlId: 'OLD-01' }],
      policy.controls,
    );
    expect(row.control).toBeUndefined();
    expect(filterControlRows([row], { status: 'applicable' })).toHaveLength(1);
    expect(
      filterControlRows([row], { status: 'applicable', severity: 'critical' }),
    ).toHaveLength(0);
  });
});

describe('controls for the entity cloud', () => {
  const [control] = policy.controls.filter(
    c => c.equivalent && Object.keys(c.frameworks).includes('cis-aws'),
  );
  const result = {
    controlId: control.id,
    status: 'fail' as const,
    message: 'x',
    resources: [],
    facts: [],
  };

  it('a GCP entity reads no AWS-only framework mapping and no AWS equivalent', () => {
    const [row] = buildControlRows([result], policy.controls, 'gcp');
    expect(row.control?.frameworks).not.toHaveProperty('cis-aws');
    expect(row.control?.equivalent).toBeUndefined();
    expect(Object.keys(row.control?.frameworks ?? {}).length).toBeGreaterThan(
      0,
    );
  });

  it('an AWS entity, or one whose cloud is not known, reads them all', () => {
    for (const cloud of ['aws', undefined] as const) {
      const [row] = buildControlRows([result], policy.controls, cloud);
      expect(row.control?.frameworks).toHaveProperty('cis-aws');
      expect(row.control?.equivalent).toBe(control.equivalent);
    }
  });
});
