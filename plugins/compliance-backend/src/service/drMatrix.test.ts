import {
  DisruptionStatus,
  DrStatus,
} from '@refarch/backstage-plugin-compliance-common';
import { buildDrMatrix } from './drMatrix';

const system = (
  name: string,
  statuses: DisruptionStatus[],
  tier?: 'critical' | 'standard',
) => {
  const types = ['software', 'hardware', 'az', 'region'] as const;
  const dr: DrStatus = {
    tier,
    status: statuses.length ? 'unknown' : 'not-applicable',
    reasons: statuses.length ? [] : ['Holds no data and serves no traffic'],
    // Stored out of order: the matrix puts them in DISRUPTION_TYPES order.
    disruptions: statuses
      .map((status, i) => ({
        disruption: types[i],
        status,
        target: { rpo: 900, rto: 3600 },
        declared: {},
        achievable: { rpo: 60, rto: null },
        reason: `${types[i]} is ${status}`,
      }))
      .reverse(),
    evidence: [],
  };
  return {
    entityRef: `system:default/${name}`,
    namespace: 'default',
    name,
    evaluatedAt: '2026-12-01T00:00:00.000Z',
    dr,
  };
};

describe('buildDrMatrix', () => {
  const systems = [
    system('all-met', ['met', 'met', 'met', 'met'], 'standard'),
    system('nothing', []),
    system('one-breach', ['met', 'breached', 'met', 'unknown'], 'critical'),
    system('two-unknown', ['met', 'unknown', 'unknown', 'met']),
    system('weaker', ['declared-weaker', 'met', 'met', 'met'], 'critical'),
    system('a-breach', ['breached', 'met', 'met', 'met']),
  ];

  it('puts the worst first: breached, then declared weaker, then unknown, then by name', () => {
    const matrix = buildDrMatrix(systems, ['group:default/a']);
    expect(matrix.items.map(r => r.name)).toEqual([
      'one-breach',
      'a-breach',
      'weaker',
      'two-unknown',
      'all-met',
      'nothing',
    ]);
    expect(matrix.disruptions).toEqual([
      'software',
      'hardware',
      'az',
      'region',
    ]);
    expect(matrix.owners).toEqual(['group:default/a']);
    const row = matrix.items[0];
    expect(row.disruptions.map(d => d.disruption)).toEqual([
      'software',
      'hardware',
      'az',
      'region',
    ]);
    expect(row.disruptions[1]).toEqual({
      disruption: 'hardware',
      status: 'breached',
      target: { rpo: 900, rto: 3600 },
      declared: {},
      achievable: { rpo: 60, rto: null },
      reason: 'hardware is breached',
    });
    expect(matrix.items[5]).toMatchObject({
      drStatus: 'not-applicable',
      disruptions: [],
      reasons: ['Holds no data and serves no traffic'],
    });
  });

  it('filters by tier, none meaning Systems without one', () => {
    const names = (tiers: Array<'critical' | 'standard' | 'none'>) =>
      buildDrMatrix(systems, [], tiers).items.map(r => r.name);
    expect(names(['critical'])).toEqual(['one-breach', 'weaker']);
    expect(names(['standard', 'none'])).toEqual([
      'a-breach',
      'two-unknown',
      'all-met',
      'nothing',
    ]);
    expect(names([])).toHaveLength(6);
  });
});
