import {
  ComplianceAnnotations,
  ComponentClass,
  ControlDefinition,
  ControlStatus,
  Fact,
  FactId,
  Policy,
  ResourceLocation,
} from '@refarch/backstage-plugin-compliance-common';
import type { ResolvedResource, ResolvedTemplate } from '../cloudformation';

/** One finding of a control: a status with its reason and where it was found. @public */
export interface CheckOutcome {
  status: Exclude<ControlStatus, 'waived' | 'not-applicable'>;
  message: string;
  resources?: ResourceLocation[];
  facts?: Fact[];
  /**
   * Logical ids of other resources the outcome relies on existing (e.g. the bucket policy
   * that makes a bucket pass). Like `resources`, a resource whose Condition cannot be
   * decided makes the outcome unknown; unlike them, they are not reported.
   */
  dependsOn?: string[];
  /**
   * Facts a declared check found missing. The evaluator adds the platform's alternative
   * (a CloudFormation template on AWS) to the message, so the hint fits the entity.
   */
  missingFacts?: FactId[];
}

/** What a control sees of the entity it checks. @public */
export interface EntityContext {
  ref: string;
  kind: string;
  componentClass?: ComponentClass;
  annotations: ComplianceAnnotations;
  /** The entity's own name, used by controls that depend on what a resource holds. */
  name: string;
}

/** @public */
export interface CfnContext {
  template: ResolvedTemplate;
  /** Resources of the types the control inspects. */
  resources: ResolvedResource[];
  params: ControlDefinition['params'];
  policy: Policy;
  entity: EntityContext;
  /** The evaluation time (`EvaluationInput.now`), for controls judged against published dates. */
  now: Date;
}

/** @public */
export interface DeclaredContext {
  facts: FactLookup;
  params: ControlDefinition['params'];
  policy: Policy;
  entity: EntityContext;
}

/** Facts by id: the most trustworthy value per id (live over iac over declared). @public */
export type FactLookup = ReadonlyMap<FactId, Fact>;

/**
 * The code of a control. The metadata (title, severity, thresholds…) is policy data in the
 * family's `*.meta.ts` beside it, gathered by `policy/defaultControls.ts`; this is how the
 * control decides.
 *
 * @public
 */
export interface ControlImplementation {
  id: string;
  /** CloudFormation form: one or more outcomes for the inspected resources. */
  cfn?: (ctx: CfnContext) => CheckOutcome[];
  /** Declared-fact form, for components with no machine-readable IaC. */
  declared?: (ctx: DeclaredContext) => CheckOutcome;
  /** Entity-level form (e.g. data residency), evaluated for every entity. Undefined: not applicable. */
  entity?: (ctx: DeclaredContext) => CheckOutcome | undefined;
}
