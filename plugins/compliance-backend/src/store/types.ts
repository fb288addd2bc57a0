import { Assessment, EvidenceKind } from '@refarch/backstage-plugin-compliance-common';

/** Catalog facts stored beside an assessment, for filtering and grouping in SQL. @public */
export interface AssessedEntityMeta {
  kind: string;
  namespace: string;
  name: string;
  type?: string;
  owner?: string;
  system?: string;
  domain?: string;
  templateVersion?: string;
}

/** @public */
export interface AssessmentSummary extends AssessedEntityMeta {
  entityRef: string;
  status: Assessment['status'];
  score: number | null;
  drStatus: Assessment['dr']['status'];
  failing: Assessment['failing'];
  evaluatedAt: string;
}

/** @public */
export interface FleetFilter {
  owner?: string[];
  system?: string[];
  domain?: string[];
  kind?: string[];
  status?: string[];
  drStatus?: string[];
  framework?: string[];
  /** Entities with this control in the given `controlStatus` (default: fail). */
  control?: string;
  controlStatus?: string[];
  search?: string;
}

/** @public */
export interface StatusChange {
  entityRef: string;
  previous?: { status: string; drStatus: string; score: number | null };
  next: { status: string; drStatus: string; score: number | null };
  owner?: string;
}

/** @public */
export interface EvidenceRecord {
  id: string;
  entityRef: string;
  kind: EvidenceKind;
  performedAt: string;
  result: 'pass' | 'fail';
  summary: string;
  link?: string;
  recordedBy: string;
  recordedAt: string;
}

/** @public */
export type WaiverState = 'pending' | 'approved' | 'rejected' | 'revoked';

/** @public */
export interface WaiverRecord {
  id: string;
  entityRef: string;
  controlId: string;
  justification: string;
  expiresAt: string;
  status: WaiverState;
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  /** Derived: approved and past its expiry. */
  expired: boolean;
}

/** @public */
export interface HistoryEntry {
  status: string;
  previousStatus?: string;
  score: number | null;
  drStatus: string;
  changedAt: string;
}

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
