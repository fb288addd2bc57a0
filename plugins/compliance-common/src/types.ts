import { DataClassification, Framework, Tier } from './annotations';
import { ComponentClass } from './componentClasses';
import { Fact, FactId, Provenance } from './facts';
import { DeployedSummary } from './liveTypes';

/** @public */
export type ControlStatus =
  | 'pass'
  | 'fail'
  | 'warn'
  | 'waived'
  | 'unknown'
  | 'not-applicable';

/** @public */
export const CONTROL_STATUSES: readonly ControlStatus[] = [
  'pass',
  'fail',
  'warn',
  'waived',
  'unknown',
  'not-applicable',
];

/** @public */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** @public */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/** @public */
export const CLOUDS = ['aws', 'gcp'] as const;

/** @public */
export type Cloud = (typeof CLOUDS)[number];

/**
 * The cloud a region name belongs to: `eu-central-1` is AWS, `europe-west3` is GCP.
 *
 * @public
 */
export function cloudOfRegion(region: string | undefined): Cloud | undefined {
  if (!region) return undefined;
  if (/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$/.test(region)) return 'aws';
  if (/^[a-z]+-[a-z]+\d+$/.test(region)) return 'gcp';
  return undefined;
}

/**
 * The disruption types of AWS Resilience Hub: software/data corruption, hardware,
 * availability zone, region.
 *
 * @public
 */
export type DisruptionType = 'software' | 'hardware' | 'az' | 'region';

/** @public */
export const DISRUPTION_TYPES: readonly DisruptionType[] = [
  'software',
  'hardware',
  'az',
  'region',
];

/** @public */
export type ControlParam = number | string | boolean | string[];

/** @public */
export interface ControlDefinition {
  id: string;
  title: string;
  rationale: string;
  severity: Severity;
  category:
    | 'encryption'
    | 'network'
    | 'logging'
    | 'detection'
    | 'monitoring'
    | 'hardening'
    | 'secrets'
    | 'identity'
    | 'resilience'
    | 'delivery';
  /** Component classes whose declared facts this control can judge. */
  appliesTo: ComponentClass[];
  /** CloudFormation resource types this control inspects. */
  resourceTypes: string[];
  /** Facts the declared form needs. */
  facts: FactId[];
  /** Framework → requirement ids, e.g. `{ soc2: ['CC6.1'], gdpr: ['Art. 32(1)(a)'] }`. */
  frameworks: Partial<Record<Framework, string[]>>;
  /** Seed documents the control comes from (`000` … `004`). */
  sources: string[];
  /** The equivalent cdk-nag / AWS Config rule, for comparison. */
  equivalent?: string;
  /** Thresholds; overridable from app-config. */
  params: Record<string, ControlParam>;
  enabled: boolean;
}

/** @public */
export interface RecoveryTarget {
  /** Seconds. */
  rpo: number;
  /** Seconds. */
  rto: number;
}

/** @public */
export interface TierDefinition {
  /** Overall targets of the tier. */
  rpo: number;
  rto: number;
  /** Targets per disruption type. */
  disruptions: Record<DisruptionType, RecoveryTarget>;
}

/** @public */
export type EvidenceKind =
  | 'dr-drill'
  | 'restore-test'
  | 'backup-verification'
  | 'access-review'
  | 'image-rescan';

/** @public */
export const EVIDENCE_KINDS: readonly EvidenceKind[] = [
  'dr-drill',
  'restore-test',
  'backup-verification',
  'access-review',
  'image-rescan',
];

/** @public */
export interface EvidenceRule {
  kind: EvidenceKind;
  title: string;
  /** Seconds after which the last record is overdue. */
  maxAge: number;
  /** Entities of these classes need this evidence. */
  appliesTo: ComponentClass[];
  /** Only for these tiers (all when absent). */
  tiers?: Tier[];
  sources: string[];
}

/** @public */
export interface Profile {
  id: string;
  title: string;
  description: string;
  /**
   * Entities this profile is inferred for (an explicit `refarch.dev/profile` annotation wins).
   * `clouds` matches the cloud of the entity's `refarch.dev/region`; an entity without a
   * region matches no profile that names clouds.
   */
  match: {
    kinds?: string[];
    types?: string[];
    iac?: boolean;
    clouds?: Cloud[];
  };
  /** Control ids in the profile; `*` takes every enabled control that applies. */
  controls: string[];
}

/** @public */
export interface Policy {
  version: string;
  controls: ControlDefinition[];
  tiers: Record<Tier, TierDefinition>;
  evidence: EvidenceRule[];
  profiles: Profile[];
  /** Regions allowed per data classification (missing classification: any region). */
  residency: Partial<Record<DataClassification, string[]>>;
}

/** @public */
export interface ResourceLocation {
  logicalId?: string;
  type?: string;
  /** Property path, e.g. `Properties.StorageEncrypted`. */
  path?: string;
}

/** @public */
export interface WaiverSummary {
  id: string;
  justification: string;
  expiresAt: string;
  approvedBy?: string;
}

/** @public */
export interface ControlResult {
  controlId: string;
  status: ControlStatus;
  message: string;
  resources: ResourceLocation[];
  facts: Fact[];
  /** Set when a waiver turned a failure into `waived`. */
  waiver?: WaiverSummary;
  /** The template that decided: the repository's (`iac`) or the deployed stack's (`live`). */
  decidedBy?: Provenance;
  /**
   * Set when the sources disagree: what the declared annotations, the repository's template
   * and the deployed stack each say of this control. The deployed stack decides the status.
   */
  sources?: SourceVerdict[];
}

/**
 * What one source of facts says of a control: the catalog's declared annotations, the
 * repository's CloudFormation (`iac`) or the deployed stack (`live`).
 *
 * @public
 */
export interface SourceVerdict {
  provenance: Provenance;
  status: ControlStatus;
  message: string;
  /** The annotation names, the template file, or the stack ARN. */
  source: string;
  /** When that source was read (ISO timestamp). */
  observedAt: string;
}

/**
 * A recovery target for one disruption type; either part may be unstated.
 *
 * @public
 */
export interface PartialRecoveryTarget {
  /** Seconds. */
  rpo?: number;
  /** Seconds. */
  rto?: number;
}

/**
 * A component whose recovery for a disruption type cannot be estimated, and the facts that
 * would decide it.
 *
 * @public
 */
export interface MissingRecoveryFacts {
  component: string;
  /** Fact ids; one of them is enough unless `all` is set. */
  facts: string[];
  all?: boolean;
}

/**
 * Per disruption type: `met` only when the achievable and the declared objectives are both
 * within the target; `declared-weaker` when the documents promise less than the tier
 * requires; `breached` when what the configuration achieves exceeds the target.
 *
 * @public
 */
export type DisruptionStatus =
  | 'met'
  | 'breached'
  | 'declared-weaker'
  | 'unknown';

/** @public */
export interface DisruptionEstimate {
  disruption: DisruptionType;
  /**
   * The target judged against, per part the stricter of the tier's (policy) and the
   * document's own (declared on the entity).
   */
  target?: PartialRecoveryTarget;
  /** Where the target comes from: `document 002 §Disaster recovery` or `policy default (critical tier)`. */
  targetSource?: string;
  /** The policy's target for the entity's tier, when it has one. */
  tierTarget?: PartialRecoveryTarget;
  /** What the documents declare for this disruption type. */
  declared: { rpo?: number; rto?: number };
  /**
   * Seconds; `null` means not recoverable. Present only when the facts of every component
   * are known; otherwise `needs` says what is missing.
   */
  achievable?: { rpo: number | null; rto: number | null };
  /** The components whose recovery is unknown and the facts that would decide it. */
  needs?: MissingRecoveryFacts[];
  /** The component that sets the achievable value. */
  weakest?: string;
  status: DisruptionStatus;
  reason: string;
}

/** @public */
export interface EvidenceFreshness {
  kind: EvidenceKind;
  title: string;
  maxAge: number;
  lastAt?: string;
  ageSeconds?: number;
  status: 'fresh' | 'overdue' | 'missing';
  /**
   * The practice the documents declare (`declared.restore-test-interval` …), shown next to
   * the recorded evidence; declared provenance, never counted as a record.
   */
  declared?: { interval: number; source: string };
  /** One line for people: "declared every 30d (001 §…); no record yet". */
  summary?: string;
}

/** @public */
export type DrStatusValue =
  | 'met'
  | 'breached'
  | 'at-risk'
  | 'unknown'
  | 'not-applicable';

/** @public */
export interface DrStatus {
  tier?: Tier;
  /** A tier the catalog only assumes (`refarch.dev/tier: "assumed: …"`); not used to judge. */
  tierAssumption?: string;
  status: DrStatusValue;
  reasons: string[];
  disruptions: DisruptionEstimate[];
  evidence: EvidenceFreshness[];
  weakestComponent?: string;
}

/** @public */
export type AssessmentStatus =
  | 'pass'
  | 'fail'
  | 'warn'
  | 'unknown'
  | 'not-applicable'
  | 'error';

/** @public */
export interface FrameworkStatus {
  status: AssessmentStatus;
  pass: number;
  fail: number;
  unknown: number;
}

/** @public */
export interface Assessment {
  entityRef: string;
  evaluatedAt: string;
  inputHash: string;
  policyVersion: string;
  profile: string;
  status: AssessmentStatus;
  /** The score (see `scoreOf`): share of applicable controls that pass, unknown counting against it; null when none applies. */
  score: number | null;
  counts: Record<ControlStatus, number>;
  /** Failing controls per severity. */
  failing: Record<Severity, number>;
  results: ControlResult[];
  frameworks: Partial<Record<Framework, FrameworkStatus>>;
  /**
   * Failing controls that map to none of the entity's declared frameworks (they fail the
   * entity while every framework row may pass).
   */
  outOfScopeFailures?: string[];
  dr: DrStatus;
  /** The deployed stack, when the entity names one and it has been read (live facts). */
  deployed?: DeployedSummary;
  sources: Provenance[];
  /** Entity-level problems (malformed annotations, unreadable templates). */
  errors: string[];
}
