import { FOR_EACH_PREFIX, forEachParts } from './expandForEach';
import { TemplateError } from './TemplateError';

/** `AWS::S3::Bucket`, `Alexa::ASK::Skill`, registry types like `MongoDB::Atlas::Cluster`, `Custom::Anything`. */
const RESOURCE_TYPE =
  /^(?:[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(?:::[A-Za-z0-9]+)?|Custom::[A-Za-z0-9_@-]+)$/;

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function listKeys(value: Record<string, unknown>): string {
  const keys = Object.keys(value);
  const shown = keys.slice(0, 5).join(', ');
  return keys.length > 5 ? `${shown}, …` : shown;
}

/**
 * Whether a Resources mapping declares a resource with a Type, directly or in the template
 * fragment of an `Fn::ForEach::` loop (AWS::LanguageExtensions).
 */
function hasResource(resources: unknown, depth: number): boolean {
  if (!isMapping(resources) || depth > 8) return false;
  for (const [key, resource] of Object.entries(resources)) {
    if (key.startsWith(FOR_EACH_PREFIX)) {
      const parts = forEachParts(resource);
      if (parts && hasResource(parts.output, depth + 1)) return true;
    } else if (
      isMapping(resource) &&
      typeof resource.Type === 'string' &&
      RESOURCE_TYPE.test(resource.Type)
    ) {
      return true;
    }
  }
  return false;
}

/** What the document is when it is not a CloudFormation template, for the error message. */
function describe(value: unknown): string {
  if (value === null || value === undefined) {
    return 'an empty document';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (!isMapping(value)) {
    return `a single ${typeof value}`;
  }
  if (typeof value.kind === 'string' && 'apiVersion' in value) {
    return `a Kubernetes manifest (kind: ${value.kind})`;
  }
  if ('openapi' in value || 'swagger' in value) {
    return 'an OpenAPI document';
  }
  if (!('Resources' in value)) {
    return Object.keys(value).length === 0
      ? 'an empty mapping'
      : `a mapping without Resources (keys: ${listKeys(value)})`;
  }
  const resources = value.Resources;
  if (!isMapping(resources)) {
    return `a mapping whose Resources is ${
      Array.isArray(resources) ? 'a list' : `a ${typeof resources}`
    }, not a mapping`;
  }
  return 'a mapping whose Resources has no entry with a Type such as AWS::S3::Bucket';
}

/**
 * Checks that a parsed document looks like a CloudFormation template: a
 * mapping with a `Resources` mapping holding at least one resource whose
 * `Type` is a resource type name.
 *
 * @internal
 */
export function assertCloudFormation(value: unknown, where: string): void {
  if (isMapping(value) && hasResource(value.Resources, 0)) return;
  throw new TemplateError(
    'not-cloudformation',
    `${where}not a CloudFormation template: found ${describe(value)}`,
  );
}
