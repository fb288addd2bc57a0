/*
 * SEC-03: SSM Parameter Store (secrets only as SecureString with a CMK, access least
 * privilege) through evaluateEntity with the default policy.
 */
import { declared, evaluateDeclared, evaluateYaml } from './testHelpers';

describe('SEC-03 SSM parameters', () => {
  it('fails a secret kept in a CloudFormation String parameter and passes plain configuration', () => {
    const r = evaluateYaml(`
Resources:
  DbPassword:
    Type: AWS::SSM::Parameter
    Properties: { Name: /app/prod/db-password, Type: String, Value: hunter2 }
  FeatureFlags:
    Type: AWS::SSM::Parameter
    Properties: { Name: /app/prod/features, Type: StringList, Value: 'a,b', Tier: Advanced }
`)('SEC-03');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'DbPassword (/app/prod/db-password): looks like a secret in a String parameter, stored in plain text',
    );
    const ok = evaluateYaml(`
Resources:
  FeatureFlags:
    Type: AWS::SSM::Parameter
    Properties: { Name: /app/prod/features, Type: StringList, Value: 'a,b', Tier: Advanced }
`)('SEC-03');
    expect(ok).toMatchObject({
      status: 'pass',
      message:
        'FeatureFlags (/app/prod/features): non-secret StringList parameter (tier Advanced)',
    });
  });

  it('passes sensitive parameters as SecureString with a CMK and least-privilege access', () => {
    const r = evaluateDeclared(
      'parameter-store',
      declared({
        'parameter-secure-string': 'true',
        'encryption-key': 'cmk',
        'least-privilege': 'true',
        'parameter-tier': 'standard',
      }),
    )('SEC-03');
    expect(r.status).toBe('pass');
  });

  it('fails the AWS-managed aws/ssm key and is unknown without the access fact', () => {
    expect(
      evaluateDeclared(
        'parameter-store',
        declared({
          'parameter-secure-string': 'true',
          'encryption-key': 'provider-managed',
          'least-privilege': 'true',
        }),
      )('SEC-03'),
    ).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('encryption-key is provider-managed'),
    });
    expect(
      evaluateDeclared(
        'parameter-store',
        declared({
          'parameter-secure-string': 'true',
          'encryption-key': 'cmk',
        }),
      )('SEC-03'),
    ).toMatchObject({
      status: 'unknown',
      message: expect.stringContaining('least-privilege'),
    });
  });

  it('needs no SecureString for a store of non-secret configuration, but still the access', () => {
    expect(
      evaluateDeclared(
        'parameter-store',
        declared({ 'parameter-holds-secrets': 'false' }),
      )('SEC-03'),
    ).toMatchObject({
      status: 'unknown',
      message: expect.stringMatching(
        /^Holds only non-secret configuration \(SecureString not required\); Missing fact: least-privilege/,
      ),
    });
  });
});
