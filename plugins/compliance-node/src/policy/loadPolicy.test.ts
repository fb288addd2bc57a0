import { ConfigReader } from '@backstage/config';
import { defaultPolicy } from './defaultPolicy';
import { loadPolicy } from './loadPolicy';

describe('loadPolicy', () => {
  it('is the default policy without configuration', () => {
    expect(loadPolicy()).toBe(defaultPolicy);
    expect(loadPolicy(new ConfigReader({}))).toBe(defaultPolicy);
  });

  it('every control of the reference architecture names its source documents or is marked as hardening', () => {
    const ids = defaultPolicy.controls.map(c => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(40);
    for (const c of defaultPolicy.controls) {
      expect(c.sources.every(s => /^00[0-4]$/.test(s))).toBe(true);
      expect(Object.keys(c.frameworks).length).toBeGreaterThan(0);
    }
  });

  it('changes thresholds, severities and tier targets, and disables controls, from config', () => {
    const policy = loadPolicy(
      new ConfigReader({
        compliance: {
          policy: {
            controls: {
              'DR-02': { params: { minBackupRetentionDays: 30 } },
              'NET-05': { enabled: false },
              'LOG-07': { severity: 'high' },
            },
            tiers: {
              critical: { rpo: '30m', disruptions: { region: { rto: '8h' } } },
            },
            profiles: [
              {
                id: 'gcp-cloud-run-service',
                title: 'Cloud Run',
                match: { kinds: ['component'], types: ['service'], iac: false },
                controls: ['NET-08', 'DR-08'],
              },
            ],
          },
        },
      }),
    );
    const control = (id: string) => policy.controls.find(c => c.id === id)!;
    expect(control('DR-02').params.minBackupRetentionDays).toBe(30);
    expect(control('NET-05').enabled).toBe(false);
    expect(control('LOG-07').severity).toBe('high');
    expect(policy.tiers.critical.rpo).toBe(1800);
    expect(policy.tiers.critical.disruptions.region).toEqual({
      rpo: 3600,
      rto: 8 * 3600,
    });
    expect(policy.profiles[0]).toMatchObject({
      id: 'gcp-cloud-run-service',
      controls: ['NET-08', 'DR-08'],
    });
    expect(
      policy.profiles.filter(p => p.id === 'gcp-cloud-run-service'),
    ).toHaveLength(1);
    expect(policy.version).toBe(`${defaultPolicy.version}+config`);
    // The default stays untouched.
    expect(
      defaultPolicy.controls.find(c => c.id === 'DR-02')!.params
        .minBackupRetentionDays,
    ).toBe(35);
  });

  it('rejects typos that would silently weaken the policy', () => {
    const load = (policy: object) => () =>
      loadPolicy(new ConfigReader({ compliance: { policy } }));
    expect(load({ controls: { 'DR-99': { enabled: false } } })).toThrow(
      'compliance.policy.controls.DR-99: no such control',
    );
    expect(
      load({ controls: { 'DR-02': { params: { minRetention: 1 } } } }),
    ).toThrow(/not a parameter of DR-02; known: minBackupRetentionDays/);
    expect(
      load({
        controls: { 'DR-02': { params: { minBackupRetentionDays: 'thirty' } } },
      }),
    ).toThrow(/must be a number/);
    expect(load({ controls: { 'DR-02': { severity: 'urgent' } } })).toThrow(
      /severity must be one of/,
    );
    expect(load({ tiers: { critical: { rpo: 'soon' } } })).toThrow(
      /must be a duration/,
    );
    expect(load({ profiles: [{ id: 'x', controls: ['NOPE-01'] }] })).toThrow(
      /unknown control\(s\) NOPE-01/,
    );
  });
});
