import { posix } from 'path';
import { asStackParameter } from './asText';
import type { ParsedTemplate } from './parseTemplate';
import { isRecord, setOwn } from './records';
import type { ScopeOptions } from './ScopeOptions';
import { TemplateError } from './TemplateError';
import { isUnknown, Unknown } from './Unknown';

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The scope of nested stack `id` (an `AWS::CloudFormation::Stack` with resolved
 * `properties`): its template loaded from the relative TemplateURL and its Parameters
 * as given by the parent; undefined, with a warning, when it is not followed (absolute
 * URL, no loader, too deep, a cycle, not found, unreadable).
 *
 * @internal
 */
export function nestedStackOptions(
  options: ScopeOptions,
  id: string,
  properties: Record<string, unknown>,
  warn: (message: string) => void,
): ScopeOptions | undefined {
  const { prefix, directory, chain, loadNested, maxNestedDepth, pseudo } =
    options;
  const label = `nested stack ${prefix}${id}`;
  const url = properties.TemplateURL;
  if (typeof url !== 'string') {
    warn(
      `${label}: TemplateURL ${
        isUnknown(url) ? `cannot be resolved (${url.reason})` : 'is missing'
      }; its resources are not analysed`,
    );
    return undefined;
  }
  if (URL_SCHEME.test(url)) {
    warn(
      `${label}: ${url} is not a relative path; its resources are not analysed`,
    );
    return undefined;
  }
  if (!loadNested) {
    warn(`${label}: ${url} is not followed (no loader for nested templates)`);
    return undefined;
  }
  if (chain.length >= maxNestedDepth) {
    warn(
      `${label}: stacks nest more than ${maxNestedDepth} levels deep; ${url} is not followed`,
    );
    return undefined;
  }
  const path = posix.normalize(posix.join(directory, url));
  if (chain.includes(path)) {
    warn(
      `${label}: ${path} includes itself (${[...chain, path].join(
        ' → ',
      )}); not followed`,
    );
    return undefined;
  }
  let parsed: ParsedTemplate | undefined;
  try {
    parsed = loadNested(path);
  } catch (e) {
    if (e instanceof TemplateError) {
      warn(`${label}: ${e.message}`);
      return undefined;
    }
    throw e;
  }
  if (!parsed) {
    warn(
      `${label}: template ${path} not found; its resources are not analysed`,
    );
    return undefined;
  }
  let supplied: Record<string, unknown> | Unknown = {};
  const given = properties.Parameters;
  if (isRecord(given)) {
    supplied = {};
    for (const [name, value] of Object.entries(given)) {
      setOwn(
        supplied,
        name,
        asStackParameter(value, `parameter ${name} of ${label}`),
      );
    }
  } else if (given !== undefined) {
    supplied = isUnknown(given)
      ? given
      : new Unknown(`the Parameters of ${label} are not a mapping`);
  }
  return {
    ...options,
    template: parsed.template,
    prefix: `${prefix}${id}/`,
    source: path,
    directory: posix.dirname(path),
    supplied,
    pseudo: {
      ...pseudo,
      stackName: new Unknown(
        'the name of a nested stack is generated when deployed',
      ),
    },
    chain: [...chain, path],
  };
}
