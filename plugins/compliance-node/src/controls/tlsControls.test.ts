/*
 * TLS-01 and TLS-02 (listeners) through evaluateEntity with the default policy; their
 * declared form and unresolved values are tested with the rest of the family in
 * encryptionControls.test.ts.
 */
import { evaluateYaml, locations } from './testHelpers';

describe('TLS-01 HTTPS listeners use an ACM certificate and a TLS 1.2+ policy', () => {
  const listener = (props: string) => `
Parameters:
  SslPolicy: { Type: String }
  CertificateArn: { Type: String, Default: arn:aws:acm:eu-central-1:111122223333:certificate/12345678-1234-1234-1234-123456789012 }
  Environment: { Type: String }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]
Resources:
  HttpsListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer/app/api/50dc6c495c0c9188
      Port: 443
      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: '404' } }]
${props}`;

  it('passes with a certificate and ELBSecurityPolicy-TLS13-1-2-2021-06', () => {
    const r = evaluateYaml(
      listener(
        `      Protocol: HTTPS\n      Certificates: [{ CertificateArn: !Ref CertificateArn }]\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06`,
      ),
    )('TLS-01');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'HttpsListener: SslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06 allows TLS 1.2, 1.3',
    );
    expect(locations(r)).toEqual(['HttpsListener:Properties.SslPolicy']);
  });

  // Current policies, decided by the protocols they allow (TLS protocols table of
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html).
  it.each([
    ['ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', 'pass', 'TLS 1.2, 1.3'],
    ['ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04', 'pass', 'TLS 1.2, 1.3'],
    ['ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09', 'pass', 'TLS 1.3'],
    [
      'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04',
      'fail',
      'TLS 1.0, 1.1, 1.2, 1.3',
    ],
    ['ELBSecurityPolicy-FS-1-1-2019-08', 'fail', 'TLS 1.1, 1.2'],
  ])('%s: %s (allows %s)', (policy, status, protocols) => {
    const r = evaluateYaml(
      listener(
        `      Protocol: HTTPS\n      Certificates: [{ CertificateArn: !Ref CertificateArn }]\n      SslPolicy: ${policy}`,
      ),
    )('TLS-01');
    expect(r.status).toBe(status);
    expect(r.message).toBe(
      `HttpsListener: SslPolicy ${policy} allows ${protocols}${
        status === 'fail' ? '; the policy requires TLS ≥ 1.2' : ''
      }`,
    );
  });

  it('is unknown, naming it, for a policy missing from the table', () => {
    const r = evaluateYaml(
      listener(
        `      Protocol: HTTPS\n      Certificates: [{ CertificateArn: !Ref CertificateArn }]\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-Future-2030-01`,
      ),
    )('TLS-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'HttpsListener: SslPolicy ELBSecurityPolicy-TLS13-1-2-Future-2030-01 is not in the table of ELB security policies (controls/tlsPolicies.ts), so the TLS versions it allows cannot be told',
    );
  });

  it('fails without SslPolicy (the default policy accepts TLS 1.0)', () => {
    const r = evaluateYaml(
      listener(
        `      Protocol: HTTPS\n      Certificates: [{ CertificateArn: !Ref CertificateArn }]`,
      ),
    )('TLS-01');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('HttpsListener: no SslPolicy');
    expect(r.message).toContain('ELBSecurityPolicy-2016-08');
  });

  it('fails a policy that allows TLS 1.1', () => {
    const r = evaluateYaml(
      listener(
        `      Protocol: HTTPS\n      Certificates: [{ CertificateArn: !Ref CertificateArn }]\n      SslPolicy: ELBSecurityPolicy-TLS-1-1-2017-01`,
      ),
    )('TLS-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'HttpsListener: SslPolicy ELBSecurityPolicy-TLS-1-1-2017-01 allows TLS 1.1, 1.2; the policy requires TLS ≥ 1.2',
    );
  });

  it('fails an HTTPS listener without a certificate', () => {
    const r = evaluateYaml(
      listener(
        `      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06`,
      ),
    )('TLS-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'HttpsListener: HTTPS listener without a certificate',
    );
    expect(locations(r)).toEqual(['HttpsListener:Properties.Certificates']);
  });

  it('is unknown when SslPolicy comes from a parameter without a default', () => {
    const r = evaluateYaml(
      listener(
        `      Protocol: HTTPS\n      Certificates: [{ CertificateArn: !Ref CertificateArn }]\n      SslPolicy: !Ref SslPolicy`,
      ),
    )('TLS-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('HttpsListener: SslPolicy cannot be resolved');
    expect(r.message).toContain('parameter SslPolicy has no default');
  });

  it('is unknown when Protocol is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(
      listener(
        `      Protocol: !If [IsProduction, HTTPS, HTTP]\n      Certificates: [{ CertificateArn: !Ref CertificateArn }]`,
      ),
    )('TLS-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'HttpsListener: Protocol cannot be resolved (depends on condition IsProduction, which cannot be decided: parameter Environment has no default and no value was supplied)',
    );
  });

  it('does not look at plain HTTP listeners (not applicable when there is no HTTPS listener)', () => {
    const r = evaluateYaml(listener(`      Protocol: HTTP`))('TLS-01');
    expect(r.status).toBe('not-applicable');
  });
});

describe('TLS-02 HTTP listeners only redirect to HTTPS', () => {
  // Unresolved values (unknown) and certain failures: see "encryption controls: what cannot be resolved…" below.
  const http = (actions: string) => `
Resources:
  HttpListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer/app/api/50dc6c495c0c9188
      Port: 80
      Protocol: HTTP
      DefaultActions: ${actions}
`;

  it('passes when the HTTP listener redirects to HTTPS', () => {
    const r = evaluateYaml(
      http(
        `[{ Type: redirect, RedirectConfig: { Protocol: HTTPS, Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: HTTP_301 } }]`,
      ),
    )('TLS-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('HttpListener: HTTP redirects to HTTPS');
    expect(locations(r)).toEqual(['HttpListener:Properties.DefaultActions']);
  });

  it('fails when the HTTP listener forwards to a target group', () => {
    const r = evaluateYaml(
      http(
        `[{ Type: forward, TargetGroupArn: arn:aws:elasticloadbalancing:eu-central-1:111122223333:targetgroup/api/73e2d6bc24d8a067 }]`,
      ),
    )('TLS-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'HttpListener: HTTP listener serves traffic instead of redirecting to HTTPS',
    );
  });

  it('fails a redirect that keeps HTTP', () => {
    const r = evaluateYaml(
      http(
        `[{ Type: redirect, RedirectConfig: { Protocol: HTTP, Port: '8080', StatusCode: HTTP_302 } }]`,
      ),
    )('TLS-02');
    expect(r.status).toBe('fail');
  });
});
