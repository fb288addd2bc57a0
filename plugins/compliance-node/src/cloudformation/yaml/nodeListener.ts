import { State } from 'js-yaml';
import { YamlRefusal } from './YamlRefusal';
import {
  HASH,
  LF,
  CR,
  SPACE,
  TAB,
  colonAfter,
  contentStart,
  isWhiteSpace,
} from './yamlText';

/*
 * js-yaml calls a listener as it opens and closes each node. This one reads its parser state
 * beyond the typings (tag, anchor, kind, result, position), which is why js-yaml is pinned to
 * the version this was established with (4.3.2): check again with readYaml.test.ts and a longer
 * run of its mutations before upgrading.
 */

/** The parser state the listener reads; js-yaml's typings only list part of it. */
interface ParserState extends State {
  anchor: string | null;
  tag: string | null;
}

/** YAML's limit on the length of an implicit key (`key: value`), in characters. */
const MAX_IMPLICIT_KEY = 1024;

/**
 * The nodes js-yaml has opened and not yet closed, innermost last: where each opened, and
 * where its content starts once asked for (so that no node's leading comments are read more
 * than twice).
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

  /**
   * The first character of the content of the innermost open node that encloses the content
   * starting at `start` (`[`, `{`…), -1 at the root. Nodes whose content starts there too are
   * the same node: js-yaml opens one to read a value, then another inside it to try it as a key.
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

/** Whether the collection opened at `open` is an entry of a flow mapping without a `:` after it (`{ [a] }`): a key all the same. */
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
const TAGS_ONLY = /^(?:[!&][^\s]*[ \t]+)*$/;

/**
 * The indentation YAML requires of the lines after the first of a quoted scalar or flow
 * collection starting at `start`: past the innermost block collection (the column of the last
 * `-`, `?` or `:` indicator, or of the key, plus one). js-yaml accepts less. Read from the
 * first line alone.
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
 * Checks the lines after the first of a multi-line quoted scalar or flow collection against
 * {@link requiredIndent}; `---` or `...` at the start of one would end the document.
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
  if (input.charCodeAt(start) === 0x22 /* " */) {
    const escaped = /\\\r?\n[ \t]*\r?\n/.exec(input.slice(start, end));
    if (escaped) {
      throw new YamlRefusal(
        'syntax',
        'an escaped line break (\\ at the end of a line) followed by an empty line, which YAML readers fold differently',
        start + escaped.index,
      );
    }
  }
  const what = flow ? 'a flow collection ([…] or {…})' : 'a quoted string';
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
        throw new YamlRefusal(
          'syntax',
          `a line of ${what} is indented less than the ${required} spaces YAML requires there`,
          i,
        );
      }
      const marker = input.slice(i, i + 3);
      if (
        (marker === '---' || marker === '...') &&
        isWhiteSpace(input.charCodeAt(i + 3) || LF)
      ) {
        throw new YamlRefusal(
          'syntax',
          `a document marker (${marker}) inside ${what}`,
          i,
        );
      }
    }
    newline = input.indexOf('\n', newline + 1);
  }
}

/** What the listener saw, for readYaml's checks after the parse. */
export interface NodeFacts {
  /** Alias occurrences (by the offset of their `*`) and each one's weight: itself and the aliases inside what it names, expanded. */
  aliases: Map<number, number>;
  /** Sorted pairs of (open, end) offsets of scalar nodes, when asked for. */
  scalars: number[];
}

/**
 * A js-yaml listener that refuses what js-yaml reads more leniently than YAML allows, or
 * otherwise than a CloudFormation template means, and counts aliases against `maxAliases`:
 *
 * - keys that are not plain scalars (a collection, a short form, null), which js-yaml would
 *   quietly turn into the strings "[object Object]", "null"…;
 * - implicit keys over YAML's 1024 characters;
 * - a comment not separated by white space from the token before it;
 * - quoted scalars and flow collections whose later lines are not indented enough;
 * - the verbatim non-specific tag `!<!>`;
 * - more aliases than the limit, an alias counting itself and every alias inside the node it
 *   names, expanded (so that a "billion laughs" stops at the limit, in time linear in the text).
 */
export function createNodeListener(
  input: string,
  options: { maxAliases: number; recordScalars: boolean },
): { listener: (event: string, state: State) => void; facts: NodeFacts } {
  const { maxAliases, recordScalars } = options;
  const nodes = new OpenNodes(input);
  const facts: NodeFacts = { aliases: new Map(), scalars: [] };
  const anchorWeights = new Map<string, number>();
  // An alias needs an anchor, which may still be open around it: look for aliases at all only
  // when the text could hold both.
  const mayHaveAliases = input.includes('&') && input.includes('*');
  let expandedAliases = 0;

  const countAlias = (at: number) => {
    let nameEnd = at + 1;
    for (;;) {
      const c = input.charCodeAt(nameEnd);
      if (
        nameEnd >= input.length ||
        isWhiteSpace(c) ||
        c === 0x2c || // ,
        c === 0x5b || // [
        c === 0x5d || // ]
        c === 0x7b || // {
        c === 0x7d // }
      ) {
        break;
      }
      nameEnd++;
    }
    if (facts.aliases.has(at)) {
      return;
    }
    const weight = 1 + (anchorWeights.get(input.slice(at + 1, nameEnd)) ?? 0);
    facts.aliases.set(at, weight);
    expandedAliases += weight;
    if (expandedAliases > maxAliases) {
      throw new YamlRefusal(
        'alias-limit',
        `more than ${maxAliases} YAML aliases once expanded (the limit of ${maxAliases}): a template this repetitive is likely an attack`,
        at,
      );
    }
  };

  const listener = (event: string, state: State) => {
    if (event === 'open') {
      nodes.open(state.position);
      return;
    }
    const open = nodes.close();
    const s = state as ParserState;
    const end = s.position;
    const kind = s.kind;
    if (kind === null && mayHaveAliases) {
      const start = contentStart(input, open);
      if (start < end && input.charCodeAt(start) === 0x2a /* * */) {
        countAlias(start);
      }
    }
    if (s.anchor !== null) {
      let weight = 0;
      for (const [at, w] of facts.aliases) {
        if (at >= open && at < end) {
          weight += w;
        }
      }
      anchorWeights.set(s.anchor, weight);
    }
    const last = input.charCodeAt(end - 1);
    if (input.charCodeAt(end) === HASH && !isWhiteSpace(last)) {
      throw new YamlRefusal(
        'syntax',
        'a comment (#) must be separated from the text before it by a space',
        end,
      );
    }
    if (kind === 'scalar') {
      if (recordScalars) {
        facts.scalars.push(open, end);
      }
      const colon = colonAfter(input, end);
      if (colon !== -1) {
        const tag = s.tag;
        if (tag !== null && tag.charCodeAt(0) === 0x21 /* ! */) {
          throw new YamlRefusal(
            'syntax',
            `a short form (${tag}) used as a mapping key: keys are plain names`,
            contentStart(input, open),
          );
        }
        if (s.result === null) {
          throw new YamlRefusal(
            'syntax',
            'a null mapping key (~ or null): keys are plain names',
            contentStart(input, open),
          );
        }
        const start = contentStart(input, open);
        if (colon - start > MAX_IMPLICIT_KEY) {
          throw new YamlRefusal(
            'syntax',
            `a mapping key longer than YAML's limit of ${MAX_IMPLICIT_KEY} characters`,
            start,
          );
        }
      }
      if (last === 0x22 || last === 0x27) {
        // Quoted, unless a plain scalar that ends with a quote (a plain scalar cannot start with one).
        const start = contentStart(input, open);
        if (input.charCodeAt(start) === last) {
          checkContinuation(input, start, end, false);
        }
      }
    } else if (kind === 'sequence' || kind === 'mapping') {
      if (
        colonAfter(input, end) !== -1 ||
        isFlowMappingKey(input, open, nodes)
      ) {
        throw new YamlRefusal(
          'syntax',
          `a mapping key that is a ${
            kind === 'sequence' ? 'list' : 'mapping'
          }: keys are plain names`,
          contentStart(input, open),
        );
      }
      if (last === 0x5d || last === 0x7d) {
        const start = contentStart(input, open);
        if (input.charCodeAt(start) === (last === 0x5d ? 0x5b : 0x7b)) {
          // Within a flow collection, the outermost one checks every line against the same
          // indentation (checking each would be quadratic).
          const parent = nodes.enclosing(start);
          if (parent !== 0x5b && parent !== 0x7b) {
            checkContinuation(input, start, end, true);
          }
        }
      }
    }
    if (s.tag === '!') {
      throw new YamlRefusal(
        'syntax',
        'the non-specific tag ! (or !<!>): CloudFormation knows only its short forms',
        contentStart(input, open),
      );
    }
  };
  return { listener, facts };
}
