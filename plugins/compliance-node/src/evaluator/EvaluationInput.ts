import { Fact } from '@refarch/backstage-plugin-compliance-common';
import { ResolvedTemplate } from '../cloudformation';
import { DrComponent } from '../dr/drComponents';
import { EvidenceInput } from '../dr/estimateDr';

/** An approved waiver, as the evaluator needs it. @public */
export interface WaiverInput {
  id: string;
  controlId: string;
  justification: string;
  expiresAt: string;
  approvedBy?: string;
}

/**
 * Everything an assessment depends on. The evaluator is pure: the same input and policy
 * give the same assessment, and {@link computeInputHash} identifies the input.
 *
 * @public
 */
export interface EvaluationInput {
  entity: {
    ref: string;
    kind: string;
    name: string;
    /** `spec.type` of the entity. */
    type?: string;
    annotations: Record<string, string>;
  };
  /** The entity's CloudFormation, analysed; or why it could not be. */
  iac?:
    | { template: ResolvedTemplate; source: string; contentHash: string }
    | { error: string; source: string };
  /** Facts observed on a deployed stack (override IaC and declared values). */
  liveFacts?: Fact[];
  evidence: EvidenceInput[];
  /** Approved waivers for this entity (expired ones included; the evaluator checks expiry). */
  waivers: WaiverInput[];
  /** What the entity depends on (or, for a system, its parts), with their declared facts. */
  dependencies: DrComponent[];
  now: Date;
}
