import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  Assessment,
  DeployedStack,
  RollUp,
} from '@refarch/backstage-plugin-compliance-common';
import {
  AssessmentPage,
  ControlAggregate,
  DrMatrix,
  DrMatrixFilter,
  EvidenceInput,
  EvidenceRecord,
  FleetFilter,
  FleetPageRequest,
  GroupAggregate,
  GroupBy,
  HistoryEntry,
  PolicyDocument,
  Waiver,
  WaiverDecision,
  WaiverQueueItem,
  WaiverRequest,
  WaiverStatus,
  TemplateFreshness,
  TemplateReviewDetail,
  TemplateReviewSummary,
} from './types';

/**
 * The compliance backend (`plugins/compliance-backend/src/schema/openapi.yaml`).
 * Entity refs are full refs such as `component:default/checkout`.
 *
 * @public
 */
export interface ComplianceApi {
  /** The latest assessment, or undefined when the entity has not been assessed yet. */
  getAssessment(entityRef: string): Promise<Assessment | undefined>;
  /**
   * The roll-up of a System, Domain or Group (the worst of it and its parts), or undefined
   * when it has none yet.
   */
  getRollUp(entityRef: string): Promise<RollUp | undefined>;
  /**
   * The entity's deployed CloudFormation stack as last read (status, health, drift), or
   * undefined when none is on record or live stack reading is off.
   */
  getDeployedStack(entityRef: string): Promise<DeployedStack | undefined>;
  /** Status changes, newest first. */
  getHistory(entityRef: string): Promise<HistoryEntry[]>;
  /** Changes of the roll-up of a System, Domain or Group, newest first (its trend). */
  getRollUpHistory(entityRef: string): Promise<HistoryEntry[]>;
  /** Evidence records, newest first. */
  listEvidence(entityRef: string): Promise<EvidenceRecord[]>;
  recordEvidence(
    entityRef: string,
    input: EvidenceInput,
  ): Promise<EvidenceRecord>;
  listAssessments(
    filter: FleetFilter,
    page: FleetPageRequest,
  ): Promise<AssessmentPage>;
  getAggregates(
    groupBy: GroupBy,
    filter?: FleetFilter,
  ): Promise<GroupAggregate[]>;
  getControlAggregates(filter?: FleetFilter): Promise<ControlAggregate[]>;
  getPolicy(): Promise<PolicyDocument>;
  /**
   * Every assessed System the caller may read, with its stored RPO/RTO estimate per
   * disruption type; worst first.
   */
  getDrMatrix(filter?: DrMatrixFilter): Promise<DrMatrix>;
  listWaivers(query: {
    entityRef?: string;
    status?: WaiverStatus[];
  }): Promise<Waiver[]>;
  /** Pending waivers the caller may read, newest first, with the entity's status and whether they may decide each. */
  listWaiverQueue(): Promise<WaiverQueueItem[]>;
  requestWaiver(request: WaiverRequest): Promise<Waiver>;
  decideWaiver(
    id: string,
    decision: WaiverDecision,
    comment?: string,
  ): Promise<Waiver>;
  /** Templates with their current version and review state; the review queue first. */
  listTemplateReviews(): Promise<TemplateReviewSummary[]>;
  getTemplateReview(templateRef: string): Promise<TemplateReviewDetail>;
  decideTemplateVersion(
    templateRef: string,
    version: string,
    decision: 'approve' | 'reject',
    comment?: string,
  ): Promise<TemplateReviewDetail>;
  /** Whether an entity's `refarch.dev/template` stamp is the latest approved version. */
  getTemplateFreshness(stamp: string): Promise<TemplateFreshness>;
}

/** @public */
export const complianceApiRef = createApiRef<ComplianceApi>().with({
  id: 'plugin.compliance.api',
  pluginId: 'compliance',
});
