import type { ParsedTemplate, CloudFormationTemplate } from './parseTemplate';
import type { PseudoParameters } from './pseudoParameter';
import type { Unknown } from './Unknown';
import type { WorkBudget } from './WorkBudget';

/** @internal */
export interface ScopeOptions {
  template: CloudFormationTemplate;
  /** Prepended to logical ids: '' for the root, 'Parent/' in a nested stack. */
  prefix: string;
  /** 'root', or the path of a nested template. */
  source: string;
  /** Directory against which relative nested TemplateURLs are resolved. */
  directory: string;
  /** Parameter values given from outside; an Unknown when the parent's Parameters cannot be resolved. */
  supplied: Record<string, unknown> | Unknown;
  pseudo: PseudoParameters;
  loadNested?: (templateUrl: string) => ParsedTemplate | undefined;
  maxNestedDepth: number;
  /** Paths of the templates from the root down to this one, to detect inclusion cycles. */
  chain: string[];
  warnings: Set<string>;
  /** Shared by the root and its nested stacks: the work is counted across the whole template. */
  budget: WorkBudget;
}
