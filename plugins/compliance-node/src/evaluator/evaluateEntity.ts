import {
  Assessment,
  AssessmentStatus,
  CONTROL_STATUSES,
  ControlDefinition,
  ControlResult,
  ControlStatus,
  DrStatus,
  FactId,
  FactValue,
  Framework,
  FrameworkStatus,
  Policy,
  Profile,
  Provenance,
  SEVERITIES,
  Severity,
  cloudOf,
  isComponentClass,
  markImplausibleValues,
  readComplianceAnnotations,
  scoreOf,
} from '@refarch/backstage-plugin-compliance-common';
import { EntityContext } from '../controls/types';
import { DrComponent, drComponentsFromTemplate } from '../dr/drComponents';
import { estimateDr } from '../dr/estimateDr';
import { deployedSummary } from './deployedSummary';
import { EvaluationInput, WaiverInput } from './EvaluationInput';
import { evaluateControl, factLookup } from './evaluateControl';
import { VerdictSources, sourceVerdicts } from './sourceVerdicts';
import { computeInputHash } from './computeInputHash';
import { isoTime } from './isoTime';
import { selectProfile } from './selectProfile';

/** The profile of components a document only plans: no control judged, no DR. */
const PLANNED_PROFILE = 'planned';

/** A policy's controls by id: built once per policy, as its hash (computePolicyHash). */
const controlsByPolicy = new WeakMap<Policy, Map<string, ControlDefinition>>();
function controlsOf(policy: Policy): Map<string, ControlDefinition> {
  let controls = controlsByPolicy.get(policy);
  if (!controls) {
    controls = new Map(policy.controls.map(c => [c.id, c]));
    controlsByPolicy.set(policy, controls);
  }
  return controls;
}

/**
 * The enabled controls a profile selects, in the policy's order: built once per policy and
 * profile, as the policy's control map (issue 19: selecting them was a tenth of evaluating an
 * entity without a template).
 */
const controlsByProfile = new WeakMap<
  Policy,
  WeakMap<Profile, ControlDefinition[]>
>();
function controlsOfProfile(
  policy: Policy,
  profile: Profile,
): ControlDefinition[] {
  let byProfile = controlsByProfile.get(policy);
  if (!byProfile) {
    byProfile = new WeakMap();
    controlsByProfile.set(policy, byProfile);
  }
  let controls = byProfile.get(profile);
  if (!controls) {
    const all = profile.controls.includes('*');
    const ids = new Set(profile.controls);
    controls = policy.controls.filter(c => c.enabled && (all || ids.has(c.id)));
    byProfile.set(profile, controls);
  }
  return controls;
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
  const observedAt = isoTime(now);
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

  const controls = controlsOf(policy);
  const selected = !profile ? [] : controlsOfProfile(policy, profile);
  const cloud = cloudOf(annotations);
  const verdictSources: VerdictSources = {
    ctx,
    declared: annotations.declared,
    judged: input.iac && 'template' in input.iac ? input.iac : undefined,
    repository: input.repositoryIac,
    policy,
    cloud,
    now,
  };
  const results = selected.map(c => {
    const result = evaluateControl(
      c,
      ctx,
      facts,
      template,
      templateError,
      policy,
      cloud,
      now,
    );
    const judged = verdictSources.judged;
    const decided =
      judged && result.resources.length
        ? { ...result, decidedBy: judged.provenance ?? 'iac' }
        : result;
    const sources = sourceVerdicts(c, decided, verdictSources);
    return applyWaiver(
      sources ? { ...decided, sources } : decided,
      input.waivers,
      now,
    );
  });

  const counts = {} as Record<ControlStatus, number>;
  for (const s of CONTROL_STATUSES) counts[s] = 0;
  const failing = {} as Record<Severity, number>;
  for (const s of SEVERITIES) failing[s] = 0;
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
