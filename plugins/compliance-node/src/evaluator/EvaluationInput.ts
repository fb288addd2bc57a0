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

/** An analysed CloudFormation template and where and when it was read. @public */
export interface TemplateInput {
  template: ResolvedTemplate;
  /** The file or URL, or the stack ARN for a deployed template. */
  source: string;
  contentHash: string;
  /** `live` when this is the deployed stack's template; `iac` (the default) for the repository's. */
  provenance?: 'iac' | 'live';
  /** When it was read (ISO timestamp); the evaluation time when not given. */
  observedAt?: string;
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
  /** The CloudFormation the controls judge, analysed; or why it could not be. */
  iac?: TemplateInput | { error: string; source: string };
  /**
   * The repository's template, when `iac` is the deployed stack's (live wins for the
   * verdict): judged as well, only to show where the two disagree.
   */
  repositoryIac?: TemplateInput;
  /** Facts observed on a deployed stack (override IaC and declared values). */
  liveFacts?: Fact[];
  evidence: EvidenceInput[];
  /** Approved waivers for this entity (expired ones included; the evaluator checks expiry). */
  waivers: WaiverInput[];
  /** What the entity depends on (or, for a system, its parts), with their declared facts. */
  dependencies: DrComponent[];
  now: Date;
}
