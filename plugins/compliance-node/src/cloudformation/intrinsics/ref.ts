import type { IntrinsicScope } from './IntrinsicScope';
import { ResourceReference } from '../ResourceReference';
import { isUnknown, Unknown } from '../Unknown';
import { pseudoParameter } from '../pseudoParameter';
import { intrinsicText } from './intrinsicText';

/**
 * Ref: a parameter's value, a pseudo parameter, or a reference to a resource.
 *
 * @internal
 */
export function ref(
  scope: IntrinsicScope,
  arg: unknown,
  depth: number,
): unknown {
  const name = typeof arg === 'string' ? arg : scope.resolve(arg, depth);
  if (typeof name !== 'string') {
    return isUnknown(name)
      ? name
      : new Unknown(`${intrinsicText('Ref', arg)}: Ref expects a name`);
  }
  if (name.startsWith('AWS::')) {
    return pseudoParameter(name, scope.pseudo);
  }
  if (scope.parameters.has(name)) {
    return scope.parameters.get(name);
  }
  if (scope.hasResource(name)) {
    return new ResourceReference(`${scope.prefix}${name}`);
  }
  return new Unknown(
    `Ref to ${name}, which is neither a parameter nor a resource of the template`,
  );
}
