import type { IntrinsicScope } from './IntrinsicScope';
import { asText } from '../asText';
import { hasOwn, isRecord } from '../records';
import { isUnknown, Unknown } from '../Unknown';
import { intrinsicText } from './intrinsicText';
import { ref } from './ref';
import { getAtt } from './getAtt';

/**
 * Fn::Sub: the string with its variables substituted (each resolved once).
 *
 * @internal
 */
export function sub(
  scope: IntrinsicScope,
  arg: unknown,
  depth: number,
): unknown {
  let text: unknown = arg;
  let variables: Record<string, unknown> = {};
  if (Array.isArray(arg)) {
    [text] = arg;
    if (arg.length > 2 || (arg.length === 2 && !isRecord(arg[1]))) {
      return new Unknown(
        `${intrinsicText(
          'Fn::Sub',
          arg,
        )}: Fn::Sub expects a string or [string, variables]`,
      );
    }
    variables = arg.length === 2 ? (arg[1] as Record<string, unknown>) : {};
  }
  if (typeof text !== 'string') {
    return new Unknown(
      `${intrinsicText(
        'Fn::Sub',
        arg,
      )}: Fn::Sub expects a string or [string, variables]`,
    );
  }
  const { budget } = scope;
  // Each variable is resolved once, however often the string uses it.
  const values = new Map<string, string | Unknown>();
  let length = text.length;
  let unknown: Unknown | undefined;
  const result = text.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
    if (unknown) {
      return '';
    }
    if (inner.startsWith('!')) {
      return `\${${inner.slice(1)}}`;
    }
    const name = inner.trim();
    let value = values.get(name);
    if (value === undefined) {
      value = asText(subVariable(scope, name, variables, depth), 'Fn::Sub');
      values.set(name, value);
    }
    if (isUnknown(value)) {
      unknown = value;
      return '';
    }
    budget.step('Fn::Sub');
    length += value.length;
    budget.text('Fn::Sub', length);
    return value;
  });
  return unknown ?? budget.produced('Fn::Sub', result);
}

function subVariable(
  scope: IntrinsicScope,
  name: string,
  variables: Record<string, unknown>,
  depth: number,
): unknown {
  if (hasOwn(variables, name)) {
    return scope.resolve(variables[name], depth);
  }
  const dot = name.indexOf('.');
  if (dot > 0) {
    return getAtt(scope, [name.slice(0, dot), name.slice(dot + 1)], depth);
  }
  return ref(scope, name, depth);
}
