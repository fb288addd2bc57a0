/*
 * LOG-03 and LOG-08: log groups keep audit logs at least a year and application logs at least
 * 90 days, and every log group expires (storage limitation).
 */
import {
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
} from '../cloudformation';
import { ofType, refersTo } from './cfnHelpers';
import { DAY } from '@refarch/backstage-plugin-compliance-common';
import {
  Maybe,
  at,
  cfnNumber,
  declaredCheck,
  fail,
  pass,
  unknown,
} from './outcomes';
import { ControlImplementation } from './types';

const AUDIT_NAME = /(audit|trail|cloudtrail)/i;

/** Whether a log group holds audit logs: a trail delivers to it, or its logical id or name says so. */
function isAuditLogGroup(
  template: ResolvedTemplate,
  r: ResolvedResource,
): Maybe {
  if (
    ofType(template, 'AWS::CloudTrail::Trail').some(t =>
      refersTo(t.properties.CloudWatchLogsLogGroupArn, r.logicalId),
    )
  )
    return true;
  if (AUDIT_NAME.test(r.logicalId)) return true;
  const name = r.properties.LogGroupName;
  // The text of an Unknown is its reason, not a name.
  if (isUnknown(name)) return name;
  return typeof name === 'string' && AUDIT_NAME.test(name);
}

/** LOG-03 for one log group. */
function retention(
  template: ResolvedTemplate,
  r: ResolvedResource,
  auditMin: number,
  appMin: number,
) {
  const audit = isAuditLogGroup(template, r);
  const days = cfnNumber(r.properties.RetentionInDays);
  if (isUnknown(days))
    return unknown(
      `${r.logicalId}: RetentionInDays cannot be resolved (${days.reason})`,
      [at(r, 'RetentionInDays')],
    );
  if (days === undefined)
    // Never expire meets every minimum (Control Tower's CT.CLOUDWATCH rules agree); keeping
    // logs forever is the storage-limitation question of LOG-08.
    return pass(
      `${r.logicalId}: no RetentionInDays — logs never expire, which meets any minimum retention (whether they may be kept forever is LOG-08)`,
      [at(r, 'RetentionInDays')],
    );
  if (isUnknown(audit)) {
    // Audit or application logs: the requirement is ambiguous unless both agree.
    if (days >= auditMin)
      return pass(
        `${r.logicalId}: ${days} days (≥ ${auditMin}, enough even for audit logs)`,
        [at(r, 'RetentionInDays')],
      );
    if (days < appMin)
      return fail(
        `${r.logicalId}: ${days} days; even application logs need ≥ ${appMin}`,
        [at(r, 'RetentionInDays')],
      );
    return unknown(
      `${r.logicalId}: ${days} days is enough for application logs (≥ ${appMin}) but not for audit logs (≥ ${auditMin}), and LogGroupName cannot be resolved (${audit.reason}) to tell which these are`,
      [at(r, 'LogGroupName')],
    );
  }
  const min = audit ? auditMin : appMin;
  return days >= min
    ? pass(
        `${r.logicalId}: ${days} days (${
          audit ? 'audit' : 'application'
        } logs, ≥ ${min})`,
        [at(r, 'RetentionInDays')],
      )
    : fail(
        `${r.logicalId}: ${days} days; ${
          audit ? 'audit' : 'application'
        } logs need ≥ ${min}`,
        [at(r, 'RetentionInDays')],
      );
}

/** @internal */
export const logRetentionControls: ControlImplementation[] = [
  {
    id: 'LOG-03',
    cfn: ({ resources, template, params }) =>
      resources.map(r =>
        retention(
          template,
          r,
          Number(params.minAuditRetentionDays),
          Number(params.minApplicationRetentionDays),
        ),
      ),
    declared: ({ facts, params, entity }) => {
      const audit = entity.componentClass === 'audit-trail';
      const id = audit ? 'audit-log-retention' : 'log-retention';
      const min = Number(
        audit
          ? params.minAuditRetentionDays
          : params.minApplicationRetentionDays,
      );
      return declaredCheck(facts, [
        {
          id,
          expect: v => typeof v === 'number' && v >= min * DAY,
          requirement: `≥ ${min}d`,
        },
      ]);
    },
  },
  {
    id: 'LOG-08',
    cfn: ({ resources }) =>
      resources.map(r => {
        const days = cfnNumber(r.properties.RetentionInDays);
        if (isUnknown(days))
          return unknown(
            `${r.logicalId}: RetentionInDays cannot be resolved (${days.reason})`,
            [at(r, 'RetentionInDays')],
          );
        return days === undefined
          ? fail(
              `${r.logicalId}: no RetentionInDays — logs never expire, so personal data in them is kept longer than necessary (GDPR Art. 5(1)(e) storage limitation)`,
              [at(r, 'RetentionInDays')],
            )
          : pass(`${r.logicalId}: logs expire after ${days} days`, [
              at(r, 'RetentionInDays'),
            ]);
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        {
          id: 'log-retention',
          expect: v => typeof v === 'number' && v > 0,
          requirement: 'a finite retention',
        },
      ]),
  },
];
