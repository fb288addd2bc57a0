import { DataClassification, Framework, Tier } from './annotations';
import { ComponentClass } from './componentClasses';
import { FactId } from './facts';
import { components } from './generated/openapi';

type Schemas = components['schemas'];

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
export type ResourceLocation = Schemas['ResourceLocation'];

/** @public */
export type WaiverSummary = Schemas['WaiverSummary'];

/** @public */
export type ControlResult = Schemas['ControlResult'];

/**
 * What one source of facts says of a control: the catalog's declared annotations, the
 * repository's CloudFormation (`iac`) or the deployed stack (`live`).
 *
 * @public
 */
export type SourceVerdict = Schemas['SourceVerdict'];

/**
 * A recovery target for one disruption type; either part may be unstated.
 *
 * @public
 */
export type PartialRecoveryTarget = Schemas['PartialRecoveryTarget'];

/**
 * A component whose recovery for a disruption type cannot be estimated, and the facts that
 * would decide it.
 *
 * @public
 */
export type MissingRecoveryFacts = Schemas['MissingRecoveryFacts'];

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
export type DisruptionEstimate = Schemas['DisruptionEstimate'];

/** @public */
export type EvidenceFreshness = Schemas['EvidenceFreshness'];

/** @public */
export type DrStatusValue =
  | 'met'
  | 'breached'
  | 'at-risk'
  | 'unknown'
  | 'not-applicable';

/** @public */
export type DrStatus = Schemas['DrStatus'];

/** @public */
export type AssessmentStatus =
  | 'pass'
  | 'fail'
  | 'warn'
  | 'unknown'
  | 'not-applicable'
  | 'error';

/** @public */
export type FrameworkStatus = Schemas['FrameworkStatus'];

/** @public */
export type Assessment = Schemas['Assessment'];
