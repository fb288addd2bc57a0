import { NO_VALUE } from './noValue';
import { ResourceReference } from './ResourceReference';
import { isUnknown, Unknown } from './Unknown';

function describeReference(ref: ResourceReference): string {
  return ref.attribute
    ? `refers to resource ${ref.logicalId} (attribute ${ref.attribute}), known only once deployed`
    : `refers to resource ${ref.logicalId}, known only once deployed`;
}

/**
 * CloudFormation's view of a scalar as a string, or why it has none: a
 * resource's physical name or ARN is only known once deployed.
 *
 * @internal
 */
export function asText(value: unknown, what: string): string | Unknown {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (isUnknown(value)) {
    return value;
  }
  if (value instanceof ResourceReference) {
    return new Unknown(describeReference(value));
  }
  if (value === NO_VALUE) {
    return new Unknown(`${what} uses AWS::NoValue where a value is required`);
  }
  return new Unknown(
    `${what} expects a string, got ${
      Array.isArray(value) ? 'a list' : typeof value
    }`,
  );
}

/**
 * How a value passed to a nested stack's parameter reaches it: as a string.
 *
 * @internal
 */
export function asStackParameter(value: unknown, what: string): unknown {
  if (value instanceof ResourceReference || isUnknown(value)) {
    // A reference stays one: which resource the child receives is still known.
    return value;
  }
  if (Array.isArray(value)) {
    const parts = value.map(v => asText(v, what));
    const unknown = parts.find(isUnknown);
    return unknown ?? parts.join(',');
  }
  return asText(value, what);
}
