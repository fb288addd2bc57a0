import { DriftState } from './facts';
import { Tier } from './annotations';
import { components, paths } from './generated/openapi';

// The shapes of the compliance REST API, generated from plugins/compliance-backend/src/schema/
// openapi.yaml (src/generated/openapi.ts) and named here, shared by the backend that produces
// them, the typed client and the frontend that reads them. What only a caller uses (filters,
// paging requests) is written by hand below.

type Schemas = components['schemas'];

/**
 * One row of the fleet overview (`GET /v1/assessments`).
 *
 * @public
 */
export type AssessmentSummary = Schemas['AssessmentSummary'];

/**
 * A page of the fleet: `totalCount` comes with a first page (a request without `cursor`);
 * `nextCursor`, passed as `cursor`, gives the next page (keyset), absent on the last page.
 *
 * @public
 */
export type AssessmentPage =
  paths['/v1/assessments']['get']['responses'][200]['content']['application/json'];

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

/** One fleet filter's name (a query parameter of `/v1/assessments` and `/v1/aggregates`). @public */
export type FleetFilterKey = (typeof FLEET_FILTER_KEYS)[number];

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
export type GroupAggregate = Schemas['GroupAggregate'];

/** @public */
export type ControlAggregate = Schemas['ControlAggregate'];

/** A control of the policy with its fleet counts. @public */
export type PolicyControl = Schemas['PolicyControl'];

/**
 * The policy in force as `GET /v1/policy` returns it: controls carry fleet counts.
 *
 * @public
 */
export type PolicyDocument = Schemas['PolicyDocument'];

/** @public */
export type HistoryEntry = Schemas['HistoryEntry'];

/** @public */
export type EvidenceInput = Schemas['EvidenceInput'];

/** @public */
export type EvidenceRecord = Schemas['Evidence'];

/** @public */
export type WaiverStatus = Schemas['WaiverStatus'];

/** @public */
export type WaiverDecision = 'approve' | 'reject' | 'revoke';

/** @public */
export type WaiverRequest = Schemas['WaiverInput'];

/** @public */
export type Waiver = Schemas['Waiver'];

/**
 * One pending waiver in the tech leads' queue (`GET /v1/waivers/queue`): the waiver, the
 * entity's current assessment (undefined before its first one) and whether the caller may
 * decide it, with the reason when not.
 *
 * @public
 */
export type WaiverQueueItem = Schemas['WaiverQueueItem'];

/**
 * Review state of one template version. `superseded`: the template changed before a
 * decision, or a newer version was approved after this one.
 *
 * @public
 */
export type TemplateReviewState = Schemas['TemplateReviewState'];

/** One file a template version fetches (its skeleton), by content hash. @public */
export type TemplateFileDigest = Schemas['TemplateFileDigest'];

/**
 * What the engine found in the output of a dry run of a template version with its default
 * inputs (`GET /v1/templates/...`).
 *
 * @public
 */
export type TemplateConformanceReport = Schemas['TemplateConformanceReport'];

/** @public */
export type TemplateReviewEvent = Schemas['TemplateReviewEvent'];

/** @public */
export type TemplateVersionRecord = Schemas['TemplateVersionRecord'];

/** One template in the review list (`GET /v1/templates`). @public */
export type TemplateReviewSummary = Schemas['TemplateReviewSummary'];

/** A file that differs between the last approved version and the current one. @public */
export type TemplateFileDiff = Schemas['TemplateFileDiff'];

/** `GET /v1/templates/:namespace/:name`. @public */
export type TemplateReviewDetail = Schemas['TemplateReviewDetail'];

/** A template's current version and its review state (`.../current`). @public */
export type TemplateCurrentVersion = Schemas['TemplateCurrentVersion'];

/**
 * Whether an entity's `refarch.dev/template` version is the latest approved one
 * (`GET /v1/template-freshness?stamp=`).
 *
 * @public
 */
export type TemplateFreshness = Schemas['TemplateFreshness'];

/** The scaffolder's question before it runs a task (`POST /v1/template-run-checks`). @public */
export type TemplateRunCheck = Schemas['TemplateRunCheck'];

/**
 * One cell of the fleet DR matrix: a System's stored estimate for one disruption type.
 *
 * @public
 */
export type DrMatrixCell = Schemas['DrMatrixCell'];

/**
 * One System of the fleet DR matrix, as its last stored assessment saw it.
 *
 * @public
 */
export type DrMatrixRow = Schemas['DrMatrixRow'];

/**
 * The fleet DR matrix (`GET /v1/dr/matrix`): Systems × disruption types, worst first.
 *
 * @public
 */
export type DrMatrix = Schemas['DrMatrix'];

/** `none`: Systems without a tier. @public */
export type DrMatrixTier = Tier | 'none';

/** Filters of the DR matrix; list values are ORed, the two filters ANDed. @public */
export interface DrMatrixFilter {
  owner?: string[];
  tier?: DrMatrixTier[];
}
