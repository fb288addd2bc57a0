import { DrStatus } from '@refarch/backstage-plugin-compliance-common';
import { groupDrReasons } from './drReasons';

const unknownEfs = 'resource:default/techcorp-efs: unknown: multi-az not known';

describe('groupDrReasons', () => {
  it('groups per component once for every disruption type and names the missing fact', () => {
    const dr = {
      status: 'unknown',
      reasons: [
        'no restore test recorded',
        `az: ${unknownEfs}`,
        `region: ${unknownEfs}; component:default/api#OrdersDb: unknown: cross-region-backup/cross-region-replica not known`,
        'region: achievable RPO 1d exceeds 1h (policy default)',
      ],
      disruptions: [
        {
          disruption: 'az',
          status: 'unknown',
          declared: {},
          reason: unknownEfs,
        },
        {
          disruption: 'region',
          status: 'unknown',
          declared: {},
          reason: `${unknownEfs}; component:default/api#OrdersDb: unknown: cross-region-backup/cross-region-replica not known`,
        },
      ],
      evidence: [],
    } as unknown as DrStatus;
    const grouped = groupDrReasons(dr);
    expect(grouped.general).toEqual([
      'no restore test recorded',
      'Region: achievable RPO 1d exceeds 1h (policy default)',
    ]);
    expect(grouped.components).toEqual([
      {
        entityRef: 'resource:default/techcorp-efs',
        logicalId: undefined,
        findings: [
          {
            text: 'unknown: multi-az not known',
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
            text: 'unknown: cross-region-backup/cross-region-replica not known',
            disruptions: ['region'],
            missingFacts: ['cross-region-backup', 'cross-region-replica'],
          },
        ],
      },
    ]);
  });
});
