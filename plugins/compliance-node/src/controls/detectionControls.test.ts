/*
 * DET-01 and DET-02 (GuardDuty, AWS Config) through evaluateEntity with the default policy;
 * their declared form is tested with the rest of the family in loggingControls.test.ts.
 */
import { evaluateYaml, locations } from './testHelpers';

describe('DET-01 GuardDuty is enabled', () => {
  const detector = (enable: string) => `
Parameters:
  EnableGuardDuty: { Type: String }
Resources:
  Detector:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: ${enable}
      FindingPublishingFrequency: FIFTEEN_MINUTES
`;

  it('passes an enabled detector', () => {
    const r = evaluateYaml(detector('true'))('DET-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Detector: GuardDuty enabled');
  });

  it('fails a disabled detector', () => {
    const r = evaluateYaml(detector('false'))('DET-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Detector: GuardDuty detector is disabled');
    expect(locations(r)).toEqual(['Detector:Properties.Enable']);
  });

  it('is unknown when Enable comes from a parameter without a default', () => {
    const r = evaluateYaml(detector('!Ref EnableGuardDuty'))('DET-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('Detector: Enable cannot be resolved');
  });
});

describe('DET-02 AWS Config records all resources', () => {
  const recorder = (group: string) => `
Parameters:
  RecordAll: { Type: String }
Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig
      RecordingGroup: ${group}
`;

  it('passes when all supported resources are recorded', () => {
    const r = evaluateYaml(
      recorder('{ AllSupported: true, IncludeGlobalResourceTypes: true }'),
    )('DET-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Recorder: records all supported resources');
  });

  it('fails when only selected resource types are recorded', () => {
    const r = evaluateYaml(
      recorder(`{ AllSupported: false, ResourceTypes: ['AWS::S3::Bucket'] }`),
    )('DET-02');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('Recorder: does not record all resources');
    expect(locations(r)).toEqual([
      'Recorder:Properties.RecordingGroup.AllSupported',
    ]);
  });

  it('is unknown when AllSupported comes from a parameter without a default', () => {
    const r = evaluateYaml(recorder('{ AllSupported: !Ref RecordAll }'))(
      'DET-02',
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Recorder: RecordingGroup.AllSupported cannot be resolved',
    );
  });
});
