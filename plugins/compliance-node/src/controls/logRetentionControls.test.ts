/*
 * LOG-03 (log retention: audit and application logs) through evaluateEntity with the
 * default policy; its declared form and unresolved values are tested with the rest of the
 * family in loggingControls.test.ts.
 */
import { defaultPolicy } from '../policy/defaultPolicy';
import { evaluateYaml, locations } from './testHelpers';

describe('LOG-03 log retention: audit ≥ 365 days, application ≥ 90 days', () => {
  const groups = (props: string) => `
Parameters:
  Retention: { Type: Number }
Resources:
${props}`;

  it('passes an application log group kept 90 days', () => {
    const r = evaluateYaml(
      groups(
        `  ApiLogs: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: /ecs/api, RetentionInDays: 90 } }`,
      ),
    )('LOG-03');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('ApiLogs: 90 days (application logs, ≥ 90)');
    expect(locations(r)).toEqual(['ApiLogs:Properties.RetentionInDays']);
  });

  it('treats the log group a trail delivers to as an audit log group', () => {
    const trail = `
  Trail: { Type: AWS::CloudTrail::Trail, Properties: { IsLogging: true, S3BucketName: b, CloudWatchLogsLogGroupArn: !GetAtt ApiCalls.Arn } }`;
    const ok = evaluateYaml(
      groups(
        `  ApiCalls: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: 400 } }${trail}`,
      ),
    )('LOG-03');
    expect(ok.status).toBe('pass');
    expect(ok.message).toBe('ApiCalls: 400 days (audit logs, ≥ 365)');
    const short = evaluateYaml(
      groups(
        `  ApiCalls: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: 90 } }${trail}`,
      ),
    )('LOG-03');
    expect(short.status).toBe('fail');
    expect(short.message).toBe('ApiCalls: 90 days; audit logs need ≥ 365');
  });

  it('treats a log group named like an audit trail as audit logs', () => {
    const r = evaluateYaml(
      groups(
        `  Logs: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: /org/cloudtrail, RetentionInDays: 180 } }`,
      ),
    )('LOG-03');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Logs: 180 days; audit logs need ≥ 365');
  });

  it('fails an application log group kept 30 days', () => {
    const r = evaluateYaml(
      groups(
        `  ApiLogs: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: 30 } }`,
      ),
    )('LOG-03');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('ApiLogs: 30 days; application logs need ≥ 90');
  });

  // The log group of https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html
  // without RetentionInDays: "the log events never expire". Two readings, two controls:
  // a minimum retention is met (LOG-03, as Control Tower's rule), GDPR Art. 5(1)(e)
  // storage limitation is not (LOG-08, mapped to GDPR only).
  const neverExpires = groups(
    `  myLogGroup: { Type: AWS::Logs::LogGroup, Properties: { LogGroupName: /ecs/api } }`,
  );

  it('passes a log group without RetentionInDays on minimum retention (LOG-03)', () => {
    const r = evaluateYaml(neverExpires)('LOG-03');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'myLogGroup: no RetentionInDays — logs never expire, which meets any minimum retention (whether they may be kept forever is LOG-08)',
    );
  });

  it('fails the same log group on GDPR storage limitation (LOG-08), mapped to GDPR only', () => {
    const result = evaluateYaml(neverExpires);
    const r = result('LOG-08');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'myLogGroup: no RetentionInDays — logs never expire, so personal data in them is kept longer than necessary (GDPR Art. 5(1)(e) storage limitation)',
    );
    const control = defaultPolicy.controls.find(c => c.id === 'LOG-08')!;
    expect(Object.keys(control.frameworks)).toEqual(['gdpr']);
    expect(control.frameworks.gdpr).toEqual(['Art. 5(1)(e)']);
  });

  it('passes LOG-08 for a log group that expires', () => {
    const r = evaluateYaml(
      groups(
        `  ApiLogs: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: 90 } }`,
      ),
    )('LOG-08');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('ApiLogs: logs expire after 90 days');
  });

  it('is unknown when RetentionInDays comes from a parameter without a default', () => {
    const r = evaluateYaml(
      groups(
        `  ApiLogs: { Type: AWS::Logs::LogGroup, Properties: { RetentionInDays: !Ref Retention } }`,
      ),
    )('LOG-03');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('ApiLogs: RetentionInDays cannot be resolved');
    expect(r.message).toContain('parameter Retention has no default');
  });
});
