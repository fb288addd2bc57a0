/*
 * Classic Load Balancers (AWS::ElasticLoadBalancing::LoadBalancer) under TLS-01 (HTTPS/SSL
 * listeners and their security policy), TLS-02 (no plain-HTTP listener) and LOG-07 (access
 * logs). Templates after the examples of
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancing-loadbalancer.html
 * and https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancing-loadbalancer-policies.html.
 */
import { evaluateYaml, locations } from './testHelpers';

const CERT = 'arn:aws:acm:eu-central-1:123456789012:certificate/abc';

const elb = (body: string, params = '') => `${params}
Resources:
  Elb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [eu-central-1a, eu-central-1b]
${body}`;

const TLS12 = `      Listeners:
        - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: ${CERT}, PolicyNames: [Tls12] }
      Policies:
        - PolicyName: Tls12
          PolicyType: SSLNegotiationPolicyType
          Attributes: [{ Name: Reference-Security-Policy, Value: ELBSecurityPolicy-TLS-1-2-2017-01 }]
      AccessLoggingPolicy: { Enabled: true, S3BucketName: elb-logs, EmitInterval: 5 }`;

describe('TLS-01 Classic Load Balancer listeners', () => {
  it('passes an HTTPS listener with the ELBSecurityPolicy-TLS-1-2-2017-01 reference policy', () => {
    const r = evaluateYaml(elb(TLS12))('TLS-01');
    expect(r).toMatchObject({
      status: 'pass',
      message:
        'Elb listener port 443: ELBSecurityPolicy-TLS-1-2-2017-01 allows TLS 1.2',
    });
    expect(locations(r)).toEqual(['Elb:Properties.Listeners[0]']);
  });

  it('fails an HTTPS listener without a policy (the default ELBSecurityPolicy-2016-08 accepts TLS 1.0)', () => {
    const r = evaluateYaml(
      elb(`      Listeners:
        - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: ${CERT} }`),
    )('TLS-01');
    expect(r).toMatchObject({
      status: 'fail',
      message:
        'Elb listener port 443: no SSL negotiation policy: the default ELBSecurityPolicy-2016-08 allows TLS 1.0, 1.1, 1.2; the policy requires TLS ≥ 1.2',
    });
  });

  it('fails a custom policy that enables TLS 1.0', () => {
    const r = evaluateYaml(
      elb(`      Listeners:
        - { LoadBalancerPort: '443', InstancePort: '80', Protocol: SSL, SSLCertificateId: ${CERT}, PolicyNames: [Custom] }
      Policies:
        - PolicyName: Custom
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - { Name: Protocol-TLSv1, Value: 'true' }
            - { Name: Protocol-TLSv1.2, Value: 'true' }`),
    )('TLS-01');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('custom policy Custom allows TLS 1.0, 1.2');
  });

  it('is unknown, naming the parameter, when the reference policy comes from a parameter', () => {
    const r = evaluateYaml(
      elb(
        `      Listeners:
        - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: ${CERT}, PolicyNames: [Tls] }
      Policies:
        - PolicyName: Tls
          PolicyType: SSLNegotiationPolicyType
          Attributes: [{ Name: Reference-Security-Policy, Value: !Ref SecurityPolicy }]`,
        `Parameters:
  SecurityPolicy: { Type: String }`,
      ),
    )('TLS-01');
    expect(r).toMatchObject({
      status: 'unknown',
      message:
        'Elb listener port 443: the Reference-Security-Policy of Tls cannot be resolved (parameter SecurityPolicy has no default and no value was supplied)',
    });
  });
});

describe('TLS-02 Classic Load Balancer HTTP listeners', () => {
  it('fails an HTTP listener (a classic load balancer cannot redirect) and ignores HTTPS', () => {
    const r = evaluateYaml(
      elb(`      Listeners:
        - { LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP }
        - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: ${CERT} }`),
    )('TLS-02');
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'Elb listener port 80: HTTP listener on a Classic Load Balancer, which cannot redirect to HTTPS',
    );
    expect(evaluateYaml(elb(TLS12))('TLS-02').status).toBe('not-applicable');
  });

  it('is unknown, naming the parameter, when a Protocol comes from a parameter', () => {
    const r = evaluateYaml(
      elb(
        `      Listeners:
        - { LoadBalancerPort: '80', InstancePort: '80', Protocol: !Ref Protocol }`,
        `Parameters:
  Protocol: { Type: String, AllowedValues: [HTTP, HTTPS] }`,
      ),
    )('TLS-02');
    expect(r).toMatchObject({
      status: 'unknown',
      message:
        'Elb listener port 80: Listeners[0].Protocol cannot be resolved (parameter Protocol has no default and no value was supplied)',
    });
  });
});

describe('LOG-07 Classic Load Balancer access logs', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancing-loadbalancer-accessloggingpolicy.html
  it('passes AccessLoggingPolicy.Enabled and fails a load balancer without it', () => {
    expect(evaluateYaml(elb(TLS12))('LOG-07').status).toBe('pass');
    const off = evaluateYaml(
      elb(`      Listeners:
        - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: ${CERT} }`),
    )('LOG-07');
    expect(off).toMatchObject({
      status: 'fail',
      message:
        'Elb: access logs are off (AccessLoggingPolicy.Enabled is not true)',
    });
  });

  it('is unknown, naming the parameter, when Enabled comes from a parameter', () => {
    const r = evaluateYaml(
      elb(
        `      Listeners:
        - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: ${CERT} }
      AccessLoggingPolicy: { Enabled: !Ref Logs, S3BucketName: elb-logs }`,
        `Parameters:
  Logs: { Type: String, AllowedValues: ['true', 'false'] }`,
      ),
    )('LOG-07');
    expect(r).toMatchObject({
      status: 'unknown',
      message:
        'Elb: AccessLoggingPolicy.Enabled cannot be resolved (parameter Logs has no default and no value was supplied)',
    });
  });
});

describe('ENC-05 ElastiCache Serverless', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-serverlesscache.html
  it('passes a serverless cache with a customer-managed key and fails one without', () => {
    const cache = (key: string) => `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties: { EnableKeyRotation: true, KeyPolicy: { Version: '2012-10-17', Statement: [] } }
  Cache:
    Type: AWS::ElastiCache::ServerlessCache
    Properties: { ServerlessCacheName: sessions, Engine: valkey${key} }
`;
    expect(evaluateYaml(cache(', KmsKeyId: !Ref Key'))('ENC-05').status).toBe(
      'pass',
    );
    expect(evaluateYaml(cache(''))('ENC-05')).toMatchObject({
      status: 'fail',
      message:
        'Cache: serverless cache encrypted with the AWS-managed key; set KmsKeyId to a customer-managed key',
    });
  });
});
