import { assertCloudFormation } from './assertCloudFormation';
import { expandForEach } from './expandForEach';
import { scanJson } from './scanJson';
import { TemplateError } from './TemplateError';
import { readYaml } from './yaml/readYaml';

/**
 * Limits on what {@link parseTemplate} accepts. Templates come from
 * repositories anyone can push to: every limit is a defence against a hostile
 * file, not a CloudFormation rule.
 *
 * @public
 */
export interface ParseOptions {
  /** Largest accepted input, in bytes. Default 5 MiB (CloudFormation's own limit is 1 MB). */
  maxBytes?: number;
  /** Most YAML aliases accepted, and the bound on their expansion. Default 100. */
  maxAliases?: number;
  /** Deepest accepted nesting of mappings and lists, the root being level 1. Default 64. */
  maxDepth?: number;
  /** Named in error messages. */
  fileName?: string;
}

/**
 * A parameter declaration.
 *
 * @public
 */
export interface CloudFormationParameter {
  Type?: string;
  Default?: unknown;
  NoEcho?: boolean | string;
  AllowedValues?: unknown[];
}

/**
 * A resource declaration, before resolution.
 *
 * @public
 */
export interface CloudFormationResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: unknown;
  Metadata?: unknown;
}

/**
 * A CloudFormation template as written, intrinsics in their long form.
 *
 * @public
 */
export interface CloudFormationTemplate {
  AWSTemplateFormatVersion?: string;
  Parameters?: Record<string, CloudFormationParameter>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Resources: Record<string, CloudFormationResource>;
  Outputs?: Record<string, unknown>;
}

/**
 * A template that passed {@link parseTemplate}.
 *
 * @public
 */
export interface ParsedTemplate {
  format: 'yaml' | 'json';
  template: CloudFormationTemplate;
}

const MIB = 1024 * 1024;

function byteLength(text: string | Buffer, maxBytes: number): number {
  if (typeof text !== 'string') {
    return text.length;
  }
  // UTF-8 takes at least one byte per UTF-16 unit and at most three, so
  // measuring exactly is only needed near the limit.
  if (text.length > maxBytes || text.length * 3 <= maxBytes) {
    return text.length;
  }
  return Buffer.byteLength(text, 'utf8');
}

function parseJson(text: string, maxDepth: number, where: string): unknown {
  const scan = scanJson(text, maxDepth);
  if (scan.tooDeep) {
    throw new TemplateError(
      'too-deep',
      `${where}nesting is deeper than the limit of ${maxDepth} levels`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // V8 quotes the offending text, newlines included: keep the message on one line.
    const message = (e as Error).message.replace(/\s+/g, ' ');
    const position = /at position (\d+)/.exec(message);
    const line =
      position && !/line \d+/.test(message)
        ? ` (line ${text.slice(0, Number(position[1])).split('\n').length})`
        : '';
    throw new TemplateError(
      'syntax',
      `${where}invalid JSON: ${message}${line}`,
    );
  }
  if (scan.duplicateKey) {
    const { key, line } = scan.duplicateKey;
    throw new TemplateError(
      'syntax',
      `${where}duplicate key "${key}" at line ${line}`,
    );
  }
  return value;
}

/**
 * Parses a CloudFormation template, YAML (with the short-form intrinsics
 * `!Ref`, `!Sub`…) or JSON, and checks that it is one.
 *
 * Hostile input is rejected early and in bounded time: size before anything
 * else, then alias bombs, nesting and unknown YAML tags (which other tools
 * might turn into objects or code).
 *
 * @throws {@link TemplateError}
 * @public
 */
export function parseTemplate(
  text: string | Buffer,
  options: ParseOptions = {},
): ParsedTemplate {
  const {
    maxBytes = 5 * MIB,
    maxAliases = 100,
    maxDepth = 64,
    fileName,
  } = options;
  const where = fileName ? `${fileName}: ` : '';

  const size = byteLength(text, maxBytes);
  if (size > maxBytes) {
    throw new TemplateError(
      'too-large',
      `${where}the template is ${size} bytes, over the limit of ${maxBytes} bytes`,
    );
  }
  const source = (
    typeof text === 'string' ? text : text.toString('utf8')
  ).replace(/^\uFEFF/, '');

  const isJson = /^\s*\{/.test(source);
  let value: unknown;
  if (isJson) {
    value = parseJson(source, maxDepth, where);
  } else {
    value = readYaml(source, { maxAliases, maxDepth, where });
  }
  assertCloudFormation(value, where);
  const template = value as CloudFormationTemplate;
  // Loops over literal lists are expanded here; the others are left to the resolver, which names them.
  const resources = expandForEach(template.Resources, where);
  return {
    format: isJson ? 'json' : 'yaml',
    template:
      resources === template.Resources
        ? template
        : ({ ...template, Resources: resources } as CloudFormationTemplate),
  };
}
