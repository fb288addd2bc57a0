import { FAILSAFE_SCHEMA, LoadOptions, State, Type, load } from 'js-yaml';
import { SCALAR_ONLY, SHORT_FORMS, longName } from './cloudFormationTags';

/*
 * A fast path for the plain YAML most templates are: js-yaml builds plain
 * values several times faster than the `yaml` library builds its document
 * tree (a 1 MB template: about 70 ms against 1 s). It is only trusted where
 * both libraries read the text alike. Everything else is left to
 * {@link parseYaml}, whose careful checks and messages stay the reference:
 * anchors and aliases, merge keys, directives, explicit and complex keys,
 * nesting over the limit, every error (unknown tags and duplicate keys
 * included), and the constructs where js-yaml is more lenient than the
 * `yaml` library or reads differently, found by comparing both on mutated
 * templates (see parseYamlFast.test.ts). Returning `undefined` means exactly
 * that: parse it the careful way.
 *
 * The listener below reads js-yaml's parser state beyond its typings, and
 * the list of differences is js-yaml's: the dependency is pinned to the
 * version they were established with (4.3.2). Check them again, with the
 * test and a longer run of its mutations, before upgrading.
 */

/** YAML 1.2 core schema scalars, as the `yaml` library resolves them (js-yaml's own are laxer: `0b1`, `1_000`). */
const INT = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** Whether a plain scalar may be a number at all: most are words, rejected on their first character. */
function mayBeNumber(data: string): boolean {
  const c = data.charCodeAt(0);
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e // 0-9 + - .
  );
}

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    data === null ||
    data === '' ||
    data === '~' ||
    data === 'null' ||
    data === 'Null' ||
    data === 'NULL',
  construct: () => null,
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    data === 'true' ||
    data === 'True' ||
    data === 'TRUE' ||
    data === 'false' ||
    data === 'False' ||
    data === 'FALSE',
  construct: (data: string) =>
    data.charCodeAt(0) === 0x74 || data === 'True' || data === 'TRUE',
});

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    data !== null &&
    mayBeNumber(data) &&
    (INT.test(data) || INT_OCT.test(data) || INT_HEX.test(data)),
  construct: (data: string) => {
    if (data.startsWith('0o')) {
      return parseInt(data.slice(2), 8);
    }
    if (data.startsWith('0x')) {
      return parseInt(data.slice(2), 16);
    }
    return parseInt(data, 10);
  },
});

const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) =>
    data !== null &&
    mayBeNumber(data) &&
    (FLOAT.test(data) || FLOAT_EXP.test(data) || FLOAT_SPECIAL.test(data)),
  construct: (data: string) => {
    if (FLOAT_SPECIAL.test(data)) {
      if (data.slice(-3).toLowerCase() === 'nan') {
        return NaN;
      }
      return data[0] === '-'
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
    }
    return parseFloat(data);
  },
});

function cloudFormationTypes(): Type[] {
  const types: Type[] = [];
  for (const shortName of SHORT_FORMS) {
    const name = longName(shortName);
    const tag = `!${shortName}`;
    types.push(
      new Type(tag, {
        kind: 'scalar',
        resolve:
          shortName === 'GetAtt'
            ? (data: string | null) => {
                // As cloudFormationTags: otherwise the careful parser reports it.
                const dot = data === null ? -1 : data.indexOf('.');
                return dot > 0 && dot < (data ?? '').length - 1;
              }
            : (data: string | null) => data !== null,
        construct:
          shortName === 'GetAtt'
            ? (data: string) => {
                const dot = data.indexOf('.');
                return { [name]: [data.slice(0, dot), data.slice(dot + 1)] };
              }
            : (data: string) => ({ [name]: data }),
      }),
    );
    if (!SCALAR_ONLY.has(shortName)) {
      for (const kind of ['sequence', 'mapping'] as const) {
        types.push(
          new Type(tag, {
            kind,
            resolve: (data: unknown) => data !== null,
            construct: (data: unknown) => ({ [name]: data }),
          }),
        );
      }
    }
  }
  return types;
}

/**
 * Strings, sequences and mappings, the core schema's scalars, and
 * CloudFormation's short forms: any other tag is an error, which sends the
 * text to the careful parser, which names it.
 */
const SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, intType, floatType],
  explicit: cloudFormationTypes(),
});

/** Thrown from the listener to give up on the fast path. */
const NOT_PLAIN = new Error('not plain YAML');

/** The parser state the listener reads; js-yaml's typings only list part of it. */
interface ParserState extends State {
  anchor: string | null;
  anchorMap: Record<string, unknown>;
  tag: string | null;
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const BANG = 0x21;

function isWhiteSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}

/** Where the `:` that follows on the same line is, if one does: the node just read is a mapping key. */
function colonAfter(input: string, end: number): number {
  let i = end;
  let c = input.charCodeAt(i);
  while (c === SPACE || c === TAB) {
    c = input.charCodeAt(++i);
  }
  return c === 0x3a ? i : -1;
}

function isKey(input: string, end: number): boolean {
  return colonAfter(input, end) !== -1;
}

/**
 * Where the content of the node opened at `open` starts: past white space,
 * comments and tags.
 */
function contentStart(input: string, open: number): number {
  let i = open;
  for (;;) {
    const c = input.charCodeAt(i);
    if (isWhiteSpace(c)) {
      i++;
    } else if (c === HASH) {
      i = input.indexOf('\n', i);
      if (i === -1) {
        return input.length;
      }
    } else if (c === BANG) {
      while (i < input.length && !isWhiteSpace(input.charCodeAt(i))) {
        i++;
      }
    } else {
      return i;
    }
  }
}

/**
 * The nodes js-yaml has opened and not yet closed, innermost last: where
 * each opened, and where its content starts once asked for (so that no
 * node's leading comments are read more than twice).
 */
class OpenNodes {
  private readonly opens: number[] = [];
  private readonly starts: number[] = [];

  constructor(private readonly input: string) {}

  open(position: number): void {
    this.opens.push(position);
    this.starts.push(-1);
  }

  /** Closes the innermost node; returns where it opened. */
  close(): number {
    this.starts.pop();
    return this.opens.pop()!;
  }

  get isEmpty(): boolean {
    return this.opens.length === 0;
  }

  /**
   * The first character of the content of the innermost open node that
   * encloses the content starting at `start` (`[`, `{`…), -1 at the root.
   * Nodes whose content starts there too are the same node: js-yaml opens
   * one to read a value, then another inside it to try it as a key.
   */
  enclosing(start: number): number {
    for (let i = this.opens.length - 1; i >= 0; i--) {
      if (this.starts[i] === -1) {
        this.starts[i] = contentStart(this.input, this.opens[i]);
      }
      if (this.starts[i] !== start) {
        return this.input.charCodeAt(this.starts[i]);
      }
    }
    return -1;
  }
}

/**
 * Whether the collection opened at `open` is an entry of a flow mapping
 * without a `:` after it (`{ [a] }`): a key all the same.
 */
function isFlowMappingKey(
  input: string,
  open: number,
  parents: OpenNodes,
): boolean {
  let i = open - 1;
  while (i >= 0 && isWhiteSpace(input.charCodeAt(i))) {
    i--;
  }
  const before = input.charCodeAt(i);
  if (before === 0x7b /* { */) {
    return true;
  }
  if (before === 0x3a /* : */ || before === 0x5b /* [ */ || before === 0x2d) {
    // A value, a flow sequence's first entry, a block sequence's entry.
    return false;
  }
  // After a comma, or a comment: is the parent a flow mapping?
  return parents.enclosing(contentStart(input, open)) === 0x7b;
}

/** Tags only, each followed by white space: what may stand between a key or indicator and its value. */
const TAGS_ONLY = /^(?:![^\s]*[ \t]+)*$/;

/**
 * The indentation the `yaml` library requires of the lines after the first
 * of a quoted scalar or flow collection starting at `start`, or more: its
 * lexer wants them indented past the innermost block collection (the column
 * of the last `-`, `?` or `:` indicator, or of the key, plus one), where
 * js-yaml accepts less. Read from the first line alone, so it can only
 * over-estimate, which costs a fallback, never a wrong value.
 */
function requiredIndent(input: string, start: number): number {
  const lineStart = input.lastIndexOf('\n', start - 1) + 1;
  let i = lineStart;
  while (input.charCodeAt(i) === SPACE) {
    i++;
  }
  let indicator = -1;
  for (;;) {
    const c = input.charCodeAt(i);
    if (
      i < start &&
      (c === 0x2d || c === 0x3f || c === 0x3a) && // - ? :
      isWhiteSpace(input.charCodeAt(i + 1))
    ) {
      indicator = i - lineStart;
      i++;
      while (input.charCodeAt(i) === SPACE || input.charCodeAt(i) === TAB) {
        i++;
      }
    } else {
      break;
    }
  }
  if (!TAGS_ONLY.test(input.slice(i, start))) {
    // A key precedes the value on this line.
    return i - lineStart + 1;
  }
  return indicator >= 0 ? indicator + 1 : i - lineStart;
}

/**
 * Checks the lines after the first of a multi-line quoted scalar or flow
 * collection against {@link requiredIndent}; `---` or `...` at the start of
 * one would end the document for the `yaml` library.
 */
function checkContinuation(
  input: string,
  start: number,
  end: number,
  flow: boolean,
): void {
  let newline = input.indexOf('\n', start);
  if (newline === -1 || newline >= end) {
    return;
  }
  if (
    input.charCodeAt(start) === 0x22 &&
    /\\\r?\n/.test(input.slice(start, end))
  ) {
    // An escaped line break: the libraries fold what follows differently.
    throw NOT_PLAIN;
  }
  const required = requiredIndent(input, start);
  while (newline !== -1 && newline < end) {
    let i = newline + 1;
    while (input.charCodeAt(i) === SPACE) {
      i++;
    }
    const c = input.charCodeAt(i);
    const blank = c === LF || (c === CR && input.charCodeAt(i + 1) === LF);
    if (!blank && !(flow && c === HASH)) {
      if (i - newline - 1 < required) {
        throw NOT_PLAIN;
      }
      const marker = input.slice(i, i + 3);
      if (
        (marker === '---' || marker === '...') &&
        isWhiteSpace(input.charCodeAt(i + 3) || LF)
      ) {
        throw NOT_PLAIN;
      }
    }
    newline = input.indexOf('\n', newline + 1);
  }
}

/**
 * Follows js-yaml as it opens and closes each node, and gives up on what
 * only the careful parser handles like the deployed template would be, or
 * what it rejects where js-yaml is lenient:
 *
 * - anchors (and so aliases, which need one) and merge keys;
 * - keys that are not plain scalars (a collection, a short form), which
 *   js-yaml would quietly stringify, and implicit keys whose `:` comes more
 *   than 1024 characters after their start, which the `yaml` library
 *   rejects;
 * - a comment not separated from the token before it by white space;
 * - quoted scalars and flow collections whose later lines are not indented
 *   enough.
 */
function createListener(): (event: string, state: State) => void {
  let nodes: OpenNodes | undefined;
  return (event, state) => {
    nodes ??= new OpenNodes(state.input);
    if (event === 'open') {
      nodes.open(state.position);
      return;
    }
    const open = nodes.close();
    const s = state as ParserState;
    if (s.anchor !== null) {
      throw NOT_PLAIN;
    }
    if (nodes.isEmpty) {
      // The document: any anchor stored on the way, even by an attempt
      // js-yaml gave up and whose anchor it forgot, may have served an alias.
      if (Object.keys(s.anchorMap).length > 0) {
        throw NOT_PLAIN;
      }
    }
    const input = s.input;
    const end = s.position;
    const last = input.charCodeAt(end - 1);
    if (input.charCodeAt(end) === HASH && !isWhiteSpace(last)) {
      throw NOT_PLAIN;
    }
    const kind = s.kind;
    if (kind === 'scalar') {
      if (s.result === '<<') {
        throw NOT_PLAIN;
      }
      const colon = colonAfter(input, end);
      if (colon !== -1) {
        const tag = s.tag;
        if (
          (tag !== null && tag.charCodeAt(0) === BANG) ||
          colon - open > 1000
        ) {
          throw NOT_PLAIN;
        }
      }
      if (last === 0x22 || last === 0x27) {
        // Quoted, unless a plain scalar that ends with a quote (a plain
        // scalar cannot start with one).
        const start = contentStart(input, open);
        if (input.charCodeAt(start) === last) {
          checkContinuation(input, start, end, false);
        }
      }
    } else if (kind === 'sequence' || kind === 'mapping') {
      if (isKey(input, end) || isFlowMappingKey(input, open, nodes)) {
        throw NOT_PLAIN;
      }
      if (last === 0x5d || last === 0x7d) {
        const start = contentStart(input, open);
        if (input.charCodeAt(start) !== (last === 0x5d ? 0x5b : 0x7b)) {
          throw NOT_PLAIN;
        }
        // Within a flow collection, the outermost one checks every line
        // against the same indentation (checking each would be quadratic).
        const parent = nodes.enclosing(start);
        if (parent !== 0x5b && parent !== 0x7b) {
          checkContinuation(input, start, end, true);
        }
      }
    } else if (s.tag !== null && s.tag !== '?') {
      // A tag on an empty node.
      throw NOT_PLAIN;
    }
    if (s.tag === '!') {
      // `!<!>`, which the `yaml` library rejects.
      throw NOT_PLAIN;
    }
  };
}

/**
 * Keys that tell of a key js-yaml read differently: a null key (`~:`, `:`),
 * which it names "null" and the careful parser "", or a collection or short
 * form stringified.
 */
function isOddKey(key: string): boolean {
  return key === 'null' || key === '[object Object]';
}

/**
 * One walk of the (alias-free, so tree-shaped) value: too deep, or an odd
 * key. The root is level 1, as in checkNesting.
 */
function isPlainTree(root: unknown, maxDepth: number): boolean {
  if (typeof root !== 'object' || root === null) {
    return true;
  }
  const nodes: object[] = [root];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) {
      return false;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = node[i];
        if (typeof item === 'object' && item !== null) {
          nodes.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (isOddKey(key)) {
          return false;
        }
        const value = record[key];
        if (typeof value === 'object' && value !== null) {
          nodes.push(value);
          depths.push(depth + 1);
        }
      }
    }
  }
  return true;
}

/**
 * What js-yaml reads differently, found on the raw text:
 *
 * - a `%` directive;
 * - a `?` explicit key indicator: at the start of a line (past indentation
 *   and block indicators), after `---`, or after `[`, `{` or `,`;
 * - `---` or `...` at the start of a line and followed by more (the `yaml`
 *   library reads a scalar, js-yaml a document marker), or `---` followed
 *   by content on its line;
 * - a verbatim tag (`!<…>`) or the non-specific tag `!`, which the
 *   libraries check differently;
 * - a block scalar keeping its final line breaks (`|+`), which the
 *   libraries count differently at the end of the text;
 * - a tab in indentation or after a block indicator at the start of a
 *   line, which the `yaml` library rejects;
 * - a carriage return alone, a line break for js-yaml only;
 * - a comment right after `[`, `{` or `,` or a JSON-like key's `:`, which
 *   the `yaml` library rejects;
 * - a block scalar with an indentation indicator (`|2`), which the `yaml`
 *   library checks more strictly;
 * - an escape `\U` beyond the last Unicode code point, which only the
 *   `yaml` library rejects.
 *
 * Some match inside strings too: those templates just take the careful path.
 */
const TEXT_CHECKS: Array<[guard: string, pattern: RegExp]> = [
  ['%', /(?:^|\n)%/],
  [
    '?',
    /(?:^|\n|---)[ \t]*(?:[-?:][ \t]+)*\?(?:[ \t\r\n]|$)|[[{,][ \t\r\n]*\?(?:[ \t\r\n]|$)/,
  ],
  ['---', /(?:^|\n)---(?:[^ \t\r\n]|[ \t]+[^\s#])/],
  ['...', /(?:^|\n)\.\.\.[^ \t\r\n]/],
  ['!', /!<|(?:^|[\s[{,])!(?:[ \t\r\n]|$)/],
  ['+', /(?:^|[ \t])[|>][1-9]?\+/],
  ['\t', /(?:^|\n) *(?:[-?:] +)*[-?:]?\t/],
  ['\r', /\r(?!\n)/],
  ['#', /[[{,]#|["'\]}][ \t]*:#/],
  ['', /(?:^|[ \t])[|>][-+]?[1-9]/],
  [
    '\\U',
    /\\U(?:[1-9a-fA-F][0-9a-fA-F]{7}|0[1-9a-fA-F][0-9a-fA-F]{6}|00[2-9a-fA-F][0-9a-fA-F]{5}|001[1-9a-fA-F][0-9a-fA-F]{4})/,
  ],
];

/** Whether the text holds any of the above (each pattern is only tried when the text holds its guard). */
function hasTextReadDifferently(text: string): boolean {
  return TEXT_CHECKS.some(
    ([guard, pattern]) => text.includes(guard) && pattern.test(text),
  );
}

/** A tag (or anchor) with nothing after it on its line (but a comment). */
const TAG_AT_END_OF_LINE = /(?:^|[\s[{,])[!&][^\s]*[ \t\r]*(?:#.*)?$/gm;

/** A block sequence entry, or a plain key made of the characters CloudFormation keys use. */
const SEQUENCE_ENTRY_OR_KEY =
  /-(?:[ \t\r\n]|$)|[A-Za-z0-9_][A-Za-z0-9_.:/-]*[ \t]*:(?:[ \t\r\n]|$)/y;

/**
 * A tag at the end of a line must tag a block sequence or mapping on the
 * lines below (`!If` then `- …` entries): js-yaml loses or misplaces a tag
 * (or anchor) followed by anything else there, a block scalar above all.
 */
function hasTagBeforeOtherThanCollection(text: string): boolean {
  const nextContentAfter = nextContentFinder(text);
  TAG_AT_END_OF_LINE.lastIndex = 0;
  for (
    let match = TAG_AT_END_OF_LINE.exec(text);
    match;
    match = TAG_AT_END_OF_LINE.exec(text)
  ) {
    const next = nextContentAfter(match.index + match[0].length);
    if (next === -1) {
      return true;
    }
    SEQUENCE_ENTRY_OR_KEY.lastIndex = next;
    if (!SEQUENCE_ENTRY_OR_KEY.test(text)) {
      return true;
    }
  }
  return false;
}

/**
 * Where the content of the next line with content starts, past blank lines
 * and comments, from the line break at `newline`; -1 at the end of the text.
 * Called with increasing `newline`s, it remembers its last answer, which
 * holds for any line break before it: a text of comments full of matches
 * stays linear.
 */
function nextContentFinder(text: string): (newline: number) => number {
  let from = 0;
  let until = -1;
  let answer = -1;
  return newline => {
    if (newline < from || newline >= until) {
      from = newline;
      answer = nextContent(text, newline);
      until = answer === -1 ? text.length : answer;
    }
    return answer;
  };
}

function nextContent(text: string, newline: number): number {
  let at = newline;
  while (at !== -1 && at < text.length) {
    let i = at + 1;
    while (text.charCodeAt(i) === SPACE) {
      i++;
    }
    const c = text.charCodeAt(i);
    if (c === LF || c === CR || c === HASH) {
      at = text.indexOf('\n', i);
    } else {
      return i < text.length ? i : -1;
    }
  }
  return -1;
}

/** A block sequence entry left empty: `-` and the end of the line. */
const EMPTY_ENTRY = /^([ \t]*(?:[-?:][ \t]+)*)-[ \t]*(?:#.*)?$/gm;

/**
 * After an empty sequence entry, js-yaml takes a `-` on a later line that is
 * less indented as the next entry of the same sequence, where the `yaml`
 * library ends the sequence (or reports an error).
 */
function hasDedentAfterEmptyEntry(text: string): boolean {
  const nextContentAfter = nextContentFinder(text);
  EMPTY_ENTRY.lastIndex = 0;
  for (
    let match = EMPTY_ENTRY.exec(text);
    match;
    match = EMPTY_ENTRY.exec(text)
  ) {
    const next = nextContentAfter(match.index + match[0].length);
    if (
      next !== -1 &&
      next - (text.lastIndexOf('\n', next) + 1) < match[1].length &&
      text.charCodeAt(next) === 0x2d &&
      isWhiteSpace(text.charCodeAt(next + 1) || LF)
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Parses plain CloudFormation YAML quickly, or returns `undefined` when the
 * text needs the careful parser: see the comment at the top of this file.
 *
 * @internal
 */
export function parseYamlFast(
  text: string,
  maxDepth: number,
): { value: unknown } | undefined {
  const options: LoadOptions & { maxDepth: number } = {
    schema: SCHEMA,
    listener: createListener(),
    // Bounds js-yaml's recursion: a scalar sits one level below the deepest
    // collection allowed, and a short form adds a level isPlainTree measures.
    maxDepth: maxDepth + 1,
  };
  let value: unknown;
  try {
    value = load(text, options);
  } catch {
    // Anything from a stack overflow to a syntax error or NOT_PLAIN: the
    // careful parser decides, and words its message.
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    // Not a mapping, so not a template: the careful parser words why.
    return undefined;
  }
  // The text checks come after js-yaml, which gives up within a few lines
  // on the deeply nested texts hostile input is made of.
  if (
    hasTextReadDifferently(text) ||
    hasDedentAfterEmptyEntry(text) ||
    hasTagBeforeOtherThanCollection(text) ||
    !isPlainTree(value, maxDepth)
  ) {
    return undefined;
  }
  return { value };
}
