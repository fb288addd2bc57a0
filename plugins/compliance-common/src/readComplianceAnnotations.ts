import {
  ANNOTATIONS,
  ANNOTATION_DOMAIN,
  DATA_CLASSIFICATIONS,
  DECLARED_FACT_PREFIX,
  DISRUPTION_TARGET_ANNOTATION,
  DataClassification,
  FRAMEWORKS,
  Framework,
  TIERS,
  Tier,
} from './annotations';
import { parseDuration } from './durations';
import { Fact, FactId } from './facts';
import { parseFactValue } from './parseFactValue';
import { CLOUDS, Cloud, DisruptionType, cloudOfRegion } from './types';

/**
 * What an entity's `refarch.dev/*` annotations say, and what is wrong with them.
 *
 * @public
 */
export interface ComplianceAnnotations {
  tier?: Tier;
  /**
   * A tier written as an assumption (`assumed: critical, because …` or `TODO: …`): shown,
   * never used to judge.
   */
  tierAssumption?: string;
  /** Declared RPO in seconds, for every disruption type. */
  rpo?: number;
  /** Declared RTO in seconds, for every disruption type. */
  rto?: number;
  /** Declared targets per disruption type (seconds); they win over `rpo`/`rto`. */
  targets: Partial<Record<DisruptionType, { rpo?: number; rto?: number }>>;
  /** Where the declared targets come from (`refarch.dev/dr-targets-source`, else `refarch.dev/source`). */
  targetsSource?: string;
  /** The document sections the entity's values come from (`refarch.dev/source`). */
  source?: string;
  frameworks: Framework[];
  dataClassification?: DataClassification;
  region?: string;
  /** `refarch.dev/platform`; see {@link cloudOf} for the cloud an entity runs on. */
  platform?: Cloud;
  cloudformation?: string;
  cloudformationStack?: string;
  template?: string;
  profile?: string;
  declared: Fact[];
  /** One readable message per malformed annotation, naming it. */
  errors: string[];
}

const KNOWN = new Set<string>(Object.values(ANNOTATIONS));
const REGION = /^[a-z]{2,}(-[a-z]+)+-?\d+$/;
const STACK_ARN =
  /^arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:\d{12}:stack\/[A-Za-z][A-Za-z0-9-]*\/[A-Za-z0-9-]+$/;
const ASSUMPTION = /^(assumed|todo)\b/i;
/** `004 §5.2`, `001 §Disaster Recovery; §Monitoring`: a seed document number and a section. */
const CITATION = /^\d{3} §\S.*$/;
const TEMPLATE_REF =
  /^template:([a-z0-9-]+\/)?[a-z0-9][a-z0-9-_.]*@[A-Za-z0-9._-]+$/i;

/**
 * Reads and validates the compliance annotations of an entity. Never throws: every problem
 * becomes a message in `errors`, and the valid annotations are still returned.
 *
 * @public
 */
export function readComplianceAnnotations(
  annotations: Record<string, string> | undefined,
  observedAt: string = new Date(0).toISOString(),
): ComplianceAnnotations {
  const out: ComplianceAnnotations = {
    frameworks: [],
    targets: {},
    declared: [],
    errors: [],
  };
  const fail = (name: string, message: string) =>
    out.errors.push(`Annotation ${name}: ${message}`);

  for (const [name, raw] of Object.entries(annotations ?? {})) {
    // The processor's own record of these errors is not an input.
    if (
      !name.startsWith(`${ANNOTATION_DOMAIN}/`) ||
      name === ANNOTATIONS.annotationErrors
    )
      continue;
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (typeof value !== 'string') {
      fail(name, 'must be a string');
      continue;
    }
    if (name.startsWith(DECLARED_FACT_PREFIX)) {
      const id = name.slice(DECLARED_FACT_PREFIX.length);
      const parsed = parseFactValue(id, value);
      if (!parsed.ok) {
        fail(name, parsed.error);
      } else {
        const base = {
          id: id as FactId,
          provenance: 'declared' as const,
          source: name,
          observedAt,
        };
        out.declared.push(
          'unverified' in parsed
            ? { ...base, unverified: parsed.unverified }
            : { ...base, value: parsed.value },
        );
      }
      continue;
    }
    const perDisruption = DISRUPTION_TARGET_ANNOTATION.exec(name);
    if (perDisruption) {
      const seconds = parseDuration(value);
      if (seconds === undefined)
        fail(name, `must be a duration such as 15m or 4h, got "${value}"`);
      else {
        const d = perDisruption[2] as DisruptionType;
        out.targets[d] = {
          ...out.targets[d],
          [perDisruption[1] as 'rpo' | 'rto']: seconds,
        };
      }
      continue;
    }
    if (!KNOWN.has(name)) {
      fail(
        name,
        `unknown annotation; known: ${[...KNOWN].join(
          ', ',
        )}, ${ANNOTATION_DOMAIN}/rpo.<disruption>, ${ANNOTATION_DOMAIN}/rto.<disruption> and ${DECLARED_FACT_PREFIX}<fact>`,
      );
      continue;
    }
    readNamed(name, value, out, fail);
  }
  if (
    out.rpo !== undefined ||
    out.rto !== undefined ||
    Object.keys(out.targets).length
  )
    out.targetsSource ??= out.source;
  const regionCloud = cloudOfRegion(out.region);
  if (out.platform && regionCloud && out.platform !== regionCloud)
    fail(
      ANNOTATIONS.platform,
      `says ${out.platform} but ${ANNOTATIONS.region} "${out.region}" is a region of ${regionCloud}`,
    );
  return out;
}

function readNamed(
  name: string,
  value: string,
  out: ComplianceAnnotations,
  fail: (name: string, message: string) => void,
) {
  switch (name) {
    case ANNOTATIONS.tier:
      if ((TIERS as readonly string[]).includes(value))
        out.tier = value as Tier;
      else if (ASSUMPTION.test(value)) out.tierAssumption = value;
      else
        fail(
          name,
          `must be one of ${TIERS.join(
            ', ',
          )} (or an assumption "assumed: <tier>, <why>"), got "${value}"`,
        );
      break;
    case ANNOTATIONS.drTargetsSource:
      out.targetsSource = value;
      break;
    case ANNOTATIONS.source:
      if (CITATION.test(value)) out.source = value;
      else
        fail(
          name,
          `must cite a seed document section such as "004 §5.2" or "001 §Disaster Recovery", got "${value}"`,
        );
      break;
    case ANNOTATIONS.rpo:
    case ANNOTATIONS.rto: {
      const seconds = parseDuration(value);
      if (seconds === undefined)
        fail(name, `must be a duration such as 15m or 4h, got "${value}"`);
      else out[name === ANNOTATIONS.rpo ? 'rpo' : 'rto'] = seconds;
      break;
    }
    case ANNOTATIONS.frameworks: {
      const items = value
        .split(',')
        .map(s => s.trim())
        .filter(Boolean);
      const bad = items.filter(
        i => !(FRAMEWORKS as readonly string[]).includes(i),
      );
      if (bad.length)
        fail(
          name,
          `unknown framework(s) ${bad.join(', ')}; known: ${FRAMEWORKS.join(
            ', ',
          )}`,
        );
      out.frameworks = items.filter(i => !bad.includes(i)) as Framework[];
      break;
    }
    case ANNOTATIONS.dataClassification:
      if ((DATA_CLASSIFICATIONS as readonly string[]).includes(value))
        out.dataClassification = value as DataClassification;
      else
        fail(
          name,
          `must be one of ${DATA_CLASSIFICATIONS.join(', ')}, got "${value}"`,
        );
      break;
    case ANNOTATIONS.region:
      if (REGION.test(value)) out.region = value;
      else
        fail(
          name,
          `must be a cloud region such as eu-central-1 or europe-west3, got "${value}"`,
        );
      break;
    case ANNOTATIONS.platform:
      if ((CLOUDS as readonly string[]).includes(value))
        out.platform = value as Cloud;
      else fail(name, `must be one of ${CLOUDS.join(', ')}, got "${value}"`);
      break;
    case ANNOTATIONS.cloudformation:
      if (value === '' || value.includes('\0'))
        fail(name, 'must be a relative path or a URL');
      else out.cloudformation = value;
      break;
    case ANNOTATIONS.cloudformationStack:
      if (STACK_ARN.test(value)) out.cloudformationStack = value;
      else
        fail(
          name,
          `must be a CloudFormation stack ARN (arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>), got "${value}"`,
        );
      break;
    case ANNOTATIONS.template:
      if (TEMPLATE_REF.test(value)) out.template = value;
      else
        fail(name, `must be template:[namespace/]name@version, got "${value}"`);
      break;
    case ANNOTATIONS.profile:
      out.profile = value;
      break;
    default:
      // sourceDocument: free text
      break;
  }
}
