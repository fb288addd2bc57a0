import { getPath, isUnknown, ResolvedResource } from '../cloudformation';
import { asList, isCustomerManagedKey } from './cfnHelpers';
import { DAY } from '@refarch/backstage-plugin-compliance-common';
import {
  Maybe,
  anyOf,
  at,
  atLeast,
  cfnNumber,
  collect,
  declaredCheck,
  fail,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

/** The values of a cron field (`*`, `a`, `a-b`, `*`/`a` or `a-b` with a `/step`, comma-separated) within [min, max]. */
function cronField(
  field: string,
  min: number,
  max: number,
): number[] | undefined {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const start = m[1] === '*' ? min : Number(m[1]);
    // `a/b` runs from a to the end of the range, every b.
    let end = start;
    if (m[2] !== undefined) end = Number(m[2]);
    else if (m[1] === '*' || m[3] !== undefined) end = max;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (step < 1 || start < min || end > max || start > end) return undefined;
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

/** The longest wait between consecutive points (sorted, in minutes) of a repeating period. */
function longestGap(points: number[], period: number): number {
  return Math.max(
    ...points.map(
      (p, i) =>
        (i + 1 < points.length ? points[i + 1] : points[0] + period) - p,
    ),
  );
}

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * Seconds between runs of a Backup schedule expression — the longest gap, which bounds the
 * data lost — or undefined when it cannot be read.
 */
export function scheduleInterval(expr: unknown): number | undefined {
  if (typeof expr !== 'string') return undefined;
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(
    expr.trim(),
  );
  const units: Record<string, number> = { minute: 60, hour: 3600, day: DAY };
  if (rate) return Number(rate[1]) * units[rate[2].replace(/s$/, '')];
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(
    expr.trim(),
  );
  if (!cron) return undefined;
  const [, minute, hour, dom, , dow] = cron;
  const minutes = cronField(minute, 0, 59);
  const hours = cronField(hour, 0, 23);
  if (!minutes || !hours) return undefined;
  const times = hours.flatMap(h => minutes.map(m => h * 60 + m));
  const any = (f: string) => f === '*' || f === '?';
  if (any(dom) && any(dow)) return longestGap(times, 1440) * 60;
  if (!any(dom)) return 30 * DAY;
  const days = cronField(
    dow
      .toUpperCase()
      .replace(/[A-Z]{3}/g, d => String(WEEKDAYS.indexOf(d) + 1)),
    1,
    7,
  );
  if (!days) return 7 * DAY;
  return (
    longestGap(
      days.flatMap(d => times.map(t => (d - 1) * 1440 + t)),
      7 * 1440,
    ) * 60
  );
}

/** Whether a backup rule copies its recovery points elsewhere. */
function copies(rule: unknown): Maybe {
  const actions = getPath(rule, 'CopyActions');
  if (isUnknown(actions)) return actions;
  const list = asList(actions);
  return list.some(a => !isUnknown(a)) || (list.find(isUnknown) ?? false);
}

function backupPlan(
  r: ResolvedResource,
  rpo: number,
  minDays: number,
): CheckOutcome {
  const path = 'BackupPlan.BackupPlanRule';
  const declared = getPath(r.properties, path);
  const rules = isUnknown(declared) ? [declared] : asList(declared);
  if (rules.length === 0)
    return fail(`${r.logicalId}: backup plan has no rules`, [at(r)]);
  const undecided = rules.find(isUnknown);
  if (undecided)
    return unknown(
      `${r.logicalId}: a backup rule cannot be resolved (${undecided.reason})`,
      [at(r, path)],
    );
  const problems: string[] = [];
  const unresolved: string[] = [];
  // Any rule may meet each requirement; an unresolved rule may be the one.
  const intervals = rules.map(rule =>
    scheduleInterval(getPath(rule, 'ScheduleExpression')),
  );
  // A loop, not Math.min(...): a plan may list more rules than a call takes arguments.
  const best = intervals.reduce<number>(
    (min, i) => Math.min(min, i ?? Infinity),
    Infinity,
  );
  if (best > rpo && intervals.includes(undefined))
    unresolved.push('schedule expression cannot be read');
  else if (best > rpo)
    problems.push(
      `runs every ${best / 3600} h, longer than the tier's RPO of ${
        rpo / 3600
      } h`,
    );
  const lifetimes = rules.map(
    rule => cfnNumber(getPath(rule, 'Lifecycle.DeleteAfterDays')) ?? Infinity,
  );
  const retention = lifetimes.reduce<number>(
    (max, d) => (typeof d === 'number' ? Math.max(max, d) : max),
    -Infinity,
  );
  const unknownLifetime = lifetimes.find(isUnknown);
  if (retention < minDays && unknownLifetime)
    unresolved.push(
      `DeleteAfterDays cannot be resolved (${unknownLifetime.reason})`,
    );
  else if (retention < minDays)
    problems.push(`keeps recovery points ${retention} days (< ${minDays})`);
  const copied = anyOf(rules.map(copies));
  if (isUnknown(copied))
    unresolved.push(`CopyActions cannot be resolved (${copied.reason})`);
  else if (!copied) problems.push('no cross-region copy');
  if (problems.length)
    return fail(`${r.logicalId}: ${[...problems, ...unresolved].join('; ')}`, [
      at(r, path),
    ]);
  if (unresolved.length)
    return unknown(`${r.logicalId}: ${unresolved.join('; ')}`, [at(r, path)]);
  return pass(
    `${r.logicalId}: every ${
      best / 3600
    } h, ${retention} days, copied cross-region`,
    [at(r, path)],
  );
}

/** @internal */
export const backupControls: ControlImplementation[] = [
  {
    id: 'DR-05',
    cfn: ({ resources, template, params, policy, entity }) => {
      const rpo = policy.tiers[entity.annotations.tier ?? 'standard'].rpo;
      return resources.map(r =>
        r.type === 'AWS::Backup::BackupVault'
          ? collect(
              r,
              [
                {
                  path: 'EncryptionKeyArn',
                  value: isCustomerManagedKey(
                    template,
                    r.properties.EncryptionKeyArn,
                  ),
                  ok: isTrue,
                  bad: 'not encrypted with a customer-managed key',
                },
                {
                  path: 'LockConfiguration',
                  value: r.properties.LockConfiguration,
                  ok: Boolean,
                  bad: 'no vault lock',
                },
              ],
              { ok: 'CMK-encrypted, locked', failAt: '' },
            )
          : backupPlan(r, rpo, Number(params.minRetentionDays)),
      );
    },
    declared: ({ facts, params, policy, entity }) => {
      const rpo = policy.tiers[entity.annotations.tier ?? 'standard'].rpo;
      return declaredCheck(facts, [
        {
          id: 'backup-interval',
          expect: v => typeof v === 'number' && v <= rpo,
          requirement: `≤ the tier's RPO (${rpo / 3600} h)`,
        },
        {
          id: 'backup-retention',
          expect: atLeast(Number(params.minRetentionDays) * DAY),
          requirement: `≥ ${params.minRetentionDays}d`,
        },
        { id: 'cross-region-backup', expect: isTrue, requirement: 'true' },
      ]);
    },
  },
];
