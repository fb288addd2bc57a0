/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectCode"] }] */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseTemplate } from './parseTemplate';
import { TemplateError, TemplateErrorCode } from './TemplateError';

const FIXTURES = join(__dirname, '__fixtures__');

function errorOf(run: () => unknown): TemplateError {
  try {
    run();
  } catch (e) {
    if (e instanceof TemplateError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected a TemplateError');
}

function expectCode(text: string, code: TemplateErrorCode): TemplateError {
  const error = errorOf(() => parseTemplate(text));
  expect(error.code).toBe(code);
  expect(error.name).toBe('TemplateError');
  return error;
}

/** A one-resource template whose Properties are the given YAML lines. */
function withProperties(lines: string): string {
  const indented = lines
    .trim()
    .split('\n')
    .map(line => `      ${line}`)
    .join('\n');
  return `Resources:\n  Thing:\n    Type: AWS::S3::Bucket\n    Properties:\n${indented}\n`;
}

function propertiesOf(text: string): Record<string, unknown> {
  return parseTemplate(text).template.Resources.Thing.Properties!;
}

describe('parseTemplate', () => {
  describe('short-form intrinsics', () => {
    it('turns every short form into its long form', () => {
      const properties = propertiesOf(
        withProperties(`
Ref: !Ref Param
SubScalar: !Sub 'arn:\${AWS::Partition}:s3:::\${Name}'
SubSequence: !Sub ['\${A}-x', { A: !Ref Param }]
GetAttScalar: !GetAtt Key.Arn
GetAttSequence: !GetAtt [Key, Arn]
Join: !Join [',', [a, b]]
Select: !Select [0, !GetAZs '']
Split: !Split [',', 'a,b']
If: !If [IsProd, 1, 2]
Equals: !Equals [a, b]
And: !And [!Condition A, !Condition B]
Or: !Or [!Condition A, !Not [!Condition B]]
FindInMap: !FindInMap [Map, Top, Second]
Base64: !Base64 'echo hi'
Cidr: !Cidr ['10.0.0.0/16', 4, 8]
GetAZs: !GetAZs eu-west-1
ImportValue: !ImportValue SharedVpcId
Transform: !Transform { Name: AWS::Include, Parameters: { Location: s3://b/k } }
Length: !Length [a, b]
ToJsonString: !ToJsonString { a: 1 }
`),
      );
      expect(properties).toEqual({
        Ref: { Ref: 'Param' },
        SubScalar: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Name}' },
        SubSequence: { 'Fn::Sub': ['${A}-x', { A: { Ref: 'Param' } }] },
        GetAttScalar: { 'Fn::GetAtt': ['Key', 'Arn'] },
        GetAttSequence: { 'Fn::GetAtt': ['Key', 'Arn'] },
        Join: { 'Fn::Join': [',', ['a', 'b']] },
        Select: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
        Split: { 'Fn::Split': [',', 'a,b'] },
        If: { 'Fn::If': ['IsProd', 1, 2] },
        Equals: { 'Fn::Equals': ['a', 'b'] },
        And: { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] },
        Or: {
          'Fn::Or': [{ Condition: 'A' }, { 'Fn::Not': [{ Condition: 'B' }] }],
        },
        FindInMap: { 'Fn::FindInMap': ['Map', 'Top', 'Second'] },
        Base64: { 'Fn::Base64': 'echo hi' },
        Cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
        GetAZs: { 'Fn::GetAZs': 'eu-west-1' },
        ImportValue: { 'Fn::ImportValue': 'SharedVpcId' },
        Transform: {
          'Fn::Transform': {
            Name: 'AWS::Include',
            Parameters: { Location: 's3://b/k' },
          },
        },
        Length: { 'Fn::Length': ['a', 'b'] },
        ToJsonString: { 'Fn::ToJsonString': { a: 1 } },
      });
    });

    it('splits a scalar !GetAtt at the first dot only', () => {
      expect(
        propertiesOf(withProperties('VpcId: !GetAtt Network.Outputs.VpcId')),
      ).toEqual({
        VpcId: { 'Fn::GetAtt': ['Network', 'Outputs.VpcId'] },
      });
    });

    it('accepts a long form nested in a short form', () => {
      expect(
        propertiesOf(
          withProperties(
            `UserData: !Base64 { 'Fn::Sub': 'echo \${AWS::Region}' }`,
          ),
        ),
      ).toEqual({
        UserData: { 'Fn::Base64': { 'Fn::Sub': 'echo ${AWS::Region}' } },
      });
    });

    it('rejects a !GetAtt scalar without an attribute', () => {
      const error = expectCode(withProperties('Arn: !GetAtt Key'), 'syntax');
      expect(error.message).toContain('!GetAtt expects Resource.Attribute');
    });

    it('rejects !Ref on a sequence', () => {
      expectCode(withProperties('Arn: !Ref [a, b]'), 'syntax');
    });

    it.each([
      '!Foo bar',
      '!!js/function "function () {}"',
      '!!python/object:os.system {}',
      '!!binary aGk=',
      '!!set { a }',
    ])('rejects the unknown tag in %s', value => {
      const error = expectCode(withProperties(`X: ${value}`), 'unknown-tag');
      expect(error.message).toMatch(/unknown YAML tag !/);
    });

    it('names the unknown tag in the message', () => {
      const error = expectCode(withProperties('X: !Foo bar'), 'unknown-tag');
      expect(error.message).toContain('!Foo');
      expect(error.message).toContain('line 5');
    });

    it('keeps standard tags', () => {
      expect(
        propertiesOf(withProperties('A: !!str 123\nB: !!int "7"')),
      ).toEqual({
        A: '123',
        B: 7,
      });
    });
  });

  describe('formats', () => {
    it('parses JSON when the text starts with a brace', () => {
      const parsed = parseTemplate(
        '  \n{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Ref": "N"}}}}}',
      );
      expect(parsed.format).toBe('json');
      expect(parsed.template.Resources.B.Properties).toEqual({
        BucketName: { Ref: 'N' },
      });
    });

    it('parses YAML otherwise, from a Buffer with a byte order mark', () => {
      const parsed = parseTemplate(
        Buffer.from(
          '\uFEFFResources:\n  B:\n    Type: AWS::S3::Bucket\n',
          'utf8',
        ),
      );
      expect(parsed.format).toBe('yaml');
      expect(parsed.template.Resources.B.Type).toBe('AWS::S3::Bucket');
    });

    it('expands YAML aliases and merge keys as `aws cloudformation package` does', () => {
      const properties = propertiesOf(`
Metadata:
  Defaults: &defaults
    Versioning: Enabled
    Encryption: aws:kms
Resources:
  Thing:
    Type: AWS::S3::Bucket
    Properties:
      <<: *defaults
      Encryption: AES256
      Tags: &tags [a, b]
      OtherTags: *tags
`);
      expect(properties).toEqual({
        Versioning: 'Enabled',
        Encryption: 'AES256',
        Tags: ['a', 'b'],
        OtherTags: ['a', 'b'],
      });
    });

    it('keeps the YAML 1.2 core schema whatever the %YAML directive says', () => {
      const properties = propertiesOf(
        `%YAML 1.1\n---\n${withProperties(
          'Y: 1:20\nOn: yes\nDate: 2001-12-14',
        )}`,
      );
      expect(properties).toEqual({ Y: '1:20', On: 'yes', Date: '2001-12-14' });
    });

    it('keeps __proto__ as a plain key', () => {
      const properties = propertiesOf(
        withProperties('__proto__:\n  polluted: true'),
      );
      expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
      expect(Object.keys(properties)).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('accepts Custom:: and Alexa:: resource types', () => {
      expect(() =>
        parseTemplate('Resources:\n  C:\n    Type: Custom::Thing\n'),
      ).not.toThrow();
      expect(() =>
        parseTemplate('Resources:\n  S:\n    Type: Alexa::ASK::Skill\n'),
      ).not.toThrow();
    });
  });

  describe('errors', () => {
    it('reports YAML syntax errors with the line', () => {
      const error = expectCode(
        'Resources:\n  B:\n    Type: [AWS::S3::Bucket\n',
        'syntax',
      );
      expect(error.message).toMatch(/line \d+/);
    });

    it('reports JSON syntax errors with the line', () => {
      const error = expectCode(
        '{\n  "Resources": {\n    "B": 1 "C": 2}}',
        'syntax',
      );
      expect(error.message).toMatch(/invalid JSON.*line 3/);
      const unexpected = expectCode(
        '{\n  "Resources": {\n    "B": }\n}',
        'syntax',
      );
      expect(unexpected.message).toMatch(/^invalid JSON: Unexpected token/);
      expect(unexpected.message).not.toContain('\n');
    });

    it('rejects duplicate keys in YAML and JSON, naming key and line', () => {
      const yaml = expectCode(
        'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Type: AWS::SQS::Queue\n',
        'syntax',
      );
      expect(yaml.message).toContain('duplicate key "Type" at line 4');
      const json = expectCode(
        '{"Resources": {"B": {\n"Type": "AWS::S3::Bucket",\n"Type": "AWS::SQS::Queue"}}}',
        'syntax',
      );
      expect(json.message).toContain('duplicate key "Type" at line 3');
    });

    it('allows the same key in different mappings', () => {
      expect(() =>
        parseTemplate(
          '{"Resources": {"A": {"Type": "AWS::S3::Bucket"}, "B": {"Type": "AWS::S3::Bucket"}}}',
        ),
      ).not.toThrow();
    });

    it('names the file in messages', () => {
      const error = errorOf(() =>
        parseTemplate('a: 1\n', { fileName: 'infra/app.yaml' }),
      );
      expect(error.message).toMatch(/^infra\/app\.yaml: /);
    });

    it.each([
      [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
        'a Kubernetes manifest (kind: Deployment)',
      ],
      ['- a\n- b\n', 'a list'],
      [
        'name: web\nversion: 2\n',
        'a mapping without Resources (keys: name, version)',
      ],
      ['Resources: [a]\n', 'Resources is a list'],
      ['Resources:\n  A:\n    Type: not a type\n', 'no entry with a Type'],
      ['Resources:\n  A:\n    Properties: {}\n', 'no entry with a Type'],
      ['just text\n', 'a single string'],
      ['', 'an empty document'],
      ['{}', 'an empty mapping'],
      ['openapi: 3.0.0\ninfo: {}\n', 'an OpenAPI document'],
      ['a: 1\n---\nb: 2\n', 'several YAML documents'],
    ])('rejects %j as not CloudFormation', (text, found) => {
      const error = expectCode(text, 'not-cloudformation');
      expect(error.message).toContain(found);
    });
  });

  describe('fixtures', () => {
    const files = readdirSync(FIXTURES).filter(f => /\.(ya?ml|json)$/.test(f));

    it('has the fixtures', () => {
      expect(files.length).toBeGreaterThanOrEqual(11);
    });

    it.each(files)('parses %s', file => {
      const parsed = parseTemplate(readFileSync(join(FIXTURES, file)), {
        fileName: file,
      });
      expect(parsed.format).toBe(file.endsWith('.json') ? 'json' : 'yaml');
      expect(Object.keys(parsed.template.Resources).length).toBeGreaterThan(0);
    });
  });
});
