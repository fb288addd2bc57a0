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
