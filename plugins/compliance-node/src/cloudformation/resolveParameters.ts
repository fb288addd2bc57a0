import type { CloudFormationTemplate } from './parseTemplate';
import { hasOwn, isRecord } from './records';
import { isUnknown, Unknown } from './Unknown';

/**
 * Parameter values of a template, and which parameters are NoEcho.
 *
 * @internal
 */
export interface ParameterValues {
  values: Map<string, unknown>;
  noEcho: string[];
}

function isListType(type: string): boolean {
  return (
    type === 'CommaDelimitedList' ||
    type.startsWith('List<') ||
    type.startsWith('AWS::SSM::Parameter::Value<List<') ||
    type === 'AWS::SSM::Parameter::Value<CommaDelimitedList>'
  );
}

/**
 * The value of each declared parameter: supplied, else the default, else
 * unknown. List types become arrays of strings; other literals stay as the
 * template wrote them (`Default: 35` is the number 35).
 *
 * @param supplied - values given from outside; an Unknown when they cannot be
 *   known at all (the parent stack's Parameters do not resolve)
 * @internal
 */
export function resolveParameters(
  template: CloudFormationTemplate,
  supplied: Record<string, unknown> | Unknown,
): ParameterValues {
  const values = new Map<string, unknown>();
  const noEcho: string[] = [];
  for (const [name, declared] of Object.entries(template.Parameters ?? {})) {
    const declaration: Record<string, unknown> = isRecord(declared)
      ? declared
      : {};
    const type =
      typeof declaration.Type === 'string' ? declaration.Type : 'String';
    let value: unknown;
    if (isUnknown(supplied)) {
      value = new Unknown(
        `parameter ${name} comes from the parent stack, whose Parameters cannot be resolved: ${supplied.reason}`,
      );
    } else if (hasOwn(supplied, name)) {
      value = supplied[name];
    } else if ('Default' in declaration) {
      value = declaration.Default;
    } else {
      value = new Unknown(
        `parameter ${name} has no default and no value was supplied`,
      );
    }
    if (type.startsWith('AWS::SSM::Parameter::Value<') && !isUnknown(value)) {
      // The value given is the name of an SSM parameter, read when deployed.
      value = new Unknown(
        `parameter ${name} is read from SSM parameter ${String(
          value,
        )} when deployed`,
      );
    } else if (
      isListType(type) &&
      (typeof value === 'string' || typeof value === 'number')
    ) {
      const text = String(value);
      value = text === '' ? [] : text.split(',').map(item => item.trim());
    }
    values.set(name, value);
    const hidden = declaration.NoEcho;
    if (
      hidden === true ||
      (typeof hidden === 'string' && hidden.toLowerCase() === 'true')
    ) {
      noEcho.push(name);
    }
  }
  return { values, noEcho };
}
