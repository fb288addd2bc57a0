import { ALARM_KINDS } from '@refarch/backstage-plugin-compliance-common';
import { getPath, isUnknown, ResolvedResource, ResolvedTemplate } from '../cloudformation';
import { asList, attributes, byLogicalId, ofType, refersTo } from './cfnHelpers';
import { DAY, at, cfnBool, cfnNumber, declaredCheck, expectProp, fail, isTrue, pass, unknown } from './outcomes';
import { CheckOutcome, ControlImplementation } from './types';

const AUDIT_NAME = /(audit|trail|cloudtrail)/i;

function isAuditLogGroup(template: ResolvedTemplate, r: ResolvedResource): boolean {
  if (ofType(template, 'AWS::CloudTrail::Trail').some(t => refersTo(t.properties.CloudWatchLogsLogGroupArn, r.logicalId))) return true;
  return AUDIT_NAME.test(r.logicalId) || AUDIT_NAME.test(String(r.properties.LogGroupName ?? ''));
}

type AlarmKind = (typeof ALARM_KINDS)[number];

/** Which documented signal an alarm watches, from its metric (or metric-math inputs). */
function alarmKind(alarm: ResolvedResource): { kind?: AlarmKind; threshold?: number } {
  const names = [alarm.properties.MetricName, ...asList(alarm.properties.Metrics).map(m => getPath(m, 'MetricStat.Metric.MetricName'))].map(String);
  const ns = [alarm.properties.Namespace, ...asList(alarm.properties.Metrics).map(m => getPath(m, 'MetricStat.Metric.Namespace'))].map(String);
  const threshold = cfnNumber(alarm.properties.Threshold);
  const t = typeof threshold === 'number' ? threshold : undefined;
  const has = (n: string) => names.includes(n);
  if (has('HTTPCode_Target_5XX_Count') || has('HTTPCode_ELB_5XX_Count') || has('5XXError')) return { kind: 'error-rate', threshold: t };
  if (has('TargetResponseTime') || has('Latency')) return { kind: 'latency', threshold: t };
  if (has('CPUUtilization') && ns.includes('AWS/RDS')) return { kind: 'db-cpu', threshold: t };
  if (has('DatabaseConnections')) return { kind: 'db-connections', threshold: t };
  if (has('RunningTaskCount') || has('UnHealthyHostCount')) return { kind: 'task-failure', threshold: t };
  if (has('DatabaseMemoryUsagePercentage') || has('DatabaseMemoryUsageCountedForEvictPercentage')) return { kind: 'cache-memory', threshold: t };
  if (has('DaysToExpiry')) return { kind: 'cert-expiry', threshold: t };
  return {};
}

/** The alarms a template needs, from the resources it has. */
function requiredAlarms(template: ResolvedTemplate): AlarmKind[] {
  const need: AlarmKind[] = [];
  if (ofType(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer').length) need.push('error-rate', 'latency');
  if (ofType(template, 'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster').length) need.push('db-cpu', 'db-connections');
  if (ofType(template, 'AWS::ECS::Service').length) need.push('task-failure');
  if (ofType(template, 'AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster').length) need.push('cache-memory');
  if (ofType(template, 'AWS::CertificateManager::Certificate').length || ofType(template, 'AWS::ElasticLoadBalancingV2::Listener').some(l => l.properties.Protocol === 'HTTPS')) need.push('cert-expiry');
  return need;
}

const PAGING_ENDPOINT = /(pagerduty\.com|opsgenie\.com|victorops\.com|events\.pagerduty)/i;
const CHAT_ENDPOINT = /(hooks\.slack\.com|chatbot|discord|webhook\.office\.com)/i;

function subscriptionChannel(template: ResolvedTemplate, protocol: unknown, endpoint: unknown): 'pager' | 'chat' | 'email' | 'unknown' | 'other' {
  if (isUnknown(protocol) || isUnknown(endpoint)) return 'unknown';
  const p = String(protocol);
  if (p === 'sms') return 'pager';
  if ((p === 'https' || p === 'http') && PAGING_ENDPOINT.test(String(endpoint))) return 'pager';
  if ((p === 'https' || p === 'http') && CHAT_ENDPOINT.test(String(endpoint))) return 'chat';
  if (p === 'email' || p === 'email-json') return 'email';
  if (p === 'lambda' && byLogicalId(template, String(getPath(endpoint, 'logicalId') ?? ''))) return 'other';
  return 'other';
}

/** @internal */
export const loggingControls: ControlImplementation[] = [
  {
    id: 'LOG-01',
    cfn: ({ resources }) =>
      resources.map(r => {
        const checks: Array<[string, unknown, boolean]> = [
          ['IsMultiRegionTrail', cfnBool(r.properties.IsMultiRegionTrail), false],
          ['IncludeGlobalServiceEvents', cfnBool(r.properties.IncludeGlobalServiceEvents ?? true), true],
          ['IsLogging', cfnBool(r.properties.IsLogging), false],
          ['EnableLogFileValidation', cfnBool(r.properties.EnableLogFileValidation), false],
        ];
        const unresolved = checks.find(([, v]) => isUnknown(v));
        if (unresolved) return unknown(`${r.logicalId}: ${unresolved[0]} cannot be resolved`, [at(r, unresolved[0])]);
        const off = checks.filter(([, v]) => v !== true).map(([k]) => k);
        return off.length
          ? fail(`${r.logicalId}: ${off.join(', ')} not true`, off.map(k => at(r, k)))
          : pass(`${r.logicalId}: multi-region, global events, logging, validated`, [at(r)]);
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'audit-trail-multi-region', expect: isTrue, requirement: 'true' },
        { id: 'audit-trail-validation', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'LOG-02',
    cfn: ({ resources }) =>
      resources.map(r => {
        const problems = [];
        if (!r.properties.KMSKeyId) problems.push('no KMSKeyId');
        if (!r.properties.CloudWatchLogsLogGroupArn) problems.push('not delivered to CloudWatch Logs');
        return problems.length ? fail(`${r.logicalId}: ${problems.join(', ')}`, [at(r, 'KMSKeyId')]) : pass(`${r.logicalId}: KMS-encrypted, delivered to CloudWatch Logs`, [at(r)]);
      }),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'audit-trail-encrypted', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'LOG-03',
    cfn: ({ resources, template, params }) =>
      resources.map(r => {
        const audit = isAuditLogGroup(template, r);
        const min = Number(audit ? params.minAuditRetentionDays : params.minApplicationRetentionDays);
        const days = cfnNumber(r.properties.RetentionInDays);
        if (isUnknown(days)) return unknown(`${r.logicalId}: RetentionInDays cannot be resolved (${days.reason})`, [at(r, 'RetentionInDays')]);
        if (days === undefined) return fail(`${r.logicalId}: no RetentionInDays (logs never expire and no retention is decided)`, [at(r, 'RetentionInDays')]);
        return days >= min
          ? pass(`${r.logicalId}: ${days} days (${audit ? 'audit' : 'application'} logs, ≥ ${min})`, [at(r, 'RetentionInDays')])
          : fail(`${r.logicalId}: ${days} days; ${audit ? 'audit' : 'application'} logs need ≥ ${min}`, [at(r, 'RetentionInDays')]);
      }),
    declared: ({ facts, params, entity }) => {
      const audit = entity.componentClass === 'audit-trail';
      const id = audit ? 'audit-log-retention' : 'log-retention';
      const min = Number(audit ? params.minAuditRetentionDays : params.minApplicationRetentionDays);
      return declaredCheck(facts, [{ id, expect: v => typeof v === 'number' && v >= min * DAY, requirement: `≥ ${min}d` }]);
    },
  },
  {
    id: 'LOG-04',
    cfn: ({ resources, template }) =>
      resources.map(vpc => {
        const logs = ofType(template, 'AWS::EC2::FlowLog').filter(f => refersTo(f.properties.ResourceId, vpc.logicalId));
        if (logs.length === 0) return fail(`${vpc.logicalId}: no flow log`, [at(vpc)]);
        return logs.some(f => f.properties.TrafficType === 'ALL')
          ? pass(`${vpc.logicalId}: flow logs record all traffic`, logs.map(f => at(f, 'TrafficType')))
          : fail(`${vpc.logicalId}: flow logs do not record ALL traffic`, logs.map(f => at(f, 'TrafficType')));
      }),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'flow-logs', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'LOG-05',
    cfn: ({ resources }) =>
      resources.map(r => {
        const containers = asList(r.properties.ContainerDefinitions) as Array<Record<string, unknown>>;
        const missing = containers.filter(c => !c?.LogConfiguration).map(c => String(c?.Name));
        return missing.length
          ? fail(`${r.logicalId}: container(s) ${missing.join(', ')} have no LogConfiguration`, [at(r, 'ContainerDefinitions')])
          : pass(`${r.logicalId}: every container ships its logs`, [at(r, 'ContainerDefinitions')]);
      }),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'container-logging', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'LOG-06',
    cfn: ({ resources }) =>
      resources
        .filter(r => !(r.type === 'AWS::RDS::DBInstance' && r.properties.DBClusterIdentifier !== undefined))
        .map(r => {
          const exports = asList(r.properties.EnableCloudwatchLogsExports);
          if (exports.some(isUnknown)) return unknown(`${r.logicalId}: EnableCloudwatchLogsExports cannot be resolved`, [at(r, 'EnableCloudwatchLogsExports')]);
          if (exports.length === 0) return fail(`${r.logicalId}: no database logs exported`, [at(r, 'EnableCloudwatchLogsExports')]);
          if (r.type === 'AWS::RDS::DBInstance') {
            const interval = cfnNumber(r.properties.MonitoringInterval);
            if (isUnknown(interval)) return unknown(`${r.logicalId}: MonitoringInterval cannot be resolved`, [at(r, 'MonitoringInterval')]);
            if (!interval) return fail(`${r.logicalId}: enhanced monitoring is off (MonitoringInterval 0)`, [at(r, 'MonitoringInterval')]);
          }
          return pass(`${r.logicalId}: exports ${exports.join(', ')} logs`, [at(r, 'EnableCloudwatchLogsExports')]);
        }),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'db-logging', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'LOG-07',
    cfn: ({ resources, template }) => {
      const logTargets = new Set(
        ofType(template, 'AWS::S3::Bucket')
          .map(b => getPath(b.properties, 'LoggingConfiguration.DestinationBucketName'))
          .filter(v => v && typeof v === 'object' && 'logicalId' in (v as object))
          .map(v => (v as { logicalId: string }).logicalId),
      );
      return resources.map(r => {
        if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
          const enabled = String(attributes(r.properties.LoadBalancerAttributes).get('access_logs.s3.enabled'));
          return enabled === 'true' ? pass(`${r.logicalId}: access logs to S3`, [at(r, 'LoadBalancerAttributes')]) : fail(`${r.logicalId}: access logs are off`, [at(r, 'LoadBalancerAttributes')]);
        }
        if (logTargets.has(r.logicalId)) return pass(`${r.logicalId}: is the access-log destination itself`, [at(r)]);
        return r.properties.LoggingConfiguration
          ? pass(`${r.logicalId}: server access logging on`, [at(r, 'LoggingConfiguration')])
          : fail(`${r.logicalId}: no server access logging`, [at(r, 'LoggingConfiguration')]);
      });
    },
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'access-logging', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'DET-01',
    cfn: ({ resources }) =>
      resources.map(r => expectProp(r, 'Enable', cfnBool(r.properties.Enable), v => v === true, { ok: 'GuardDuty enabled', bad: 'GuardDuty detector is disabled' })),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'threat-detection', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'DET-02',
    cfn: ({ resources }) =>
      resources.map(r =>
        expectProp(r, 'RecordingGroup.AllSupported', cfnBool(getPath(r.properties, 'RecordingGroup.AllSupported')), v => v === true, {
          ok: 'records all supported resources', bad: 'does not record all resources (RecordingGroup.AllSupported)' })),
    declared: ({ facts }) => declaredCheck(facts, [{ id: 'config-recorder', expect: isTrue, requirement: 'true' }]),
  },
  {
    id: 'MON-01',
    cfn: ({ template, params }) => {
      const need = requiredAlarms(template);
      if (need.length === 0) return [];
      const alarms = ofType(template, 'AWS::CloudWatch::Alarm');
      const found = new Map<AlarmKind, ResolvedResource[]>();
      const outcomes: CheckOutcome[] = [];
      for (const alarm of alarms) {
        const { kind, threshold } = alarmKind(alarm);
        if (!kind) continue;
        found.set(kind, [...(found.get(kind) ?? []), alarm]);
        const limits: Partial<Record<AlarmKind, [number, 'max' | 'min']>> = {
          'db-cpu': [Number(params.maxDbCpuPercent), 'max'],
          'cache-memory': [Number(params.maxCacheMemoryPercent), 'max'],
          'cert-expiry': [Number(params.minCertDaysToExpiry), 'min'],
        };
        const limit = limits[kind];
        if (limit && threshold !== undefined) {
          const ok = limit[1] === 'max' ? threshold <= limit[0] : threshold >= limit[0];
          if (!ok) outcomes.push(fail(`${alarm.logicalId}: ${kind} threshold ${threshold} is looser than the documented ${limit[0]}`, [at(alarm, 'Threshold')]));
        }
      }
      const missing = need.filter(k => !found.has(k));
      if (missing.length) outcomes.push(fail(`No alarm for: ${missing.join(', ')}`, []));
      if (outcomes.length === 0) outcomes.push(pass(`Alarms for ${need.join(', ')}`, [...found.values()].flat().map(a => at(a))));
      return outcomes;
    },
    declared: ({ facts, params }) => {
      const core = params.coreAlarms as string[];
      const base = declaredCheck(facts, [{ id: 'alarms', expect: (v: string[]) => core.every(k => v.includes(k)), requirement: `at least ${core.join(', ')}` }]);
      const fact = facts.get('alarms');
      if (base.status !== 'pass' || !Array.isArray(fact?.value)) return base;
      const missing = ALARM_KINDS.filter(k => !(fact!.value as string[]).includes(k));
      return missing.length ? { ...base, status: 'warn', message: `${base.message}; not documented: ${missing.join(', ')}` } : base;
    },
  },
  {
    id: 'MON-02',
    cfn: ({ template }) => {
      const subs: Array<{ r: ResolvedResource; protocol: unknown; endpoint: unknown; path: string }> = [];
      for (const s of ofType(template, 'AWS::SNS::Subscription')) subs.push({ r: s, protocol: s.properties.Protocol, endpoint: s.properties.Endpoint, path: 'Protocol' });
      for (const t of ofType(template, 'AWS::SNS::Topic')) {
        asList(t.properties.Subscription).forEach((s, i) => subs.push({ r: t, protocol: getPath(s, 'Protocol'), endpoint: getPath(s, 'Endpoint'), path: `Subscription[${i}]` }));
      }
      if (subs.length === 0) {
        return ofType(template, 'AWS::CloudWatch::Alarm').length ? [fail('Alarms exist but no SNS subscription routes them to a person')] : [];
      }
      const channels = subs.map(s => ({ ...s, channel: subscriptionChannel(template, s.protocol, s.endpoint) }));
      const pager = channels.filter(c => c.channel === 'pager');
      if (pager.length) return [pass(`Critical alerts page through ${pager.map(p => p.r.logicalId).join(', ')}`, pager.map(p => at(p.r, p.path)))];
      const unresolved = channels.filter(c => c.channel === 'unknown');
      if (unresolved.length) return [unknown(`Alert endpoint(s) cannot be resolved: ${unresolved.map(u => u.r.logicalId).join(', ')} (supply the parameter)`, unresolved.map(u => at(u.r, u.path)))];
      return [fail(`Alerts go only to ${[...new Set(channels.map(c => c.channel))].join(', ')}; nothing pages a person`, channels.map(c => at(c.r, c.path)))];
    },
    declared: ({ facts, params }) =>
      declaredCheck(facts, [{ id: 'alert-channel-critical', expect: v => (params.pagingChannels as string[]).includes(v), requirement: (params.pagingChannels as string[]).join(' or ') }]),
  },
];

