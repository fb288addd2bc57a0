import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { main } from './main';

jest.setTimeout(300_000);

const BUCKET = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n';

let dir: string;
let out: string[];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
  out = [];
  jest
    .spyOn(console, 'log')
    .mockImplementation((...a) => out.push(a.join(' ')));
  jest
    .spyOn(console, 'error')
    .mockImplementation((...a) => out.push(a.join(' ')));
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string | Buffer) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
};
const output = () => out.join('\n');

describe('compliance check: inputs it cannot check are named, never passed', () => {
  it('refuses more templates than the limit instead of stopping silently', async () => {
    for (let i = 0; i < 5001; i++)
      write(`t${String(i).padStart(4, '0')}.yaml`, BUCKET);
    expect(await main(['check', dir])).toBe(2);
    expect(output()).toContain(
      'more than 5000 CloudFormation templates (the limit)',
    );
  });

  it('finds minified JSON templates', async () => {
    write('min.json', '{"Resources":{"B":{"Type":"AWS::S3::Bucket"}}}');
    await main(['check', dir]);
    expect(output()).toContain('min.json: FAIL');
  });

  it('rejects an oversized file by its size, without reading it', async () => {
    const file = write('huge.yaml', BUCKET);
    fs.truncateSync(file, 1024 * 1024 * 1024); // sparse 1 GB
    const rss = process.memoryUsage().rss;
    expect(await main(['check', dir])).toBe(1);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    expect(output()).toContain(
      'huge.yaml: the file is 1073741824 bytes, over the limit of 5242880 bytes',
    );
  });

  it.each([
    ['/dev/zero', 'outside'],
    ['../../../../../../../../etc/passwd', 'outside'],
    ['link.yaml', 'outside'],
    ['fifo.yaml', 'not a regular file'],
    ['missing.yaml', 'no such file or directory'],
  ])(
    'a nested TemplateURL %s is an error naming it, and exits 1',
    async (url, reason) => {
      fs.symlinkSync('/etc/passwd', path.join(dir, 'link.yaml'));
      execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
      write(
        'root.yaml',
        `${BUCKET}  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${url}\n`,
      );
      expect(await main(['check', path.join(dir, 'root.yaml')])).toBe(1);
      expect(output()).toMatch(
        new RegExp(`not checked: .*root\\.yaml: .*${reason}`),
      );
    },
  );

  it('names a broken catalog-info.yaml and checks the other templates', async () => {
    write('a/catalog-info.yaml', 'metadata: [unclosed\n');
    write('a/t.yaml', BUCKET);
    write('b/t.yaml', BUCKET);
    expect(await main(['check', dir])).toBe(1);
    expect(output()).toContain(`a${path.sep}catalog-info.yaml: invalid YAML`);
    expect(output()).toContain('b/t.yaml: FAIL');
  });

  it('rejects a catalog-info.yaml over the size limit', async () => {
    write('catalog-info.yaml', `# ${'x'.repeat(6 * 1024 * 1024)}\n`);
    write('t.yaml', BUCKET);
    expect(await main(['check', dir])).toBe(1);
    expect(output()).toContain('catalog-info.yaml: the file is');
  });

  it.each([
    [
      'invalid UTF-8',
      Buffer.concat([Buffer.from(BUCKET), Buffer.from([0xc3, 0x28])]),
      'not valid UTF-8',
    ],
    [
      'UTF-16',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(BUCKET, 'utf16le'),
      ]),
      'UTF-16',
    ],
  ])('reports %s as an encoding error', async (_name, bytes, reason) => {
    const file = write('t.yaml', bytes);
    expect(await main(['check', file])).toBe(1);
    expect(output()).toContain(reason);
  });

  it('reports a symbolic link loop as one', async () => {
    fs.symlinkSync(path.join(dir, 'b'), path.join(dir, 'a'));
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'b'));
    expect(await main(['check', path.join(dir, 'a')])).toBe(2);
    expect(output()).toContain('a symbolic link loop');
  });
});

describe('compliance check: every unknown names what it could not resolve', () => {
  // One resource per kind of data store or entry point, each property that decides a
  // control taken from a parameter without a default (or an intrinsic the engine does not
  // compute): every unknown line must name the parameter, the property and the expression.
  // (RotationPeriodInDays as an Fn::Cidr is not a valid template, cfn-lint E1024: it only
  // stands for an intrinsic the engine does not evaluate.)
  const TEMPLATE = `
Parameters:
  KeyArn: { Type: String }
  Flag: { Type: String, AllowedValues: ['true', 'false'] }
  Runtime: { Type: String }
  Backups: { Type: String }
  Protocol: { Type: String }
  Env: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Volume:
    Type: AWS::EC2::Volume
    DeletionPolicy: !If [IsProd, Snapshot, Delete]
    UpdateReplacePolicy: Snapshot
    Properties: { Size: 10, AvailabilityZone: eu-central-1a, Encrypted: true, KmsKeyId: !Ref KeyArn }
  Queue:
    Type: AWS::SQS::Queue
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties: { KmsMasterKeyId: !Ref KeyArn }
  Table:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      SSESpecification: { SSEEnabled: !Ref Flag }
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: !Ref Flag }
  Files:
    Type: AWS::EFS::FileSystem
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties: { Encrypted: !Ref Flag, KmsKeyId: !Ref KeyArn, BackupPolicy: { Status: !Ref Backups } }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: !Ref Runtime
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/fn
      Code: { ZipFile: "exports.handler = async () => 'ok'" }
  Elb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [eu-central-1a, eu-central-1b]
      Listeners: [{ LoadBalancerPort: '443', InstancePort: '80', Protocol: !Ref Protocol, SSLCertificateId: arn:aws:acm:eu-central-1:123456789012:certificate/x }]
      AccessLoggingPolicy: { Enabled: !Ref Flag, S3BucketName: logs }
  Key:
    Type: AWS::KMS::Key
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      EnableKeyRotation: true
      RotationPeriodInDays: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }
      KeyPolicy: { Version: '2012-10-17', Statement: [] }
`;

  it('prints the parameter, property or expression of every unknown', async () => {
    const file = write('t.yaml', TEMPLATE);
    await main(['check', file]);
    const unknowns = out
      .join('\n')
      .split('\n')
      .filter(l => /^ {2}unknown /.test(l));
    const byControl = new Map(
      unknowns.map(l => [l.split(/\s+/)[2], l] as [string, string]),
    );
    expect([...byControl.keys()].sort()).toEqual([
      'DR-02',
      'DR-10',
      'DR-11',
      'ENC-01',
      'ENC-02',
      'ENC-09',
      'ENC-10',
      'HRD-07',
      'LOG-07',
      'TLS-01',
      'TLS-02',
    ]);
    // "cannot be resolved" is always followed by why, and the why names its source.
    for (const line of unknowns) {
      expect(line).not.toMatch(/cannot be resolved(?! \()(?!: )/);
      expect(line).toMatch(/parameter \w+|Fn::Cidr|condition \w+/);
    }
    const expectations: Array<[string, string]> = [
      ['ENC-09', 'Volume: KmsKeyId cannot be resolved (parameter KeyArn'],
      ['ENC-10', 'Queue: KmsMasterKeyId cannot be resolved (parameter KeyArn'],
      [
        'ENC-01',
        'Table: SSESpecification.SSEEnabled cannot be resolved (parameter Flag',
      ],
      [
        'DR-02',
        'Table: PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled cannot be resolved (parameter Flag',
      ],
      [
        'DR-11',
        'Files: BackupPolicy.Status cannot be resolved (parameter Backups',
      ],
      ['HRD-07', 'Fn: Runtime cannot be resolved (parameter Runtime'],
      [
        'TLS-01',
        'Elb listener port 443: Listeners[0].Protocol cannot be resolved (parameter Protocol',
      ],
      [
        'LOG-07',
        'Elb: AccessLoggingPolicy.Enabled cannot be resolved (parameter Flag',
      ],
      ['DR-10', 'Volume: the DeletionPolicy of Volume cannot be resolved'],
      [
        'ENC-02',
        'Key: RotationPeriodInDays cannot be resolved (Fn::Cidr ["10.0.0.0/16",4,8] is not computed)',
      ],
    ];
    for (const [id, text] of expectations)
      expect(byControl.get(id)).toContain(text);
    expect(byControl.get('DR-10')).toContain('parameter Env');
  });
});
