/*
 * Logging, detection and monitoring controls (LOG-01 … LOG-07, DET-01, DET-02, MON-01,
 * MON-02) through evaluateEntity with the default policy. LOG-03's retention and DET-01/DET-02
 * are in logRetentionControls.test.ts and detectionControls.test.ts.
 */
import {
  declared,
  DeclaredSpec,
  declaredCases,
  evaluateDeclared,
  evaluateYaml,
  locations,
} from './testHelpers';

describe('LOG-01 CloudTrail is multi-region, logging, with log file validation', () => {
  const trail = (props: string) => `
Parameters:
  TrailEnabled: { Type: String }
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: organization-trail
      S3BucketName: audit-trail-111122223333
${props}`;

  it('passes a multi-region, logging, validated trail (global events by default)', () => {
    const r = evaluateYaml(
      trail(
        `      IsLogging: true\n      IsMultiRegionTrail: true\n      EnableLogFileValidation: true`,
      ),
    )('LOG-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Trail: multi-region, global events, logging, validated',
    );
  });

  it('fails a single-region trail without validation, naming both properties', () => {
    const r = evaluateYaml(
      trail(`      IsLogging: true\n      IsMultiRegionTrail: false`),
    )('LOG-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Trail: IsMultiRegionTrail, EnableLogFileValidation not true',
    );
    expect(locations(r)).toEqual([
      'Trail:Properties.IsMultiRegionTrail',
      'Trail:Properties.EnableLogFileValidation',
    ]);
  });

  it('fails when global service events are excluded', () => {
    const r = evaluateYaml(
      trail(
        `      IsLogging: true\n      IsMultiRegionTrail: true\n      EnableLogFileValidation: true\n      IncludeGlobalServiceEvents: false`,
      ),
    )('LOG-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Trail: IncludeGlobalServiceEvents not true');
  });

  it('is unknown when IsLogging comes from a parameter without a default', () => {
    const r = evaluateYaml(
      trail(
        `      IsLogging: !Ref TrailEnabled\n      IsMultiRegionTrail: true\n      EnableLogFileValidation: true`,
      ),
    )('LOG-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Trail: IsLogging cannot be resolved (parameter TrailEnabled has no default and no value was supplied)',
    );
    expect(locations(r)).toEqual(['Trail:Properties.IsLogging']);
  });
});

describe('LOG-02 CloudTrail is KMS-encrypted and delivered to CloudWatch Logs', () => {
  // Unresolved values (unknown) and certain failures: see "logging and monitoring controls: what cannot be resolved…" below.
  const trail = (props: string) => `
Resources:
  TrailKey: { Type: AWS::KMS::Key, Properties: { EnableKeyRotation: true, KeyPolicy: {} } }
  TrailLogs: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: 400 } }
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: audit-trail-111122223333
${props}`;

  it('passes with KMSKeyId and CloudWatch Logs delivery', () => {
    const r = evaluateYaml(
      trail(
        `      KMSKeyId: !Ref TrailKey\n      CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn\n      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-to-logs`,
      ),
    )('LOG-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Trail: KMS-encrypted, delivered to CloudWatch Logs',
    );
  });

  it('fails without KMSKeyId', () => {
    const r = evaluateYaml(
      trail(`      CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn`),
    )('LOG-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Trail: no KMSKeyId');
    expect(locations(r)).toEqual(['Trail:Properties.KMSKeyId']);
  });

  it('fails without encryption and without CloudWatch Logs', () => {
    const r = evaluateYaml(trail(''))('LOG-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Trail: no KMSKeyId, not delivered to CloudWatch Logs',
    );
  });
});

describe('LOG-04 every VPC has flow logs for all traffic', () => {
  // Unresolved values (unknown) and certain failures: see "logging and monitoring controls: what cannot be resolved…" below.
  const vpc = (flowLog: string) => `
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  FlowLogGroup: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: 365 } }
${flowLog}`;

  it('passes with a flow log recording ALL traffic', () => {
    const r = evaluateYaml(
      vpc(
        `  FlowLog: { Type: AWS::EC2::FlowLog, Properties: { ResourceId: !Ref Vpc, ResourceType: VPC, TrafficType: ALL, LogGroupName: !Ref FlowLogGroup, DeliverLogsPermissionArn: arn:aws:iam::111122223333:role/flow-logs } }`,
      ),
    )('LOG-04');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Vpc: flow logs record all traffic');
    expect(locations(r)).toEqual(['FlowLog:Properties.TrafficType']);
  });

  it('fails without a flow log', () => {
    const r = evaluateYaml(vpc(''))('LOG-04');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Vpc: no flow log');
  });

  it('fails when the flow log records only rejected traffic', () => {
    const r = evaluateYaml(
      vpc(
        `  FlowLog: { Type: AWS::EC2::FlowLog, Properties: { ResourceId: !Ref Vpc, ResourceType: VPC, TrafficType: REJECT, LogDestinationType: s3, LogDestination: arn:aws:s3:::flow-logs } }`,
      ),
    )('LOG-04');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Vpc: flow logs do not record ALL traffic');
  });
});

describe('LOG-05 every container ships its logs', () => {
  // Unresolved values (unknown) and certain failures: see "logging and monitoring controls: what cannot be resolved…" below.
  const task = (containers: string) => `
Resources:
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      Cpu: '512'
      Memory: '1024'
      ContainerDefinitions:
${containers}`;
  const api = `        - Name: api
          Image: 111122223333.dkr.ecr.eu-central-1.amazonaws.com/api:1.4.2
          LogConfiguration: { LogDriver: awslogs, Options: { awslogs-group: /ecs/api, awslogs-region: eu-central-1, awslogs-stream-prefix: api } }`;

  it('passes when every container has a LogConfiguration', () => {
    const r = evaluateYaml(task(api))('LOG-05');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('TaskDefinition: every container ships its logs');
  });

  it('fails naming the container without LogConfiguration', () => {
    const r = evaluateYaml(
      task(`${api}
        - Name: xray-daemon
          Image: public.ecr.aws/xray/aws-xray-daemon:3.3.12
          Essential: false`),
    )('LOG-05');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'TaskDefinition: container(s) xray-daemon have no LogConfiguration',
    );
    expect(locations(r)).toEqual([
      'TaskDefinition:Properties.ContainerDefinitions',
    ]);
  });
});

describe('LOG-06 databases export logs and have enhanced monitoring', () => {
  const db = (props: string) => `
Parameters:
  MonitoringInterval: { Type: Number, AllowedValues: [0, 1, 5, 10, 15, 30, 60] }
  Environment: { Type: String }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.r6g.large
      MonitoringRoleArn: arn:aws:iam::111122223333:role/rds-monitoring
${props}`;

  it('passes with log exports and enhanced monitoring', () => {
    const r = evaluateYaml(
      db(
        `      EnableCloudwatchLogsExports: [postgresql, upgrade]\n      MonitoringInterval: 60`,
      ),
    )('LOG-06');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Database: exports postgresql, upgrade logs');
  });

  it('fails without log exports', () => {
    const r = evaluateYaml(db(`      MonitoringInterval: 60`))('LOG-06');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Database: no database logs exported');
    expect(locations(r)).toEqual([
      'Database:Properties.EnableCloudwatchLogsExports',
    ]);
  });

  it('fails without enhanced monitoring', () => {
    const r = evaluateYaml(
      db(
        `      EnableCloudwatchLogsExports: [postgresql]\n      MonitoringInterval: 0`,
      ),
    )('LOG-06');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('Database: enhanced monitoring is off');
  });

  it('is unknown when MonitoringInterval comes from a parameter without a default', () => {
    const r = evaluateYaml(
      db(
        `      EnableCloudwatchLogsExports: [postgresql]\n      MonitoringInterval: !Ref MonitoringInterval`,
      ),
    )('LOG-06');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Database: MonitoringInterval cannot be resolved (parameter MonitoringInterval has no default and no value was supplied)',
    );
  });

  it('is unknown when the exports are an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(
      db(
        `      EnableCloudwatchLogsExports: !If [IsProduction, [postgresql, upgrade], !Ref AWS::NoValue]\n      MonitoringInterval: 60`,
      ),
    )('LOG-06');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Database: EnableCloudwatchLogsExports cannot be resolved (depends on condition IsProduction, which cannot be decided: parameter Environment has no default and no value was supplied)',
    );
  });
});

describe('LOG-07 load balancers and buckets write access logs', () => {
  // Unresolved values (unknown) and certain failures: see "logging and monitoring controls: what cannot be resolved…" below.
  it('passes an ALB with access logs to S3', () => {
    const r = evaluateYaml(`
Resources:
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-a, subnet-b]
      LoadBalancerAttributes:
        - { Key: access_logs.s3.enabled, Value: 'true' }
        - { Key: access_logs.s3.bucket, Value: alb-access-logs-111122223333 }
`)('LOG-07');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('LoadBalancer: access logs to S3');
  });

  it('passes a bucket with server access logging, and its log destination bucket', () => {
    const r = evaluateYaml(`
Resources:
  AccessLogs: { Type: AWS::S3::Bucket, Properties: { OwnershipControls: { Rules: [{ ObjectOwnership: BucketOwnerPreferred }] } } }
  Documents: { Type: AWS::S3::Bucket, Properties: { LoggingConfiguration: { DestinationBucketName: !Ref AccessLogs, LogFilePrefix: documents/ } } }
`)('LOG-07');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'AccessLogs: is the access-log destination itself; Documents: server access logging on',
    );
  });

  it('fails an ALB without access logs', () => {
    const r = evaluateYaml(`
Resources:
  LoadBalancer: { Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: { Subnets: [subnet-a, subnet-b] } }
`)('LOG-07');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('LoadBalancer: access logs are off');
  });

  it('fails a bucket without server access logging', () => {
    const r = evaluateYaml(`
Resources:
  Documents: { Type: AWS::S3::Bucket }
`)('LOG-07');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Documents: no server access logging');
    expect(locations(r)).toEqual(['Documents:Properties.LoggingConfiguration']);
  });
});

describe('MON-01 alarms exist for the documented thresholds', () => {
  // Unresolved values (unknown) and certain failures: see "logging and monitoring controls: what cannot be resolved…" below.
  const alarm = (
    id: string,
    namespace: string,
    metric: string,
    threshold: number,
  ) =>
    `  ${id}: { Type: AWS::CloudWatch::Alarm, Properties: { Namespace: ${namespace}, MetricName: ${metric}, Statistic: Average, Period: 300, EvaluationPeriods: 3, Threshold: ${threshold}, ComparisonOperator: GreaterThanThreshold } }`;
  const database = `
Resources:
  Database: { Type: AWS::RDS::DBInstance, Properties: { Engine: postgres, DBInstanceClass: db.r6g.large } }`;

  it('passes a database with CPU ≤ 80 % and connection alarms', () => {
    const r = evaluateYaml(`${database}
${alarm('DbCpu', 'AWS/RDS', 'CPUUtilization', 80)}
${alarm('DbConnections', 'AWS/RDS', 'DatabaseConnections', 400)}
`)('MON-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Alarms for db-cpu, db-connections');
    expect(locations(r)).toEqual(['DbCpu', 'DbConnections']);
  });

  it('fails when a required alarm is missing', () => {
    const r = evaluateYaml(`${database}
${alarm('DbCpu', 'AWS/RDS', 'CPUUtilization', 80)}
`)('MON-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('No alarm for: db-connections');
  });

  it('fails a CPU alarm looser than 80 %', () => {
    const r = evaluateYaml(`${database}
${alarm('DbCpu', 'AWS/RDS', 'CPUUtilization', 95)}
${alarm('DbConnections', 'AWS/RDS', 'DatabaseConnections', 400)}
`)('MON-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'DbCpu: db-cpu threshold 95 is looser than the documented 80',
    );
    expect(locations(r)).toEqual(['DbCpu:Properties.Threshold']);
  });

  it('requires error-rate, latency and certificate-expiry alarms for an ALB with an HTTPS listener', () => {
    const r = evaluateYaml(`
Resources:
  LoadBalancer: { Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: { Subnets: [subnet-a, subnet-b] } }
  HttpsListener: { Type: AWS::ElasticLoadBalancingV2::Listener, Properties: { LoadBalancerArn: !Ref LoadBalancer, Port: 443, Protocol: HTTPS, DefaultActions: [] } }
${alarm('Errors', 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 10)}
`)('MON-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('No alarm for: latency, cert-expiry');
  });
});

describe('MON-02 critical alerts page a person', () => {
  const topic = (subscriptions: string, extra = '') => `
Parameters:
  OnCallEndpoint: { Type: String }
Resources:
  Critical:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: critical-alerts
      Subscription: ${subscriptions}
${extra}`;

  it('passes with an SMS subscription', () => {
    const r = evaluateYaml(
      topic(`[{ Protocol: sms, Endpoint: '+4930123456789' }]`),
    )('MON-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Critical alerts page through Critical');
    expect(locations(r)).toEqual(['Critical:Properties.Subscription[0]']);
  });

  it('passes with a PagerDuty HTTPS subscription resource', () => {
    const r = evaluateYaml(
      topic(
        '[]',
        `
  PagerDuty:
    Type: AWS::SNS::Subscription
    Properties: { TopicArn: !Ref Critical, Protocol: https, Endpoint: 'https://events.pagerduty.com/integration/0123456789abcdef/enqueue' }`,
      ),
    )('MON-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Critical alerts page through PagerDuty');
  });

  it('fails when alerts only reach chat and email', () => {
    const r = evaluateYaml(
      topic(
        `[{ Protocol: https, Endpoint: 'https://hooks.slack.com/services/T000/B000/XXXX' }, { Protocol: email, Endpoint: ops@example.com }]`,
      ),
    )('MON-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Alerts go only to chat, email; nothing pages a person',
    );
  });

  it('fails when alarms exist and the topic has no subscription', () => {
    const r = evaluateYaml(
      topic(
        '[]',
        `
  HighErrors:
    Type: AWS::CloudWatch::Alarm
    Properties: { Namespace: AWS/ApplicationELB, MetricName: HTTPCode_Target_5XX_Count, Statistic: Sum, Period: 60, EvaluationPeriods: 5, Threshold: 10, ComparisonOperator: GreaterThanThreshold, AlarmActions: [!Ref Critical] }`,
      ),
    )('MON-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Alarms exist but no SNS subscription routes them to a person',
    );
  });

  it('is unknown when the only endpoint comes from a parameter without a default', () => {
    const r = evaluateYaml(
      topic(`[{ Protocol: https, Endpoint: !Ref OnCallEndpoint }]`),
    )('MON-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Alert endpoint(s) cannot be resolved: Critical Subscription[0].Endpoint (parameter OnCallEndpoint has no default and no value was supplied)',
    );
  });

  it('is decided once the endpoint parameter is supplied', () => {
    const yaml = topic(`[{ Protocol: https, Endpoint: !Ref OnCallEndpoint }]`);
    expect(
      evaluateYaml(
        yaml,
        {},
        { parameters: { OnCallEndpoint: 'https://events.pagerduty.com/x' } },
      )('MON-02').status,
    ).toBe('pass');
    expect(
      evaluateYaml(
        yaml,
        {},
        {
          parameters: { OnCallEndpoint: 'https://hooks.slack.com/services/x' },
        },
      )('MON-02').status,
    ).toBe('fail');
  });
});

describe('logging, detection and monitoring controls, declared form', () => {
  const specs: DeclaredSpec[] = [
    {
      id: 'LOG-01',
      cls: 'audit-trail',
      pass: {
        'audit-trail-multi-region': 'true',
        'audit-trail-validation': 'true',
      },
      passMessage:
        'audit-trail-multi-region is true; audit-trail-validation is true',
      fail: { 'audit-trail-validation': 'false' },
      failMessage: 'audit-trail-validation is false; required: true',
      missing: 'audit-trail-multi-region',
      todo: 'audit-trail-validation',
      notApplicableClass: 'log-storage',
    },
    {
      id: 'LOG-02',
      cls: 'audit-trail',
      pass: { 'audit-trail-encrypted': 'true' },
      passMessage: 'audit-trail-encrypted is true',
      fail: { 'audit-trail-encrypted': 'false' },
      failMessage: 'audit-trail-encrypted is false; required: true',
      missing: 'audit-trail-encrypted',
      notApplicableClass: 'log-storage',
    },
    {
      id: 'LOG-03',
      cls: 'log-storage',
      pass: { 'log-retention': '90d' },
      passMessage: 'log-retention is 90d',
      fail: { 'log-retention': '30d' },
      failMessage: 'log-retention is 30d; required: ≥ 90d',
      missing: 'log-retention',
    },
    {
      id: 'LOG-03',
      cls: 'audit-trail',
      pass: { 'audit-log-retention': '1y' },
      passMessage: 'audit-log-retention is 1y',
      fail: { 'audit-log-retention': '90d' },
      failMessage: 'audit-log-retention is 90d; required: ≥ 365d',
      missing: 'audit-log-retention',
    },
    {
      id: 'LOG-04',
      cls: 'flow-logs',
      pass: { 'flow-logs': 'true' },
      passMessage: 'flow-logs is true',
      fail: { 'flow-logs': 'false' },
      failMessage: 'flow-logs is false; required: true',
      missing: 'flow-logs',
      notApplicableClass: 'subnet',
    },
    {
      id: 'LOG-05',
      cls: 'worker',
      pass: { 'container-logging': 'true' },
      passMessage: 'container-logging is true',
      fail: { 'container-logging': 'false' },
      failMessage: 'container-logging is false; required: true',
      missing: 'container-logging',
      notApplicableClass: 'function',
    },
    {
      id: 'LOG-06',
      cls: 'database',
      pass: { 'db-logging': 'true' },
      passMessage: 'db-logging is true',
      fail: { 'db-logging': 'false' },
      failMessage: 'db-logging is false; required: true',
      missing: 'db-logging',
      notApplicableClass: 'cache',
    },
    {
      id: 'LOG-07',
      cls: 'load-balancer',
      pass: { 'access-logging': 'true' },
      passMessage: 'access-logging is true',
      fail: { 'access-logging': 'false' },
      failMessage: 'access-logging is false; required: true',
      missing: 'access-logging',
    },
    {
      id: 'DET-01',
      cls: 'threat-detection',
      pass: { 'threat-detection': 'true' },
      passMessage: 'threat-detection is true',
      fail: { 'threat-detection': 'false' },
      failMessage: 'threat-detection is false; required: true',
      missing: 'threat-detection',
      notApplicableClass: 'security-hub',
    },
    {
      id: 'DET-02',
      cls: 'config-recorder',
      pass: { 'config-recorder': 'true' },
      passMessage: 'config-recorder is true',
      fail: { 'config-recorder': 'false' },
      failMessage: 'config-recorder is false; required: true',
      missing: 'config-recorder',
      notApplicableClass: 'security-hub',
    },
    {
      id: 'MON-01',
      cls: 'monitoring',
      pass: {
        alarms:
          'error-rate,latency,db-cpu,db-connections,task-failure,cache-memory,cert-expiry',
      },
      passMessage: 'alarms is error-rate, latency, db-cpu',
      fail: { alarms: 'db-cpu,db-connections' },
      failMessage:
        'alarms is db-cpu, db-connections; required: at least error-rate, latency',
      missing: 'alarms',
      notApplicableClass: 'alerting',
    },
    {
      id: 'MON-02',
      cls: 'alerting',
      pass: { 'alert-channel-critical': 'pager' },
      passMessage: 'alert-channel-critical is pager',
      fail: { 'alert-channel-critical': 'chat' },
      failMessage:
        'alert-channel-critical is chat; required: pager or sms or phone',
      missing: 'alert-channel-critical',
    },
  ];
  describe.each(specs)('$id declared form ($cls)', spec => {
    it.each(declaredCases(spec))('%s', (_title, check) => {
      expect.hasAssertions();
      check();
    });
  });

  it('MON-01 declared: the core alarms without the others is a warning naming what is not documented', () => {
    const r = evaluateDeclared(
      'monitoring',
      declared({ alarms: 'error-rate,latency,db-cpu' }),
    )('MON-01');
    expect(r.status).toBe('warn');
    expect(r.message).toBe(
      'alarms is error-rate, latency, db-cpu; not documented: db-connections, task-failure, cache-memory, cert-expiry',
    );
  });
});

describe('logging and monitoring controls: what cannot be resolved is unknown, a certain failure stays a failure', () => {
  const params = `
Parameters:
  Environment: { Type: String }
  Value: { Type: String }
  TrailLogGroupName: { Type: String }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]`;

  it('LOG-01 fails a trail that is not logging even though IsMultiRegionTrail cannot be resolved', () => {
    const r = evaluateYaml(`${params}
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties: { S3BucketName: audit, IsLogging: false, IsMultiRegionTrail: !Ref Value, EnableLogFileValidation: true }
`)('LOG-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Trail: IsLogging not true; IsMultiRegionTrail cannot be resolved',
    );
    expect(locations(r)).toEqual(['Trail:Properties.IsLogging']);
  });

  it('LOG-02 is unknown when KMSKeyId comes from a parameter without a default', () => {
    const r = evaluateYaml(`${params}
Resources:
  TrailLogs: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: 400 } }
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties: { IsLogging: true, S3BucketName: audit, KMSKeyId: !Ref Value, CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn }
`)('LOG-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Trail: KMSKeyId cannot be resolved (parameter Value has no default and no value was supplied)',
    );
    expect(locations(r)).toEqual(['Trail:Properties.KMSKeyId']);
  });

  describe('LOG-03 with a LogGroupName that cannot be resolved (audit or application logs?)', () => {
    const group = (name: string, days: number) =>
      evaluateYaml(`${params}
Resources:
  AppLogs: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: !Ref ${name}, RetentionInDays: ${days} } }
`)('LOG-03');

    it('does not read the reason of the Unknown as a name, and is unknown between the two minimums', () => {
      // The reason ("parameter TrailLogGroupName has no default…") contains "trail".
      for (const name of ['TrailLogGroupName', 'Value']) {
        const r = group(name, 180);
        expect(r.status).toBe('unknown');
        expect(r.message).toContain(
          'AppLogs: 180 days is enough for application logs (≥ 90) but not for audit logs (≥ 365)',
        );
        expect(r.message).toContain(
          `LogGroupName cannot be resolved (parameter ${name} has no default`,
        );
        expect(locations(r)).toEqual(['AppLogs:Properties.LogGroupName']);
      }
    });

    it('passes a retention that meets the audit minimum, and fails one below the application minimum', () => {
      expect(group('Value', 400).status).toBe('pass');
      expect(group('Value', 400).message).toBe(
        'AppLogs: 400 days (≥ 365, enough even for audit logs)',
      );
      expect(group('TrailLogGroupName', 30).status).toBe('fail');
      expect(group('TrailLogGroupName', 30).message).toBe(
        'AppLogs: 30 days; even application logs need ≥ 90',
      );
    });

    it('still classifies by logical id', () => {
      const r = evaluateYaml(`${params}
Resources:
  AuditLogs: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: !Ref Value, RetentionInDays: 180 } }
`)('LOG-03');
      expect(r.status).toBe('fail');
      expect(r.message).toBe('AuditLogs: 180 days; audit logs need ≥ 365');
    });
  });

  it('LOG-04 is unknown when TrafficType comes from a parameter', () => {
    const r = evaluateYaml(`${params}
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  FlowLog: { Type: AWS::EC2::FlowLog, Properties: { ResourceId: !Ref Vpc, ResourceType: VPC, TrafficType: !Ref Value, LogDestinationType: s3, LogDestination: arn:aws:s3:::flow-logs } }
`)('LOG-04');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Vpc: whether FlowLog records ALL traffic of this VPC cannot be resolved (parameter Value has no default',
    );
    expect(locations(r)).toEqual(['FlowLog:Properties.TrafficType']);
  });

  it('LOG-05 is unknown when a LogConfiguration is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(`${params}
Resources:
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: api
          Image: api:1
          LogConfiguration: !If [IsProduction, { LogDriver: awslogs }, !Ref AWS::NoValue]
`)('LOG-05');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'TaskDefinition: the LogConfiguration of api cannot be resolved (depends on condition IsProduction',
    );
  });

  it('LOG-06 fails disabled enhanced monitoring even though the log exports cannot be resolved', () => {
    const r = evaluateYaml(`${params}
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres, DBInstanceClass: db.r6g.large, MonitoringInterval: 0, EnableCloudwatchLogsExports: !If [IsProduction, [postgresql], !Ref AWS::NoValue] }
`)('LOG-06');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Database: enhanced monitoring is off (MonitoringInterval 0); EnableCloudwatchLogsExports cannot be resolved',
    );
  });

  it('LOG-07 is unknown when access_logs.s3.enabled comes from a parameter', () => {
    const r = evaluateYaml(`${params}
Resources:
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Subnets: [subnet-a, subnet-b], LoadBalancerAttributes: [{ Key: access_logs.s3.enabled, Value: !Ref Value }] }
`)('LOG-07');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'LoadBalancer: access_logs.s3.enabled cannot be resolved (parameter Value has no default and no value was supplied)',
    );
    expect(locations(r)).toEqual([
      'LoadBalancer:Properties.LoadBalancerAttributes',
    ]);
  });

  it('MON-01 is unknown when the threshold of a database CPU alarm comes from a parameter', () => {
    const r = evaluateYaml(`${params}
Resources:
  Database: { Type: AWS::RDS::DBInstance, Properties: { Engine: postgres, DBInstanceClass: db.r6g.large } }
  DbCpu: { Type: AWS::CloudWatch::Alarm, Properties: { Namespace: AWS/RDS, MetricName: CPUUtilization, Threshold: !Ref Value, ComparisonOperator: GreaterThanThreshold, EvaluationPeriods: 3, Period: 300 } }
  DbConnections: { Type: AWS::CloudWatch::Alarm, Properties: { Namespace: AWS/RDS, MetricName: DatabaseConnections, Threshold: 400, ComparisonOperator: GreaterThanThreshold, EvaluationPeriods: 3, Period: 300 } }
`)('MON-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'DbCpu: db-cpu threshold cannot be resolved (parameter Value has no default and no value was supplied)',
    );
    expect(locations(r)).toEqual(['DbCpu:Properties.Threshold']);
  });

  it('MON-02 fails a template with alarms and no SNS topic or subscription at all', () => {
    const r = evaluateYaml(`
Resources:
  HighErrors:
    Type: AWS::CloudWatch::Alarm
    Properties: { Namespace: AWS/ApplicationELB, MetricName: HTTPCode_Target_5XX_Count, Statistic: Sum, Period: 60, EvaluationPeriods: 5, Threshold: 10, ComparisonOperator: GreaterThanThreshold }
`)('MON-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'Alarms exist but no SNS subscription routes them to a person',
    );
    expect(locations(r)).toEqual(['HighErrors']);
  });
});
