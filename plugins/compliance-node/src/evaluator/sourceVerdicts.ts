import {
  Cloud,
  ControlDefinition,
  ControlResult,
  Fact,
  Policy,
  SourceVerdict,
} from '@refarch/backstage-plugin-compliance-common';
import { controlImplementations } from '../controls';
import { EntityContext, FactLookup } from '../controls/types';
import { evaluateControl, factLookup } from './evaluateControl';
import { TemplateInput } from './EvaluationInput';
import { isoTime } from './isoTime';

/** What the verdict's inputs were, for one entity. @internal */
export interface VerdictSources {
  ctx: EntityContext;
  /** The facts declared by the entity's annotations only. */
  declared: Fact[];
  /** The template that decided the verdict, when one did. */
  judged?: TemplateInput;
  /** The repository's template, when the deployed stack's decided instead. */
  repository?: TemplateInput;
  policy: Policy;
  cloud: Cloud | undefined;
  now: Date;
}

/** The lookup of each entity's declared facts, built once for all its controls. */
const declaredLookups = new WeakMap<VerdictSources, FactLookup>();
function declaredLookup(sources: VerdictSources): FactLookup {
  let lookup = declaredLookups.get(sources);
  if (!lookup) {
    lookup = factLookup(sources.declared);
    declaredLookups.set(sources, lookup);
  }
  return lookup;
}

function declaredVerdict(
  control: ControlDefinition,
  sources: VerdictSources,
): SourceVerdict | undefined {
  const impl = controlImplementations.get(control.id);
  const { ctx, policy, now } = sources;
  const componentClass = ctx.componentClass;
  if (
    !impl?.declared ||
    !componentClass ||
    !control.appliesTo.includes(componentClass)
  )
    return undefined;
  const outcome = impl.declared({
    facts: declaredLookup(sources),
    params: control.params,
    policy,
    entity: ctx,
  });
  // Only a fact the annotations state is a declaration; a missing one says nothing.
  // An incomplete or unverified declaration leaves the control open: that is no claim.
  const used = (outcome.facts ?? []).filter(f => f.provenance === 'declared');
  if (!used.length || outcome.status === 'unknown') return undefined;
  return {
    provenance: 'declared',
    status: outcome.status,
    message: outcome.message,
    source: [...new Set(used.map(f => f.source))].join(', '),
    observedAt: used[0].observedAt ?? isoTime(now),
  };
}

/**
 * What each source says of a control whose verdict a template decided: the annotations'
 * declared facts, the repository's template and the deployed stack's. Returned only when
 * they disagree; the verdict itself stays the most trusted source's (live, then IaC).
 *
 * @internal
 */
export function sourceVerdicts(
  control: ControlDefinition,
  verdict: ControlResult,
  sources: VerdictSources,
): SourceVerdict[] | undefined {
  const { judged, repository, ctx, policy, cloud, now } = sources;
  if (!judged || verdict.status === 'not-applicable') return undefined;
  // A control decided by the entity alone, or by its declared facts, has nothing to compare.
  if (!verdict.resources.length) return undefined;
  const views: SourceVerdict[] = [];
  const declared = declaredVerdict(control, sources);
  // The template's verdict alone has nothing to disagree with.
  if (!declared && !repository) return undefined;
  if (declared) views.push(declared);
  if (repository) {
    const result = evaluateControl(
      control,
      ctx,
      declaredLookup(sources),
      repository.template,
      undefined,
      policy,
      cloud,
      now,
    );
    views.push({
      provenance: 'iac',
      status: result.status,
      message: result.message,
      source: repository.source,
      observedAt: repository.observedAt ?? isoTime(now),
    });
  }
  views.push({
    provenance: judged.provenance ?? 'iac',
    status: verdict.status,
    message: verdict.message,
    source: judged.source,
    observedAt: judged.observedAt ?? isoTime(now),
  });
  if (views.length < 2 || views.every(v => v.status === views[0].status))
    return undefined;
  return views;
}
