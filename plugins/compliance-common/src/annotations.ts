/**
 * The annotation names: the contract between the catalog, the templates and the engine.
 * Every other package imports them from here.
 *
 * @public
 */
export const ANNOTATION_DOMAIN = 'refarch.dev';

/** @public */
export const ANNOTATIONS = {
  /** `critical` | `standard` — selects the DR targets of the policy. */
  tier: `${ANNOTATION_DOMAIN}/tier`,
  /**
   * Declared recovery point objective for every disruption type, a duration such as `15m`
   * or `1h`. A document's own target: it wins over the tier's default.
   */
  rpo: `${ANNOTATION_DOMAIN}/rpo`,
  /** Declared recovery time objective for every disruption type, a duration such as `4h`. */
  rto: `${ANNOTATION_DOMAIN}/rto`,
  /**
   * Where the declared RPO/RTO targets come from, e.g. `002 §Disaster recovery`; shown next
   * to the targets (falls back to {@link ANNOTATIONS.source}).
   */
  drTargetsSource: `${ANNOTATION_DOMAIN}/dr-targets-source`,
  /**
   * The document sections the entity's values come from, e.g. `004 §5.2` or
   * `001 §Database; §Disaster Recovery`. Every catalog entity that carries a value cites one.
   */
  source: `${ANNOTATION_DOMAIN}/source`,
  /** Comma list of frameworks in scope: soc2, gdpr, bsi-tr-03161, bsi-c5, diga, pci-dss, cis-aws. */
  frameworks: `${ANNOTATION_DOMAIN}/frameworks`,
  /** `public` | `internal` | `confidential` | `personal` | `health`. */
  dataClassification: `${ANNOTATION_DOMAIN}/data-classification`,
  /** Cloud region, e.g. `eu-central-1` or `europe-west3`. */
  region: `${ANNOTATION_DOMAIN}/region`,
  /**
   * The cloud the entity runs on, `aws` or `gcp`, where no region says it (a multi-region
   * service, a document that names the provider but no location).
   */
  platform: `${ANNOTATION_DOMAIN}/platform`,
  /** Path (relative to the entity's location) or URL of the CloudFormation template. */
  cloudformation: `${ANNOTATION_DOMAIN}/cloudformation`,
  /** ARN of a deployed CloudFormation stack. */
  cloudformationStack: `${ANNOTATION_DOMAIN}/cloudformation-stack`,
  /** The template ref and version that generated the entity: `template:default/name@<version>`. */
  template: `${ANNOTATION_DOMAIN}/template`,
  /**
   * On a Group: the group whose members review and approve the templates this group owns,
   * in addition to the portal-wide tech-lead groups (`compliance.techLeadGroups`).
   */
  techLeads: `${ANNOTATION_DOMAIN}/tech-leads`,
  /** Policy profile to apply, overriding the one inferred from kind and type. */
  profile: `${ANNOTATION_DOMAIN}/profile`,
  /** Written by the catalog processor: the problems found in the other annotations (JSON list). */
  annotationErrors: `${ANNOTATION_DOMAIN}/annotation-errors`,
  /** Which seed document an entity was modelled from (traceability). */
  sourceDocument: `${ANNOTATION_DOMAIN}/source-document`,
} as const;

/**
 * Prefix of the declared configuration facts: `refarch.dev/declared.<fact-id>`.
 *
 * @public
 */
export const DECLARED_FACT_PREFIX = `${ANNOTATION_DOMAIN}/declared.`;

/**
 * Per-disruption targets: `refarch.dev/rpo.<disruption>` and `refarch.dev/rto.<disruption>`
 * (disruption: software, hardware, az, region), e.g. `refarch.dev/rto.region: 24h`. They win
 * over `refarch.dev/rpo` / `refarch.dev/rto` for that disruption type.
 *
 * @public
 */
export const DISRUPTION_TARGET_ANNOTATION =
  /^refarch\.dev\/(rpo|rto)\.(software|hardware|az|region)$/;

/** @public */
export const TIERS = ['critical', 'standard'] as const;
/** @public */
export type Tier = (typeof TIERS)[number];

/** @public */
export const FRAMEWORKS = [
  'soc2',
  'gdpr',
  'bsi-tr-03161',
  'bsi-c5',
  'diga',
  'pci-dss',
  'cis-aws',
] as const;
/** @public */
export type Framework = (typeof FRAMEWORKS)[number];

/** @public */
export const DATA_CLASSIFICATIONS = [
  'public',
  'internal',
  'confidential',
  'personal',
  'health',
] as const;
/** @public */
export type DataClassification = (typeof DATA_CLASSIFICATIONS)[number];
