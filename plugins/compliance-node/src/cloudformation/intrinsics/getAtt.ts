import type { IntrinsicScope } from './IntrinsicScope';
import { ResourceReference } from '../ResourceReference';
import { isUnknown, Unknown } from '../Unknown';
import { STACK_TYPE } from '../stackType';
import { intrinsicText } from './intrinsicText';

/**
 * Fn::GetAtt: a reference to a resource's attribute, or a nested stack's output.
 *
 * @internal
 */
export function getAtt(
  scope: IntrinsicScope,
  arg: unknown,
  depth: number,
): unknown {
  let id: unknown;
  let attribute: unknown;
  if (typeof arg === 'string') {
    const dot = arg.indexOf('.');
    id = dot > 0 ? arg.slice(0, dot) : arg;
    attribute = dot > 0 ? arg.slice(dot + 1) : undefined;
  } else if (Array.isArray(arg) && arg.length === 2) {
    id = arg[0];
    attribute = scope.resolve(arg[1], depth);
    if (isUnknown(attribute)) {
      return attribute;
    }
  }
  if (
    typeof id !== 'string' ||
    typeof attribute !== 'string' ||
    !id ||
    !attribute
  ) {
    return new Unknown(
      `${intrinsicText(
        'Fn::GetAtt',
        arg,
      )}: Fn::GetAtt expects [LogicalId, Attribute]`,
    );
  }
  if (!scope.hasResource(id)) {
    return new Unknown(
      `Fn::GetAtt on ${id}, which is not a resource of the template`,
    );
  }
  if (
    attribute.startsWith('Outputs.') &&
    scope.declaredResource(id)?.Type === STACK_TYPE
  ) {
    const child = scope.nestedScope(id);
    if (child) {
      return child.output(attribute.slice('Outputs.'.length));
    }
  }
  return new ResourceReference(`${scope.prefix}${id}`, attribute);
}
