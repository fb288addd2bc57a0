import { parseDuration } from './durations';
import { FACTS, FactId, FactValue, isFactId } from './facts';

/** @public */
export type ParsedFactValue =
  | { ok: true; value: FactValue }
  | { ok: true; unverified: string }
  | { ok: false; error: string };

const TRUE = new Set(['true', 'yes', 'enabled', 'on']);
const FALSE = new Set(['false', 'no', 'disabled', 'off']);
const UNVERIFIED =
  /^(todo|assumed|unverified|verification[- ]needed)\b[:\s-]*(.*)$/i;

/**
 * Parses the text of a declared fact (an annotation value) by the fact's type.
 * `TODO: …` or `unverified: …` records that the document has not verified the value, and
 * `assumed: …` that the portal assumes a value the document does not state: such a fact is
 * known to be claimed but never counts as a pass.
 *
 * @public
 */
export function parseFactValue(id: string, raw: unknown): ParsedFactValue {
  if (!isFactId(id)) {
    return { ok: false, error: `unknown fact "${id}"` };
  }
  if (typeof raw !== 'string') {
    return {
      ok: false,
      error: `fact "${id}" must be a string, got ${typeof raw}`,
    };
  }
  const text = raw.trim();
  const todo = UNVERIFIED.exec(text);
  if (todo) {
    if (todo[1].toLowerCase() === 'assumed')
      return {
        ok: true,
        unverified: `assumed, not stated by the document: ${
          todo[2] || 'no reason given'
        }`,
      };
    return {
      ok: true,
      unverified: todo[2] || 'marked TODO in the source document',
    };
  }
  return parseTyped(id, text);
}

function parseTyped(id: FactId, text: string): ParsedFactValue {
  const def = FACTS[id];
  const values: readonly string[] | undefined =
    'values' in def ? def.values : undefined;
  switch (def.type) {
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return {
        ok: false,
        error: `fact "${id}" must be true or false, got "${text}"`,
      };
    }
    case 'number': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n) || n < 0) {
        return {
          ok: false,
          error: `fact "${id}" must be a non-negative number, got "${text}"`,
        };
      }
      return { ok: true, value: n };
    }
    case 'duration': {
      const seconds = parseDuration(text);
      if (seconds === undefined) {
        return {
          ok: false,
          error: `fact "${id}" must be a duration such as 15m, 4h, 35d or 1y, got "${text}"`,
        };
      }
      return { ok: true, value: seconds };
    }
    case 'enum':
      if (!values!.includes(text)) {
        return {
          ok: false,
          error: `fact "${id}" must be one of ${values!.join(
            ', ',
          )}, got "${text}"`,
        };
      }
      return { ok: true, value: text };
    case 'list': {
      const items = text
        .split(',')
        .map(s => s.trim())
        .filter(Boolean);
      const bad = items.filter(item => !values!.includes(item));
      if (bad.length) {
        return {
          ok: false,
          error: `fact "${id}" has unknown item(s) ${bad.join(
            ', ',
          )}; allowed: ${values!.join(', ')}`,
        };
      }
      return { ok: true, value: items };
    }
    case 'date':
      if (Number.isNaN(Date.parse(text))) {
        return {
          ok: false,
          error: `fact "${id}" must be an ISO date, got "${text}"`,
        };
      }
      return { ok: true, value: text };
    default:
      return { ok: true, value: text };
  }
}
