/*
 * Network controls (NET-01 … NET-08) through evaluateEntity with the default policy. The
 * buckets' NET-06 and the VPCs' NET-07 are in bucketPublicAccessControls.test.ts and
 * vpcLayoutControls.test.ts.
 */
import {
  declared,
  DeclaredSpec,
  declaredCases,
  evaluateDeclared,
  evaluateYaml,
  locations,
} from './testHelpers';

describe('NET-01 no admin or data port is open to the internet', () => {
  const sg = (ingress: string) => `
Parameters:
  AdminCidr: { Type: String }
Resources:
  AppSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: app, VpcId: vpc-0a1b2c3d }
  DbSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: database
      VpcId: vpc-0a1b2c3d
      SecurityGroupIngress:
${ingress}`;

  it('passes when the database port accepts only the application security group and HTTPS is public', () => {
    const r = evaluateYaml(
      sg(`        - { IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref AppSecurityGroup }
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }`),
    )('NET-01');
    expect(r.status).toBe('pass');
    expect(r.message).toContain(
      'DbSecurityGroup: no admin or data port open to the internet',
    );
    expect(locations(r)).toEqual(['AppSecurityGroup', 'DbSecurityGroup']);
  });

  it('fails SSH open to 0.0.0.0/0, pointing at the rule', () => {
    const r = evaluateYaml(
      sg(`        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }`),
    )('NET-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('DbSecurityGroup: port 22 open to 0.0.0.0/0');
    expect(locations(r)).toEqual([
      'DbSecurityGroup:Properties.SecurityGroupIngress[1]',
    ]);
  });

  it('fails a port range covering restricted ports', () => {
    const r = evaluateYaml(
      sg(
        `        - { IpProtocol: tcp, FromPort: 3000, ToPort: 7000, CidrIp: 0.0.0.0/0 }`,
      ),
    )('NET-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'DbSecurityGroup: port 3389, 5432, 3306, 6379 open to 0.0.0.0/0',
    );
  });

  it('fails all traffic open to ::/0', () => {
    const r = evaluateYaml(
      sg(`        - { IpProtocol: '-1', CidrIpv6: '::/0' }`),
    )('NET-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('DbSecurityGroup: all ports open to ::/0');
  });

  it('fails a standalone AWS::EC2::SecurityGroupIngress opening PostgreSQL', () => {
    const r = evaluateYaml(`
Resources:
  DbSecurityGroup: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: database } }
  OpenPostgres:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: { GroupId: !GetAtt DbSecurityGroup.GroupId, IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0 }
`)('NET-01');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('OpenPostgres: port 5432 open to 0.0.0.0/0');
    expect(locations(r)).toEqual(['OpenPostgres']);
  });

  it('is unknown when the CIDR of an SSH rule comes from a parameter without a default', () => {
    const r = evaluateYaml(
      sg(
        `        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr }`,
      ),
    )('NET-01');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'DbSecurityGroup: SecurityGroupIngress[0] cannot be resolved (parameter AdminCidr has no default and no value was supplied)',
    );
    expect(locations(r)).toEqual([
      'DbSecurityGroup:Properties.SecurityGroupIngress[0]',
    ]);
  });

  it('is decided once the parameter is supplied', () => {
    const yaml = sg(
      `        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr }`,
    );
    expect(
      evaluateYaml(
        yaml,
        {},
        { parameters: { AdminCidr: '0.0.0.0/0' } },
      )('NET-01').status,
    ).toBe('fail');
    expect(
      evaluateYaml(
        yaml,
        {},
        { parameters: { AdminCidr: '10.0.0.0/8' } },
      )('NET-01').status,
    ).toBe('pass');
  });
});

describe('NET-02 databases are not publicly accessible', () => {
  const db = (props: string) => `
Parameters:
  Environment: { Type: String }
Conditions:
  IsDevelopment: !Equals [!Ref Environment, development]
Resources:
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.medium
      AllocatedStorage: '20'
      DBSubnetGroupName: isolated
${props}`;

  it('passes with PubliclyAccessible false', () => {
    const r = evaluateYaml(db(`      PubliclyAccessible: false`))('NET-02');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('Database: PubliclyAccessible is false');
    expect(locations(r)).toEqual(['Database:Properties.PubliclyAccessible']);
  });

  it('fails with PubliclyAccessible true', () => {
    const r = evaluateYaml(db(`      PubliclyAccessible: 'true'`))('NET-02');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Database: PubliclyAccessible is true');
  });

  it('fails when PubliclyAccessible is not set explicitly', () => {
    const r = evaluateYaml(db(''))('NET-02');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('PubliclyAccessible is not set explicitly');
  });

  it('is unknown when PubliclyAccessible is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(
      db(`      PubliclyAccessible: !If [IsDevelopment, true, false]`),
    )('NET-02');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Database: PubliclyAccessible cannot be resolved',
    );
    expect(r.message).toContain('condition IsDevelopment');
  });
});

describe('NET-03 tasks run in private subnets without public IPs', () => {
  const service = (taskProps: string, assign: string) => `
Parameters:
  Environment: { Type: String }
  NetworkMode: { Type: String }
Conditions:
  IsDevelopment: !Equals [!Ref Environment, development]
Resources:
  TaskDefinition:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      Cpu: '256'
      Memory: '512'
      ContainerDefinitions: [{ Name: api, Image: public.ecr.aws/nginx/nginx:1.27 }]
${taskProps}
  Service:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      TaskDefinition: !Ref TaskDefinition
      DesiredCount: 2
      NetworkConfiguration:
        AwsvpcConfiguration: { AssignPublicIp: ${assign}, Subnets: [subnet-1, subnet-2] }
`;

  it('passes with awsvpc and AssignPublicIp DISABLED', () => {
    const r = evaluateYaml(service('      NetworkMode: awsvpc', 'DISABLED'))(
      'NET-03',
    );
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'TaskDefinition: awsvpc network mode; Service: tasks get no public IP',
    );
  });

  it('fails when the service assigns public IPs', () => {
    const r = evaluateYaml(service('      NetworkMode: awsvpc', 'ENABLED'))(
      'NET-03',
    );
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Service: AssignPublicIp is ENABLED');
    expect(locations(r)).toEqual([
      'Service:Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp',
    ]);
  });

  it('fails a task definition in bridge mode', () => {
    const r = evaluateYaml(service('      NetworkMode: bridge', 'DISABLED'))(
      'NET-03',
    );
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'TaskDefinition: network mode bridge (awsvpc required)',
    );
  });

  it('is unknown when AssignPublicIp is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(
      service(
        '      NetworkMode: awsvpc',
        '!If [IsDevelopment, ENABLED, DISABLED]',
      ),
    )('NET-03');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'Service: NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp cannot be resolved',
    );
  });

  it('is unknown when NetworkMode comes from a parameter without a default', () => {
    const r = evaluateYaml(
      service('      NetworkMode: !Ref NetworkMode', 'DISABLED'),
    )('NET-03');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'TaskDefinition: NetworkMode cannot be resolved',
    );
  });
});

describe('NET-04 internet-facing load balancers are protected by a WAF with rules and logging', () => {
  const alb = (waf: string, scheme = 'internet-facing') => `
Parameters:
  WebAclArn: { Type: String }
Resources:
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Scheme: ${scheme}, Type: application, Subnets: [subnet-a, subnet-b] }
${waf}`;
  const acl = (rules: string) => `
  WebAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: { Allow: {} }
      VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: api-acl }
      Rules: ${rules}
  WebAclAssociation:
    Type: AWS::WAFv2::WebACLAssociation
    Properties: { ResourceArn: !Ref LoadBalancer, WebACLArn: !GetAtt WebAcl.Arn }`;
  const managed = `
        - Name: AWS-AWSManagedRulesCommonRuleSet
          Priority: 0
          OverrideAction: { None: {} }
          Statement: { ManagedRuleGroupStatement: { VendorName: AWS, Name: AWSManagedRulesCommonRuleSet } }
          VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: common }`;
  const logging = `
  WafLogging:
    Type: AWS::WAFv2::LoggingConfiguration
    Properties: { ResourceArn: !GetAtt WebAcl.Arn, LogDestinationConfigs: ['arn:aws:logs:eu-central-1:111122223333:log-group:aws-waf-logs-api'] }`;

  it('passes with an associated web ACL that has rules and logging', () => {
    const r = evaluateYaml(alb(acl(managed) + logging))('NET-04');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'LoadBalancer: protected by WebAcl with 1 rule(s) and logging',
    );
    expect(locations(r)).toEqual(['WebAcl:Properties.Rules']);
  });

  it('fails an internet-facing load balancer without a web ACL', () => {
    const r = evaluateYaml(alb(''))('NET-04');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'LoadBalancer: internet-facing load balancer without a WAF web ACL',
    );
  });

  it('fails a web ACL without rules', () => {
    const r = evaluateYaml(alb(acl('[]') + logging))('NET-04');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('WebAcl: web ACL has no rules');
  });

  it('fails when WAF logging is off', () => {
    const r = evaluateYaml(alb(acl(managed)))('NET-04');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'WebAcl: WAF logging is off (no LoggingConfiguration)',
    );
  });

  it('is unknown when the web ACL comes from a parameter (defined outside the template)', () => {
    const r = evaluateYaml(
      alb(`
  WebAclAssociation:
    Type: AWS::WAFv2::WebACLAssociation
    Properties: { ResourceArn: !Ref LoadBalancer, WebACLArn: !Ref WebAclArn }`),
    )('NET-04');
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'LoadBalancer: web ACL is defined outside this template',
    );
    expect(locations(r)).toEqual(['WebAclAssociation']);
  });

  it('does not require a WAF on an internal load balancer', () => {
    const r = evaluateYaml(alb('', 'internal'))('NET-04');
    expect(r.status).toBe('not-applicable');
  });
});

describe('NET-05 load balancers drop invalid headers and mitigate desync', () => {
  // Unresolved values (unknown) and certain failures: see "network controls: what cannot be resolved…" below.
  const alb = (attributes: string, type = 'application') => `
Resources:
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: ${type}
      Subnets: [subnet-a, subnet-b]
      LoadBalancerAttributes: ${attributes}
`;

  it('passes when invalid header fields are dropped (desync mode defaults to defensive)', () => {
    const r = evaluateYaml(
      alb(
        `[{ Key: routing.http.drop_invalid_header_fields.enabled, Value: 'true' }]`,
      ),
    )('NET-05');
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'LoadBalancer: drops invalid headers, desync mitigation defensive',
    );
    expect(locations(r)).toEqual([
      'LoadBalancer:Properties.LoadBalancerAttributes',
    ]);
  });

  it('fails when invalid header fields are kept', () => {
    const r = evaluateYaml(
      alb(`[{ Key: idle_timeout.timeout_seconds, Value: '60' }]`),
    )('NET-05');
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'LoadBalancer: routing.http.drop_invalid_header_fields.enabled is not true',
    );
  });

  it('fails with desync mitigation mode monitor', () => {
    const r = evaluateYaml(
      alb(
        `[{ Key: routing.http.drop_invalid_header_fields.enabled, Value: 'true' }, { Key: routing.http.desync_mitigation_mode, Value: monitor }]`,
      ),
    )('NET-05');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('LoadBalancer: desync mitigation mode is monitor');
  });

  it('ignores network load balancers', () => {
    const r = evaluateYaml(alb('[]', 'network'))('NET-05');
    expect(r.status).toBe('not-applicable');
  });
});

describe('NET-08 data stays in a region its classification allows', () => {
  const product = (annotations: Record<string, string>) =>
    evaluateDeclared('environment', annotations, {
      kind: 'System',
      name: 'therapy-app',
    });

  it('is evaluated by the system profile (NET-08 only)', () => {
    const result = product({
      'refarch.dev/data-classification': 'health',
      'refarch.dev/region': 'eu-central-1',
    });
    expect(result.assessment.profile).toBe('system');
    expect(result.assessment.results.map(r => r.controlId)).toEqual(['NET-08']);
  });

  it('fails health data in us-east-1, listing the allowed regions', () => {
    const r = product({
      'refarch.dev/data-classification': 'health',
      'refarch.dev/region': 'us-east-1',
    })('NET-08');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(
      /^health data in us-east-1; allowed: eu-central-1, /,
    );
  });

  it('passes health data in eu-central-1', () => {
    const r = product({
      'refarch.dev/data-classification': 'health',
      'refarch.dev/region': 'eu-central-1',
    })('NET-08');
    expect(r.status).toBe('pass');
    expect(r.message).toBe('health data in eu-central-1, an allowed region');
  });

  it('passes personal data in a GCP EU region', () => {
    expect(
      product({
        'refarch.dev/data-classification': 'personal',
        'refarch.dev/region': 'europe-west3',
      })('NET-08').status,
    ).toBe('pass');
  });

  it('is unknown when data is classified but no region is declared', () => {
    const r = product({ 'refarch.dev/data-classification': 'health' })(
      'NET-08',
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toBe(
      'Data classified health but no refarch.dev/region is declared',
    );
  });

  it('is not applicable without a classification, or for a classification without residency rules', () => {
    expect(
      product({ 'refarch.dev/region': 'us-east-1' })('NET-08').status,
    ).toBe('not-applicable');
    expect(
      product({
        'refarch.dev/data-classification': 'internal',
        'refarch.dev/region': 'us-east-1',
      })('NET-08').status,
    ).toBe('not-applicable');
  });

  it('applies to a component with its own template too (entity form, whatever the IaC)', () => {
    const r = evaluateYaml(
      `
Resources:
  Documents: { Type: AWS::S3::Bucket }
`,
      {
        'refarch.dev/data-classification': 'personal',
        'refarch.dev/region': 'us-west-2',
      },
    )('NET-08');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('personal data in us-west-2');
  });
});

describe('network controls, declared form', () => {
  const specs: DeclaredSpec[] = [
    {
      id: 'NET-01',
      cls: 'security-group',
      pass: { 'ingress-restricted': 'true' },
      passMessage: 'ingress-restricted is true',
      fail: { 'ingress-restricted': 'false' },
      failMessage: 'ingress-restricted is false; required: true',
      missing: 'ingress-restricted',
    },
    {
      id: 'NET-02',
      cls: 'database',
      pass: { 'publicly-accessible': 'false' },
      passMessage: 'publicly-accessible is false',
      fail: { 'publicly-accessible': 'true' },
      failMessage: 'publicly-accessible is true; required: false',
      missing: 'publicly-accessible',
      notApplicableClass: 'object-storage',
    },
    {
      id: 'NET-03',
      cls: 'service',
      pass: { 'private-network': 'true' },
      passMessage: 'private-network is true',
      fail: { 'private-network': 'false' },
      failMessage: 'private-network is false; required: true',
      missing: 'private-network',
      notApplicableClass: 'function',
    },
    {
      id: 'NET-04',
      cls: 'cdn',
      pass: { waf: 'cloudflare', 'waf-managed-rules': 'true' },
      passMessage: 'waf is cloudflare; waf-managed-rules is true',
      fail: { waf: 'none' },
      failMessage: 'waf is none; required: aws-waf, cloudflare or cloud-armor',
      missing: 'waf',
      todo: 'waf-managed-rules',
      notApplicableClass: 'service',
    },
    {
      id: 'NET-05',
      cls: 'load-balancer',
      pass: { 'drop-invalid-headers': 'true' },
      passMessage: 'drop-invalid-headers is true',
      fail: { 'drop-invalid-headers': 'false' },
      failMessage: 'drop-invalid-headers is false; required: true',
      missing: 'drop-invalid-headers',
      notApplicableClass: 'cdn',
    },
    {
      id: 'NET-06',
      cls: 'object-storage',
      pass: { 'public-access-blocked': 'true' },
      passMessage: 'public-access-blocked is true',
      fail: { 'public-access-blocked': 'false' },
      failMessage: 'public-access-blocked is false; required: true',
      missing: 'public-access-blocked',
    },
    {
      id: 'NET-07',
      cls: 'network',
      pass: {
        'subnet-tiers': 'true',
        'nat-per-az': 'true',
        'vpc-endpoints': 'true',
      },
      passMessage:
        'subnet-tiers is true; nat-per-az is true; vpc-endpoints is true',
      fail: { 'nat-per-az': 'false' },
      failMessage: 'nat-per-az is false; required: true',
      missing: 'vpc-endpoints',
      todo: 'subnet-tiers',
      notApplicableClass: 'subnet',
    },
  ];
  describe.each(specs)('$id declared form ($cls)', spec => {
    it.each(declaredCases(spec))('%s', (_title, check) => {
      expect.hasAssertions();
      check();
    });
  });

  it('NET-08 ignores declared facts: it reads classification and region only', () => {
    const r = evaluateDeclared('database', {
      ...declared({ 'data-residency-enforced': 'true' }),
      'refarch.dev/data-classification': 'health',
      'refarch.dev/region': 'us-east-1',
    })('NET-08');
    expect(r.status).toBe('fail');
  });
});

describe('network controls: what cannot be resolved is unknown, a certain failure stays a failure', () => {
  const params = `
Parameters:
  Environment: { Type: String }
  Value: { Type: String }
Conditions:
  IsProduction: !Equals [!Ref Environment, production]`;
  const sg = (ingress: string) =>
    evaluateYaml(`${params}
Resources:
  AdminSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
${ingress}`)('NET-01');

  it('NET-01 is unknown when a whole ingress rule is an Fn::If on an undecidable condition', () => {
    const r = sg(
      `        - !If [IsProduction, { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }, { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }]`,
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toMatch(
      /^AdminSecurityGroup: SecurityGroupIngress\[0\] cannot be resolved \(.*IsProduction/,
    );
    expect(locations(r)).toEqual([
      'AdminSecurityGroup:Properties.SecurityGroupIngress[0]',
    ]);
  });

  it('NET-01 is unknown when the IPv6 source of an SSH rule comes from a parameter', () => {
    const r = sg(
      `        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: !Ref Value }`,
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toMatch(
      /^AdminSecurityGroup: SecurityGroupIngress\[0\] cannot be resolved \(parameter Value /,
    );
  });

  it('NET-01 still fails a rule open to the world when another rule cannot be resolved (fail outranks unknown)', () => {
    const r =
      sg(`        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: !Ref Value }
        - { IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0 }`);
    expect(r.status).toBe('fail');
    expect(r.message).toBe('AdminSecurityGroup: port 3389 open to 0.0.0.0/0');
  });

  it('NET-01 passes a rule for a port that is not restricted, whatever its unresolved source', () => {
    expect(
      sg(
        `        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !Ref Value }`,
      ).status,
    ).toBe('pass');
  });

  const alb = (props: string) => `${params}
Resources:
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-a, subnet-b]
${props}`;

  it('NET-04 is unknown when Scheme comes from a parameter and there is no WAF (required only if internet-facing)', () => {
    const r = evaluateYaml(alb(`      Scheme: !Ref Value`))('NET-04');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'LoadBalancer: Scheme (whether it is an internet-facing application load balancer) cannot be resolved (parameter Value has no default',
    );
    expect(r.message).toContain(
      'LoadBalancer: internet-facing load balancer without a WAF web ACL',
    );
    expect(
      evaluateYaml(
        alb(`      Scheme: !Ref Value`),
        {},
        { parameters: { Value: 'internal' } },
      )('NET-04').status,
    ).toBe('not-applicable');
  });

  it('NET-05 is unknown when an attribute value comes from a parameter', () => {
    const r = evaluateYaml(
      alb(
        `      LoadBalancerAttributes: [{ Key: routing.http.drop_invalid_header_fields.enabled, Value: !Ref Value }]`,
      ),
    )('NET-05');
    expect(r.status).toBe('unknown');
    expect(r.message).toContain(
      'LoadBalancer: routing.http.drop_invalid_header_fields.enabled cannot be resolved (parameter Value has no default',
    );
    expect(locations(r)).toEqual([
      'LoadBalancer:Properties.LoadBalancerAttributes',
    ]);
  });

  it('NET-06 is unknown when PublicAccessBlockConfiguration is an Fn::If on an undecidable condition', () => {
    const r = evaluateYaml(`${params}
Resources:
  Documents:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: !If [IsProduction, { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }, !Ref AWS::NoValue]
      OwnershipControls: { Rules: [{ ObjectOwnership: BucketOwnerEnforced }] }
`)('NET-06');
    expect(r.status).toBe('unknown');
    expect(r.message).toMatch(
      /^Documents: PublicAccessBlockConfiguration cannot be resolved \(.*IsProduction/,
    );
  });

  it('NET-07 counts the NAT gateways of each VPC (in one of its subnets), not of the template', () => {
    const vpc = (id: string, nats: boolean) => `
  ${id}: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
${['PublicA', 'PublicB', 'PrivateA', 'PrivateB', 'IsolatedA', 'IsolatedB']
  .map(
    s =>
      `  ${id}${s}: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref ${id}, CidrBlock: 10.0.0.0/24${
        s.startsWith('Public') ? ', MapPublicIpOnLaunch: true' : ''
      } } }`,
  )
  .join('\n')}
${['s3', 'ecr.api', 'ecr.dkr', 'secretsmanager', 'kms', 'logs']
  .map(
    s =>
      `  ${id}${s.replace(
        /\W/g,
        '',
      )}: { Type: AWS::EC2::VPCEndpoint, Properties: { VpcId: !Ref ${id}, ServiceName: com.amazonaws.eu-central-1.${s} } }`,
  )
  .join('\n')}
${
  nats
    ? `  ${id}NatA: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref ${id}PublicA } }\n  ${id}NatB: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: !Ref ${id}PublicB } }`
    : ''
}`;
    const r = evaluateYaml(
      `Resources:${vpc('Shared', true)}${vpc('Isolated', false)}`,
    )('NET-07');
    expect(r.status).toBe('fail');
    expect(r.message).toBe('Isolated: 0 NAT gateway(s) for 2 AZ(s)');
    expect(locations(r)).toEqual(['Isolated']);
  });
});
