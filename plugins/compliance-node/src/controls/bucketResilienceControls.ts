/*
 * DR-06 and DR-07: buckets are versioned and replicated to another region, and the evidence,
 * audit and backup buckets use Object Lock.
 */
import { getPath, isUnknown, ResolvedResource } from '../cloudformation';
import { asList } from './cfnHelpers';
import { DAY } from '@refarch/backstage-plugin-compliance-common';
import {
  at,
  atLeast,
  cfnBool,
  cfnNumber,
  collect,
  declaredCheck,
  fail,
  ifApplies,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

/** DR-07 for a bucket that must use Object Lock. */
function objectLock(r: ResolvedResource, minDays: number): CheckOutcome {
  const enabled = cfnBool(r.properties.ObjectLockEnabled);
  if (isUnknown(enabled))
    return unknown(
      `${r.logicalId}: ObjectLockEnabled cannot be resolved (${enabled.reason})`,
      [at(r, 'ObjectLockEnabled')],
    );
  if (enabled !== true)
    return fail(
      `${r.logicalId}: holds audit/evidence/backup data without Object Lock`,
      [at(r, 'ObjectLockEnabled')],
    );
  const rule = getPath(
    r.properties,
    'ObjectLockConfiguration.Rule.DefaultRetention',
  );
  const [days, years] = [
    cfnNumber(getPath(rule, 'Days')),
    cfnNumber(getPath(rule, 'Years')),
  ];
  const undecided = [rule, days, years].find(isUnknown);
  if (undecided)
    return unknown(
      `${r.logicalId}: Object Lock default retention cannot be resolved (${undecided.reason})`,
      [at(r, 'ObjectLockConfiguration')],
    );
  const retentionDays = Number(days ?? 0) + Number(years ?? 0) * 365;
  const mode = getPath(rule, 'Mode');
  return retentionDays >= minDays
    ? pass(
        `${r.logicalId}: Object Lock ${
          typeof mode === 'string' ? mode : 'default retention'
        } for ${retentionDays} days`,
        [at(r, 'ObjectLockConfiguration')],
      )
    : fail(
        `${r.logicalId}: Object Lock default retention ${retentionDays} days (< ${minDays})`,
        [at(r, 'ObjectLockConfiguration')],
      );
}

/** @internal */
export const bucketResilienceControls: ControlImplementation[] = [
  {
    id: 'DR-06',
    cfn: ({ resources }) =>
      resources.map(r =>
        collect(
          r,
          [
            {
              path: 'VersioningConfiguration.Status',
              value: getPath(r.properties, 'VersioningConfiguration.Status'),
              ok: v => v === 'Enabled',
              bad: 'versioning is off',
            },
            {
              path: 'ReplicationConfiguration.Rules',
              value: getPath(r.properties, 'ReplicationConfiguration.Rules'),
              ok: v => asList(v).length > 0,
              bad: 'no cross-region replication',
            },
          ],
          {
            ok: 'versioned and replicated',
            okAt: 'ReplicationConfiguration',
            failAt: 'VersioningConfiguration',
          },
        ),
      ),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'versioning', expect: isTrue, requirement: 'true' },
        { id: 'cross-region-replication', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'DR-07',
    cfn: ({ resources, params }) => {
      const pattern = new RegExp(String(params.lockedBucketPattern), 'i');
      return resources.flatMap(r => {
        const name = r.properties.BucketName;
        // The text of an Unknown is its reason, not a name.
        const applies =
          pattern.test(r.logicalId) ||
          (isUnknown(name) ? name : pattern.test(String(name ?? '')));
        return ifApplies(
          applies,
          `${r.logicalId}: BucketName (whether it holds audit, evidence or backup data)`,
          () => objectLock(r, Number(params.minRetentionDays)),
        );
      });
    },
    declared: ({ facts, params, entity }) => {
      if (
        !new RegExp(String(params.lockedBucketPattern), 'i').test(entity.name)
      ) {
        return pass(
          'Not an audit, evidence or backup bucket; Object Lock not required',
        );
      }
      return declaredCheck(facts, [
        { id: 'object-lock', expect: isTrue, requirement: 'true' },
        {
          id: 'object-lock-retention',
          expect: atLeast(Number(params.minRetentionDays) * DAY),
          requirement: `≥ ${params.minRetentionDays}d`,
          optional: true,
        },
      ]);
    },
  },
];
