import { ALARM_KINDS } from '@refarch/backstage-plugin-compliance-common';
import {
  getPath,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
  Unknown,
} from '../cloudformation';
import { asList, byLogicalId, certainFirst, ofType } from './cfnHelpers';
import { at, cfnNumber, declaredCheck, fail, pass, unknown } from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

type AlarmKind = (typeof ALARM_KINDS)[number];

/** The metrics that watch each documented signal, in order of precedence (and a namespace, when the name is ambiguous). */
const SIGNALS: Array<[AlarmKind, string[], string?]> = [
  [
    'error-rate',
    ['HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count', '5XXError'],
  ],
  ['latency', ['TargetResponseTime', 'Latency']],
  ['db-cpu', ['CPUUtilization'], 'AWS/RDS'],
  ['db-connections', ['DatabaseConnections']],
  ['task-failure', ['RunningTaskCount', 'UnHealthyHostCount']],
  [
    'cache-memory',
    [
      'DatabaseMemoryUsagePercentage',
      'DatabaseMemoryUsageCountedForEvictPercentage',
    ],
  ],
  ['cert-expiry', ['DaysToExpiry']],
];

/**
 * Which documented signal an alarm watches, from its metric (or metric-math inputs), and
 * its threshold. `unresolved` tells why the metric cannot be read, when it cannot.
 */
function alarmKind(alarm: ResolvedResource): {
  kind?: AlarmKind;
  threshold?: number | Unknown;
  unresolved?: Unknown;
} {
  const { MetricName, Namespace, Metrics } = alarm.properties;
  const inputs = isUnknown(Metrics)
    ? [Metrics]
    : asList(Metrics).map(m => getPath(m, 'MetricStat.Metric'));
  const metrics = [
    { name: MetricName, ns: Namespace },
    ...inputs.map(m => ({
      name: getPath(m, 'MetricName'),
      ns: getPath(m, 'Namespace'),
    })),
  ];
  const unresolved = metrics.flatMap(m => [m.name, m.ns]).find(isUnknown);
  const names = metrics.map(m => m.name).filter(n => typeof n === 'string');
  const ns = metrics.map(m => m.ns).filter(n => typeof n === 'string');
  const threshold = cfnNumber(alarm.properties.Threshold);
  const kind = SIGNALS.find(
    ([, watched, namespace]) =>
      watched.some(n => names.includes(n)) &&
      (!namespace || ns.includes(namespace)),
  )?.[0];
  return { kind, threshold, unresolved };
}

/** The alarms a template needs, each with the resources that need it. */
function requiredAlarms(
  template: ResolvedTemplate,
): Map<AlarmKind, ResolvedResource[]> {
  const need = new Map<AlarmKind, ResolvedResource[]>();
  const add = (kinds: AlarmKind[], by: ResolvedResource[]) => {
    if (by.length)
      for (const k of kinds) need.set(k, [...(need.get(k) ?? []), ...by]);
  };
  add(
    ['error-rate', 'latency'],
    ofType(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer'),
  );
  add(
    ['db-cpu', 'db-connections'],
    ofType(template, 'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'),
  );
  add(['task-failure'], ofType(template, 'AWS::ECS::Service'));
  add(
    ['cache-memory'],
    ofType(
      template,
      'AWS::ElastiCache::ReplicationGroup',
      'AWS::ElastiCache::CacheCluster',
    ),
  );
  add(
    ['cert-expiry'],
    [
      ...ofType(template, 'AWS::CertificateManager::Certificate'),
      ...ofType(template, 'AWS::ElasticLoadBalancingV2::Listener').filter(
        l => l.properties.Protocol === 'HTTPS',
      ),
    ],
  );
  return need;
}

const PAGING_ENDPOINT =
  /(pagerduty\.com|opsgenie\.com|victorops\.com|events\.pagerduty)/i;
const CHAT_ENDPOINT =
  /(hooks\.slack\.com|chatbot|discord|webhook\.office\.com)/i;

function subscriptionChannel(
  template: ResolvedTemplate,
  protocol: unknown,
  endpoint: unknown,
): 'pager' | 'chat' | 'email' | 'unknown' | 'other' {
  if (isUnknown(protocol) || isUnknown(endpoint)) return 'unknown';
  const p = String(protocol);
  if (p === 'sms') return 'pager';
  if ((p === 'https' || p === 'http') && PAGING_ENDPOINT.test(String(endpoint)))
    return 'pager';
  if ((p === 'https' || p === 'http') && CHAT_ENDPOINT.test(String(endpoint)))
    return 'chat';
  if (p === 'email' || p === 'email-json') return 'email';
  if (
    p === 'lambda' &&
    byLogicalId(template, String(getPath(endpoint, 'logicalId') ?? ''))
  )
    return 'other';
  return 'other';
}

/** Of several resources any one of which decides, those whose Condition is decided when there are some. */
const deciding = <T extends { r: ResolvedResource }>(list: T[]): T[] =>
  list.some(x => x.r.included === true)
    ? list.filter(x => x.r.included === true)
    : list;

/** @internal */
export const monitoringControls: ControlImplementation[] = [
  {
    id: 'MON-01',
    cfn: ({ template, params }) => {
      const need = requiredAlarms(template);
      if (need.size === 0) return [];
      const limits: Partial<Record<AlarmKind, [number, 'max' | 'min']>> = {
        'db-cpu': [Number(params.maxDbCpuPercent), 'max'],
        'cache-memory': [Number(params.maxCacheMemoryPercent), 'max'],
        'cert-expiry': [Number(params.minCertDaysToExpiry), 'min'],
      };
      const found = new Map<AlarmKind, ResolvedResource[]>();
      const undecided: Array<{ alarm: ResolvedResource; reason: string }> = [];
      const outcomes: CheckOutcome[] = [];
      for (const alarm of ofType(template, 'AWS::CloudWatch::Alarm')) {
        const { kind, threshold, unresolved } = alarmKind(alarm);
        if (!kind) {
          if (unresolved) undecided.push({ alarm, reason: unresolved.reason });
          continue;
        }
        found.set(kind, [...(found.get(kind) ?? []), alarm]);
        const limit = limits[kind];
        if (!limit || threshold === undefined) continue;
        if (isUnknown(threshold)) {
          outcomes.push(
            unknown(
              `${alarm.logicalId}: ${kind} threshold cannot be resolved (${threshold.reason})`,
              [at(alarm, 'Threshold')],
            ),
          );
        } else if (
          limit[1] === 'max' ? threshold > limit[0] : threshold < limit[0]
        ) {
          outcomes.push(
            fail(
              `${alarm.logicalId}: ${kind} threshold ${threshold} is looser than the documented ${limit[0]}`,
              [at(alarm, 'Threshold')],
            ),
          );
        }
      }
      const missing = [...need.keys()].filter(k => !found.has(k));
      if (missing.length && undecided.length) {
        outcomes.push(
          unknown(
            `No alarm identified for: ${missing.join(
              ', ',
            )}; the metric of ${undecided
              .map(u => u.alarm.logicalId)
              .join(', ')} cannot be resolved (${undecided[0].reason})`,
            undecided.map(u => at(u.alarm)),
          ),
        );
      } else if (missing.length) {
        // Needed only by resources whose Condition cannot be decided: the failure rests on them.
        const by = missing.flatMap(k => need.get(k)!);
        outcomes.push({
          ...fail(`No alarm for: ${missing.join(', ')}`, []),
          ...(by.every(r => r.included !== true) && {
            dependsOn: by.map(r => r.logicalId),
          }),
        });
      }
      if (outcomes.length === 0) {
        const alarms = [...found.values()].flatMap(list =>
          deciding(list.map(r => ({ r }))).map(x => x.r),
        );
        outcomes.push(
          pass(
            `Alarms for ${[...need.keys()].join(', ')}`,
            alarms.map(a => at(a)),
          ),
        );
      }
      return outcomes;
    },
    declared: ({ facts, params }) => {
      const core = params.coreAlarms as string[];
      const base = declaredCheck(facts, [
        {
          id: 'alarms',
          expect: (v: string[]) => core.every(k => v.includes(k)),
          requirement: `at least ${core.join(', ')}`,
        },
      ]);
      const fact = facts.get('alarms');
      if (base.status !== 'pass' || !Array.isArray(fact?.value)) return base;
      const missing = ALARM_KINDS.filter(
        k => !(fact!.value as string[]).includes(k),
      );
      return missing.length
        ? {
            ...base,
            status: 'warn',
            message: `${base.message}; not documented: ${missing.join(', ')}`,
          }
        : base;
    },
  },
  {
    id: 'MON-02',
    cfn: ({ template }) => {
      const subs: Array<{
        r: ResolvedResource;
        protocol: unknown;
        endpoint: unknown;
        path: string;
      }> = [];
      for (const s of ofType(template, 'AWS::SNS::Subscription'))
        subs.push({
          r: s,
          protocol: s.properties.Protocol,
          endpoint: s.properties.Endpoint,
          path: 'Protocol',
        });
      for (const t of ofType(template, 'AWS::SNS::Topic')) {
        const list = t.properties.Subscription;
        if (isUnknown(list))
          subs.push({
            r: t,
            protocol: list,
            endpoint: list,
            path: 'Subscription',
          });
        else
          asList(list).forEach((s, i) =>
            subs.push({
              r: t,
              protocol: getPath(s, 'Protocol'),
              endpoint: getPath(s, 'Endpoint'),
              path: `Subscription[${i}]`,
            }),
          );
      }
      if (subs.length === 0) {
        const alarms = certainFirst(ofType(template, 'AWS::CloudWatch::Alarm'));
        const shown = alarms.filter(a => a.included === true);
        return alarms.length
          ? [
              fail(
                'Alarms exist but no SNS subscription routes them to a person',
                (shown.length ? shown : alarms).map(a => at(a)),
              ),
            ]
          : [];
      }
      const channels = subs.map(s => ({
        ...s,
        channel: subscriptionChannel(template, s.protocol, s.endpoint),
      }));
      const pager = deciding(channels.filter(c => c.channel === 'pager'));
      if (pager.length)
        return [
          pass(
            `Critical alerts page through ${pager
              .map(p => p.r.logicalId)
              .join(', ')}`,
            pager.map(p => at(p.r, p.path)),
          ),
        ];
      const unresolved = channels.filter(c => c.channel === 'unknown');
      if (unresolved.length)
        return [
          unknown(
            `Alert endpoint(s) cannot be resolved: ${unresolved
              .map(u => {
                const why = isUnknown(u.protocol) ? u.protocol : u.endpoint;
                const what = isUnknown(u.protocol) ? 'Protocol' : 'Endpoint';
                return `${u.r.logicalId} ${u.path}.${what} (${
                  isUnknown(why) ? why.reason : 'unresolved'
                })`;
              })
              .join('; ')}`,
            unresolved.map(u => at(u.r, u.path)),
          ),
        ];
      return [
        fail(
          `Alerts go only to ${[...new Set(channels.map(c => c.channel))].join(
            ', ',
          )}; nothing pages a person`,
          deciding(channels).map(c => at(c.r, c.path)),
        ),
      ];
    },
    declared: ({ facts, params }) =>
      declaredCheck(facts, [
        {
          id: 'alert-channel-critical',
          expect: v => (params.pagingChannels as string[]).includes(v),
          requirement: (params.pagingChannels as string[]).join(' or '),
        },
      ]),
  },
];
