import {
  ComplianceAnnotations,
  ComponentClass,
  DISRUPTION_TYPES,
  DisruptionEstimate,
  DisruptionType,
  DrStatus,
  EvidenceFreshness,
  EvidenceKind,
  FactId,
  MissingRecoveryFacts,
  PartialRecoveryTarget,
  Policy,
  formatDuration,
} from '@refarch/backstage-plugin-compliance-common';
import { DrComponent } from './drComponents';
import { ComponentRecovery, estimateComponent } from './estimateComponent';

/** A recorded piece of evidence, as the evaluator needs it. @public */
export interface EvidenceInput {
  id: string;
  kind: string;
  performedAt: string;
  result: 'pass' | 'fail';
}

/** @public */
export interface DrInput {
  annotations: ComplianceAnnotations;
  componentClass?: ComponentClass;
  /** The entity itself and what it depends on (or the resources of its template). */
  components: DrComponent[];
  evidence: EvidenceInput[];
  policy: Policy;
  now: Date;
}

const worse = (a: number | null, b: number | null) =>
  a === null || b === null ? null : Math.max(a, b);
const exceeds = (value: number | null, limit: number) =>
  value === null || value > limit;
const fmt = (v: number | null) =>
  v === null ? 'not recoverable' : formatDuration(v);

type Part = 'rpo' | 'rto';
const PARTS: Part[] = ['rpo', 'rto'];
const defined = (t: PartialRecoveryTarget): PartialRecoveryTarget =>
  Object.fromEntries(
    PARTS.filter(p => t[p] !== undefined).map(p => [p, t[p]]),
  ) as PartialRecoveryTarget;

/**
 * The targets of a disruption type: the document's own (declared on the entity as
 * `refarch.dev/rpo.<d>`/`rto.<d>`, else `rpo`/`rto`) and the tier's (policy). The
 * document's target is the one the configuration is judged against, with its source shown
 * (a part it leaves unstated stays unstated); the tier's applies where the document states
 * none for the disruption type. A document target looser than the tier's is its own state,
 * `declared-weaker`, never `met`.
 */
function targetsFor(d: DisruptionType, input: DrInput) {
  const { annotations, policy } = input;
  const declared = defined({
    rpo: annotations.targets?.[d]?.rpo ?? annotations.rpo,
    rto: annotations.targets?.[d]?.rto ?? annotations.rto,
  });
  const tierTarget = annotations.tier
    ? policy.tiers[annotations.tier].disruptions[d]
    : undefined;
  if (Object.keys(declared).length)
    return {
      declared,
      tierTarget,
      target: declared,
      source: annotations.targetsSource
        ? `document ${annotations.targetsSource}`
        : 'declared on the entity (no source cited)',
    };
  if (tierTarget)
    return {
      declared,
      tierTarget,
      target: tierTarget,
      source: `policy default (${annotations.tier} tier)`,
    };
  return { declared };
}

const describeNeeds = (needs: MissingRecoveryFacts[]) =>
  needs
    .map(n => `${n.component} (${n.facts.join(n.all ? ' and ' : ' or ')})`)
    .join(', ');

function disruption(
  d: DisruptionType,
  input: DrInput,
  estimates: Array<{ name: string; e: ComponentRecovery }>,
): DisruptionEstimate {
  const { annotations } = input;
  const { target, source, tierTarget, declared } = targetsFor(d, input);
  const reasons: string[] = [];
  const from = source ? ` (${source})` : '';

  const known = estimates.filter(
    x => x.e.rpo !== undefined && x.e.rto !== undefined,
  );
  const needs: MissingRecoveryFacts[] = estimates
    .filter(x => x.e.rpo === undefined || x.e.rto === undefined)
    .map(x => ({
      component: x.name,
      facts: x.e.needs ?? [],
      ...(x.e.needsAll ? { all: true } : {}),
    }));

  // The worst over the known components; a lower bound while others are unknown.
  let worst: { rpo: number | null; rto: number | null } | undefined;
  let weakest: string | undefined;
  if (known.length) {
    let rpo: number | null = 0;
    let rto: number | null = 0;
    let weakScore = -1;
    for (const { name, e } of known) {
      rpo = worse(rpo, e.rpo as number | null);
      rto = worse(rto, e.rto as number | null);
      const score =
        e.rto === null || e.rpo === null
          ? Infinity
          : Math.max(e.rto as number, e.rpo as number);
      if (score > weakScore) {
        weakScore = score;
        weakest = `${name} (${e.why})`;
      }
    }
    worst = { rpo, rto };
  }
  const achievable = worst && !needs.length ? worst : undefined;
  const atLeast = needs.length ? 'at least ' : '';

  const breaches = PARTS.filter(
    p => worst && target?.[p] !== undefined && exceeds(worst[p], target[p]!),
  );
  for (const p of breaches)
    reasons.push(
      `achievable ${p.toUpperCase()} ${atLeast}${fmt(
        worst![p],
      )} exceeds ${formatDuration(target![p]!)}${from}`,
    );
  const weaker = PARTS.filter(
    p =>
      tierTarget?.[p] !== undefined &&
      declared[p] !== undefined &&
      declared[p]! > tierTarget[p]!,
  );
  for (const p of weaker)
    reasons.push(
      `declared ${p.toUpperCase()} ${formatDuration(
        declared[p]!,
      )} is weaker than the ${annotations.tier} tier's ${formatDuration(
        tierTarget![p]!,
      )}`,
    );

  let status: DisruptionEstimate['status'];
  if (breaches.length) status = 'breached';
  else if (weaker.length) status = 'declared-weaker';
  else if (!target) {
    status = 'unknown';
    reasons.push(
      annotations.tierAssumption
        ? `no target: the documents state none for this disruption type, and the tier is only assumed (${annotations.tierAssumption})`
        : 'no target: the documents state none for this disruption type and no tier is set (refarch.dev/rpo, refarch.dev/rto.<disruption> or refarch.dev/tier)',
    );
    if (needs.length) reasons.push(`unknown: needs ${describeNeeds(needs)}`);
  } else if (!achievable) {
    status = 'unknown';
    reasons.push(`unknown: needs ${describeNeeds(needs)}`);
  } else {
    status = 'met';
    const judged = PARTS.filter(p => target[p] !== undefined)
      .map(p => `${p.toUpperCase()} ${formatDuration(target[p]!)}`)
      .join(', ');
    const unstated = PARTS.filter(p => target[p] === undefined).map(p =>
      p.toUpperCase(),
    );
    reasons.push(
      `achievable RPO ${fmt(achievable.rpo)}, RTO ${fmt(
        achievable.rto,
      )} within ${judged}${from}${
        unstated.length ? `; no ${unstated.join('/')} target stated` : ''
      }`,
    );
  }
  if (status !== 'unknown' && needs.length && status !== 'met')
    reasons.push(`still unknown: ${describeNeeds(needs)}`);
  return {
    disruption: d,
    target,
    targetSource: source,
    ...(tierTarget ? { tierTarget } : {}),
    declared,
    achievable,
    ...(needs.length ? { needs } : {}),
    weakest,
    status,
    reason: reasons.join('; '),
  };
}

const DECLARED_PRACTICE: Record<EvidenceKind, FactId> = {
  'dr-drill': 'dr-drill-interval',
  'restore-test': 'restore-test-interval',
  'backup-verification': 'backup-verification-interval',
  'access-review': 'access-review-interval',
  'image-rescan': 'image-rescan-interval',
};

const every = (seconds: number) => {
  const day = 86400;
  if (seconds === 7 * day) return 'weekly';
  if (seconds >= 28 * day && seconds <= 31 * day) return 'monthly';
  if (seconds >= 90 * day && seconds <= 92 * day) return 'quarterly';
  if (seconds === 365 * day) return 'yearly';
  return `every ${formatDuration(seconds)}`;
};

/** The practice the documents declare for a kind of evidence, on the entity or what it consists of. */
function declaredPractice(
  kind: EvidenceKind,
  input: DrInput,
): { interval: number; source: string } | undefined {
  const id = DECLARED_PRACTICE[kind];
  const own = input.annotations.declared.find(
    f => f.id === id && typeof f.value === 'number',
  );
  if (own)
    return {
      interval: own.value as number,
      source: input.annotations.source ?? own.source,
    };
  for (const c of input.components) {
    const v = c.facts.get(id);
    if (typeof v === 'number')
      return { interval: v, source: `declared on ${c.name}` };
  }
  return undefined;
}

function evidenceFreshness(input: DrInput): EvidenceFreshness[] {
  const { policy, componentClass, annotations, evidence, now } = input;
  if (!componentClass) return [];
  return policy.evidence
    .filter(rule => rule.appliesTo.includes(componentClass))
    .map(rule => ({ rule, declared: declaredPractice(rule.kind, input) }))
    .filter(
      ({ rule, declared }) =>
        !rule.tiers ||
        declared !== undefined ||
        (annotations.tier !== undefined &&
          rule.tiers.includes(annotations.tier)),
    )
    .map(({ rule, declared }): EvidenceFreshness => {
      const practice = declared
        ? `declared ${every(declared.interval)} (${declared.source})`
        : undefined;
      const last = evidence
        .filter(e => e.kind === rule.kind && e.result === 'pass')
        .map(e => e.performedAt)
        .sort()
        .pop();
      if (!last)
        return {
          kind: rule.kind,
          title: rule.title,
          maxAge: rule.maxAge,
          status: 'missing' as const,
          ...(declared ? { declared } : {}),
          summary: `${practice ? `${practice}; ` : ''}no record yet`,
        };
      const ageSeconds = Math.max(
        0,
        Math.floor((now.getTime() - Date.parse(last)) / 1000),
      );
      return {
        kind: rule.kind,
        title: rule.title,
        maxAge: rule.maxAge,
        lastAt: last,
        ageSeconds,
        status:
          ageSeconds <= rule.maxAge ? ('fresh' as const) : ('overdue' as const),
        ...(declared ? { declared } : {}),
        summary: `${practice ? `${practice}; ` : ''}last recorded ${last.slice(
          0,
          10,
        )}`,
      };
    });
}

/**
 * The DR status of an entity: per disruption type, the worst achievable RPO/RTO over its
 * components against the tier's target and the declared targets, plus evidence freshness.
 *
 * @public
 */
export function estimateDr(input: DrInput): DrStatus {
  const estimates = input.components
    .map(c => ({ name: c.name, estimate: estimateComponent(c) }))
    .filter(
      (x): x is { name: string; estimate: NonNullable<typeof x.estimate> } =>
        x.estimate !== undefined,
    );
  const evidence = evidenceFreshness(input);
  const tier = input.annotations.tier;
  const tierAssumption = input.annotations.tierAssumption;
  if (estimates.length === 0) {
    return {
      tier,
      ...(tierAssumption ? { tierAssumption } : {}),
      status: 'not-applicable',
      reasons: [
        'Holds no data and serves no traffic: recovery is bounded by what depends on it',
      ],
      disruptions: [],
      evidence,
    };
  }
  const disruptions = DISRUPTION_TYPES.map(d =>
    disruption(
      d,
      input,
      estimates.flatMap(x =>
        x.estimate[d] ? [{ name: x.name, e: x.estimate[d]! }] : [],
      ),
    ),
  );
  const reasons: string[] = [];
  for (const d of disruptions.filter(
    x => x.status === 'breached' || x.status === 'declared-weaker',
  ))
    reasons.push(`${d.disruption}: ${d.reason}`);
  for (const e of evidence.filter(x => x.status !== 'fresh')) {
    if (e.status === 'missing' && e.declared)
      reasons.push(`${e.title}: ${e.summary}`);
    else if (e.status === 'missing')
      reasons.push(`no ${e.title.toLowerCase()} recorded`);
    else
      reasons.push(
        `${e.title} is overdue (last ${e.lastAt?.slice(
          0,
          10,
        )}, every ${formatDuration(e.maxAge)} required)${
          e.declared ? `; ${e.summary}` : ''
        }`,
      );
  }
  for (const d of disruptions.filter(x => x.status === 'unknown'))
    reasons.push(`${d.disruption}: ${d.reason}`);
  let status: DrStatus['status'] = 'met';
  // A declared objective weaker than the tier's is a breach of policy whatever the
  // configuration achieves.
  if (
    disruptions.some(
      d => d.status === 'breached' || d.status === 'declared-weaker',
    )
  )
    status = 'breached';
  else if (evidence.some(e => e.status !== 'fresh')) status = 'at-risk';
  else if (disruptions.some(d => d.status === 'unknown')) status = 'unknown';
  if (status === 'met')
    reasons.push(
      'Every disruption type meets its target and the evidence is fresh',
    );
  const weakest =
    disruptions.find(d => d.status === 'breached')?.weakest ??
    disruptions.find(d => d.weakest)?.weakest;
  return {
    tier,
    ...(tierAssumption ? { tierAssumption } : {}),
    status,
    reasons,
    disruptions,
    evidence,
    weakestComponent: weakest,
  };
}
