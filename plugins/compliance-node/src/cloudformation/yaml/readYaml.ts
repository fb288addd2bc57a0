import { YAMLException, load } from 'js-yaml';
import { checkNesting } from '../checkNesting';
import { TemplateError } from '../TemplateError';
import { cloudFormationSchema } from './cloudFormationSchema';
import { createNodeListener } from './nodeListener';
import { findTextConstructs, refuseTextConstructs } from './textChecks';
import { yamlErrorToTemplateError } from './yamlErrorToTemplateError';
import { YamlRefusal } from './YamlRefusal';
import { contentStart, lineAndColumn } from './yamlText';

/** @internal */
export interface YamlLimits {
  /** Most aliases, each counting the aliases inside the node it names, expanded. */
  maxAliases: number;
  /** Deepest nesting of mappings and lists, the root being level 1. */
  maxDepth: number;
  /** Prefix of every message: the file, when known. */
  where: string;
}

/** Whether an offset lies inside the content of one of the scalars (sorted (open, end) pairs). */
function insideScalarOf(
  input: string,
  scalars: number[],
): (position: number) => boolean {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < scalars.length; i += 2) {
    pairs.push([scalars[i], scalars[i + 1]]);
  }
  pairs.sort((a, b) => a[1] - b[1]);
  return position => {
    // The first scalar ending after the position is the only one that can hold it.
    let low = 0;
    let high = pairs.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs[middle][1] <= position) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    for (let i = low; i < pairs.length && i < low + 2; i++) {
      const [open, end] = pairs[i];
      if (contentStart(input, open) < position && position < end) {
        return true;
      }
    }
    return false;
  };
}

/** The depth of an alias-free value (a tree), without recursion; the root is level 1. */
function isTooDeep(root: unknown, maxDepth: number): boolean {
  if (typeof root !== 'object' || root === null) {
    return false;
  }
  const nodes: object[] = [root];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) {
      return true;
    }
    const children = Array.isArray(node) ? node : Object.values(node);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (typeof child === 'object' && child !== null) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/**
 * A tree copy of a value whose aliases share nodes: what `aws cloudformation package` deploys,
 * and what the resolver expects (each node in one place). Its size is bounded by the alias
 * limit, its depth was checked.
 */
function expandAliases(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(expandAliases);
  }
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    // Defined, not assigned: `__proto__` stays a plain key.
    Object.defineProperty(copy, key, {
      value: expandAliases(child),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/**
 * Reads a CloudFormation template's YAML into plain values, the short-form intrinsics in their
 * long form, with js-yaml (a 1 MB template in about 50 ms) and the schema of
 * {@link cloudFormationSchema}.
 *
 * What js-yaml would read otherwise than YAML 1.2, or accept where YAML does not, is refused
 * with a message naming the construct and its line (see the listener and the text checks);
 * readYaml.test.ts holds it to the `yaml` library, which follows the specification closely, on
 * real templates and thousands of mutations of them: a value readYaml returns is the value the
 * specification gives.
 *
 * Aliases and `<<` merge keys are expanded as `aws cloudformation package` does before
 * deployment (the service itself refuses aliases), within the alias limit. Duplicate keys,
 * unknown tags, several documents and nesting over the limit are errors.
 *
 * @throws {@link TemplateError}
 * @internal
 */
export function readYaml(text: string, limits: YamlLimits): unknown {
  const { maxAliases, maxDepth, where } = limits;
  const at = (position: number) => {
    if (position < 0) {
      return '';
    }
    const { line, column } = lineAndColumn(text, position);
    return ` (line ${line}, column ${column})`;
  };
  const refusal = (e: YamlRefusal) =>
    new TemplateError(e.code, `${where}${e.message}${at(e.position)}`);

  const constructs = findTextConstructs(text);
  const { listener, facts } = createNodeListener(text, {
    maxAliases,
    recordScalars: constructs.length > 0,
  });
  let value: unknown;
  try {
    value = load(text, {
      schema: cloudFormationSchema,
      listener,
      // A bound on js-yaml's recursion only: the limit is measured below, on the value.
      maxDepth: 2 * maxDepth + 2,
    } as Parameters<typeof load>[1]);
  } catch (e) {
    if (e instanceof YamlRefusal) {
      throw refusal(e);
    }
    if (e instanceof RangeError) {
      throw new TemplateError(
        'too-deep',
        `${where}nesting is deeper than the limit of ${maxDepth} levels`,
      );
    }
    if (e instanceof YAMLException) {
      throw yamlErrorToTemplateError(e, { text, where, maxDepth });
    }
    throw e;
  }
  try {
    refuseTextConstructs(constructs, insideScalarOf(text, facts.scalars));
  } catch (e) {
    throw e instanceof YamlRefusal ? refusal(e) : e;
  }
  if (facts.aliases.size === 0) {
    if (isTooDeep(value, maxDepth)) {
      throw new TemplateError(
        'too-deep',
        `${where}nesting is deeper than the limit of ${maxDepth} levels`,
      );
    }
    return value;
  }
  const problem = checkNesting(value, maxDepth);
  if (problem === 'cycle') {
    throw new TemplateError(
      'alias-limit',
      `${where}a YAML alias refers to a node that contains it, which would nest forever`,
    );
  }
  if (problem === 'too-deep') {
    throw new TemplateError(
      'too-deep',
      `${where}nesting is deeper than the limit of ${maxDepth} levels`,
    );
  }
  return expandAliases(value);
}
