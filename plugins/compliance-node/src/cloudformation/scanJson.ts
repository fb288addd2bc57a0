/**
 * What {@link scanJson} found in a JSON text.
 *
 * @internal
 */
export interface JsonScan {
  /** Brackets nest deeper than the limit. */
  tooDeep: boolean;
  /** The first key repeated within one object, with its 1-based line. */
  duplicateKey?: { key: string; line: number };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let i = quote - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) {
    backslashes++;
  }
  return backslashes % 2 === 1;
}

function decodeKey(raw: string): string {
  if (!raw.includes('\\')) {
    return raw;
  }
  try {
    return JSON.parse(`"${raw}"`);
  } catch {
    return raw;
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; ) {
    line++;
    i = text.indexOf('\n', i + 1);
  }
  return line;
}

/**
 * One linear pass over a JSON text, before `JSON.parse`: measures bracket
 * nesting (so that absurd nesting is rejected without building it) and finds
 * duplicate keys, which `JSON.parse` silently collapses to the last one — a
 * template could otherwise show a reviewer `"StorageEncrypted": true` while
 * deploying a later `false`.
 *
 * The text need not be valid JSON; `JSON.parse` reports syntax afterwards.
 *
 * @internal
 */
export function scanJson(text: string, maxDepth: number): JsonScan {
  // One entry per open bracket: the keys seen so far for an object, null for an array.
  const open: Array<Set<string> | null> = [];
  let expectKey = false;
  let duplicateKey: JsonScan['duplicateKey'];
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case QUOTE: {
        let end = text.indexOf('"', i + 1);
        while (end !== -1 && isEscaped(text, end)) {
          end = text.indexOf('"', end + 1);
        }
        if (end === -1) {
          return { tooDeep: false, duplicateKey };
        }
        const keys = open[open.length - 1];
        if (expectKey && keys) {
          const key = decodeKey(text.slice(i + 1, end));
          if (keys.has(key) && !duplicateKey) {
            duplicateKey = { key, line: lineAt(text, i) };
          }
          keys.add(key);
          expectKey = false;
        }
        i = end;
        break;
      }
      case OPEN_BRACE:
      case OPEN_BRACKET:
        if (open.length >= maxDepth) {
          return { tooDeep: true, duplicateKey };
        }
        expectKey = text.charCodeAt(i) === OPEN_BRACE;
        open.push(expectKey ? new Set() : null);
        break;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        open.pop();
        expectKey = false;
        break;
      case COMMA:
        expectKey = open[open.length - 1] instanceof Set;
        break;
      case COLON:
        expectKey = false;
        break;
      default:
    }
  }
  return { tooDeep: false, duplicateKey };
}
