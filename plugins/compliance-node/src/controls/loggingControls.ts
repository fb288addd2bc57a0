/*
 * The logging and detection family: LOG-01, LOG-02 and LOG-04 to LOG-07 here, the log groups'
 * retention (LOG-03, LOG-08) in logRetentionControls.ts and DET-01/DET-02 in
 * detectionControls.ts. Their metadata is in loggingControls.meta.ts.
 */
import {
  getPath,
  isResourceReference,
  isUnknown,
  ResolvedResource,
  ResolvedTemplate,
} from '../cloudformation';
import {
  asList,
  attribute,
  containerName,
  containers,
  ofType,
  refersTo,
} from './cfnHelpers';
import {
  allOf,
  at,
  cfnBool,
  cfnNumber,
  collect,
  declaredCheck,
  expectProp,
  fail,
  isTrue,
  pass,
  unknown,
} from './outcomes';
import { CLASSIC_ELB, classicAccessLogs } from './classicLoadBalancer';
import { ControlImplementation } from './types';
import { isClusterMember } from './cfnDefaults';
import { logRetentionControls } from './logRetentionControls';
import { detectionControls } from './detectionControls';

/** LOG-04 for one VPC. */
function flowLogs(template: ResolvedTemplate, vpc: ResolvedResource) {
  // A flow log whose ResourceId cannot be resolved may be this VPC's.
  const logs = ofType(template, 'AWS::EC2::FlowLog').filter(
    f =>
      refersTo(f.properties.ResourceId, vpc.logicalId) ||
      isUnknown(f.properties.ResourceId),
  );
  const mine = logs.filter(f => !isUnknown(f.properties.ResourceId));
  const all = logs.map(
    ({ properties: { ResourceId: id, TrafficType: traffic } }) =>
      allOf([
        isUnknown(id) ? id : true,
        isUnknown(traffic) ? traffic : traffic === 'ALL',
      ]),
  );
  const recording = logs.filter((_, i) => all[i] === true);
  const sure = recording.filter(f => f.included === true);
  // One flow log whose Condition cannot be decided: whether it exists decides.
  if (recording.length)
    return pass(
      `${vpc.logicalId}: flow logs record all traffic`,
      (sure.length ? sure : recording.slice(0, 1)).map(f =>
        at(f, 'TrafficType'),
      ),
    );
  const undecided = all.findIndex(isUnknown);
  if (undecided >= 0) {
    const reason = (all[undecided] as { reason: string }).reason;
    return unknown(
      `${vpc.logicalId}: whether ${logs[undecided].logicalId} records ALL traffic of this VPC cannot be resolved (${reason})`,
      [at(logs[undecided], 'TrafficType')],
    );
  }
  if (mine.length === 0)
    return fail(`${vpc.logicalId}: no flow log`, [at(vpc)]);
  const shown = mine.filter(f => f.included === true);
  return fail(
    `${vpc.logicalId}: flow logs do not record ALL traffic`,
    shown.length ? shown.map(f => at(f, 'TrafficType')) : [at(vpc)],
  );
}

/** @internal */
export const loggingControls: ControlImplementation[] = [
  {
    id: 'LOG-01',
    cfn: ({ resources }) =>
      resources.map(r => {
        const defaults: Record<string, unknown> = {
          IncludeGlobalServiceEvents: true,
        };
        const checks = [
          'IsMultiRegionTrail',
          'IncludeGlobalServiceEvents',
          'IsLogging',
          'EnableLogFileValidation',
        ].map(path => ({
          path,
          value: cfnBool(r.properties[path] ?? defaults[path]),
          ok: isTrue,
          bad: path,
        }));
        return collect(r, checks, {
          ok: 'multi-region, global events, logging, validated',
          problems: off => `${off.join(', ')} not true`,
        });
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
      resources.map(r =>
        collect(
          r,
          [
            {
              path: 'KMSKeyId',
              value: r.properties.KMSKeyId,
              ok: Boolean,
              bad: 'no KMSKeyId',
            },
            {
              path: 'CloudWatchLogsLogGroupArn',
              value: r.properties.CloudWatchLogsLogGroupArn,
              ok: Boolean,
              bad: 'not delivered to CloudWatch Logs',
            },
          ],
          { ok: 'KMS-encrypted, delivered to CloudWatch Logs' },
        ),
      ),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'audit-trail-encrypted', expect: isTrue, requirement: 'true' },
      ]),
  },
  ...logRetentionControls,
  {
    id: 'LOG-04',
    cfn: ({ resources, template }) =>
      resources.map(vpc => flowLogs(template, vpc)),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'flow-logs', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'LOG-05',
    cfn: ({ resources }) =>
      resources.map(r => {
        const defs = r.properties.ContainerDefinitions;
        if (isUnknown(defs))
          return unknown(
            `${r.logicalId}: ContainerDefinitions cannot be resolved (${defs.reason})`,
            [at(r, 'ContainerDefinitions')],
          );
        const config = containers(r).map(c => ({
          name: containerName(c),
          value: getPath(c, 'LogConfiguration'),
        }));
        const missing = config.filter(c => !c.value).map(c => c.name);
        const undecided = config.filter(c => isUnknown(c.value));
        if (missing.length)
          return fail(
            `${r.logicalId}: container(s) ${missing.join(
              ', ',
            )} have no LogConfiguration`,
            [at(r, 'ContainerDefinitions')],
          );
        if (undecided.length) {
          return unknown(
            `${r.logicalId}: the LogConfiguration of ${undecided
              .map(c => c.name)
              .join(', ')} cannot be resolved (${
              (undecided[0].value as { reason: string }).reason
            })`,
            [at(r, 'ContainerDefinitions')],
          );
        }
        return pass(`${r.logicalId}: every container ships its logs`, [
          at(r, 'ContainerDefinitions'),
        ]);
      }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'container-logging', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'LOG-06',
    cfn: ({ resources }) =>
      resources
        .filter(r => !isClusterMember(r))
        .map(r => {
          const exports = asList(r.properties.EnableCloudwatchLogsExports);
          return collect(
            r,
            [
              {
                path: 'EnableCloudwatchLogsExports',
                value: exports.find(isUnknown) ?? exports,
                ok: (v: unknown[]) => v.length > 0,
                bad: 'no database logs exported',
              },
              ...(r.type === 'AWS::RDS::DBInstance'
                ? [
                    {
                      path: 'MonitoringInterval',
                      value: cfnNumber(r.properties.MonitoringInterval),
                      ok: Boolean,
                      bad: 'enhanced monitoring is off (MonitoringInterval 0)',
                    },
                  ]
                : []),
            ],
            {
              ok: `exports ${exports.join(', ')} logs`,
              okAt: 'EnableCloudwatchLogsExports',
            },
          );
        }),
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'db-logging', expect: isTrue, requirement: 'true' },
      ]),
  },
  {
    id: 'LOG-07',
    cfn: ({ resources, template }) => {
      // Buckets that log to each bucket of the template: its being a log destination rests on them.
      const loggedBy = new Map<string, ResolvedResource[]>();
      for (const b of ofType(template, 'AWS::S3::Bucket')) {
        const target = getPath(
          b.properties,
          'LoggingConfiguration.DestinationBucketName',
        );
        if (isResourceReference(target))
          loggedBy.set(target.logicalId, [
            ...(loggedBy.get(target.logicalId) ?? []),
            b,
          ]);
      }
      return resources.map(r => {
        if (r.type === CLASSIC_ELB) return classicAccessLogs(r);
        if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
          return collect(
            r,
            [
              {
                path: 'access_logs.s3.enabled',
                value: attribute(
                  r.properties.LoadBalancerAttributes,
                  'access_logs.s3.enabled',
                ),
                ok: v => String(v) === 'true',
                bad: 'access logs are off',
                loc: 'LoadBalancerAttributes',
              },
            ],
            { ok: 'access logs to S3', okAt: 'LoadBalancerAttributes' },
          );
        }
        const sources = loggedBy.get(r.logicalId) ?? [];
        if (sources.length) {
          const certain = sources.some(b => b.included === true);
          return {
            ...pass(`${r.logicalId}: is the access-log destination itself`, [
              at(r),
            ]),
            ...(!certain && { dependsOn: sources.map(b => b.logicalId) }),
          };
        }
        return expectProp(
          r,
          'LoggingConfiguration',
          r.properties.LoggingConfiguration,
          Boolean,
          { ok: 'server access logging on', bad: 'no server access logging' },
        );
      });
    },
    declared: ({ facts }) =>
      declaredCheck(facts, [
        { id: 'access-logging', expect: isTrue, requirement: 'true' },
      ]),
  },
  ...detectionControls,
];
