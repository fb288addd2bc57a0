/*
 * The metadata of the controls in monitoringControls.ts: what they check and why, where the
 * documents say so, what frameworks they evidence. policy/defaultControls.ts gathers it.
 */
import { ControlMetadata } from './ControlMetadata';
import { ALB, CACHE, LISTENER, RDS } from './resourceTypeGroups';

/**
 * MON-01 and MON-02: alarms and paging.
 *
 * @internal
 */
export const monitoringMetadata: ControlMetadata[] = [
  {
    id: 'MON-01',
    category: 'monitoring',
    severity: 'high',
    title: 'Alarms exist for the documented thresholds',
    rationale:
      'Error rate, latency, database CPU and connections, task failures, cache memory and certificate expiry are the signals [000][004] alarm on.',
    appliesTo: ['monitoring'],
    resourceTypes: [
      'AWS::CloudWatch::Alarm',
      ...ALB,
      ...RDS,
      'AWS::ECS::Service',
      ...CACHE,
      LISTENER[0],
    ],
    facts: ['alarms'],
    params: {
      maxDbCpuPercent: 80,
      maxCacheMemoryPercent: 90,
      minCertDaysToExpiry: 30,
      coreAlarms: ['error-rate', 'latency'],
    },
    frameworks: {
      soc2: ['CC7.2'],
      'bsi-c5': ['OPS-13'],
      'pci-dss': ['10.7.1'],
    },
    sources: ['000', '004'],
  },
  {
    id: 'MON-02',
    category: 'monitoring',
    severity: 'high',
    title: 'Critical alerts page a person',
    rationale:
      'A critical alert in a chat channel is read when someone looks; [001][004] page through PagerDuty, [000] sends everything to Slack and marks it TODO.',
    appliesTo: ['alerting', 'monitoring'],
    resourceTypes: [
      'AWS::SNS::Topic',
      'AWS::SNS::Subscription',
      'AWS::CloudWatch::Alarm',
    ],
    facts: ['alert-channel-critical'],
    params: { pagingChannels: ['pager', 'sms', 'phone'] },
    frameworks: {
      soc2: ['CC7.3', 'CC7.4'],
      'bsi-c5': ['SIM-01'],
      'pci-dss': ['12.10.1'],
    },
    sources: ['000', '001', '004'],
  },
];
