import {
  FactId,
  FactValue,
  readComplianceAnnotations,
} from '@refarch/backstage-plugin-compliance-common';
import { defaultPolicy } from '../policy/defaultPolicy';
import { DrComponent } from './drComponents';
import { estimateDr } from './estimateDr';

const now = new Date('2026-11-23T12:00:00Z');
const component = (
  name: string,
  componentClass: DrComponent['componentClass'],
  facts: Record<string, FactValue>,
): DrComponent => ({
  name,
  componentClass,
  facts: new Map(Object.entries(facts) as Array<[FactId, FactValue]>),
});
const DAY = 86400;

const db = component('resource:default/db', 'database', {
  'multi-az': true,
  pitr: true,
  'backup-retention': 35 * DAY,
  'cross-region-replica': true,
});
const service = component('component:default/api', 'service', {
  'min-tasks': 3,
  'az-count': 3,
  'deployment-rollback': true,
  'iac-managed': true,
  'rebuild-time': 2 * 3600,
});

function estimate(
  annotations: Record<string, string>,
  components: DrComponent[],
  evidence: Array<{ kind: string; performedAt: string }> = [],
  componentClass: DrComponent['componentClass'] = 'service',
) {
  return estimateDr({
    annotations: readComplianceAnnotations(annotations),
    componentClass,
    components,
    evidence: evidence.map((e, i) => ({
      id: String(i),
      result: 'pass' as const,
      ...e,
    })),
    policy: defaultPolicy,
    now,
  });
}

describe('estimateDr', () => {
  const fresh = [{ kind: 'dr-drill', performedAt: '2026-06-01T00:00:00Z' }];

  it('meets the critical tier with Multi-AZ, PITR, a cross-region replica and fresh evidence', () => {
    const dr = estimate(
      { 'refarch.dev/tier': 'critical' },
      [service, db],
      fresh,
    );
    expect(dr.status).toBe('met');
    const byType = Object.fromEntries(
      dr.disruptions.map(d => [d.disruption, d]),
    );
    expect(byType.az).toMatchObject({
      status: 'met',
      achievable: { rpo: 0, rto: 120 },
    });
    expect(byType.software).toMatchObject({
      status: 'met',
      achievable: { rpo: 300 },
    });
    expect(byType.region).toMatchObject({
      status: 'met',
      achievable: { rpo: 900, rto: 7200 },
    });
  });

  it('takes the worst component per disruption type and names it', () => {
    const weakDb = component('resource:default/legacy-db', 'database', {
      'multi-az': false,
      pitr: false,
      'backup-interval': DAY,
      'cross-region-backup': false,
      'cross-region-replica': false,
    });
    const dr = estimate(
      { 'refarch.dev/tier': 'critical' },
      [service, db, weakDb],
      fresh,
    );
    expect(dr.status).toBe('breached');
    const region = dr.disruptions.find(d => d.disruption === 'region')!;
    expect(region).toMatchObject({
      status: 'breached',
      achievable: { rpo: null, rto: null },
    });
    expect(region.weakest).toContain('resource:default/legacy-db');
    expect(region.reason).toContain('not recoverable');
    expect(dr.weakestComponent).toContain('legacy-db');
  });

  it('compares with declared objectives too, and flags declared objectives looser than the tier', () => {
    const strict = estimate(
      { 'refarch.dev/tier': 'standard', 'refarch.dev/rto': '1m' },
      [service, db],
      fresh,
    );
    expect(strict.disruptions.find(d => d.disruption === 'az')!.status).toBe(
      'breached',
    );
    const loose = estimate(
      { 'refarch.dev/tier': 'critical', 'refarch.dev/rpo': '24h' },
      [service, db],
      fresh,
    );
    expect(loose.status).toBe('breached');
    expect(loose.reasons[0]).toBe(
      "declared RPO 1d is looser than the critical tier's 1h",
    );
  });

  it('is at risk when evidence is missing or overdue, unknown when facts are missing', () => {
    expect(
      estimate({ 'refarch.dev/tier': 'critical' }, [service, db]).status,
    ).toBe('at-risk');
    const overdue = estimate(
      { 'refarch.dev/tier': 'critical' },
      [service, db],
      [{ kind: 'dr-drill', performedAt: '2025-01-01T00:00:00Z' }],
    );
    expect(overdue.evidence[0]).toMatchObject({
      kind: 'dr-drill',
      status: 'overdue',
    });
    expect(overdue.reasons.join(' ')).toContain('overdue');
    const silent = estimate(
      { 'refarch.dev/tier': 'critical' },
      [component('resource:default/db', 'database', {})],
      fresh,
      'database',
    );
    expect(silent.status).toBe('at-risk'); // restore test and backup verification missing for a database
    expect(silent.disruptions.every(d => d.status === 'unknown')).toBe(true);
    expect(silent.disruptions[0].reason).toContain('not known');
  });

  it('is unknown without a tier or declared objectives, and not applicable to things that hold no data', () => {
    const noTier = estimate({}, [service, db], fresh);
    expect(noTier.disruptions.every(d => d.status === 'unknown')).toBe(true);
    expect(noTier.disruptions[0].reason).toContain('refarch.dev/tier');
    expect(
      estimate(
        { 'refarch.dev/tier': 'critical' },
        [component('resource:default/key', 'kms-key', {})],
        [],
        'kms-key',
      ).status,
    ).toBe('not-applicable');
  });
});
