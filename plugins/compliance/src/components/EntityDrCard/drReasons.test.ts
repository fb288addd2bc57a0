import { DrStatus } from '@refarch/backstage-plugin-compliance-common';
import { groupDrReasons } from './drReasons';

const efsNeeds = {
  component: 'resource:default/techcorp-efs',
  facts: ['multi-az'],
};
const ordersDbNeeds = {
  component: 'component:default/api#OrdersDb',
  facts: ['cross-region-backup', 'cross-region-replica'],
};

describe('groupDrReasons', () => {
  it('groups per component once for every disruption type and names the missing facts', () => {
    const dr = {
      status: 'unknown',
      reasons: [
        'no restore test recorded',
        'az: unknown: needs resource:default/techcorp-efs (multi-az)',
        'region: unknown: needs resource:default/techcorp-efs (multi-az), component:default/api#OrdersDb (cross-region-backup or cross-region-replica)',
        'region: achievable RPO 1d exceeds 1h (policy default)',
        'software: achievable RPO at least 1d exceeds 15m (policy default); still unknown: resource:default/techcorp-efs (multi-az)',
      ],
      disruptions: [
        {
          disruption: 'az',
          status: 'unknown',
          declared: {},
          needs: [efsNeeds],
          reason: 'unknown: needs resource:default/techcorp-efs (multi-az)',
        },
        {
          disruption: 'region',
          status: 'unknown',
          declared: {},
          needs: [efsNeeds, ordersDbNeeds],
          reason:
            'unknown: needs resource:default/techcorp-efs (multi-az), component:default/api#OrdersDb (cross-region-backup or cross-region-replica)',
        },
      ],
      evidence: [],
    } as unknown as DrStatus;
    const grouped = groupDrReasons(dr);
    // The summaries of missing facts are shown per component, not again as general reasons.
    expect(grouped.general).toEqual([
      'no restore test recorded',
      'Region: achievable RPO 1d exceeds 1h (policy default)',
      'Software / data corruption: achievable RPO at least 1d exceeds 15m (policy default)',
    ]);
    expect(grouped.components).toEqual([
      {
        entityRef: 'resource:default/techcorp-efs',
        logicalId: undefined,
        findings: [
          {
            text: 'unknown: needs multi-az',
            disruptions: ['az', 'region'],
            missingFacts: ['multi-az'],
          },
        ],
      },
      {
        entityRef: 'component:default/api',
        logicalId: 'OrdersDb',
        findings: [
          {
            text: 'unknown: needs cross-region-backup or cross-region-replica',
            disruptions: ['region'],
            missingFacts: ['cross-region-backup', 'cross-region-replica'],
          },
        ],
      },
    ]);
  });
});
