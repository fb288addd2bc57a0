import type { IntrinsicScope } from './IntrinsicScope';
import { asStackParameter, asText } from '../asText';
import { isRecord } from '../records';
import { isUnknown, Unknown } from '../Unknown';
import { MAX_RESOLVE_DEPTH } from '../maxResolveDepth';
import { intrinsicText } from './intrinsicText';

/**
 * Condition functions (Condition, Fn::Equals, Fn::Not, Fn::And, Fn::Or): a condition
 * expression evaluated to true, false or an Unknown.
 *
 * @internal
 */
export function evaluateCondition(
  scope: IntrinsicScope,
  expression: unknown,
  depth: number,
): boolean | Unknown {
  if (typeof expression === 'boolean') {
    return expression;
  }
  if (expression === 'true' || expression === 'false') {
    return expression === 'true';
  }
  if (depth > MAX_RESOLVE_DEPTH) {
    return new Unknown('the condition nests too deeply to be evaluated');
  }
  scope.budget.step('a condition');
  const keys = isRecord(expression) ? Object.keys(expression) : [];
  if (keys.length !== 1) {
    return new Unknown('not a condition expression');
  }
  const [fn] = keys;
  const arg = (expression as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Condition':
      return typeof arg === 'string'
        ? scope.condition(arg)
        : new Unknown(
            `${intrinsicText(
              'Condition',
              arg,
            )}: Condition expects a condition name`,
          );
    case 'Fn::Equals':
      if (!Array.isArray(arg) || arg.length !== 2) {
        return new Unknown(
          `${intrinsicText(
            'Fn::Equals',
            arg,
          )}: Fn::Equals expects [value, value]`,
        );
      }
      return equals(
        scope.resolve(arg[0], depth + 1),
        scope.resolve(arg[1], depth + 1),
      );
    case 'Fn::Not': {
      if (!Array.isArray(arg) || arg.length !== 1) {
        return new Unknown(
          `${intrinsicText('Fn::Not', arg)}: Fn::Not expects [condition]`,
        );
      }
      const value = evaluateCondition(scope, arg[0], depth + 1);
      return isUnknown(value) ? value : !value;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(arg)) {
        return new Unknown(`${fn} expects a list of conditions`);
      }
      // A decisive operand (false for And, true for Or) decides even if others are unknown.
      const decisive = fn === 'Fn::Or';
      let unknown: Unknown | undefined;
      for (const item of arg) {
        const value = evaluateCondition(scope, item, depth + 1);
        if (value === decisive) {
          return decisive;
        }
        unknown ??= isUnknown(value) ? value : undefined;
      }
      return unknown ?? !decisive;
    }
    default: {
      const value = scope.resolve(expression, depth + 1);
      if (typeof value === 'boolean' || isUnknown(value)) {
        return value;
      }
      return value === 'true' || value === 'false'
        ? value === 'true'
        : new Unknown(`${fn} is not a condition`);
    }
  }
}

/** Fn::Equals compares strings: `35` and `"35"` are equal, as are `true` and `"true"`. */
function equals(a: unknown, b: unknown): boolean | Unknown {
  const texts: string[] = [];
  for (const value of [a, b]) {
    const text = Array.isArray(value)
      ? asStackParameter(value, 'Fn::Equals')
      : asText(value, 'Fn::Equals');
    if (typeof text !== 'string') {
      return isUnknown(text)
        ? text
        : new Unknown('Fn::Equals compares a value that is not a string');
    }
    texts.push(text);
  }
  return texts[0] === texts[1];
}
