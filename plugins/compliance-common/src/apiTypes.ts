import { AssessmentStatus, ControlDefinition, DrStatusValue, Policy, Severity } from './types';
import { EvidenceKind } from './types';

// The shapes of the compliance REST API (plugins/compliance-backend/src/schema/openapi.yaml),
// shared by the backend that produces them and the frontend that reads them.

/**
 * One row of the fleet overview (`GET /v1/assessments`).
 *
 * @public
 */
export interface AssessmentSummary {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  type?: string;
  owner?: string;
  system?: string;
  domain?: string;
  templateVersion?: string;
  status: AssessmentStatus;
  score: number | null;
  drStatus: DrStatusValue;
  failing: Record<Severity, number>;
  evaluatedAt: string;
}

/** @public */
export interface AssessmentPage {
  items: AssessmentSummary[];
  totalCount: number;
}

/**
 * Fleet filters; list values are ORed, different filters ANDed.
 *
 * @public
 */
export interface FleetFilter {
  owner?: string[];
  system?: string[];
  domain?: string[];
  kind?: string[];
  status?: string[];
  drStatus?: string[];
  framework?: string[];
  /** Entities with this control in `controlStatus` (default: fail). */
  control?: string;
  controlStatus?: string[];
  search?: string;
}

/** @public */
export type FleetOrder = 'score' | 'name' | 'evaluatedAt';

/** @public */
export interface FleetPageRequest {
  limit: number;
  offset: number;
  orderBy?: FleetOrder;
}

/** @public */
export type GroupBy = 'owner' | 'system' | 'domain' | 'kind';

/** @public */
export interface GroupAggregate {
  key: string;
  total: number;
  pass: number;
  fail: number;
  warn: number;
  unknown: number;
  other: number;
  drBreached: number;
  drAtRisk: number;
  averageScore: number | null;
}

/** @public */
export interface ControlAggregate {
  controlId: string;
  pass: number;
  fail: number;
  waived: number;
  unknown: number;
  warn: number;
}

/** @public */
export type PolicyControl = ControlDefinition & {
  counts: ControlAggregate | null;
};

/**
 * The policy in force as `GET /v1/policy` returns it: controls carry fleet counts.
 *
 * @public
 */
export type PolicyDocument = Omit<Policy, 'controls'> & {
  controls: PolicyControl[];
};

/** @public */
export interface HistoryEntry {
  status: string;
  previousStatus?: string;
  score: number | null;
  drStatus: string;
  changedAt: string;
}

/** @public */
export interface EvidenceInput {
  kind: EvidenceKind;
  /** ISO timestamp. */
  performedAt: string;
  result: 'pass' | 'fail';
  summary: string;
  link?: string;
}

/** @public */
export interface EvidenceRecord extends EvidenceInput {
  id: string;
  entityRef: string;
  recordedBy: string;
  recordedAt: string;
}

/** @public */
export type WaiverStatus = 'pending' | 'approved' | 'rejected' | 'revoked';

/** @public */
export type WaiverDecision = 'approve' | 'reject' | 'revoke';

/** @public */
export interface WaiverRequest {
  entityRef: string;
  controlId: string;
  justification: string;
  /** ISO timestamp. */
  expiresAt: string;
}

/** @public */
export interface Waiver extends WaiverRequest {
  id: string;
  status: WaiverStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  /** Approved and past its expiry. */
  expired: boolean;
}
