import type { ParsedTemplate } from './parseTemplate';
import { TemplateScope } from './TemplateScope';
import type { Unknown } from './Unknown';
import { WorkBudget, WorkLimits } from './WorkBudget';

export { getPath } from './getPath';

/**
 * What is known about the deployment a template is resolved for.
 *
 * @public
 */
export interface ResolveOptions {
  /** Parameter values; they win over the template's defaults. */
  parameters?: Record<string, string>;
  /** AWS::Region; unknown when not given. */
  region?: string;
  /** AWS::AccountId; unknown when not given. */
  accountId?: string;
  /** AWS::StackName; unknown when not given. */
  stackName?: string;
  /** AWS::Partition; derived from the region when not given. */
  partition?: string;
  /**
   * Loads a nested stack template referenced by a relative TemplateURL;
   * returns undefined when not found. Must be given for nested stacks to be
   * followed. It receives the path relative to the root template's directory,
   * normalized (a nested template's own relative URLs are resolved against
   * its directory first), and may throw a TemplateError (e.g. 'path-escape').
   */
  loadNested?: (templateUrl: string) => ParsedTemplate | undefined;
  /** How many levels of nested stacks are followed. Default 5. */
  maxNestedDepth?: number;
  /** Bounds on the work of resolving intrinsics, counted across the template and its nested stacks. */
  limits?: WorkLimits;
}

/**
 * A resource with its properties resolved.
 *
 * @public
 */
export interface ResolvedResource {
  /** For nested stacks: "ParentLogicalId/ChildLogicalId". */
  logicalId: string;
  type: string;
  /** Fully resolved: literals, Unknown instances, ResourceReference instances, arrays/objects thereof. */
  properties: Record<string, unknown>;
  /** true, or an Unknown when the resource's Condition cannot be decided (resources whose Condition is false are left out). */
  included: true | Unknown;
  deletionPolicy?: string;
  updateReplacePolicy?: string;
  /** The template this resource came from ("root" or the nested TemplateURL). */
  source: string;
}

/**
 * A template as it would be deployed, as far as it can be known statically.
 *
 * @public
 */
export interface ResolvedTemplate {
  resources: ResolvedResource[];
  /** Resolved parameter values (Unknown when no default and not supplied). */
  parameters: Record<string, unknown>;
  /** Names of parameters with NoEcho true. */
  noEchoParameters: string[];
  conditions: Record<string, boolean | Unknown>;
  /** E.g. nested template not found, unsupported intrinsic. */
  warnings: string[];
}

/**
 * Resolves a parsed template: parameters, conditions and intrinsic functions
 * are evaluated, resources whose condition is false are left out, and nested
 * stacks with a relative TemplateURL are followed.
 *
 * What cannot be resolved statically becomes an {@link Unknown} — never a
 * guess — so that controls report it as unknown rather than pass or fail.
 *
 * @throws {@link TemplateError} with code 'work-limit' when the intrinsics
 *   expand past {@link ResolveOptions.limits}, naming where.
 * @public
 */
export function resolveTemplate(
  parsed: ParsedTemplate,
  options: ResolveOptions = {},
): ResolvedTemplate {
  const warnings = new Set<string>();
  const budget = new WorkBudget(options.limits);
  const scope = new TemplateScope({
    template: parsed.template,
    prefix: '',
    source: 'root',
    directory: '',
    supplied: options.parameters ?? {},
    pseudo: {
      region: options.region,
      accountId: options.accountId,
      stackName: options.stackName,
      partition: options.partition,
    },
    loadNested: options.loadNested,
    maxNestedDepth: options.maxNestedDepth ?? 5,
    chain: [],
    warnings,
    budget,
  });
  const conditions = scope.conditionValues();
  const resources: ResolvedTemplate['resources'] = [];
  scope.collectResources(resources);
  return {
    resources,
    parameters: Object.fromEntries(scope.parameters),
    noEchoParameters: scope.noEchoParameters,
    conditions,
    warnings: budget.droppedWarnings
      ? [...warnings, `and ${budget.droppedWarnings} more warnings`]
      : [...warnings],
  };
}
