import { YamlRefusal } from './YamlRefusal';
import { CR, HASH, LF, SPACE, isWhiteSpace } from './yamlText';

/**
 * Where a check applies: `outside` scalars (a structural construct, which inside a string is
 * just text), `anywhere`, or only `inside` them (an escape).
 */
type Scope = 'outside' | 'anywhere' | 'inside';

/** A construct found on the raw text, at the offset of its first significant character. */
export interface TextFinding {
  position: number;
  scope: Scope;
  message: string;
}

interface TextCheck {
  /** A substring the text must hold for the pattern to be tried at all. */
  guard: string;
  /** Global; the match starts at the significant character (lookbehinds hold the context). */
  pattern: RegExp;
  scope: Scope;
  message: string;
}

/**
 * What js-yaml reads otherwise than YAML 1.2 (and the `yaml` library, which follows it), or
 * accepts where YAML does not, found by comparing both on mutated templates (readYaml.test.ts).
 * A template has no use for any of them, so each is refused with its own message rather than
 * read one way or the other.
 */
const TEXT_CHECKS: TextCheck[] = [
  {
    guard: '?',
    pattern:
      /(?<=(?:^|\n|---)[ \t]*(?:[-?:][ \t]+)*)\?(?=[ \t\r\n]|$)|(?<=[[{,][ \t\r\n]*)\?(?=[ \t\r\n]|$)/g,
    scope: 'outside',
    message: 'an explicit key (? key): write `key: value`',
  },
  {
    guard: '---',
    pattern: /(?<=^|\n)---(?=[^ \t\r\n]|[ \t]+[^\s#])/g,
    scope: 'anywhere',
    message: 'a document marker (---) followed by more on its line',
  },
  {
    guard: '...',
    pattern: /(?<=^|\n)\.\.\.(?=[^ \t\r\n])/g,
    scope: 'anywhere',
    message: 'a document end marker (...) followed by more on its line',
  },
  {
    guard: '!<',
    pattern: /!</g,
    scope: 'outside',
    message:
      'a verbatim tag (!<…>): CloudFormation knows only its short forms (!Ref, !Sub…)',
  },
  {
    guard: '!',
    pattern: /(?<=^|[\s[{,])!(?=[ \t\r\n]|$)/g,
    scope: 'outside',
    message:
      'the non-specific tag !: CloudFormation knows only its short forms (!Ref, !Sub…)',
  },
  {
    guard: '+',
    pattern: /(?<=^|[ \t])[|>][1-9]?\+/g,
    scope: 'outside',
    message:
      'a block scalar keeping its final line breaks (|+), which YAML readers count differently: use | or |-',
  },
  {
    guard: '',
    pattern: /(?<=^|[ \t])[|>][-+]?[1-9]/g,
    scope: 'outside',
    message:
      'a block scalar indentation indicator (|2), which YAML readers check differently: indent the text and use | alone',
  },
  {
    guard: '\t',
    pattern: /(?<=(?:^|\n) *(?:[-?:] +)*[-?:]?)\t/g,
    scope: 'outside',
    message: 'a tab in indentation: YAML indents with spaces',
  },
  {
    guard: '\r',
    pattern: /\r(?!\n)/g,
    scope: 'anywhere',
    message: 'a carriage return without a line feed (an old Mac line break)',
  },
  {
    guard: '#',
    pattern: /(?<=[[{,])#|(?<=["'\]}][ \t]*:)#/g,
    scope: 'outside',
    message:
      'a comment (#) must be separated from the text before it by a space',
  },
  {
    guard: '\\U',
    pattern:
      /\\U(?:[1-9a-fA-F][0-9a-fA-F]{7}|0[1-9a-fA-F][0-9a-fA-F]{6}|00[2-9a-fA-F][0-9a-fA-F]{5}|001[1-9a-fA-F][0-9a-fA-F]{4})/g,
    scope: 'inside',
    message: 'an escape (\\U…) beyond the last Unicode code point',
  },
];

/** A tag (or anchor) with nothing after it on its line (but a comment). */
const TAG_AT_END_OF_LINE = /(?<=^|[\s[{,])[!&][^\s]*(?=[ \t\r]*(?:#.*)?$)/gm;

/** A block sequence entry, or a plain key made of the characters CloudFormation keys use. */
const SEQUENCE_ENTRY_OR_KEY =
  /-(?:[ \t\r\n]|$)|[A-Za-z0-9_][A-Za-z0-9_.:/-]*[ \t]*:(?:[ \t\r\n]|$)/y;

/** A block sequence entry left empty: `-` and the end of the line. */
const EMPTY_ENTRY = /^([ \t]*(?:[-?:][ \t]+)*)-(?=[ \t]*(?:#.*)?$)/gm;

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

/**
 * Where the content of the next line with content starts, past blank lines and comments, from
 * the line break at `newline`; -1 at the end of the text. Called with increasing `newline`s,
 * it remembers its last answer, which holds for any line break before it: a text of comments
 * full of matches stays linear.
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

/**
 * A tag at the end of a line must tag a block sequence or mapping on the lines below (`!If`
 * then `- …` entries): js-yaml loses or misplaces a tag (or anchor) followed by anything else
 * there, a block scalar above all.
 */
function tagsBeforeOtherThanCollection(text: string, into: TextFinding[]) {
  if (!text.includes('!') && !text.includes('&')) {
    return;
  }
  const nextContentAfter = nextContentFinder(text);
  TAG_AT_END_OF_LINE.lastIndex = 0;
  for (
    let match = TAG_AT_END_OF_LINE.exec(text);
    match;
    match = TAG_AT_END_OF_LINE.exec(text)
  ) {
    const lineEnd = text.indexOf('\n', match.index);
    const next = lineEnd === -1 ? -1 : nextContentAfter(lineEnd);
    SEQUENCE_ENTRY_OR_KEY.lastIndex = next;
    if (next === -1 || !SEQUENCE_ENTRY_OR_KEY.test(text)) {
      into.push({
        position: match.index,
        scope: 'outside',
        message: `${match[0]} at the end of a line, its value on the next (js-yaml misplaces it): write the value on the same line`,
      });
    }
  }
}

/**
 * After an empty sequence entry, js-yaml takes a `-` on a later line that is less indented as
 * the next entry of the same sequence, where YAML ends the sequence (or finds an error).
 */
function dedentsAfterEmptyEntry(text: string, into: TextFinding[]) {
  const nextContentAfter = nextContentFinder(text);
  EMPTY_ENTRY.lastIndex = 0;
  for (
    let match = EMPTY_ENTRY.exec(text);
    match;
    match = EMPTY_ENTRY.exec(text)
  ) {
    const lineEnd = text.indexOf('\n', match.index);
    const next = lineEnd === -1 ? -1 : nextContentAfter(lineEnd);
    if (
      next !== -1 &&
      next - (text.lastIndexOf('\n', next) + 1) < match[1].length &&
      text.charCodeAt(next) === 0x2d &&
      isWhiteSpace(text.charCodeAt(next + 1) || LF)
    ) {
      into.push({
        position: next,
        scope: 'outside',
        message:
          'a list entry less indented than the empty entry before it, which YAML readers place differently',
      });
    }
  }
}

/**
 * The constructs of {@link TEXT_CHECKS} and the two line-wise checks, wherever they occur
 * (each pattern is only tried when the text holds its guard). Most match inside strings too:
 * readYaml keeps those whose scope fits where they are.
 *
 * @internal
 */
export function findTextConstructs(text: string): TextFinding[] {
  const found: TextFinding[] = [];
  for (const { guard, pattern, scope, message } of TEXT_CHECKS) {
    if (!text.includes(guard)) {
      continue;
    }
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      found.push({ position: match.index, scope, message });
      if (match[0].length === 0) {
        pattern.lastIndex++;
      }
    }
  }
  tagsBeforeOtherThanCollection(text, found);
  dedentsAfterEmptyEntry(text, found);
  return found;
}

/** Throws the first finding whose scope fits, given whether it lies inside a scalar's content. */
export function refuseTextConstructs(
  found: TextFinding[],
  insideScalar: (position: number) => boolean,
): void {
  const sorted = [...found].sort((a, b) => a.position - b.position);
  for (const finding of sorted) {
    const inside =
      finding.scope === 'anywhere' ? true : insideScalar(finding.position);
    if (
      finding.scope === 'anywhere' ||
      (finding.scope === 'inside') === inside
    ) {
      throw new YamlRefusal('syntax', finding.message, finding.position);
    }
  }
}
