import {
  AssessmentSummary as ApiAssessmentSummary,
  Waiver,
  WaiverStatus,
} from '@refarch/backstage-plugin-compliance-common';

export type {
  ControlAggregate,
  EvidenceRecord,
  FleetFilter,
  GroupAggregate,
  HistoryEntry,
} from '@refarch/backstage-plugin-compliance-common';

/** Catalog facts stored beside an assessment, for filtering and grouping in SQL. @public */
export type AssessedEntityMeta = Pick<
  ApiAssessmentSummary,
  | 'kind'
  | 'namespace'
  | 'name'
  | 'type'
  | 'owner'
  | 'system'
  | 'domain'
  | 'templateVersion'
>;

/** @public */
export type AssessmentSummary = ApiAssessmentSummary;

/** @public */
export type WaiverState = WaiverStatus;

/** @public */
export type WaiverRecord = Waiver;

/** @public */
export interface StatusChange {
  entityRef: string;
  previous?: { status: string; drStatus: string; score: number | null };
  next: { status: string; drStatus: string; score: number | null };
  owner?: string;
}
