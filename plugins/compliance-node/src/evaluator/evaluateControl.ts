import {
  Cloud,
  ControlDefinition,
  ControlResult,
  Fact,
  FactId,
  Policy,
  Provenance,
} from '@refarch/backstage-plugin-compliance-common';
import { ResolvedTemplate, Unknown, isUnknown } from '../cloudformation';
import { controlImplementations } from '../controls';
import { worst } from '../controls/outcomes';
import { ofType } from '../controls/cfnHelpers';
import { CheckOutcome, EntityContext, FactLookup } from '../controls/types';

const PRECEDENCE: Record<Provenance, number> = {
  declared: 0,
  iac: 1,
  evidence: 2,
  live: 3,
};
const MAX_MESSAGES = 5;
/** The facts by id, the most trusted source winning (live over evidence over IaC over declared). */
export function factLookup(facts: Fact[]): FactLookup {
  const map = new Map<FactId, Fact>();
  for (const f of facts) {
    const prev = map.get(f.id);
    if (!prev || PRECEDENCE[f.provenance] >= PRECEDENCE[prev.provenance])
      map.set(f.id, f);
  }
  return map;
}

function combine(controlId: string, outcomes: CheckOutcome[]): ControlResult {
  if (outcomes.length === 1) {
    // One outcome (every declared and entity-level check): it is the result as it is.
    const [only] = outcomes;
    return {
      controlId,
      status: only.status,
      message: only.message,
      resources: only.resources ? [...only.resources] : [],
      facts: only.facts ? [...only.facts] : [],
    };
  }
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

/** The frozen not-applicable results, by control and message (see notApplicable). */
const NOT_APPLICABLE = new WeakMap<
  ControlDefinition,
  Map<string, ControlResult>
>();

/**
 * The result of a control that does not apply. Most of an entity's results are such (about 50
 * of 56 for a synthetic catalog), and they are the same for every entity with the same
 * message: one frozen object per control and message is returned instead of a new one per
 * entity, which spares the pass the garbage (issue 19) and lets the backend's encoder know
 * them by identity. Nothing changes a result after evaluation; a frozen one cannot be.
 */
function notApplicable(
  control: ControlDefinition,
  message: string,
): ControlResult {
  let byMessage = NOT_APPLICABLE.get(control);
  if (!byMessage) {
    byMessage = new Map();
    NOT_APPLICABLE.set(control, byMessage);
  }
  let result = byMessage.get(message);
  if (!result) {
    result = Object.freeze({
      controlId: control.id,
      status: 'not-applicable',
      message,
      resources: Object.freeze([]) as unknown as ControlResult['resources'],
      facts: Object.freeze([]) as unknown as ControlResult['facts'],
    });
    byMessage.set(message, result);
  }
  return result;
}

/**
 * Judges one control: an entity-level check, else the template's resources of the control's
 * types, else the facts declared on the entity.
 */
export function evaluateControl(
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
  if (!impl)
    return notApplicable(control, 'No implementation for this control');
  if (impl.entity) {
    const outcome = impl.entity({
      facts,
      params: control.params,
      policy,
      entity,
    });
    return outcome
      ? combine(control.id, [outcome])
      : notApplicable(control, 'Not applicable to this entity');
  }
  if (template && impl.cfn) {
    const resources = ofType(template, ...control.resourceTypes);
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
    const outcome = impl.declared({
      facts,
      params: control.params,
      policy,
      entity,
    });
    // With a template that has none of the control's resources, only facts declared on
    // the entity itself can decide; a missing fact then means "not here".
    if (template && outcome.status === 'unknown' && !outcome.facts?.length)
      return notApplicable(control, 'No resource of this kind in the template');
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
  return notApplicable(
    control,
    template
      ? 'No resource of this kind in the template'
      : 'Not applicable to this kind of component',
  );
}
