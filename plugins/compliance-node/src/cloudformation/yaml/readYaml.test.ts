/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectSameAsOracle", "expectRefused"] }] */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { checkNesting } from '../checkNesting';
import { TemplateError } from '../TemplateError';
import { readYaml } from './readYaml';
import { yamlOracle } from './__testUtils__/yamlOracle';

/*
 * readYaml is js-yaml kept to YAML 1.2: every value it returns must be the value the `yaml`
 * library (which follows the specification closely) reads from the same text, and what js-yaml
 * would read otherwise is refused with a message of its own.
 */

const FIXTURES = join(__dirname, '..', '__fixtures__');
const fixtures = readdirSync(FIXTURES)
  .filter(f => f.endsWith('.yaml'))
  .map(f => readFileSync(join(FIXTURES, f), 'utf8'));

type Outcome = { value: unknown } | { error: string; message: string };

const LIMITS = { maxAliases: 100, maxDepth: 64, where: '' };

function read(text: string): Outcome {
  try {
    return { value: readYaml(text, LIMITS) };
  } catch (e) {
    if (e instanceof TemplateError) {
      return { error: e.code, message: e.message };
    }
    throw e;
  }
}

/** What the `yaml` library makes of a text, with the same limits. */
function oracle(text: string): Outcome {
  try {
    const value = yamlOracle(text, LIMITS);
    const problem = checkNesting(value, LIMITS.maxDepth);
    return problem ? { error: problem, message: problem } : { value };
  } catch (e) {
    if (e instanceof TemplateError) {
      return { error: e.code, message: e.message };
    }
    throw e;
  }
}

/** Key order included, which toStrictEqual ignores. */
function shape(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
  );
}

function expectSameAsOracle(text: string): void {
  const ours = read(text);
  expect({ text, ...ours }).toEqual({ text, value: expect.anything() });
  const reference = oracle(text);
  expect({ text, ...reference }).toEqual({ text, value: expect.anything() });
  const { value } = ours as { value: unknown };
  expect(value).toStrictEqual((reference as { value: unknown }).value);
  expect(shape(value)).toBe(shape((reference as { value: unknown }).value));
}

function expectRefused(text: string, code: string, message: string): void {
  const ours = read(text);
  expect({ text, ...ours }).toEqual({
    text,
    error: code,
    message: expect.stringContaining(message),
  });
}

const RESOURCES = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n';

describe('readYaml', () => {
  it.each(fixtures.map((text, i) => [i, text]))(
    'reads fixture %i as the specification does',
    (_i, text) => {
      expectSameAsOracle(text);
    },
  );

  it('reads a template using every short form and common styles', () => {
    const text = `${RESOURCES}    Properties:
      A: !Ref P
      B: !Sub 'arn:\${AWS::Partition}:s3:::\${B}/*'
      C: !GetAtt R.Arn
      D: !GetAtt [R, Arn]
      E: !If [C, !Ref 'AWS::NoValue', "x"]
      F: !Join
        - ''
        - - 'arn:aws:s3:::'
          - !Ref B
      G: !Sub
        - '\${A}-x'
        - A: !Select [0, !GetAZs '']
      H: !Base64
        Fn::Sub: |
          #!/bin/bash
          nohup ./server &
          echo \${AWS::Region}   # not a comment, ? not a key, |+ not a header
      I: [s3:GetObject, "s3:*", 'kms:*']
      J: {Key: Name, Value: !FindInMap [M, !Ref "AWS::Region", K]}
      K: "multi line
        double quoted"
      L: plain text that
        continues here
      M: 'cron(0 12 * * ? *)'
      N: '#ff0000'
      O: https://example.com/a?b=c#d
      P: >-
        folded
        text
      Tags:
        -
          Key: k # comment
          Value: v
      Q: [
          a,
          b
        ]
`;
    expectSameAsOracle(text);
  });

  it.each([
    // Core schema scalars.
    'a: 1\nb: 1.0\nc: 0x1F\nd: 0o17\ne: 0b101\nf: 1_000\ng: +5\nh: -0\ni: .5\nj: 5.\nk: 1e3\nl: .inf\nm: -.Inf\nn: .NaN\no: NaN\np: 010\nq: 1:20\nr: 2001-12-14\ns: 12345678901234567890\n',
    'a: true\nb: True\nc: TRUE\nd: tRUE\ne: yes\nf: on\ng: No\nh: ~\ni: null\nj: Null\nk: NULL\nl: nULL\nm:\nn: ""\n',
    '1: a\n2.0: b\n0x3: c\ntrue: d\n.inf: e\n-0: f\n',
    // Explicit standard tags.
    'a: !!str 1\nb: !!int "7"\nc: !!int 0x10\nd: !!bool true\ne: !!float 1.5\nf: !!seq [a]\ng: !!map {a: b}\n',
    // Quoting and escapes.
    'a: "x\\ty\\n\\u00e9\\x41\\U0001F600\\N\\_\\L\\P\\/\\ \\0"\nb: \'it\'\'s\'\nc: "\\uD83D\\uDE00"\n',
    'a: "line one\n  line two\n\n  line three"\nb: \'x\n  y\'\n',
    'a: "x\\\n  y"\nb: "x \\\n   y"\n',
    // Block scalars.
    'a: |\n  lit\n   more\n\n  end\nb: >\n  folded\n  text\n\n  para\n   indented\n  back\nc: |-\n  strip\n\nd: >-\n  x\n',
    // Flow collections.
    'a: [1, two, "three", {five: 5}, [6], ]\nb: {c: [d, e], "f": g, h: }\nc: [b: c, d]\nd: {"b":c}\n',
    // Comments.
    'a: b # comment\nc: d#notcomment\ne: "f" # c\n# line\n',
    // Keys.
    '"a": 1\n\'b\': 2\nkey with spaces: 3\na:b: 4\n__proto__: {polluted: true}\n',
    // Documents and directives.
    '---\na: b\n...\n',
    '%YAML 1.2\n---\na: 1\n',
    'a: b\r\nc: [d,\r\n  e]\r\n',
    // Anchors, aliases and merge keys.
    'a: &x 1\nb: *x\n',
    'a: &m {k: v}\nb: *m\nc: [*m, *m]\n',
    'base: &base\n  A: 1\n  B: 2\nx:\n  <<: *base\n  B: 3\n',
    'a: &a {k: 1}\nb: &b {l: 2}\nc:\n  <<: [*a, *b]\n',
  ])('reads %j as the specification does', text => {
    expectSameAsOracle(text);
  });

  it('gives each alias its own copy, as `aws cloudformation package` does', () => {
    const value = readYaml('a: &m {k: [v]}\nb: *m\n', LIMITS) as Record<
      string,
      { k: string[] }
    >;
    expect(value.b).toEqual(value.a);
    expect(value.b).not.toBe(value.a);
    expect(value.b.k).not.toBe(value.a.k);
  });

  it.each([
    ['an explicit key', '? a\n: b\n', 'an explicit key (? key)'],
    [
      'a collection key',
      '[a, b]: c\n',
      'a mapping key that is a list: keys are plain names (line 1, column 1)',
    ],
    [
      'a collection in a flow mapping',
      'a: { [c, {d: e}] }\n',
      'a mapping key that is a list',
    ],
    [
      'a short form key',
      '!Ref a: b\n',
      'a short form (!Ref) used as a mapping key',
    ],
    ['a null key', '~: a\nb: 1\n', 'a null mapping key'],
    [
      'a key over 1024 characters',
      `a${' '.repeat(1100)}: v\n`,
      "longer than YAML's limit of 1024 characters",
    ],
    [
      'a tag before a block scalar on the next line',
      'a: !Sub\n  >-\n    x\n',
      '!Sub at the end of a line, its value on the next',
    ],
    [
      'an anchor before a block scalar on the next line',
      'a: &x\n  >-\n 1\nb: *x\n',
      '&x at the end of a line',
    ],
    [
      'a less indented entry after an empty one',
      'a:\n  -\n- b\n',
      'a list entry less indented than the empty entry before it, which YAML readers place differently (line 3, column 1)',
    ],
    [
      '--- glued to content',
      '---a: b\n',
      'a document marker (---) followed by more',
    ],
    [
      'a comment glued to a quoted scalar',
      'a: "b"#c\n',
      'a comment (#) must be separated',
    ],
    [
      'a comment glued to a comma',
      'a: [x,#b\n  ]\n',
      'a comment (#) must be separated',
    ],
    [
      'a flow sequence not indented enough',
      'a: [b,\nc]\n',
      'a line of a flow collection ([…] or {…}) is indented less than the 1 spaces YAML requires there (line 2, column 1)',
    ],
    [
      'a quoted scalar not indented enough',
      'a: "b\nc"\n',
      'a line of a quoted string is indented less',
    ],
    [
      'a lone carriage return',
      'a: "x\ry"\n',
      'a carriage return without a line feed',
    ],
    [
      'a tab in indentation',
      'a:\n- \t!Ref c\n',
      'a tab in indentation: YAML indents with spaces (line 2, column 3)',
    ],
    [
      'a kept final line break',
      'a: |+\n  x\n\n ',
      'a block scalar keeping its final line breaks',
    ],
    [
      'an indentation indicator',
      'a: |1\n  x\n',
      'a block scalar indentation indicator',
    ],
    ['a verbatim non-specific tag', 'a: !<!> b\n', 'the non-specific tag !'],
    [
      'a verbatim tag',
      'a: !<tag:yaml.org,2002:str> b\n',
      'a verbatim tag (!<…>)',
    ],
    [
      'an escaped line break before an empty line',
      'b: "x\\\n\n  y"\n',
      'an escaped line break',
    ],
    ['the non-specific tag', 'a: ! Ref b\n', 'the non-specific tag !'],
    [
      'a code point beyond Unicode',
      'a: "\\U00110000"\n',
      'an escape (\\U…) beyond the last Unicode code point',
    ],
  ])(
    'refuses %s, which js-yaml reads otherwise or accepts',
    (_name, text, message) => {
      expectRefused(text, 'syntax', message);
    },
  );

  it.each([
    [
      'a duplicate key',
      'a: 1\na: 2\n',
      'syntax',
      'duplicate key "a" at line 2',
    ],
    [
      'a quoted duplicate key',
      'a: 1\n"a": 2\n',
      'syntax',
      'duplicate key "a" at line 2',
    ],
    ['an unknown tag', 'a: !Foo b\n', 'unknown-tag', 'unknown YAML tag !Foo'],
    [
      'a !GetAtt without attribute',
      'a: !GetAtt b\n',
      'syntax',
      '!GetAtt expects Resource.Attribute (line 1)',
    ],
    [
      'a !Ref of a list',
      'a: !Ref [b, c]\n',
      'syntax',
      '!Ref expects a name, not a list or mapping',
    ],
    [
      'several documents',
      'a: 1\n---\nb: 2\n',
      'not-cloudformation',
      'several YAML documents',
    ],
    [
      'an alias without anchor',
      'a: *x\n',
      'syntax',
      'the YAML alias *x names no anchor before it',
    ],
    [
      'an alias inside its anchor',
      'm: &m\n  self: *m\n',
      'alias-limit',
      'refers to a node that contains it',
    ],
    [
      'nesting over the limit',
      `a: ${'['.repeat(70)}${']'.repeat(70)}\n`,
      'too-deep',
      'limit of 64 levels',
    ],
    ['a syntax error', 'a: [b\n', 'syntax', 'invalid YAML: '],
  ])('rejects %s', (_name, text, code, message) => {
    expectRefused(text, code, message);
  });

  it('keeps strings that look like the refused constructs', () => {
    // Inside a scalar, `? `, `|+`, `,#`, a tab, `!` and `&` at the end of a line are text.
    const text = `${RESOURCES}    Properties:
      UserData: |
        run ? this
        echo |+ that
        a,#b
        x\ty
        nohup ./server &
        echo done !
      Description: "a |2 b, see !<x>"
`;
    expectSameAsOracle(text);
  });

  it('reads mutated fixtures as the specification does, or refuses them', () => {
    // A deterministic random walk over small edits of real templates: the kind of input that
    // found every construct above. Whatever readYaml returns, the oracle must return too; what
    // it refuses while the oracle reads a value is counted, and stays rare.
    let seed = 42;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const edits = [
      ' ',
      '\n',
      '\t',
      ':',
      ': ',
      '- ',
      '? ',
      '[',
      ']',
      '{',
      '}',
      ',',
      '#',
      ' #',
      '"',
      "'",
      '|',
      '>',
      '!Ref ',
      '&a ',
      '*a',
      '<<',
      '\\',
      '~',
      '---',
      '!Sub\n',
      '\n  |\n',
      '\n  ',
    ];
    let read_ = 0;
    let refusedWhereOracleReads = 0;
    const runs = 600;
    for (let i = 0; i < runs; i++) {
      let text = fixtures[random(fixtures.length)];
      for (let edit = 0; edit < 1 + random(3); edit++) {
        const at = random(text.length);
        text =
          random(3) === 0
            ? text.slice(0, at) + text.slice(at + 1 + random(3))
            : text.slice(0, at) + edits[random(edits.length)] + text.slice(at);
      }
      const ours = read(text);
      if ('value' in ours) {
        read_++;
        expectSameAsOracle(text);
      } else if ('value' in oracle(text)) {
        refusedWhereOracleReads++;
      }
    }
    expect(read_).toBeGreaterThan(runs / 4);
    expect(refusedWhereOracleReads).toBeLessThan(runs / 50);
  });
});
