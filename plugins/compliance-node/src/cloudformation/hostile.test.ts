/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectRejected"] }] */
import { evaluateEntity } from '../evaluator/evaluateEntity';
import { defaultPolicy } from '../policy/defaultPolicy';
import { ParseOptions, parseTemplate } from './parseTemplate';
import { resolveTemplate } from './resolveTemplate';
import { TemplateError, TemplateErrorCode } from './TemplateError';

/** Hostile inputs must fail with the right code, and fast: the bound leaves room for a loaded CI runner. */
// A hang guard, not a benchmark (bench/ measures speed): a blow-up takes minutes, while a busy
// CI machine running every suite in parallel has been seen to take 2.1 s for the largest case.
const BOUND_MS = 10_000;

const timings: Array<[string, number]> = [];

afterAll(() => {
  if (process.env.HOSTILE_TIMINGS) {
    console.log(
      timings
        .map(([name, ms]) => `${String(ms).padStart(5)} ms  ${name}`)
        .join('\n'),
    );
  }
});

function expectRejected(
  name: string,
  text: string | Buffer,
  code: TemplateErrorCode,
  options?: ParseOptions,
): TemplateError {
  const start = Date.now();
  let error: unknown;
  try {
    parseTemplate(text, options);
  } catch (e) {
    error = e;
  }
  const elapsed = Date.now() - start;
  timings.push([name, elapsed]);
  expect(error).toBeInstanceOf(TemplateError);
  expect((error as TemplateError).code).toBe(code);
  expect(elapsed).toBeLessThan(BOUND_MS);
  return error as TemplateError;
}

const RESOURCES = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n';

describe('hostile templates', () => {
  describe('size', () => {
    it('rejects 50 MB before reading it', () => {
      const error = expectRejected(
        '50 MB string',
        'a'.repeat(50 * 1024 * 1024),
        'too-large',
      );
      expect(error.message).toBe(
        'the template is 52428800 bytes, over the limit of 5242880 bytes',
      );
      expectRejected(
        '50 MB buffer',
        Buffer.alloc(50 * 1024 * 1024, 0x61),
        'too-large',
      );
    });

    it('counts bytes, not characters', () => {
      // 2 Mi characters, 6 MiB in UTF-8.
      const error = expectRejected(
        '6 MiB of 3-byte characters',
        '€'.repeat(2 * 1024 * 1024),
        'too-large',
      );
      expect(error.message).toContain('6291456 bytes');
    });

    it('honours maxBytes and names the file', () => {
      const error = expectRejected('maxBytes', RESOURCES, 'too-large', {
        maxBytes: 10,
        fileName: 'cfn/app.yaml',
      });
      expect(error.message).toBe(
        `cfn/app.yaml: the template is ${RESOURCES.length} bytes, over the limit of 10 bytes`,
      );
    });
  });

  describe('aliases', () => {
    it('stops a billion laughs (9 levels of 9 aliases)', () => {
      const lines = [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ];
      for (let level = 1; level < 9; level++) {
        const name = String.fromCharCode(97 + level);
        const previous = String.fromCharCode(96 + level);
        lines.push(
          `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`,
        );
      }
      const error = expectRejected(
        'billion laughs',
        `${lines.join('\n')}\n${RESOURCES}`,
        'alias-limit',
      );
      expect(error.message).toContain('limit of 100');
    });

    it('limits the number of aliases', () => {
      const aliases = Array.from({ length: 101 }, (_, i) => `  k${i}: *x`).join(
        '\n',
      );
      const error = expectRejected(
        '101 aliases',
        `Metadata:\n  x: &x 1\n${aliases}\n${RESOURCES}`,
        'alias-limit',
      );
      expect(error.message).toContain('more than 100 YAML aliases');
    });

    it('resolves the aliases it allows in bounded time, however many anchors', () => {
      // The yaml library looks each alias up among all anchors: fine for 100 aliases, quadratic for many.
      const anchors = Array.from(
        { length: 10000 },
        (_, i) => `  a${i}: &a${i} [${i}]`,
      ).join('\n');
      const aliases = Array.from(
        { length: 100 },
        (_, i) => `  b${i}: *a${9999 - i}`,
      ).join('\n');
      const start = Date.now();
      const parsed = parseTemplate(
        `Metadata:\n${anchors}\n${aliases}\n${RESOURCES}`,
      );
      timings.push([
        '10,000 anchors, 100 aliases (accepted)',
        Date.now() - start,
      ]);
      expect(Date.now() - start).toBeLessThan(BOUND_MS);
      expect(
        (parsed.template as unknown as { Metadata: Record<string, unknown> })
          .Metadata.b0,
      ).toEqual([9999]);
    });

    it('rejects an alias inside its own anchor', () => {
      const error = expectRejected(
        'recursive alias',
        `Metadata: &m\n  self: *m\n${RESOURCES}`,
        'alias-limit',
      );
      expect(error.message).toContain('refers to a node that contains it');
    });

    it('bounds merge keys by the alias limit', () => {
      const lines = ['a: &a {k0: lol, k1: lol, k2: lol, k3: lol}'];
      for (let level = 1; level < 9; level++) {
        const name = String.fromCharCode(97 + level);
        const previous = String.fromCharCode(96 + level);
        lines.push(
          `${name}: &${name} [${Array(9)
            .fill(`{<<: *${previous}}`)
            .join(', ')}]`,
        );
      }
      expectRejected(
        'merge-key bomb',
        `${lines.join('\n')}\n${RESOURCES}`,
        'alias-limit',
      );
    });
  });

  describe('nesting', () => {
    const deep = 10000;

    it('rejects 10,000 levels of JSON arrays', () => {
      const text = `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"X": ${'['.repeat(
        deep,
      )}${']'.repeat(deep)}}}}}`;
      const error = expectRejected(
        'JSON arrays, 10,000 levels',
        text,
        'too-deep',
      );
      expect(error.message).toBe(
        'nesting is deeper than the limit of 64 levels',
      );
    });

    it('rejects 10,000 levels of JSON objects', () => {
      const text = `{"Resources": ${'{"a": '.repeat(deep)}1${'}'.repeat(
        deep,
      )}}`;
      expectRejected('JSON objects, 10,000 levels', text, 'too-deep');
    });

    it('rejects JSON nesting just over the limit', () => {
      // The root mapping is level 1, Properties level 4.
      const text = `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"X": ${'['.repeat(
        61,
      )}${']'.repeat(61)}}}}}`;
      expectRejected('JSON, 65 levels', text, 'too-deep');
      expect(() =>
        parseTemplate(
          `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"X": ${'['.repeat(
            60,
          )}${']'.repeat(60)}}}}}`,
        ),
      ).not.toThrow();
    });

    it('rejects 10,000 levels of YAML flow sequences', () => {
      expectRejected(
        'YAML flow sequences, 10,000 levels',
        `${RESOURCES}    Properties:\n      X: ${'['.repeat(deep)}${']'.repeat(
          deep,
        )}\n`,
        'too-deep',
      );
      expectRejected(
        'YAML flow sequences at the root',
        `${'['.repeat(deep)}${']'.repeat(deep)}`,
        'too-deep',
      );
    });

    it('rejects 10,000 levels of YAML flow mappings', () => {
      expectRejected(
        'YAML flow mappings, 10,000 levels',
        `${RESOURCES}    Properties:\n      X: ${'{a: '.repeat(
          deep,
        )}1${'}'.repeat(deep)}\n`,
        'too-deep',
      );
    });

    it('rejects 10,000 levels of YAML block sequences', () => {
      expectRejected(
        'YAML block sequences, 10,000 levels',
        `${'- '.repeat(deep)}x\n`,
        'too-deep',
      );
    });

    it('rejects 10,000 levels of YAML block mappings', () => {
      // Indentation makes this 50 MB: over the size limit by default, so raise it to reach the depth check.
      const lines = Array.from(
        { length: deep },
        (_, i) => `${' '.repeat(i)}a:`,
      );
      const text = `${lines.join('\n')} 1\n`;
      expectRejected(
        'YAML block mappings, 10,000 levels (50 MB)',
        text,
        'too-large',
      );
      expectRejected(
        'YAML block mappings, 10,000 levels, maxBytes raised',
        text,
        'too-deep',
        {
          maxBytes: 64 * 1024 * 1024,
        },
      );
    });

    it('rejects YAML block mappings deeper than the limit within the size limit', () => {
      const lines = Array.from(
        { length: 2000 },
        (_, i) => `${' '.repeat(i)}a:`,
      );
      expectRejected(
        'YAML block mappings, 2,000 levels',
        `${lines.join('\n')} 1\n`,
        'too-deep',
      );
      const shallow = Array.from(
        { length: 70 },
        (_, i) => `${' '.repeat(i)}a:`,
      );
      const error = expectRejected(
        'YAML block mappings, 70 levels',
        `${shallow.join('\n')} 1\n`,
        'too-deep',
      );
      expect(error.message).toBe(
        'nesting is deeper than the limit of 64 levels',
      );
    });

    it('measures nesting through aliases', () => {
      const inner = `${'['.repeat(40)}1${']'.repeat(40)}`;
      const text = `Metadata:\n  a: &a ${inner}\n  b: ${'['.repeat(
        40,
      )}*a${']'.repeat(40)}\n${RESOURCES}`;
      expectRejected('nesting through an alias', text, 'too-deep');
    });
  });

  describe('tags', () => {
    it.each([
      ['!Foo', `${RESOURCES}    Properties:\n      X: !Foo bar\n`],
      [
        '!!js/function',
        `${RESOURCES}    Properties:\n      X: !!js/function "function () { return process }"\n`,
      ],
      [
        '!!python/object/apply:os.system',
        `${RESOURCES}    Properties:\n      X: !!python/object/apply:os.system [ls]\n`,
      ],
      [
        '!<tag:yaml.org,2002:js/undefined>',
        `${RESOURCES}    Properties:\n      X: !<tag:yaml.org,2002:js/undefined> ''\n`,
      ],
    ])('rejects %s', (tag, text) => {
      const error = expectRejected(`tag ${tag}`, text, 'unknown-tag');
      expect(error.message).toContain(
        tag.replace(/^!<tag:yaml\.org,2002:(.*)>$/, '!!$1'),
      );
    });

    it('rejects a %TAG directive that renames the CloudFormation tags', () => {
      expectRejected(
        '%TAG directive',
        `%TAG ! tag:evil.example,2024:\n---\n${RESOURCES}    Properties:\n      X: !Ref Y\n`,
        'unknown-tag',
      );
    });
  });

  describe('not CloudFormation', () => {
    it.each([
      [
        'a Kubernetes manifest',
        'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n',
        'a Kubernetes manifest (kind: Deployment)',
      ],
      ['a plain list', '- Type: AWS::S3::Bucket\n', 'a list'],
      [
        'a mapping without Resources',
        'AWSTemplateFormatVersion: "2010-09-09"\nOutputs: {}\n',
        'a mapping without Resources',
      ],
      ['a JSON array', '[{"Type": "AWS::S3::Bucket"}]', 'a list'],
    ])('rejects %s', (name, text, found) => {
      const error = expectRejected(name, text, 'not-cloudformation');
      expect(error.message).toMatch(/^not a CloudFormation template: found /);
      expect(error.message).toContain(found);
    });
  });

  describe('duplicate keys', () => {
    it('rejects a duplicate key in YAML', () => {
      const error = expectRejected(
        'YAML duplicate key',
        `${RESOURCES}    Properties:\n      StorageEncrypted: true\n      StorageEncrypted: false\n`,
        'syntax',
      );
      expect(error.message).toBe('duplicate key "StorageEncrypted" at line 6');
    });

    it('rejects a duplicate key in JSON', () => {
      expectRejected(
        'JSON duplicate key',
        '{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"StorageEncrypted": true, "StorageEncrypted": false}}}}',
        'syntax',
      );
    });

    it('checks duplicates in linear time', () => {
      // The yaml library's own uniqueKeys check is quadratic: this took 14 s with it.
      const keys = Array.from({ length: 50000 }, (_, i) => `k${i}: 1`).join(
        ', ',
      );
      expectRejected(
        'YAML flow mapping of 50,000 keys, duplicate last',
        `Metadata: {${keys}, k0: 2}\n${RESOURCES}`,
        'syntax',
      );
      const json = Array.from({ length: 100000 }, (_, i) => `"k${i}": 1`).join(
        ', ',
      );
      expectRejected(
        'JSON mapping of 100,000 keys, duplicate last',
        `{"Metadata": {${json}, "k0": 2}, "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`,
        'syntax',
      );
    });
  });
});

describe('hostile templates: resolving and evaluating', () => {
  // Hang guards generous for a loaded CI machine (up to 50 s seen for the largest case with a
  // load average of 20 on 2 cores; 1–3 s unloaded): without the limits these ran for
  // minutes, or crashed with "Maximum call stack size exceeded".
  const BOUND = 120_000;
  jest.setTimeout(4 * BOUND);
  const MEMORY_BOUND = 1536 * 1024 * 1024;

  function run(
    name: string,
    text: string,
  ): { error?: TemplateError; warnings?: string[] } {
    let warnings: string[] | undefined;
    const rss = process.memoryUsage().rss;
    const start = Date.now();
    let error: unknown;
    try {
      const template = resolveTemplate(parseTemplate(text));
      warnings = template.warnings;
      evaluateEntity(
        {
          entity: {
            ref: 'resource:default/hostile',
            kind: 'Resource',
            name: 'hostile',
            annotations: {},
          },
          iac: { template, source: 'hostile.json', contentHash: 'x' },
          evidence: [],
          waivers: [],
          dependencies: [],
          now: new Date('2026-12-01T00:00:00Z'),
        },
        defaultPolicy,
      );
    } catch (e) {
      error = e;
    }
    const elapsed = Date.now() - start;
    timings.push([name, elapsed]);
    expect(elapsed).toBeLessThan(BOUND);
    expect(process.memoryUsage().rss - rss).toBeLessThan(MEMORY_BOUND);
    if (error !== undefined && !(error instanceof TemplateError)) {
      throw error;
    }
    return { error: error as TemplateError | undefined, warnings };
  }

  /** Fn::Sub whose variable is a Fn::Sub using its variable `uses` times, `levels` deep. */
  function subBomb(levels: number, uses: number): unknown {
    let value: unknown = 'x';
    for (let i = 0; i < levels; i++) {
      value = { 'Fn::Sub': ['${V}'.repeat(uses), { V: value }] };
    }
    return value;
  }

  const bucket = (properties: unknown) =>
    JSON.stringify({
      Resources: { B: { Type: 'AWS::S3::Bucket', Properties: properties } },
    });

  it('stops a Fn::Sub expansion bomb in JSON (20 levels × 10 uses), naming where', () => {
    const { error } = run(
      'Fn::Sub bomb, JSON',
      bucket({ BucketName: subBomb(20, 10) }),
    );
    expect(error?.code).toBe('work-limit');
    expect(error?.message).toBe(
      'Fn::Sub expands past 1 MB at Resources.B.Properties.BucketName',
    );
  });

  it('stops a Fn::Sub expansion bomb in YAML short form', () => {
    let yaml = '';
    for (let level = 0; level < 19; level++) {
      const pad = ' '.repeat(10 + level * 4);
      yaml += `${pad}V: !Sub\n${pad}  - "${'${V}'.repeat(10)}"\n${pad}  -\n`;
    }
    yaml += `${' '.repeat(10 + 19 * 4)}V: x\n`;
    const { error } = run(
      'Fn::Sub bomb, YAML short form',
      `${RESOURCES}    Properties:\n      BucketName: !Sub\n        - "${'${V}'.repeat(
        10,
      )}"\n        -\n${yaml}`,
    );
    expect(error?.message).toBe(
      'Fn::Sub expands past 1 MB at Resources.B.Properties.BucketName',
    );
  });

  it('stops Fn::Length over a nested Fn::Sub tree', () => {
    const { error } = run(
      'Fn::Length over Fn::Sub bombs',
      bucket({
        Tags: [
          {
            Key: 'n',
            Value: { 'Fn::Length': [subBomb(15, 10), subBomb(15, 10)] },
          },
        ],
      }),
    );
    expect(error?.message).toBe(
      'Fn::Sub expands past 1 MB at Resources.B.Properties.Tags.0.Value',
    );
  });

  it('stops Fn::Join and Fn::Split amplification', () => {
    const joined = run(
      'Fn::Join bomb',
      bucket({
        BucketName: {
          'Fn::Join': [
            { 'Fn::Join': ['', Array(1000).fill('x'.repeat(1000))] },
            Array(1000).fill('y'),
          ],
        },
      }),
    );
    expect(joined.error?.message).toBe(
      'Fn::Join expands past 1 MB at Resources.B.Properties.BucketName',
    );
  });

  it('bounds the steps of Fn::FindInMap defaults under an unknown key (50,000 × 50,000)', () => {
    const mapping: Record<string, unknown> = {};
    for (let i = 0; i < 50000; i++) mapping[`k${i}`] = {};
    const { error } = run(
      'Fn::FindInMap default resolved per key',
      JSON.stringify({
        Parameters: { P: { Type: 'String' } },
        Mappings: { M: mapping },
        Resources: {
          B: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              Tags: {
                'Fn::FindInMap': [
                  'M',
                  { Ref: 'P' },
                  'absent',
                  { DefaultValue: Array(50000).fill('t') },
                ],
              },
            },
          },
        },
      }),
    );
    expect(error?.code).toBe('work-limit');
    expect(error?.message).toBe(
      'resolving the template takes more than 2000000 steps (reached in a list) at Resources.B.Properties.Tags',
    );
  });

  it('evaluates a chain of 100,000 conditions without exhausting the stack', () => {
    const conditions: Record<string, unknown> = {
      C0: { 'Fn::Equals': ['a', 'a'] },
    };
    for (let i = 1; i < 100000; i++) {
      conditions[`C${i}`] = { Condition: `C${i - 1}` };
    }
    const { error } = run(
      '100,000 chained conditions',
      JSON.stringify({
        Conditions: conditions,
        Resources: { B: { Type: 'AWS::S3::Bucket', Condition: 'C99999' } },
      }),
    );
    expect(error).toBeUndefined();
  });

  it('evaluates 300,000 untyped resources, keeping 100 warnings', () => {
    const resources: Record<string, unknown> = {
      B: { Type: 'AWS::S3::Bucket' },
    };
    for (let i = 0; i < 300000; i++) resources[`R${i}`] = {};
    const { error, warnings } = run(
      '300,000 untyped resources',
      JSON.stringify({ Resources: resources }),
    );
    expect(error).toBeUndefined();
    expect(warnings).toHaveLength(101);
    expect(warnings?.[100]).toBe('and 299900 more warnings');
  });

  it('evaluates a backup plan with 500,000 rules', () => {
    const text = JSON.stringify({
      Resources: {
        P: {
          Type: 'AWS::Backup::BackupPlan',
          Properties: {
            BackupPlan: {
              BackupPlanName: 'p',
              BackupPlanRule: Array(500000).fill({}),
            },
          },
        },
      },
    });
    expect(run('backup plan with 500,000 rules', text).error).toBeUndefined();
  });

  it('evaluates 150,000 distinct unsupported intrinsics', () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 150000; i++) properties[`P${i}`] = { [`Fn::X${i}`]: 1 };
    const { error, warnings } = run(
      '150,000 unsupported intrinsics',
      bucket(properties),
    );
    expect(error).toBeUndefined();
    expect(warnings?.at(-1)).toBe('and 149900 more warnings');
  });

  it('evaluates 27,000 resources (resources indexed, not scanned per lookup)', () => {
    const resources = (n: number) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        out[`B${i}`] = {
          Type: 'AWS::S3::Bucket',
          Properties: { BucketName: `b${i}` },
        };
      }
      return JSON.stringify({ Resources: out });
    };
    expect(run('27,000 resources', resources(27000)).error).toBeUndefined();
  });
});
