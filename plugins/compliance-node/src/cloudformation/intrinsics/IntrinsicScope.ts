import type { CloudFormationTemplate } from '../parseTemplate';
import type { PseudoParameters } from '../pseudoParameter';
import type { Unknown } from '../Unknown';
import type { WorkBudget } from '../WorkBudget';

/**
 * What an intrinsic function reads from the template it is resolved in: the
 * `TemplateScope` holds this state (parameters, memoized conditions, nested stacks) and
 * dispatches each `Ref`/`Fn::*` to its function in this folder.
 *
 * @internal
 */
export interface IntrinsicScope {
  readonly parameters: Map<string, unknown>;
  /** Prepended to logical ids: '' for the root, 'Parent/' in a nested stack. */
  readonly prefix: string;
  readonly pseudo: PseudoParameters;
  readonly mappings: CloudFormationTemplate['Mappings'];
  /** Shared by the root and its nested stacks: the work is counted across the whole template. */
  readonly budget: WorkBudget;
  resolve(value: unknown, depth: number): unknown;
  condition(name: string): boolean | Unknown;
  hasResource(id: string): boolean;
  declaredResource(id: string): Record<string, unknown> | undefined;
  nestedScope(id: string): IntrinsicScope | undefined;
  /** The value of one of this template's Outputs, for `GetAtt Stack.Outputs.Name` in the parent. */
  output(name: string): unknown;
}
