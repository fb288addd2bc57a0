/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectSameAsCareful"] }] */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { checkNesting } from './checkNesting';
import { parseYaml } from './parseYaml';
import { parseYamlFast } from './parseYamlFast';
import { TemplateError } from './TemplateError';

/*
 * The fast path must read every text it accepts exactly as the careful
 * parser does, and leave it every text it would read differently.
 */

const FIXTURES = join(__dirname, '__fixtures__');
const fixtures = readdirSync(FIXTURES)
  .filter(f => f.endsWith('.yaml'))
  .map(f => readFileSync(join(FIXTURES, f), 'utf8'));

type Outcome = { value: unknown } | { error: string };

/** What the careful path of parseTemplate makes of a text. */
function careful(text: string): Outcome {
  try {
    const value = parseYaml(text, { maxAliases: 100, where: '' });
    const problem = checkNesting(value, 64);
    return problem ? { error: problem } : { value };
  } catch (e) {
    if (e instanceof TemplateError) {
      return { error: e.code };
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

function expectSameAsCareful(text: string): void {
  const fast = parseYamlFast(text, 64);
  if (fast === undefined) {
    return;
  }
  const reference = careful(text);
  expect({ text, ...reference }).toEqual({
    text,
    value: expect.anything(),
  });
  const { value } = reference as { value: unknown };
  expect(fast.value).toStrictEqual(value);
  expect(shape(fast.value)).toBe(shape(value));
}

const RESOURCES = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n';

describe('parseYamlFast', () => {
  it.each(fixtures.map((text, i) => [i, text]))(
    'takes fixture %i, reading it as the careful parser does',
    (_i, text) => {
      expect(parseYamlFast(text, 64)).toBeDefined();
      expectSameAsCareful(text);
    },
  );

  it('takes a template using every short form and common styles', () => {
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
          echo \${AWS::Region}   # not a comment
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
    expect(parseYamlFast(text, 64)).toBeDefined();
    expectSameAsCareful(text);
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
    // Block scalars.
    'a: |\n  lit\n   more\n\n  end\nb: >\n  folded\n  text\n\n  para\n   indented\n  back\nc: |-\n  strip\n\nd: >-\n  x\n',
    // Flow collections.
    'a: [1, two, "three", {five: 5}, [6], ]\nb: {c: [d, e], "f": g, h: }\nc: [b: c, d]\nd: {"b":c}\n',
    // Comments.
    'a: b # comment\nc: d#notcomment\ne: "f" # c\n# line\n',
    // Keys.
    '"a": 1\n\'b\': 2\nkey with spaces: 3\na:b: 4\n__proto__: {polluted: true}\n',
    // Documents.
    '---\na: b\n...\n',
    'a: b\r\nc: [d,\r\n  e]\r\n',
  ])('reads %j as the careful parser does', text => {
    expectSameAsCareful(text);
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['an anchor js-yaml forgets', 'a: &x\n  >-\n 1\nb: *x\n'],
    ['a merge key', 'a:\n  <<: {b: 1}\n  c: 2\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['an explicit key', '? a\n: b\n'],
    ['a collection key', '[a, b]: c\n'],
    ['a collection in a flow mapping', 'a: { [c, {d: e}] }\n'],
    ['a short form key', '!Ref a: b\n'],
    ['a null key', '~: a\nb: 1\n'],
    ['a key over 1024 characters', `a${' '.repeat(1100)}: v\n`],
    ['a tag lost before a block scalar', 'a: !Sub\n  >-\n    x\n'],
    ['two tags on two lines', 'a: !If\n  !Ref b\n'],
    ['a less indented entry after an empty one', 'a:\n  -\n- b\n'],
    ['nested empty entries', '- -\n- -\n'],
    ['--- glued to content', '---a: b\n'],
    ['a block collection after ---', '--- - a\n'],
    ['a comment glued to a quoted scalar', 'a: "b"#c\n'],
    ['a comment glued to a comma', 'a: [x,#b\n]\n'],
    ['a flow sequence not indented enough', 'a: [b,\nc]\n'],
    ['a quoted scalar not indented enough', 'a: "b\nc"\n'],
    ['an escaped line break', 'a: "x\\\n\n  y"\n'],
    ['a lone carriage return', 'a: "x\ry"\n'],
    ['a tab in indentation', 'a:\n- \t!Ref c\n'],
    ['a kept final line break', 'a: |+\n  x\n\n '],
    ['an indentation indicator', 'a: |1\n  x\n'],
    ['a verbatim non-specific tag', 'a: !<!> b\n'],
    ['a code point beyond Unicode', 'a: "\\U00110000"\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['an unknown tag', 'a: !Foo b\n'],
    ['a !GetAtt without attribute', 'a: !GetAtt b\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['a list', '- a\n'],
    ['nesting over the limit', `a: ${'['.repeat(70)}${']'.repeat(70)}\n`],
  ])('leaves %s to the careful parser', (_name, text) => {
    expect(parseYamlFast(text, 64)).toBeUndefined();
  });

  it('reads mutated fixtures as the careful parser does, or leaves them', () => {
    // A deterministic random walk over small edits of real templates: the
    // kind of input that found every case above.
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
    let taken = 0;
    for (let i = 0; i < 300; i++) {
      let text = fixtures[random(fixtures.length)];
      for (let edit = 0; edit < 1 + random(3); edit++) {
        const at = random(text.length);
        text =
          random(3) === 0
            ? text.slice(0, at) + text.slice(at + 1 + random(3))
            : text.slice(0, at) + edits[random(edits.length)] + text.slice(at);
      }
      if (parseYamlFast(text, 64)) {
        taken++;
      }
      expectSameAsCareful(text);
    }
    expect(taken).toBeGreaterThan(50);
  });
});
