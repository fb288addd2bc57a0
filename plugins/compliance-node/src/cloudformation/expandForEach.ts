import { hasOwn, isRecord, setOwn } from './records';
import { TemplateError } from './TemplateError';

/**
 * `Fn::ForEach` loops of the `AWS::LanguageExtensions` transform
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html):
 *
 * ```yaml
 * Resources:
 *   Fn::ForEach::Topics:
 *     - TopicName
 *     - [Success, Failure]
 *     - SnsTopic${TopicName}:
 *         Type: AWS::SNS::Topic
 *         Properties: { TopicName: !Ref TopicName }
 * ```
 */
export const FOR_EACH_PREFIX = 'Fn::ForEach::';

/**
 * Most values the expansion of one template may copy: loops nest, so a small hostile
 * template could otherwise expand exponentially. A processed template is at most 1 MB
 * (about that many values), and CloudFormation allows 500
 * resources per template.
 */
const MAX_EXPANDED_NODES = 200_000;

interface Budget {
  nodes: number;
  where: string;
}

/** The three parts of a loop, when it has that shape. */
export function forEachParts(
  value: unknown,
):
  | { identifier: string; collection: unknown; output: Record<string, unknown> }
  | undefined {
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [identifier, collection, output] = value;
  if (typeof identifier !== 'string' || !isRecord(output)) return undefined;
  return { identifier, collection, output };
}

/** Replaces the loop identifier in a value: `Ref: Id` and `${Id}` in `Fn::Sub`. */
function substitute(
  value: unknown,
  identifier: string,
  item: string,
  depth: number,
  budget: Budget,
): unknown {
  if (--budget.nodes < 0)
    throw new TemplateError(
      'too-large',
      `${budget.where}Fn::ForEach loops expand to more than ${MAX_EXPANDED_NODES} values`,
    );
  if (depth > 64) return value;
  if (Array.isArray(value))
    return value.map(v => substitute(v, identifier, item, depth + 1, budget));
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && value.Ref === identifier)
    return item;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    let v = value[key];
    if (key === 'Fn::Sub') {
      const replace = (s: unknown) =>
        typeof s === 'string' ? s.split(`\${${identifier}}`).join(item) : s;
      v = Array.isArray(v)
        ? [
            replace(v[0]),
            ...v
              .slice(1)
              .map(x => substitute(x, identifier, item, depth + 1, budget)),
          ]
        : replace(v);
    } else {
      v = substitute(v, identifier, item, depth + 1, budget);
    }
    setOwn(out, substituteKey(key, identifier, item), v);
  }
  return out;
}

/** `${Id}` becomes the item, `&{Id}` the item without non-alphanumeric characters. */
function substituteKey(key: string, identifier: string, item: string): string {
  return key
    .split(`\${${identifier}}`)
    .join(item)
    .split(`&{${identifier}}`)
    .join(item.replace(/[^A-Za-z0-9]/g, ''));
}

/**
 * Expands the `Fn::ForEach` loops of a Resources mapping whose collection is a literal list;
 * a loop over a parameter or another expression is kept as written (the resolver reports
 * it as not expanded, naming the loop). Nested loops are expanded from the outside in.
 *
 * @internal
 */
export function expandForEach(
  resources: Record<string, unknown>,
  where = '',
  depth = 0,
  budget: Budget = { nodes: MAX_EXPANDED_NODES, where },
): Record<string, unknown> {
  if (
    !isRecord(resources) ||
    !Object.keys(resources).some(k => k.startsWith(FOR_EACH_PREFIX))
  )
    return resources;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resources)) {
    const parts = key.startsWith(FOR_EACH_PREFIX)
      ? forEachParts(value)
      : undefined;
    const items = parts?.collection;
    if (
      !parts ||
      depth > 8 ||
      !Array.isArray(items) ||
      !items.every(i => typeof i === 'string' || typeof i === 'number')
    ) {
      setOwn(out, key, value);
      continue;
    }
    for (const item of items.map(String)) {
      const expanded = expandForEach(
        substitute(parts.output, parts.identifier, item, 0, budget) as Record<
          string,
          unknown
        >,
        where,
        depth + 1,
        budget,
      );
      for (const [id, resource] of Object.entries(expanded)) {
        if (!hasOwn(out, id)) setOwn(out, id, resource);
      }
    }
  }
  return out;
}
