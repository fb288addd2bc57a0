import {
  Document,
  LineCounter,
  Node,
  YAMLError,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
} from 'yaml';
import { TemplateError } from '../../TemplateError';
import { cloudFormationTags } from './oracleTags';

/** @internal */
export interface YamlLimits {
  maxAliases: number;
  where: string;
}

const UNRESOLVED_TAG = /^Unresolved tag: (\S+)/;

function readableTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:')
    ? `!!${tag.slice('tag:yaml.org,2002:'.length)}`
    : tag;
}

/** The first line of the library's message: it carries the position, the rest is a source excerpt. */
function firstLine(e: YAMLError): string {
  return e.message.split('\n')[0].replace(/:$/, '');
}

function throwParseProblems(doc: Document.Parsed, where: string): void {
  const exhausted = doc.errors.find(e => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    // The library catches its own stack overflow on absurd nesting.
    throw new TemplateError(
      'too-deep',
      `${where}nesting is too deep to parse (${firstLine(exhausted)})`,
    );
  }
  if (doc.errors.some(e => e.code === 'MULTIPLE_DOCS')) {
    throw new TemplateError(
      'not-cloudformation',
      `${where}not a CloudFormation template: found a stream of several YAML documents, a template is a single one`,
    );
  }
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const tag =
      problem.code === 'TAG_RESOLVE_FAILED' &&
      UNRESOLVED_TAG.exec(problem.message);
    if (tag) {
      throw new TemplateError(
        'unknown-tag',
        `${where}unknown YAML tag ${readableTag(
          tag[1],
        )}: only CloudFormation's short-form intrinsics (!Ref, !Sub, !GetAtt…) are allowed (${firstLine(
          problem,
        )})`,
      );
    }
  }
  const error =
    doc.errors[0] ?? doc.warnings.find(w => w.code === 'BAD_COLLECTION_TYPE');
  if (error) {
    throw new TemplateError(
      'syntax',
      `${where}invalid YAML: ${firstLine(error)}`,
    );
  }
}

/**
 * Walks the node tree without recursion: duplicate keys and the number of
 * aliases. The library's own `uniqueKeys` check is quadratic in the size of a
 * mapping, and resolving many aliases is quadratic too, so both are bounded
 * here before converting to plain values.
 */
function checkNodes(
  doc: Document.Parsed,
  lines: LineCounter,
  limits: YamlLimits,
): void {
  const { where, maxAliases } = limits;
  let aliases = 0;
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isAlias(node)) {
      aliases++;
      if (aliases > maxAliases) {
        throw new TemplateError(
          'alias-limit',
          `${where}more than ${maxAliases} YAML aliases (the limit); a template this repetitive is likely an attack`,
        );
      }
    } else if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          const name = String(key.value);
          if (seen.has(name)) {
            const at = key.range
              ? ` at line ${lines.linePos(key.range[0]).line}`
              : '';
            throw new TemplateError(
              'syntax',
              `${where}duplicate key "${name}"${at}`,
            );
          }
          seen.add(name);
        } else if (key !== null && !isAlias(key)) {
          const at = (key as Node).range
            ? ` at line ${lines.linePos((key as Node).range![0]).line}`
            : '';
          throw new TemplateError(
            'syntax',
            `${where}a mapping key${at} is not a plain value`,
          );
        }
        pending.push(key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        pending.push(isPair(item) ? item.value : item);
      }
    }
  }
}

/**
 * The reference the tests hold readYaml to: the `yaml` library, which follows the YAML 1.2
 * specification closely, reading CloudFormation YAML into plain values with the short-form
 * intrinsics turned into their long form. It was the careful half of two readers; it is too
 * slow to be the product's (a 1 MB template: ~500 ms against readYaml's ~50 ms), so it only
 * serves to find where js-yaml reads a text differently.
 *
 * Aliases and `<<` merge keys are expanded as `aws cloudformation package`
 * does before deployment (the service itself refuses aliases), within the
 * alias limit. The YAML 1.2 core schema is used: `yes`/`no` stay strings.
 *
 * @internal
 */
export function yamlOracle(text: string, limits: YamlLimits): unknown {
  const { where, maxAliases } = limits;
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      customTags: cloudFormationTags,
      lineCounter: lines,
      merge: true,
      resolveKnownTags: false,
      // Fixed, so that a `%YAML 1.1` directive cannot turn `Y:` into `true:` or 1:20 into 80.
      schema: 'core',
      // Checked linearly in checkNodes: the library's check is quadratic.
      uniqueKeys: false,
    });
  } catch (e) {
    if (e instanceof RangeError) {
      throw new TemplateError(
        'too-deep',
        `${where}nesting is too deep to parse`,
      );
    }
    throw new TemplateError(
      'syntax',
      `${where}invalid YAML: ${(e as Error).message}`,
    );
  }
  throwParseProblems(doc, where);
  checkNodes(doc, lines, limits);
  try {
    return doc.toJS({ maxAliasCount: maxAliases });
  } catch (e) {
    if (e instanceof RangeError) {
      throw new TemplateError(
        'too-deep',
        `${where}nesting is too deep to parse`,
      );
    }
    const message = (e as Error).message;
    if (e instanceof ReferenceError && /Excessive alias count/.test(message)) {
      throw new TemplateError(
        'alias-limit',
        `${where}YAML aliases expand beyond the limit of ${maxAliases} (a "billion laughs" attack?)`,
      );
    }
    throw new TemplateError('syntax', `${where}invalid YAML: ${message}`);
  }
}
