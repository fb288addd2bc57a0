/*
 * Valid templates that are not plain CloudFormation: Fn::ForEach (AWS::LanguageExtensions),
 * the rule-specific intrinsics of a Rules section, and rain pre-processor directives.
 * Issue 17: these were rejected as "not a CloudFormation template".
 */
import { isUnknown } from './Unknown';
import { parseTemplate } from './parseTemplate';
import { resolveTemplate } from './resolveTemplate';
import { TemplateError } from './TemplateError';

describe('Fn::ForEach under Transform: AWS::LanguageExtensions', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach-example-resource.html
  // ("Replicate an Amazon SNS resource"), reduced.
  const literal = `
AWSTemplateFormatVersion: 2010-09-09
Transform: 'AWS::LanguageExtensions'
Resources:
  'Fn::ForEach::Topics':
    - TopicName
    - [Success, Failure, Timeout, Unknown]
    - 'SnsTopic\${TopicName}':
        Type: AWS::SNS::Topic
        Properties:
          TopicName: !Sub 'my-\${TopicName}'
          DisplayName: !Ref TopicName
`;

  it('accepts a template whose only resources are in a loop, and expands a literal collection', () => {
    const { template } = parseTemplate(literal);
    expect(Object.keys(template.Resources)).toEqual([
      'SnsTopicSuccess',
      'SnsTopicFailure',
      'SnsTopicTimeout',
      'SnsTopicUnknown',
    ]);
    const resolved = resolveTemplate(parseTemplate(literal));
    const failure = resolved.resources.find(
      r => r.logicalId === 'SnsTopicFailure',
    );
    expect(failure?.properties).toEqual({
      TopicName: 'my-Failure',
      DisplayName: 'Failure',
    });
  });

  it('expands nested loops and &{} keys (non-alphanumerics dropped)', () => {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html (&{} in OutputKey)
    const { template } = parseTemplate(`
Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Outer:
    - Env
    - [dev, prod]
    - Fn::ForEach::Inner:
        - Cidr
        - [10.0.0.0/24, 10.0.1.0/24]
        - Subnet\${Env}&{Cidr}:
            Type: AWS::EC2::Subnet
            Properties: { CidrBlock: !Ref Cidr, VpcId: vpc-1 }
`);
    expect(Object.keys(template.Resources)).toEqual([
      'Subnetdev1000024',
      'Subnetdev1001024',
      'Subnetprod1000024',
      'Subnetprod1001024',
    ]);
  });

  it('keeps a loop over a parameter, and the resolver names it as not expanded', () => {
    const parsed = parseTemplate(`
Transform: AWS::LanguageExtensions
Parameters:
  Names: { Type: CommaDelimitedList, Default: 'a,b' }
Resources:
  Fn::ForEach::Queues:
    - Name
    - !Ref Names
    - Queue\${Name}:
        Type: AWS::SQS::Queue
`);
    expect(Object.keys(parsed.template.Resources)).toEqual([
      'Fn::ForEach::Queues',
    ]);
    expect(resolveTemplate(parsed).warnings).toContain(
      'Fn::ForEach::Queues is not expanded: the resources it creates are not analysed',
    );
  });

  it('bounds hostile nested loops', () => {
    const items = `[${Array.from({ length: 200 }, (_, i) => `i${i}`).join(
      ', ',
    )}]`;
    const text = `
Resources:
  Fn::ForEach::A:
    - A
    - ${items}
    - Fn::ForEach::B:
        - B
        - ${items}
        - Fn::ForEach::C:
            - C
            - ${items}
            - R\${A}\${B}\${C}:
                Type: AWS::SQS::Queue
                Properties: { QueueName: !Sub '\${A}\${B}\${C}' }
`;
    expect(() => parseTemplate(text)).toThrow(TemplateError);
    expect(() => parseTemplate(text)).toThrow(/Fn::ForEach loops expand/);
  });

  it('still rejects a loop with no resource in it', () => {
    expect(() =>
      parseTemplate(`Resources:\n  Fn::ForEach::X: [A, [a], {}]\n`),
    ).toThrow(/not a CloudFormation template/);
  });
});

describe('rule-specific intrinsics in Rules', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/rules-section-structure.html
  // (the "Parameter value validation" example: !ValueOf, !Contains, !EachMemberIn, !RefAll)
  const rules = `
Parameters:
  ElbSubnet: { Type: 'AWS::EC2::Subnet::Id' }
  Environment: { Type: String, Default: test }
Rules:
  testInstanceType:
    RuleCondition: !Equals [!Ref Environment, test]
    Assertions:
      - Assert: !Contains [[a1.medium], !Ref InstanceType]
  matchingVpc:
    Assertions:
      - Assert: !Equals [!ValueOf [ElbSubnet, VpcId], vpc-1]
      - Assert: !EachMemberIn [!ValueOfAll ['AWS::EC2::Subnet::Id', VpcId], !RefAll 'AWS::EC2::VPC::Id']
      - Assert: !EachMemberEquals [!ValueOfAll ['AWS::EC2::Subnet::Id', VpcId], vpc-1]
Resources:
  Bucket: { Type: AWS::S3::Bucket }
`;

  it('parses !ValueOf and the other rule functions to their long form', () => {
    const { template } = parseTemplate(rules);
    const rulesSection = (template as unknown as Record<string, any>).Rules;
    expect(rulesSection.matchingVpc.Assertions[0].Assert).toEqual({
      'Fn::Equals': [{ 'Fn::ValueOf': ['ElbSubnet', 'VpcId'] }, 'vpc-1'],
    });
    expect(
      Object.keys(
        rulesSection.matchingVpc.Assertions[1].Assert['Fn::EachMemberIn'][1],
      ),
    ).toEqual(['Fn::RefAll']);
  });
});

describe('rain pre-processor directives', () => {
  // https://github.com/aws-cloudformation/rain (README, "Rain::Embed"): the YAML and JSON forms
  // of one template must be analysed alike.
  const yaml = `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/fn
      Code:
        ZipFile: !Rain::Embed handler.py
`;
  const json = JSON.stringify({
    Resources: {
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Runtime: 'python3.12',
          Handler: 'index.handler',
          Role: 'arn:aws:iam::123456789012:role/fn',
          Code: { ZipFile: { 'Rain::Embed': 'handler.py' } },
        },
      },
    },
  });

  it.each([
    ['YAML', yaml],
    ['JSON', json],
  ])(
    '%s: parses, the directive resolves to an unknown naming it, and a warning says so',
    (_, text) => {
      const resolved = resolveTemplate(parseTemplate(text));
      const code = resolved.resources[0].properties.Code as Record<
        string,
        unknown
      >;
      expect(isUnknown(code.ZipFile)).toBe(true);
      expect(String((code.ZipFile as any).reason)).toBe(
        'Rain::Embed "handler.py" is a rain pre-processor directive, expanded only by rain pkg',
      );
      expect(resolved.warnings).toEqual([
        'the template uses the rain pre-processor (Rain::Embed): values it inserts are only known after rain pkg',
      ]);
    },
  );
});
