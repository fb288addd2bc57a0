/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectUnknown"] }] */
import { readFileSync } from 'fs';
import { join } from 'path';
import { ParsedTemplate, parseTemplate } from './parseTemplate';
import { ResourceReference } from './ResourceReference';
import {
  getPath,
  ResolvedTemplate,
  ResolveOptions,
  resolveTemplate,
} from './resolveTemplate';
import { TemplateError } from './TemplateError';
import { isUnknown, Unknown } from './Unknown';

const FIXTURES = join(__dirname, '__fixtures__');

function resolveYaml(text: string, options?: ResolveOptions): ResolvedTemplate {
  return resolveTemplate(parseTemplate(text), options);
}

function fixture(name: string): ParsedTemplate {
  return parseTemplate(readFileSync(join(FIXTURES, name)), { fileName: name });
}

function resource(result: ResolvedTemplate, logicalId: string) {
  const found = result.resources.find(r => r.logicalId === logicalId);
  if (!found) {
    throw new Error(
      `no resource ${logicalId} in ${result.resources.map(r => r.logicalId)}`,
    );
  }
  return found;
}

/** The resolved properties of the resource `Thing` of a template with the given sections. */
function thing(sections: string, properties: string, options?: ResolveOptions) {
  const indented = properties
    .trim()
    .split('\n')
    .map(line => `      ${line}`)
    .join('\n');
  const result = resolveYaml(
    `${sections.trim()}\nResources:\n  Other:\n    Type: AWS::S3::Bucket\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties:\n${indented}\n`,
    options,
  );
  return { result, properties: resource(result, 'Thing').properties };
}

function expectUnknown(value: unknown, reason?: RegExp | string): void {
  expect(value).toBeInstanceOf(Unknown);
  if (reason !== undefined) {
    expect((value as Unknown).reason).toMatch(reason);
  }
}

describe('resolveTemplate', () => {
  describe('parameters', () => {
    const sections = `
Parameters:
  WithDefault:
    Type: String
    Default: from-default
  Missing:
    Type: String
  Retention:
    Type: Number
    Default: 35
  Zones:
    Type: List<AWS::EC2::AvailabilityZone::Name>
    Default: 'eu-west-1a, eu-west-1b'
  Names:
    Type: CommaDelimitedList
  Secret:
    Type: String
    NoEcho: true
    Default: hunter2
  LatestAmi:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
`;
    const properties = `
A: !Ref WithDefault
B: !Ref Missing
C: !Ref Retention
D: !Ref Zones
E: !Ref Names
F: !Ref LatestAmi
`;

    it('uses defaults, keeps literals as written, splits lists', () => {
      const { properties: p, result } = thing(sections, properties);
      expect(p.A).toBe('from-default');
      expectUnknown(
        p.B,
        'parameter Missing has no default and no value was supplied',
      );
      expect(p.C).toBe(35);
      expect(p.D).toEqual(['eu-west-1a', 'eu-west-1b']);
      expectUnknown(p.E, /parameter Names/);
      expectUnknown(p.F, /read from SSM parameter \/aws\/service/);
      expect(result.parameters.WithDefault).toBe('from-default');
      expectUnknown(result.parameters.Missing);
      expect(result.noEchoParameters).toEqual(['Secret']);
    });

    it('prefers supplied values over defaults', () => {
      const { properties: p } = thing(sections, properties, {
        parameters: {
          WithDefault: 'supplied',
          Missing: 'now-known',
          Names: 'a,b,c',
        },
      });
      expect(p.A).toBe('supplied');
      expect(p.B).toBe('now-known');
      expect(p.E).toEqual(['a', 'b', 'c']);
    });

    it('treats NoEcho given as a string', () => {
      const result = resolveYaml(`
Parameters:
  Token: { Type: String, NoEcho: 'true' }
  Plain: { Type: String, NoEcho: 'false' }
Resources:
  B: { Type: AWS::S3::Bucket }
`);
      expect(result.noEchoParameters).toEqual(['Token']);
    });
  });

  describe('Ref and Fn::GetAtt', () => {
    it('resolves pseudo parameters from the options, else unknown', () => {
      const properties = `
Region: !Ref AWS::Region
Account: !Ref AWS::AccountId
Stack: !Ref AWS::StackName
Partition: !Ref AWS::Partition
Suffix: !Ref AWS::URLSuffix
StackId: !Ref AWS::StackId
Notifications: !Ref AWS::NotificationARNs
Bogus: !Ref AWS::Bogus
`;
      const known = thing('', properties, {
        region: 'eu-west-1',
        accountId: '123456789012',
        stackName: 'orders',
      }).properties;
      expect(known).toMatchObject({
        Region: 'eu-west-1',
        Account: '123456789012',
        Stack: 'orders',
        Partition: 'aws',
        Suffix: 'amazonaws.com',
      });
      expectUnknown(known.StackId);
      expectUnknown(known.Notifications);
      expectUnknown(known.Bogus, /not a known pseudo parameter/);

      const unknown = thing('', properties).properties;
      expectUnknown(unknown.Region, /AWS::Region/);
      expectUnknown(unknown.Account, /AWS::AccountId/);
      expectUnknown(unknown.Stack, /AWS::StackName/);
      expectUnknown(unknown.Partition, /AWS::Partition/);
      expect(unknown.Suffix).toBe('amazonaws.com');

      const china = thing('', properties, { region: 'cn-north-1' }).properties;
      expect(china.Partition).toBe('aws-cn');
      expect(china.Suffix).toBe('amazonaws.com.cn');
      expect(
        thing('', properties, { partition: 'aws-us-gov' }).properties.Partition,
      ).toBe('aws-us-gov');
    });

    it('turns references to resources into ResourceReference', () => {
      const { properties: p } = thing(
        '',
        `
Ref: !Ref Other
Arn: !GetAtt Other.Arn
Long: { 'Fn::GetAtt': [Other, DomainName] }
Dotted: !GetAtt Other.Endpoint.Address
Missing: !Ref Nowhere
MissingAtt: !GetAtt Nowhere.Arn
`,
      );
      expect(p.Ref).toEqual(new ResourceReference('Other'));
      expect(p.Arn).toEqual(new ResourceReference('Other', 'Arn'));
      expect(p.Long).toEqual(new ResourceReference('Other', 'DomainName'));
      expect(p.Dotted).toEqual(
        new ResourceReference('Other', 'Endpoint.Address'),
      );
      expectUnknown(
        p.Missing,
        /Nowhere, which is neither a parameter nor a resource/,
      );
      expectUnknown(p.MissingAtt, /Nowhere, which is not a resource/);
    });

    it('resolves an attribute name given by a parameter', () => {
      const { properties: p } = thing(
        'Parameters:\n  Attr: { Type: String, Default: Arn }\n  Free: { Type: String }',
        'A: !GetAtt [Other, !Ref Attr]\nB: !GetAtt [Other, !Ref Free]',
      );
      expect(p.A).toEqual(new ResourceReference('Other', 'Arn'));
      expectUnknown(p.B, /parameter Free/);
    });

    it('removes properties and list elements set to AWS::NoValue', () => {
      const { properties: p } = thing(
        '',
        `
Gone: !Ref AWS::NoValue
List: [a, !Ref AWS::NoValue, b]
Nested:
  Kept: 1
  Gone: { Ref: AWS::NoValue }
`,
      );
      expect(p).toEqual({ List: ['a', 'b'], Nested: { Kept: 1 } });
      expect('Gone' in p).toBe(false);
    });
  });

  describe('conditions', () => {
    const sections = `
Parameters:
  Env: { Type: String, Default: prod }
  Free: { Type: String }
  Replicas: { Type: Number, Default: 2 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [dev, !Ref Env]
  FreeIsX: !Equals [!Ref Free, x]
  NotProd: !Not [!Condition IsProd]
  ProdAndDev: !And [!Condition IsProd, !Condition IsDev]
  ProdOrDev: !Or [!Condition IsDev, !Condition IsProd]
  ProdAndFree: !And [!Condition IsProd, !Condition FreeIsX]
  DevAndFree: !And [!Condition IsDev, !Condition FreeIsX]
  ProdOrFree: !Or [!Condition IsProd, !Condition FreeIsX]
  DevOrFree: !Or [!Condition IsDev, !Condition FreeIsX]
  NotFree: !Not [!Condition FreeIsX]
  NumberAsString: !Equals [!Ref Replicas, '2']
  BooleanAsString: !Equals [true, 'true']
  Nested: !And [!Or [!Condition IsDev, !Not [!Condition IsDev]], !Equals [!Select [1, [a, b]], b]]
  FromMapping: !Equals [!FindInMap [Sizes, !Ref Env, Nodes], 3]
  CycleA: !Condition CycleB
  CycleB: !Not [!Condition CycleA]
  SelfCycle: !And [!Condition IsProd, !Condition SelfCycle]
  Undeclared: !Condition DoesNotExist
Mappings:
  Sizes:
    prod: { Nodes: 3 }
    dev: { Nodes: 1 }
`;

    it('evaluates Equals, And, Or, Not and Condition references', () => {
      const { conditions } = thing(sections, 'A: 1').result;
      expect(conditions).toMatchObject({
        IsProd: true,
        IsDev: false,
        NotProd: false,
        ProdAndDev: false,
        ProdOrDev: true,
        NumberAsString: true,
        BooleanAsString: true,
        Nested: true,
        FromMapping: true,
      });
    });

    it('is unknown when an operand is, unless another operand decides', () => {
      const { conditions } = thing(sections, 'A: 1').result;
      expectUnknown(conditions.FreeIsX, /parameter Free/);
      expectUnknown(conditions.ProdAndFree, /parameter Free/);
      expect(conditions.DevAndFree).toBe(false);
      expect(conditions.ProdOrFree).toBe(true);
      expectUnknown(conditions.DevOrFree);
      expectUnknown(conditions.NotFree);
    });

    it('turns cycles and undeclared conditions into unknowns with a warning', () => {
      const { conditions, warnings } = thing(sections, 'A: 1').result;
      expectUnknown(conditions.CycleA, /depends on itself/);
      expectUnknown(conditions.CycleB, /depends on itself/);
      expectUnknown(conditions.SelfCycle, /depends on itself/);
      expectUnknown(conditions.Undeclared, /DoesNotExist is not declared/);
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.stringContaining('depends on itself'),
          'condition DoesNotExist is used but not declared',
        ]),
      );
    });

    it('picks the branch of Fn::If, or is unknown unless both branches agree', () => {
      const { properties: p } = thing(
        sections,
        `
WhenTrue: !If [IsProd, yes, no]
WhenFalse: !If [IsDev, yes, no]
WhenUnknown: !If [FreeIsX, yes, no]
Agreeing: !If [FreeIsX, { Enabled: true }, { Enabled: true }]
NoValueWhenFalse: !If [IsDev, yes, !Ref AWS::NoValue]
NoValueWhenUnknown: !If [FreeIsX, yes, !Ref AWS::NoValue]
Cyclic: !If [CycleA, yes, no]
`,
      );
      expect(p.WhenTrue).toBe('yes');
      expect(p.WhenFalse).toBe('no');
      expectUnknown(
        p.WhenUnknown,
        /depends on condition FreeIsX, which cannot be decided: parameter Free/,
      );
      expect(p.Agreeing).toEqual({ Enabled: true });
      expect('NoValueWhenFalse' in p).toBe(false);
      expectUnknown(p.NoValueWhenUnknown, /FreeIsX/);
      expectUnknown(p.Cyclic, /CycleA/);
    });

    it('decides conditions by supplied parameters', () => {
      const { result, properties } = thing(sections, 'A: !If [FreeIsX, 1, 2]', {
        parameters: { Free: 'x', Env: 'dev' },
      });
      expect(result.conditions.FreeIsX).toBe(true);
      expect(result.conditions.IsProd).toBe(false);
      expect(result.conditions.FromMapping).toBe(false);
      expect(properties.A).toBe(1);
    });

    it('leaves out resources whose condition is false and flags unknown ones', () => {
      const result = resolveYaml(`
Parameters:
  Env: { Type: String, Default: prod }
  Free: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
  FreeIsX: !Equals [!Ref Free, x]
Resources:
  Always: { Type: AWS::S3::Bucket }
  ProdOnly: { Type: AWS::S3::Bucket, Condition: IsProd }
  DevOnly: { Type: AWS::S3::Bucket, Condition: IsDev }
  Maybe: { Type: AWS::S3::Bucket, Condition: FreeIsX }
`);
      expect(result.resources.map(r => r.logicalId)).toEqual([
        'Always',
        'ProdOnly',
        'Maybe',
      ]);
      expect(resource(result, 'ProdOnly').included).toBe(true);
      const maybe = resource(result, 'Maybe').included;
      expectUnknown(
        maybe,
        /Maybe exists only if condition FreeIsX holds, which cannot be decided/,
      );
    });
  });

  describe('Fn::Sub', () => {
    const sections = `
Parameters:
  Name: { Type: String, Default: orders }
  Free: { Type: String }
  Port: { Type: Number, Default: 5432 }
`;

    it('substitutes parameters, pseudo parameters, variables and literals', () => {
      const { properties: p } = thing(
        sections,
        `
Param: !Sub '\${Name}-\${Port}'
Pseudo: !Sub 'arn:\${AWS::Partition}:s3:::\${Name}-\${AWS::Region}'
Variables: !Sub ['\${Prefix}/\${Name}', { Prefix: !Join ['-', [a, b]] }]
Literal: !Sub '\${!Literal} and \${Name}'
Plain: !Sub 'no variables'
`,
        { region: 'eu-west-1' },
      );
      expect(p.Param).toBe('orders-5432');
      expect(p.Pseudo).toBe('arn:aws:s3:::orders-eu-west-1');
      expect(p.Variables).toBe('a-b/orders');
      expect(p.Literal).toBe('${Literal} and orders');
      expect(p.Plain).toBe('no variables');
    });

    it('is unknown when a part is, or when it refers to a resource', () => {
      const { properties: p } = thing(
        sections,
        `
FreeParam: !Sub '\${Free}-x'
Region: !Sub '\${AWS::Region}'
Resource: !Sub 'bucket \${Other}'
Attribute: !Sub '\${Other.Arn}/*'
Nowhere: !Sub '\${Nowhere}'
ResourceVariable: !Sub ['\${V}', { V: !Ref Other }]
`,
      );
      expectUnknown(p.FreeParam, /parameter Free/);
      expectUnknown(p.Region, /AWS::Region/);
      expectUnknown(p.Resource, /^refers to resource Other/);
      expectUnknown(p.Attribute, /^refers to resource Other \(attribute Arn\)/);
      expectUnknown(p.Nowhere, /Nowhere/);
      expectUnknown(p.ResourceVariable, /^refers to resource Other/);
    });
  });

  describe('list and string functions', () => {
    const sections = `
Parameters:
  Zones: { Type: CommaDelimitedList, Default: 'a,b,c' }
  Free: { Type: String }
  Index: { Type: Number, Default: 1 }
Mappings:
  RegionMap:
    eu-west-1: { Ami: ami-111, Size: large }
    us-east-1: { Ami: ami-222, Size: large }
`;

    it('evaluates Join, Select, Split, FindInMap, Length and Base64', () => {
      const { properties: p } = thing(
        sections,
        `
Join: !Join [':', [a, !Select [2, !Ref Zones], 1]]
JoinNestedList: !Join [':', [a, !Ref Zones]]
JoinList: !Join [',', !Ref Zones]
Select: !Select [!Ref Index, !Ref Zones]
SelectString: !Select ['2', [x, y, z]]
Split: !Split ['/', 'a/b/c']
SelectSplit: !Select [1, !Split [',', 'p,q']]
FindInMap: !FindInMap [RegionMap, eu-west-1, Ami]
FindInMapByRegion: !FindInMap [RegionMap, !Ref AWS::Region, Ami]
Length: !Length [a, b, !Ref AWS::NoValue]
Base64: !Base64 'echo hi'
BaseSub: !Base64 { 'Fn::Sub': 'echo \${AWS::Region}' }
`,
        { region: 'us-east-1' },
      );
      expect(p).toEqual({
        Join: 'a:c:1',
        JoinNestedList: expect.any(Unknown),
        JoinList: 'a,b,c',
        Select: 'b',
        SelectString: 'z',
        Split: ['a', 'b', 'c'],
        SelectSplit: 'q',
        FindInMap: 'ami-111',
        FindInMapByRegion: 'ami-222',
        Length: 2,
        Base64: 'echo hi',
        BaseSub: 'echo us-east-1',
      });
    });

    it('is unknown when an operand is, or the operation fails', () => {
      const { properties: p } = thing(
        sections,
        `
JoinUnknown: !Join ['', [a, !Ref Free]]
JoinResource: !Join ['', [!GetAtt Other.Arn, '/*']]
SelectUnknownIndex: !Select [!Ref Free, [a]]
SelectOutOfRange: !Select [5, [a]]
SelectOfAZs: !Select [0, !GetAZs '']
SplitUnknown: !Split [',', !Ref Free]
FindInMapUnknownKey: !FindInMap [RegionMap, !Ref AWS::Region, Ami]
FindInMapAgreeing: !FindInMap [RegionMap, !Ref AWS::Region, Size]
FindInMapMissing: !FindInMap [RegionMap, eu-west-1, Nothing]
FindInMapNoMap: !FindInMap [Nope, a, b]
FindInMapDefault: { 'Fn::FindInMap': [RegionMap, eu-north-1, Ami, { DefaultValue: ami-000 }] }
Cidr: !Cidr ['10.0.0.0/16', 4, 8]
ImportValue: !ImportValue shared-vpc
Transform: !Transform { Name: AWS::Include, Parameters: { Location: s3://b/k } }
ToJsonString: !ToJsonString { a: 1 }
LengthUnknown: !Length { Ref: Free }
Unsupported: { 'Fn::Bogus': 1 }
MalformedGetAtt: { 'Fn::GetAtt': Other }
`,
      );
      expectUnknown(p.JoinUnknown, /parameter Free/);
      expectUnknown(p.JoinResource, /refers to resource Other/);
      expectUnknown(p.SelectUnknownIndex, /parameter Free/);
      expectUnknown(
        p.SelectOutOfRange,
        /index 5 is out of range for a list of 1/,
      );
      expectUnknown(p.SelectOfAZs, /Fn::GetAZs/);
      expectUnknown(p.SplitUnknown, /parameter Free/);
      expectUnknown(p.FindInMapUnknownKey, /RegionMap.*AWS::Region/);
      expect(p.FindInMapAgreeing).toBe('large');
      expectUnknown(p.FindInMapMissing, /no entry eu-west-1\/Nothing/);
      expectUnknown(p.FindInMapNoMap, /mapping Nope is not declared/);
      expect(p.FindInMapDefault).toBe('ami-000');
      expectUnknown(p.Cidr, /Fn::Cidr/);
      expectUnknown(p.ImportValue, /export shared-vpc of another stack/);
      expectUnknown(p.Transform, /macro/);
      expectUnknown(p.ToJsonString, /Fn::ToJsonString/);
      expectUnknown(p.LengthUnknown, /parameter Free/);
      expectUnknown(p.Unsupported, /Fn::Bogus/);
      // The reason quotes the expression, so a report can name it.
      expectUnknown(p.Cidr, 'Fn::Cidr ["10.0.0.0/16",4,8] is not computed');
      expectUnknown(p.Unsupported, 'Fn::Bogus 1 is not supported');
      expectUnknown(
        p.MalformedGetAtt,
        'Fn::GetAtt "Other": Fn::GetAtt expects [LogicalId, Attribute]',
      );
    });

    it('warns about unsupported functions once', () => {
      const { result } = thing(
        '',
        'A: { "Fn::Bogus": 1 }\nB: { "Fn::Bogus": 2 }',
      );
      expect(result.warnings).toEqual([
        'unsupported intrinsic function Fn::Bogus',
      ]);
    });
  });

  describe('resources', () => {
    it('keeps type, policies and source, and never reaches Object.prototype', () => {
      const result = resolveYaml(`
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
    UpdateReplacePolicy: Retain
  Plain:
    Type: AWS::S3::Bucket
    Properties:
      A: !Ref constructor
      B: !Ref toString
      C: !FindInMap [constructor, a, b]
      D: !GetAtt __proto__.Arn
`);
      expect(resource(result, 'Db')).toEqual({
        logicalId: 'Db',
        type: 'AWS::RDS::DBInstance',
        properties: {},
        included: true,
        deletionPolicy: 'Snapshot',
        updateReplacePolicy: 'Retain',
        source: 'root',
      });
      const { properties: p } = resource(result, 'Plain');
      for (const key of ['A', 'B', 'C', 'D']) {
        expectUnknown(p[key]);
      }
    });

    it('skips invalid entries of Resources with a warning', () => {
      const result = resolveYaml(`
Parameters:
  Names: { Type: CommaDelimitedList, Default: 'a,b' }
Resources:
  Good: { Type: AWS::S3::Bucket }
  NoType: { Properties: {} }
  # A loop over a literal list is expanded when parsed (languageExtensions.test.ts).
  'Fn::ForEach::Topics': [Name, !Ref Names, { 'Topic\${Name}': { Type: AWS::SNS::Topic } }]
`);
      expect(result.resources.map(r => r.logicalId)).toEqual(['Good']);
      expect(result.warnings).toEqual([
        'resource NoType has no Type and is skipped',
        'Fn::ForEach::Topics is not expanded: the resources it creates are not analysed',
      ]);
    });

    it('resolves a DeletionPolicy given by Fn::If', () => {
      const result = resolveYaml(`
Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: !If [IsProd, Snapshot, Delete]
`);
      expect(resource(result, 'Db').deletionPolicy).toBe('Snapshot');
    });
  });

  describe('nested stacks', () => {
    const child = `
Parameters:
  BucketName: { Type: String }
  Retention: { Type: Number, Default: 7 }
  Subnets: { Type: List<AWS::EC2::Subnet::Id> }
  Encrypt: { Type: String, Default: 'true' }
Conditions:
  Encrypted: !Equals [!Ref Encrypt, 'true']
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Ref BucketName
      Days: !Ref Retention
      Subnets: !Ref Subnets
      Key: !If [Encrypted, !GetAtt Key.Arn, !Ref AWS::NoValue]
      Stack: !Ref AWS::StackName
      Region: !Ref AWS::Region
  Key:
    Type: AWS::KMS::Key
    Condition: Encrypted
Outputs:
  BucketArn:
    Value: !GetAtt Bucket.Arn
  Name:
    Value: !Ref BucketName
`;
    const grandchild = `
Resources:
  Queue: { Type: AWS::SQS::Queue }
`;
    const childWithNested = `
Resources:
  Inner:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./queue.yaml
`;
    const files: Record<string, string> = {
      'stacks/bucket.yaml': child,
      'stacks/with-nested.yaml': childWithNested,
      'stacks/queue.yaml': grandchild,
      'loop.yaml': `
Resources:
  Again:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: loop.yaml
`,
    };
    const loaded: string[] = [];
    const loadNested = (url: string): ParsedTemplate | undefined => {
      loaded.push(url);
      if (url.startsWith('..')) {
        throw new TemplateError(
          'path-escape',
          `${url} is outside the repository`,
        );
      }
      return url in files
        ? parseTemplate(files[url], { fileName: url })
        : undefined;
    };

    beforeEach(() => {
      loaded.length = 0;
    });

    const root = `
Parameters:
  Free: { Type: String }
Resources:
  Storage:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./stacks/bucket.yaml
      Parameters:
        BucketName: !Sub '\${AWS::Region}-data'
        Retention: 30
        Subnets: !Join [',', [subnet-1, subnet-2]]
        Encrypt: !Ref Free
  Consumer:
    Type: AWS::Lambda::Function
    Properties:
      BucketArn: !GetAtt Storage.Outputs.BucketArn
      Name: !GetAtt Storage.Outputs.Name
      Missing: !GetAtt Storage.Outputs.Nothing
`;

    it('follows a relative TemplateURL and passes parameters as strings', () => {
      const result = resolveYaml(root, { loadNested, region: 'eu-west-1' });
      expect(loaded).toEqual(['stacks/bucket.yaml']);
      expect(result.resources.map(r => r.logicalId)).toEqual([
        'Storage',
        'Storage/Bucket',
        'Storage/Key',
        'Consumer',
      ]);
      const bucket = resource(result, 'Storage/Bucket');
      expect(bucket.source).toBe('stacks/bucket.yaml');
      expect(bucket.included).toBe(true);
      expect(bucket.properties).toMatchObject({
        BucketName: 'eu-west-1-data',
        Days: '30',
        Subnets: ['subnet-1', 'subnet-2'],
        Region: 'eu-west-1',
      });
      expectUnknown(bucket.properties.Key, /Encrypted/);
      expectUnknown(bucket.properties.Stack, /nested stack/);
      expectUnknown(resource(result, 'Storage/Key').included, /Encrypted/);
      expect(resource(result, 'Storage').type).toBe(
        'AWS::CloudFormation::Stack',
      );
    });

    it('resolves the outputs of a nested stack', () => {
      const result = resolveYaml(root, { loadNested, region: 'eu-west-1' });
      const consumer = resource(result, 'Consumer').properties;
      expect(consumer.BucketArn).toEqual(
        new ResourceReference('Storage/Bucket', 'Arn'),
      );
      expect(consumer.Name).toBe('eu-west-1-data');
      expectUnknown(consumer.Missing, /no output Nothing/);
    });

    it('decides nested conditions from supplied parameters', () => {
      const result = resolveYaml(root, {
        loadNested,
        parameters: { Free: 'true' },
      });
      expect(resource(result, 'Storage/Key').included).toBe(true);
      expect(resource(result, 'Storage/Bucket').properties.Key).toEqual(
        new ResourceReference('Storage/Key', 'Arn'),
      );
    });

    it('resolves nested URLs relative to the nested template', () => {
      const result = resolveYaml(
        'Resources:\n  Outer:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: stacks/with-nested.yaml\n',
        { loadNested },
      );
      expect(loaded).toEqual(['stacks/with-nested.yaml', 'stacks/queue.yaml']);
      expect(result.resources.map(r => [r.logicalId, r.source])).toEqual([
        ['Outer', 'root'],
        ['Outer/Inner', 'stacks/with-nested.yaml'],
        ['Outer/Inner/Queue', 'stacks/queue.yaml'],
      ]);
    });

    it('warns, without failing, when a nested template is missing, remote, unsafe or cyclic', () => {
      const result = resolveYaml(
        `
Resources:
  Missing:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: nowhere.yaml }
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: 'https://s3.amazonaws.com/bucket/network.yaml' }
  Escape:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: ../../etc/passwd }
  Loop:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: loop.yaml }
  Unresolvable:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: !ImportValue url }
`,
        { loadNested },
      );
      expect(
        result.resources.filter(r => r.logicalId.startsWith('Loop')),
      ).toHaveLength(2);
      expect(result.warnings).toEqual([
        'nested stack Missing: template nowhere.yaml not found; its resources are not analysed',
        'nested stack Remote: https://s3.amazonaws.com/bucket/network.yaml is not a relative path; its resources are not analysed',
        'nested stack Escape: ../../etc/passwd is outside the repository',
        'loop.yaml: nested stack Loop/Again: loop.yaml includes itself (loop.yaml → loop.yaml); not followed',
        expect.stringMatching(
          /^nested stack Unresolvable: TemplateURL cannot be resolved/,
        ),
      ]);
    });

    it('stops at the nesting limit', () => {
      const chain: Record<string, string> = {};
      for (let i = 0; i < 10; i++) {
        chain[`s${i}.yaml`] = `Resources:\n  S${
          i + 1
        }:\n    Type: AWS::CloudFormation::Stack\n    Properties: { TemplateURL: s${
          i + 1
        }.yaml }\n`;
      }
      const result = resolveTemplate(parseTemplate(chain['s0.yaml']), {
        loadNested: url => (chain[url] ? parseTemplate(chain[url]) : undefined),
        maxNestedDepth: 3,
      });
      expect(result.resources.map(r => r.logicalId)).toEqual([
        'S1',
        'S1/S2',
        'S1/S2/S3',
        'S1/S2/S3/S4',
      ]);
      expect(result.warnings).toEqual([
        's3.yaml: nested stack S1/S2/S3/S4: stacks nest more than 3 levels deep; s4.yaml is not followed',
      ]);
    });

    it('does not follow nested stacks without a loader', () => {
      const result = resolveYaml(root);
      expect(result.resources.map(r => r.logicalId)).toEqual([
        'Storage',
        'Consumer',
      ]);
      expect(resource(result, 'Consumer').properties.BucketArn).toEqual(
        new ResourceReference('Storage', 'Outputs.BucketArn'),
      );
      expect(result.warnings).toEqual([
        'nested stack Storage: ./stacks/bucket.yaml is not followed (no loader for nested templates)',
      ]);
    });
  });

  describe('getPath', () => {
    const value = {
      A: { B: [{ C: 1 }, { C: 2 }] },
      U: new Unknown('why'),
      R: new ResourceReference('X'),
    };

    it('follows mappings and list indexes', () => {
      expect(getPath(value, 'A.B.1.C')).toBe(2);
      expect(getPath(value, 'A.B[0].C')).toBe(1);
      expect(getPath(value, 'A.B')).toEqual([{ C: 1 }, { C: 2 }]);
      expect(getPath(value, '')).toBe(value);
    });

    it('is undefined when absent, unknown under an unknown', () => {
      expect(getPath(value, 'A.X')).toBeUndefined();
      expect(getPath(value, 'A.B.5.C')).toBeUndefined();
      expect(getPath(value, 'A.B.C')).toBeUndefined();
      expect(getPath(value, 'R.Arn')).toBeUndefined();
      expect(getPath(value, 'toString')).toBeUndefined();
      expect(getPath(value, 'U.Deep.Er')).toBe(value.U);
    });
  });

  describe('fixtures', () => {
    it('rds-encrypted-multiaz.yaml', () => {
      const result = resolveTemplate(fixture('rds-encrypted-multiaz.yaml'), {
        region: 'eu-west-1',
        accountId: '123456789012',
      });
      expect(result.warnings).toEqual([]);
      expect(result.conditions).toEqual({ IsProduction: true });
      expect(result.noEchoParameters).toEqual(['DBUsername']);
      const db = resource(result, 'Database');
      expect(db.type).toBe('AWS::RDS::DBInstance');
      expect(db.deletionPolicy).toBe('Snapshot');
      expect(db.updateReplacePolicy).toBe('Snapshot');
      expect(db.properties).toMatchObject({
        DBInstanceIdentifier: 'orders-production',
        Engine: 'postgres',
        MultiAZ: true,
        StorageEncrypted: true,
        KmsKeyId: new ResourceReference('DBKey', 'Arn'),
        PubliclyAccessible: false,
        BackupRetentionPeriod: 35,
        DeletionProtection: true,
        ManageMasterUserPassword: true,
        DBSubnetGroupName: new ResourceReference('DBSubnetGroup'),
        VPCSecurityGroups: [
          new ResourceReference('DBSecurityGroup', 'GroupId'),
        ],
        EnableCloudwatchLogsExports: ['postgresql', 'upgrade'],
      });
      expect(
        getPath(resource(result, 'DBSubnetGroup').properties, 'SubnetIds'),
      ).toEqual(['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f']);
      expect(resource(result, 'DBKey').properties.EnableKeyRotation).toBe(true);
      expect(
        getPath(
          resource(result, 'DBKey').properties,
          'KeyPolicy.Statement.0.Principal.AWS',
        ),
      ).toBe('arn:aws:iam::123456789012:root');
    });

    it('rds-encrypted-multiaz.yaml for staging', () => {
      const result = resolveTemplate(fixture('rds-encrypted-multiaz.yaml'), {
        parameters: { Environment: 'staging' },
      });
      const db = resource(result, 'Database').properties;
      expect(db.MultiAZ).toBe(false);
      expect('DeletionProtection' in db).toBe(false);
    });

    it('rds-weak.yaml', () => {
      const result = resolveTemplate(fixture('rds-weak.yaml'));
      expect(result.noEchoParameters).toEqual([]);
      const db = resource(result, 'Database');
      expect(db.deletionPolicy).toBe('Delete');
      expect(db.properties).toMatchObject({
        MultiAZ: false,
        StorageEncrypted: false,
        PubliclyAccessible: true,
        BackupRetentionPeriod: 1,
        DeletionProtection: false,
        MasterUserPassword: 'ChangeMe123!',
      });
      expect(resource(result, 'DBSubnetGroup').properties.SubnetIds).toEqual([
        'subnet-0aaa1111bbbb2222c',
        'subnet-0ddd3333eeee4444f',
      ]);
      expect(
        getPath(
          resource(result, 'DBSecurityGroup').properties,
          'SecurityGroupIngress.0.CidrIp',
        ),
      ).toBe('0.0.0.0/0');
    });

    it('elasticache-replication-group.yaml', () => {
      const result = resolveTemplate(
        fixture('elasticache-replication-group.yaml'),
      );
      expect(result.warnings).toEqual([]);
      const group = resource(result, 'ReplicationGroup');
      expect(group.deletionPolicy).toBe('Snapshot');
      expect(group.properties).toMatchObject({
        Engine: 'redis',
        CacheNodeType: 'cache.r6g.large',
        ReplicasPerNodeGroup: 2,
        MultiAZEnabled: true,
        AutomaticFailoverEnabled: true,
        AtRestEncryptionEnabled: true,
        KmsKeyId: new ResourceReference('CacheKey', 'Arn'),
        TransitEncryptionEnabled: true,
        AuthToken:
          '{{resolve:secretsmanager:session-cache/auth-token:SecretString}}',
        SnapshotRetentionLimit: 7,
      });
      expect(
        getPath(
          group.properties,
          'LogDeliveryConfigurations.0.DestinationDetails.CloudWatchLogsDetails.LogGroup',
        ),
      ).toEqual(new ResourceReference('SlowLogGroup'));
    });

    it('elasticache-weak.yaml', () => {
      const group = resource(
        resolveTemplate(fixture('elasticache-weak.yaml')),
        'ReplicationGroup',
      );
      expect(group.properties).toMatchObject({
        NumCacheClusters: 1,
        AutomaticFailoverEnabled: false,
        MultiAZEnabled: false,
        AtRestEncryptionEnabled: false,
        TransitEncryptionEnabled: false,
        SnapshotRetentionLimit: 0,
      });
      expect(group.deletionPolicy).toBeUndefined();
    });

    it('s3-encrypted-bucket.yaml', () => {
      const result = resolveTemplate(fixture('s3-encrypted-bucket.yaml'), {
        accountId: '123456789012',
        region: 'eu-west-1',
      });
      const bucket = resource(result, 'Bucket');
      expect(bucket.deletionPolicy).toBe('Retain');
      expect(bucket.properties.BucketName).toBe(
        'orders-documents-123456789012-eu-west-1',
      );
      expect(
        getPath(
          bucket.properties,
          'BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault',
        ),
      ).toEqual({
        SSEAlgorithm: 'aws:kms',
        KMSMasterKeyID: new ResourceReference('BucketKey', 'Arn'),
      });
      expect(bucket.properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(getPath(bucket.properties, 'VersioningConfiguration.Status')).toBe(
        'Enabled',
      );
      expect(
        getPath(
          bucket.properties,
          'LoggingConfiguration.DestinationBucketName',
        ),
      ).toBe('orders-access-logs');
      const policy = resource(result, 'BucketPolicy').properties;
      expect(policy.Bucket).toEqual(new ResourceReference('Bucket'));
      expect(getPath(policy, 'PolicyDocument.Statement.0.Resource.0')).toEqual(
        new ResourceReference('Bucket', 'Arn'),
      );
      expectUnknown(
        getPath(policy, 'PolicyDocument.Statement.0.Resource.1'),
        /refers to resource Bucket/,
      );
      expect(
        getPath(policy, 'PolicyDocument.Statement.0.Condition.Bool'),
      ).toEqual({
        'aws:SecureTransport': 'false',
      });
    });

    it('s3-weak.json', () => {
      const result = resolveTemplate(fixture('s3-weak.json'));
      const bucket = resource(result, 'WebsiteBucket');
      expect(bucket.deletionPolicy).toBe('Delete');
      expect(getPath(bucket.properties, 'BucketEncryption')).toBeUndefined();
      expect(
        getPath(
          bucket.properties,
          'PublicAccessBlockConfiguration.BlockPublicPolicy',
        ),
      ).toBe(false);
      expect(getPath(bucket.properties, 'VersioningConfiguration.Status')).toBe(
        'Suspended',
      );
      expectUnknown(
        getPath(
          resource(result, 'WebsiteBucketPolicy').properties,
          'PolicyDocument.Statement.0.Resource',
        ),
        /refers to resource WebsiteBucket/,
      );
    });

    it('vpc-multi-az.json', () => {
      const result = resolveTemplate(fixture('vpc-multi-az.json'));
      expect(result.warnings).toEqual([]);
      const subnets = result.resources.filter(
        r => r.type === 'AWS::EC2::Subnet',
      );
      expect(
        subnets.map(s => [
          s.logicalId,
          s.properties.AvailabilityZone,
          s.properties.CidrBlock,
        ]),
      ).toEqual([
        ['PublicSubnetA', 'eu-west-1a', '10.0.0.0/24'],
        ['PublicSubnetB', 'eu-west-1b', '10.0.1.0/24'],
        ['PrivateSubnetA', 'eu-west-1a', '10.0.10.0/24'],
        ['PrivateSubnetB', 'eu-west-1b', '10.0.11.0/24'],
      ]);
      expect(resource(result, 'VPC').properties).toMatchObject({
        CidrBlock: '10.0.0.0/16',
        EnableDnsSupport: true,
        Tags: [{ Key: 'Name', Value: 'production-vpc' }],
      });
      expect(resource(result, 'FlowLog').properties).toMatchObject({
        ResourceId: new ResourceReference('VPC'),
        TrafficType: 'ALL',
      });
      expect(
        result.resources.filter(r => r.type === 'AWS::EC2::NatGateway'),
      ).toHaveLength(2);
    });

    it('vpc-single-az.json', () => {
      const result = resolveTemplate(fixture('vpc-single-az.json'));
      const subnet = resource(result, 'PublicSubnet').properties;
      expectUnknown(subnet.AvailabilityZone, /Fn::GetAZs/);
      expectUnknown(subnet.CidrBlock, /Fn::Cidr/);
      expect(subnet.MapPublicIpOnLaunch).toBe(true);
      expect(
        result.resources.filter(r => r.type === 'AWS::EC2::FlowLog'),
      ).toHaveLength(0);
    });

    it('ecs-fargate-alb.yaml', () => {
      const result = resolveTemplate(fixture('ecs-fargate-alb.yaml'), {
        region: 'eu-west-1',
      });
      expect(result.warnings).toEqual([]);
      const service = resource(result, 'Service').properties;
      expect(service).toMatchObject({
        LaunchType: 'FARGATE',
        DesiredCount: 2,
        DeploymentConfiguration: {
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        },
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            AssignPublicIp: 'DISABLED',
            Subnets: ['subnet-0111aaaa2222bbbb3', 'subnet-0444cccc5555dddd6'],
          },
        },
      });
      const task = resource(result, 'TaskDefinition').properties;
      expect(getPath(task, 'ContainerDefinitions.0.LogConfiguration')).toEqual({
        LogDriver: 'awslogs',
        Options: {
          'awslogs-group': new ResourceReference('LogGroup'),
          'awslogs-region': 'eu-west-1',
          'awslogs-stream-prefix': 'orders-api',
        },
      });
      expect(
        getPath(task, 'ContainerDefinitions.0.ReadonlyRootFilesystem'),
      ).toBe(true);
      expect(resource(result, 'HttpsListener').properties).toMatchObject({
        Protocol: 'HTTPS',
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      });
      expect(
        getPath(
          resource(result, 'HttpListener').properties,
          'DefaultActions.0.Type',
        ),
      ).toBe('redirect');
      expect(
        resource(result, 'LoadBalancer').properties.LoadBalancerAttributes,
      ).toContainEqual({
        Key: 'access_logs.s3.enabled',
        Value: 'true',
      });
      expectUnknown(
        resource(result, 'ScalableTarget').properties.ResourceId,
        /refers to resource Cluster/,
      );
    });

    it('ecs-fargate-weak.yaml', () => {
      const result = resolveTemplate(fixture('ecs-fargate-weak.yaml'));
      const service = resource(result, 'Service').properties;
      expect(service.DesiredCount).toBe(1);
      expect(
        getPath(
          service,
          'NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp',
        ),
      ).toBe('ENABLED');
      expect(resource(result, 'HttpListener').properties.Protocol).toBe('HTTP');
      expect(
        getPath(
          resource(result, 'TaskDefinition').properties,
          'ContainerDefinitions.0.LogConfiguration',
        ),
      ).toBeUndefined();
      expect(
        result.resources.some(r => r.properties.Protocol === 'HTTPS'),
      ).toBe(false);
    });

    it('app-with-nested-stacks.yaml, loading from the fixtures folder', () => {
      const result = resolveTemplate(fixture('app-with-nested-stacks.yaml'), {
        loadNested: url => fixture(url),
      });
      expect(result.warnings).toEqual([]);
      const ids = result.resources.map(r => r.logicalId);
      expect(ids).toContain('Network/VPC');
      expect(ids).toContain('Database/Database');
      expect(resource(result, 'Network/VPC').source).toBe('vpc-multi-az.json');
      const db = resource(result, 'Database/Database');
      expect(db.source).toBe('rds-encrypted-multiaz.yaml');
      expect(db.properties).toMatchObject({
        MultiAZ: true,
        StorageEncrypted: true,
      });
      expect(
        resource(result, 'Database/DBSecurityGroup').properties.VpcId,
      ).toEqual(new ResourceReference('Network/VPC'));
      // The subnets are a Join of references: known only once deployed.
      expectUnknown(
        resource(result, 'Database/DBSubnetGroup').properties.SubnetIds,
        /refers to resource Network\/PrivateSubnetA/,
      );
    });
  });

  it('resolves a 1 MB template quickly', () => {
    const resources: Record<string, unknown> = {};
    let i = 0;
    let size = 0;
    while (size < 1024 * 1024) {
      const bucket = {
        Type: 'AWS::S3::Bucket',
        Condition: 'IsProd',
        Properties: {
          BucketName: { 'Fn::Sub': `\${AWS::StackName}-bucket-${i}` },
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              {
                ServerSideEncryptionByDefault: {
                  SSEAlgorithm: 'aws:kms',
                  KMSMasterKeyID: { 'Fn::GetAtt': ['Key', 'Arn'] },
                },
              },
            ],
          },
          VersioningConfiguration: {
            Status: { 'Fn::If': ['IsProd', 'Enabled', 'Suspended'] },
          },
          Tags: [{ Key: 'env', Value: { Ref: 'Env' } }],
        },
      };
      resources[`Bucket${i++}`] = bucket;
      size += JSON.stringify(bucket).length;
    }
    resources.Key = { Type: 'AWS::KMS::Key' };
    const text = JSON.stringify({
      Parameters: { Env: { Type: 'String', Default: 'prod' } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: resources,
    });
    const start = Date.now();
    const result = resolveTemplate(parseTemplate(text), { stackName: 's' });
    const elapsed = Date.now() - start;
    expect(result.resources).toHaveLength(i + 1);
    expect(
      getPath(result.resources[0].properties, 'VersioningConfiguration.Status'),
    ).toBe('Enabled');
    expect(isUnknown(result.resources[0].properties.BucketName)).toBe(false);
    // The budget is 100 ms on an idle machine; leave room for a loaded CI runner.
    expect(elapsed).toBeLessThan(500);
  });
});
