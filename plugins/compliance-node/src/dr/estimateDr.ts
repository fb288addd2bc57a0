import {
  ComplianceAnnotations,
  ComponentClass,
  DISRUPTION_TYPES,
  DisruptionEstimate,
  DisruptionType,
  DrStatus,
  EvidenceFreshness,
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

function disruption(
  d: DisruptionType,
  input: DrInput,
  estimates: Array<{ name: string; e: ComponentRecovery }>,
): DisruptionEstimate {
  const { annotations, policy } = input;
  const target = annotations.tier
    ? policy.tiers[annotations.tier].disruptions[d]
    : undefined;
  const declared = { rpo: annotations.rpo, rto: annotations.rto };
  const reasons: string[] = [];
  let breached = false;

  const known = estimates.filter(
    x => x.e.rpo !== undefined && x.e.rto !== undefined,
  );
  const unknown = estimates.filter(
    x => x.e.rpo === undefined || x.e.rto === undefined,
  );
  let achievable: { rpo: number | null; rto: number | null } | undefined;
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
    achievable = { rpo, rto };
    const limits = {
      rpo: Math.min(target?.rpo ?? Infinity, declared.rpo ?? Infinity),
      rto: Math.min(target?.rto ?? Infinity, declared.rto ?? Infinity),
    };
    if (Number.isFinite(limits.rpo) && exceeds(rpo, limits.rpo)) {
      breached = true;
      reasons.push(
        `achievable RPO ${fmt(rpo)} exceeds ${formatDuration(limits.rpo)}`,
      );
    }
    if (Number.isFinite(limits.rto) && exceeds(rto, limits.rto)) {
      breached = true;
      reasons.push(
        `achievable RTO ${fmt(rto)} exceeds ${formatDuration(limits.rto)}`,
      );
    }
  }
  let status: DisruptionEstimate['status'];
  if (breached) status = 'breached';
  else if (
    !target &&
    declared.rpo === undefined &&
    declared.rto === undefined
  ) {
    status = 'unknown';
    reasons.push(
      'no tier or declared RPO/RTO to compare with (add refarch.dev/tier)',
    );
  } else if (unknown.length || !achievable) {
    status = 'unknown';
    reasons.push(...unknown.map(u => `${u.name}: ${u.e.why}`));
  } else {
    status = 'met';
    reasons.push(
      `achievable RPO ${fmt(achievable.rpo)}, RTO ${fmt(
        achievable.rto,
      )} within the targets`,
    );
  }
  return {
    disruption: d,
    target,
    declared,
    achievable,
    weakest,
    status,
    reason: reasons.join('; '),
  };
}

function evidenceFreshness(input: DrInput): EvidenceFreshness[] {
  const { policy, componentClass, annotations, evidence, now } = input;
  if (!componentClass) return [];
  return policy.evidence
    .filter(rule => rule.appliesTo.includes(componentClass))
    .filter(
      rule =>
        !rule.tiers ||
        (annotations.tier !== undefined &&
          rule.tiers.includes(annotations.tier)),
    )
    .map(rule => {
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
  if (estimates.length === 0) {
    return {
      tier,
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
  // Declared objectives looser than the tier's own are a breach of policy whatever the
  // configuration achieves.
  const { rpo, rto } = input.annotations;
  const tierTargets = tier ? input.policy.tiers[tier] : undefined;
  let declaredBreach = false;
  if (tierTargets && rpo !== undefined && rpo > tierTargets.rpo) {
    declaredBreach = true;
    reasons.push(
      `declared RPO ${formatDuration(
        rpo,
      )} is looser than the ${tier} tier's ${formatDuration(tierTargets.rpo)}`,
    );
  }
  if (tierTargets && rto !== undefined && rto > tierTargets.rto) {
    declaredBreach = true;
    reasons.push(
      `declared RTO ${formatDuration(
        rto,
      )} is looser than the ${tier} tier's ${formatDuration(tierTargets.rto)}`,
    );
  }
  for (const d of disruptions.filter(x => x.status === 'breached'))
    reasons.push(`${d.disruption}: ${d.reason}`);
  for (const e of evidence.filter(x => x.status !== 'fresh')) {
    reasons.push(
      e.status === 'missing'
        ? `no ${e.title.toLowerCase()} recorded`
        : `${e.title} is overdue (last ${e.lastAt?.slice(
            0,
            10,
          )}, every ${formatDuration(e.maxAge)} required)`,
    );
  }
  for (const d of disruptions.filter(x => x.status === 'unknown'))
    reasons.push(`${d.disruption}: ${d.reason}`);
  let status: DrStatus['status'] = 'met';
  if (declaredBreach || disruptions.some(d => d.status === 'breached'))
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
    status,
    reasons,
    disruptions,
    evidence,
    weakestComponent: weakest,
  };
}
