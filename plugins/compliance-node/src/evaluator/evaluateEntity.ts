import {
  Assessment,
  AssessmentStatus,
  Cloud,
  CONTROL_STATUSES,
  ControlDefinition,
  ControlResult,
  ControlStatus,
  DrStatus,
  Fact,
  FactId,
  FactValue,
  Framework,
  FrameworkStatus,
  Policy,
  Provenance,
  SEVERITIES,
  Severity,
  cloudOf,
  isComponentClass,
  markImplausibleValues,
  readComplianceAnnotations,
  scoreOf,
} from '@refarch/backstage-plugin-compliance-common';
import { ResolvedTemplate, Unknown, isUnknown } from '../cloudformation';
import { controlImplementations } from '../controls';
import { worst } from '../controls/outcomes';
import { CheckOutcome, EntityContext, FactLookup } from '../controls/types';
import { DrComponent, drComponentsFromTemplate } from '../dr/drComponents';
import { estimateDr } from '../dr/estimateDr';
import { deployedSummary } from './deployedSummary';
import { EvaluationInput, WaiverInput } from './EvaluationInput';
import { computeInputHash } from './computeInputHash';
import { selectProfile } from './selectProfile';

const PRECEDENCE: Record<Provenance, number> = {
  declared: 0,
  iac: 1,
  evidence: 2,
  live: 3,
};
const MAX_MESSAGES = 5;
/** The profile of components a document only plans: no control judged, no DR. */
const PLANNED_PROFILE = 'planned';

function factLookup(facts: Fact[]): FactLookup {
  const map = new Map<FactId, Fact>();
  for (const f of facts) {
    const prev = map.get(f.id);
    if (!prev || PRECEDENCE[f.provenance] >= PRECEDENCE[prev.provenance])
      map.set(f.id, f);
  }
  return map;
}

function combine(controlId: string, outcomes: CheckOutcome[]): ControlResult {
  const status = worst(outcomes);
  const relevant = outcomes.filter(o => o.status === status);
  const messages = [...new Set(relevant.map(o => o.message))];
  const more =
    messages.length > MAX_MESSAGES
      ? ` (and ${messages.length - MAX_MESSAGES} more)`
      : '';
  return {
    controlId,
    status,
    message: messages.slice(0, MAX_MESSAGES).join('; ') + more,
    resources: relevant.flatMap(o => o.resources ?? []),
    facts: relevant.flatMap(o => o.facts ?? []),
  };
}

/**
 * A pass or a failure that rests on a resource whose Condition cannot be decided is
 * unknown: whether that resource is deployed at all is not known.
 */
function undecidedConditions(
  template: ResolvedTemplate,
  outcomes: CheckOutcome[],
): CheckOutcome[] {
  const undecided = new Map<string, Unknown>();
  for (const r of template.resources)
    if (isUnknown(r.included)) undecided.set(r.logicalId, r.included);
  if (undecided.size === 0) return outcomes;
  return outcomes.map(o => {
    if (o.status === 'unknown') return o;
    const ids = [
      ...(o.resources ?? []).map(l => l.logicalId),
      ...(o.dependsOn ?? []),
    ];
    const id = ids.find(i => i !== undefined && undecided.has(i));
    if (id === undefined) return o;
    // The reason reads "<logicalId> exists only if condition <name> holds, which cannot be decided: <why>".
    return {
      ...o,
      status: 'unknown',
      message: `${undecided.get(id)!.reason}; if it exists: ${o.message}`,
    };
  });
}

function applyWaiver(
  result: ControlResult,
  waivers: WaiverInput[],
  now: Date,
): ControlResult {
  if (
    result.status !== 'fail' &&
    result.status !== 'warn' &&
    result.status !== 'unknown'
  )
    return result;
  const waiver = waivers
    .filter(
      w =>
        w.controlId === result.controlId &&
        Date.parse(w.expiresAt) > now.getTime(),
    )
    .sort((a, b) => (a.expiresAt < b.expiresAt ? 1 : -1))[0];
  if (!waiver) return result;
  return {
    ...result,
    status: 'waived',
    message: `Waived until ${waiver.expiresAt.slice(0, 10)}: ${
      waiver.justification
    } — finding: ${result.message}`,
    waiver: {
      id: waiver.id,
      justification: waiver.justification,
      expiresAt: waiver.expiresAt,
      approvedBy: waiver.approvedBy,
    },
  };
}

/**
 * What else would settle a missing fact, for this entity's platform: on AWS (or where the
 * cloud is not known) a CloudFormation template; on GCP only the declaration. When the
 * entity's template could not be read, that is the reason, not a hint to add one.
 */
function withPlatformHint(
  outcome: CheckOutcome,
  cloud: Cloud | undefined,
  templateError: string | undefined,
): CheckOutcome {
  if (!outcome.missingFacts?.length) return outcome;
  if (templateError)
    return {
      ...outcome,
      message: `${outcome.message}; the entity's CloudFormation could not be analysed: ${templateError}`,
    };
  if (cloud === 'gcp') return outcome;
  return {
    ...outcome,
    message: outcome.message.replace(
      /\)$/,
      ', or reference a CloudFormation template)',
    ),
  };
}

function evaluateControl(
  control: ControlDefinition,
  entity: EntityContext,
  facts: FactLookup,
  template: ResolvedTemplate | undefined,
  templateError: string | undefined,
  policy: Policy,
  cloud: Cloud | undefined,
  now: Date,
): ControlResult {
  const impl = controlImplementations.get(control.id);
  const na = (message: string): ControlResult => ({
    controlId: control.id,
    status: 'not-applicable',
    message,
    resources: [],
    facts: [],
  });
  if (!impl) return na('No implementation for this control');
  const declaredCtx = { facts, params: control.params, policy, entity };
  if (impl.entity) {
    const outcome = impl.entity(declaredCtx);
    return outcome
      ? combine(control.id, [outcome])
      : na('Not applicable to this entity');
  }
  if (template && impl.cfn) {
    const resources = template.resources.filter(r =>
      control.resourceTypes.includes(r.type),
    );
    if (resources.length) {
      const outcomes = impl.cfn({
        template,
        resources,
        params: control.params,
        policy,
        entity,
        now,
      });
      if (outcomes.length)
        return combine(control.id, undecidedConditions(template, outcomes));
    }
  }
  if (
    impl.declared &&
    entity.componentClass &&
    control.appliesTo.includes(entity.componentClass)
  ) {
    const outcome = impl.declared(declaredCtx);
    // With a template that has none of the control's resources, only facts declared on
    // the entity itself can decide; a missing fact then means "not here".
    if (template && outcome.status === 'unknown' && !outcome.facts?.length)
      return na('No resource of this kind in the template');
    return combine(control.id, [
      withPlatformHint(outcome, cloud, templateError),
    ]);
  }
  if (templateError && impl.cfn && control.resourceTypes.length) {
    return {
      controlId: control.id,
      status: 'unknown',
      message: `CloudFormation could not be analysed: ${templateError}`,
      resources: [],
      facts: [],
    };
  }
  return na(
    template
      ? 'No resource of this kind in the template'
      : 'Not applicable to this kind of component',
  );
}

function overallStatus(
  counts: Record<ControlStatus, number>,
  templateError?: string,
): AssessmentStatus {
  if (templateError) return 'error';
  if (counts.fail) return 'fail';
  if (counts.unknown) return 'unknown';
  if (counts.warn) return 'warn';
  if (counts.pass || counts.waived) return 'pass';
  return 'not-applicable';
}

/**
 * Failing controls that map to none of the frameworks the entity declares: they fail the
 * entity while every framework row can still read Pass, so the entity says so.
 */
function outOfScopeFailures(
  frameworks: Framework[],
  results: ControlResult[],
  controls: Map<string, ControlDefinition>,
): string[] {
  if (!frameworks.length) return [];
  return results
    .filter(
      r =>
        r.status === 'fail' &&
        !frameworks.some(fw => controls.get(r.controlId)?.frameworks[fw]),
    )
    .map(r => r.controlId);
}

function frameworkStatus(
  frameworks: Framework[],
  results: ControlResult[],
  controls: Map<string, ControlDefinition>,
) {
  const out: Partial<Record<Framework, FrameworkStatus>> = {};
  for (const fw of frameworks) {
    const relevant = results.filter(
      r =>
        r.status !== 'not-applicable' &&
        controls.get(r.controlId)?.frameworks[fw],
    );
    const count = (s: ControlStatus[]) =>
      relevant.filter(r => s.includes(r.status)).length;
    const fail = count(['fail']);
    const unknown = count(['unknown']);
    let status: AssessmentStatus = relevant.length ? 'pass' : 'not-applicable';
    if (fail) status = 'fail';
    else if (unknown) status = 'unknown';
    else if (count(['warn'])) status = 'warn';
    out[fw] = { status, pass: count(['pass', 'waived']), fail, unknown };
  }
  return out;
}

/**
 * Assesses one entity against the policy: per-control results, score, status per
 * framework and DR status. Pure and deterministic for a given input (time comes from
 * `input.now`).
 *
 * @public
 */
export function evaluateEntity(
  input: EvaluationInput,
  policy: Policy,
): Assessment {
  const { entity, now } = input;
  const observedAt = now.toISOString();
  const read = readComplianceAnnotations(entity.annotations, observedAt);
  // A declared value the service cannot have (a 30-day AWS KMS rotation) is flagged on the
  // entity and never passes a control.
  const implausible = markImplausibleValues(entity.type, read);
  const annotations = { ...read, declared: implausible.declared };
  const errors = [...annotations.errors, ...implausible.messages];
  const template =
    input.iac && 'template' in input.iac ? input.iac.template : undefined;
  const templateError =
    input.iac && 'error' in input.iac ? input.iac.error : undefined;
  if (templateError)
    errors.push(`CloudFormation ${input.iac!.source}: ${templateError}`);
  if (template?.warnings.length)
    errors.push(
      ...template.warnings.map(
        w => `CloudFormation ${input.iac!.source}: ${w}`,
      ),
    );

  const componentClass = isComponentClass(entity.type)
    ? entity.type
    : undefined;
  const ctx: EntityContext = {
    ref: entity.ref,
    kind: entity.kind,
    name: entity.name,
    componentClass,
    annotations,
  };
  const facts = factLookup([
    ...annotations.declared,
    ...(input.liveFacts ?? []),
  ]);
  const profile = selectProfile(
    policy,
    { ...entity, cloud: cloudOf(annotations) },
    input.iac !== undefined,
    annotations.profile,
  );
  if (annotations.profile && !profile)
    errors.push(
      `Annotation refarch.dev/profile: unknown profile "${
        annotations.profile
      }"; known: ${policy.profiles.map(p => p.id).join(', ')}`,
    );

  const controls = new Map(policy.controls.map(c => [c.id, c]));
  const selected = !profile
    ? []
    : policy.controls.filter(
        c =>
          c.enabled &&
          (profile.controls.includes('*') || profile.controls.includes(c.id)),
      );
  const results = selected.map(c =>
    applyWaiver(
      evaluateControl(
        c,
        ctx,
        facts,
        template,
        templateError,
        policy,
        cloudOf(annotations),
        now,
      ),
      input.waivers,
      now,
    ),
  );

  const counts = Object.fromEntries(
    CONTROL_STATUSES.map(s => [s, 0]),
  ) as Record<ControlStatus, number>;
  const failing = Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<
    Severity,
    number
  >;
  for (const r of results) {
    counts[r.status]++;
    if (r.status === 'fail') failing[controls.get(r.controlId)!.severity]++;
  }
  // One rule for the score (common statusModel): unknown counts against it.
  const score = scoreOf(counts);

  const own: DrComponent[] = componentClass
    ? [
        {
          name: entity.ref,
          componentClass,
          facts: new Map<FactId, FactValue | undefined>(
            [...facts.entries()].map(([id, f]) => [id, f.value]),
          ),
        },
      ]
    : [];
  const fromTemplate = template
    ? drComponentsFromTemplate(template, entity.ref)
    : [];
  const dr: DrStatus =
    profile?.id === PLANNED_PROFILE
      ? {
          status: 'not-applicable',
          reasons: [
            'Planned, not built: the document describes it as future work, so nothing is recovered yet',
          ],
          disruptions: [],
          evidence: [],
        }
      : estimateDr({
          annotations,
          componentClass,
          components: [
            ...(fromTemplate.length ? fromTemplate : own),
            ...input.dependencies,
          ],
          evidence: input.evidence,
          policy,
          now,
        });

  const deployed = deployedSummary(input.liveFacts);
  const sources = new Set<Provenance>();
  if (annotations.declared.length) sources.add('declared');
  if (input.iac) sources.add('iac');
  if (input.liveFacts?.length) sources.add('live');
  if (input.evidence.length) sources.add('evidence');

  return {
    entityRef: entity.ref,
    evaluatedAt: observedAt,
    inputHash: computeInputHash(input, policy),
    policyVersion: policy.version,
    profile: profile?.id ?? 'none',
    status: overallStatus(counts, templateError),
    score,
    counts,
    failing,
    results,
    frameworks: frameworkStatus(annotations.frameworks, results, controls),
    outOfScopeFailures: outOfScopeFailures(
      annotations.frameworks,
      results,
      controls,
    ),
    dr,
    ...(deployed ? { deployed } : {}),
    sources: [...sources],
    errors,
  };
}
