import {
  AssessmentStatus,
  ControlDefinition,
  DisruptionStatus,
  DisruptionType,
  DrStatusValue,
  PartialRecoveryTarget,
  Policy,
  Severity,
} from './types';
import { Tier } from './annotations';
import { EvidenceKind } from './types';
import { DriftState } from './facts';

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
  /** Drift of the deployed stack; absent when the entity names no stack or it was not read. */
  drift?: DriftState;
  failing: Record<Severity, number>;
  evaluatedAt: string;
}

/** @public */
export interface AssessmentPage {
  items: AssessmentSummary[];
  /** Rows matching the filters; sent with a first page (a request without `cursor`). */
  totalCount: number;
  /** Pass it as `cursor` for the next page (keyset); absent on the last page. */
  nextCursor?: string;
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
  /** Drift of the deployed stack (entities with a stack that was read). */
  drift?: DriftState[];
  framework?: string[];
  /** Entities with this control in `controlStatus` (default: fail). */
  control?: string;
  controlStatus?: string[];
  search?: string;
}

/**
 * The fleet filters that take a list of values (`?status=fail&status=warn`), in one place
 * for the router, the client and the page's URL.
 *
 * @public
 */
export const FLEET_LIST_FILTER_KEYS = [
  'owner',
  'system',
  'domain',
  'kind',
  'status',
  'drStatus',
  'drift',
  'framework',
  'controlStatus',
] as const satisfies ReadonlyArray<keyof FleetFilter>;

/**
 * Every fleet filter: the list filters, `control` and `search`.
 *
 * @public
 */
export const FLEET_FILTER_KEYS = [
  ...FLEET_LIST_FILTER_KEYS,
  'control',
  'search',
] as const satisfies ReadonlyArray<keyof FleetFilter>;

/** @public */
export type FleetOrder = 'score' | 'name' | 'evaluatedAt';

/** @public */
export interface FleetPageRequest {
  limit: number;
  /** Rows to skip; costs a scan of them. Use `offset: 0` with `cursor`. */
  offset: number;
  orderBy?: FleetOrder;
  /** The previous page's `nextCursor`: the next page by keyset, without a total. */
  cursor?: string;
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

/**
 * One pending waiver in the tech leads' queue (`GET /v1/waivers/queue`): the waiver, the
 * entity's current assessment (undefined before its first one) and whether the caller may
 * decide it, with the reason when not.
 *
 * @public
 */
export interface WaiverQueueItem {
  waiver: Waiver;
  entity?: {
    status: AssessmentStatus;
    drStatus: DrStatusValue;
    score: number | null;
    evaluatedAt: string;
    owner?: string;
  };
  /** The control's title in the policy in force. */
  controlTitle?: string;
  decision: { allowed: boolean; reason?: string };
}

/**
 * Review state of one template version. `superseded`: the template changed before a
 * decision, or a newer version was approved after this one.
 *
 * @public
 */
export type TemplateReviewState =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'superseded';

/** One file a template version fetches (its skeleton), by content hash. @public */
export interface TemplateFileDigest {
  path: string;
  sha256: string;
  size: number;
}

/**
 * What the engine found in the output of a dry run of a template version with its default
 * inputs (`GET /v1/templates/...`).
 *
 * @public
 */
export interface TemplateConformanceReport {
  ranAt: string;
  /** `ok`: the dry run produced files that were checked; `error`: it could not run. */
  outcome: 'ok' | 'error';
  error?: string;
  /** The values the dry run used (defaults, then `examples`, then the first enum value). */
  values: Record<string, unknown>;
  steps: Array<{ id: string; name: string; status: string }>;
  files: number;
  status?: AssessmentStatus;
  counts?: {
    pass: number;
    fail: number;
    unknown: number;
    notApplicable: number;
  };
  /** Control results that are not pass, with the file they were found in. */
  findings: Array<{
    file: string;
    controlId: string;
    title: string;
    severity: Severity;
    status: string;
    message: string;
  }>;
  passed: Array<{ controlId: string; title: string; files: number }>;
}

/** @public */
export interface TemplateReviewEvent {
  action: 'detected' | 'approved' | 'rejected' | 'superseded';
  actor: string;
  comment?: string;
  at: string;
}

/** @public */
export interface TemplateVersionRecord {
  templateRef: string;
  version: string;
  state: TemplateReviewState;
  detectedAt: string;
  /** Who last changed the template's files (from git), when known. */
  lastEditor?: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  files: TemplateFileDigest[];
  report?: TemplateConformanceReport;
  events: TemplateReviewEvent[];
}

/** One template in the review list (`GET /v1/templates`). @public */
export interface TemplateReviewSummary {
  templateRef: string;
  title?: string;
  owner?: string;
  /** The version in the catalog now; undefined when it could not be computed. */
  currentVersion?: string;
  currentState?: TemplateReviewState;
  /** Why the current version could not be computed (unreadable skeleton, path escape...). */
  error?: string;
  latestApproved?: { version: string; decidedBy?: string; decidedAt?: string };
  reportStatus?: AssessmentStatus;
  failing?: number;
  /** The groups whose members may approve this template (entity refs): the tech leads. */
  approvers?: string[];
}

/** A file that differs between the last approved version and the current one. @public */
export interface TemplateFileDiff {
  path: string;
  change: 'added' | 'removed' | 'modified';
  /** Unified diff; absent for binary or oversized files. */
  patch?: string;
}

/** `GET /v1/templates/:namespace/:name`. @public */
export interface TemplateReviewDetail extends TemplateReviewSummary {
  versions: TemplateVersionRecord[];
  /** Current version against the last approved one (everything "added" when none was approved). */
  diff: TemplateFileDiff[];
  /** Whether the caller may approve or reject the current version, and if not, why. */
  canDecide: { allowed: boolean; reason?: string };
}

/**
 * Whether an entity's `refarch.dev/template` version is the latest approved one
 * (`GET /v1/template-freshness?stamp=`).
 *
 * @public
 */
export interface TemplateFreshness {
  templateRef: string;
  version: string;
  /** current: the latest approved; outdated: an older approved or superseded one; unknown: never seen. */
  state: 'current' | 'outdated' | 'unapproved' | 'unknown';
  latestApproved?: string;
}

/** The scaffolder's question before it runs a task (`POST /v1/template-run-checks`). @public */
export interface TemplateRunCheck {
  allowed: boolean;
  templateRef: string;
  version?: string;
  state?: TemplateReviewState | 'unknown';
  message: string;
}

/**
 * One cell of the fleet DR matrix: a System's stored estimate for one disruption type.
 *
 * @public
 */
export interface DrMatrixCell {
  disruption: DisruptionType;
  status: DisruptionStatus;
  /** The target judged against (seconds); absent when neither the documents nor a tier set one. */
  target?: PartialRecoveryTarget;
  /** Where the target comes from, e.g. `document 004 §8.1` or `policy default (critical tier)`. */
  targetSource?: string;
  /** What the documents declare (seconds). */
  declared: PartialRecoveryTarget;
  /** Seconds; `null` means not recoverable. Absent while a component's recovery is unknown. */
  achievable?: { rpo: number | null; rto: number | null };
  reason: string;
}

/**
 * One System of the fleet DR matrix, as its last stored assessment saw it.
 *
 * @public
 */
export interface DrMatrixRow {
  entityRef: string;
  namespace: string;
  name: string;
  owner?: string;
  tier?: Tier;
  /** A tier the catalog only assumes (`refarch.dev/tier: "assumed: …"`); not used to judge. */
  tierAssumption?: string;
  drStatus: DrStatusValue;
  /** Why, in short: e.g. why a System with nothing to recover has no estimate at all. */
  reasons: string[];
  /**
   * One per disruption type the assessment estimated, in `DISRUPTION_TYPES` order; none when
   * nothing of the System holds data or serves traffic (`drStatus` not-applicable).
   */
  disruptions: DrMatrixCell[];
  evaluatedAt: string;
}

/**
 * The fleet DR matrix (`GET /v1/dr/matrix`): Systems × disruption types, worst first.
 *
 * @public
 */
export interface DrMatrix {
  /** The columns. */
  disruptions: DisruptionType[];
  items: DrMatrixRow[];
  /** Owners of every System the caller may read (whatever the filter), for the owner filter. */
  owners: string[];
}

/** `none`: Systems without a tier. @public */
export type DrMatrixTier = Tier | 'none';

/** Filters of the DR matrix; list values are ORed, the two filters ANDed. @public */
export interface DrMatrixFilter {
  owner?: string[];
  tier?: DrMatrixTier[];
}
