import {
  DisruptionType,
  DrStatus,
} from '@refarch/backstage-plugin-compliance-common';
import { DISRUPTION_LABELS } from '../../lib/labels';

/** One thing the engine said about a component, for one or more disruption types. */
export interface ComponentFinding {
  text: string;
  disruptions: DisruptionType[];
  /** Facts the engine needed and did not have (`multi-az`), from the estimate's `needs`. */
  missingFacts: string[];
  /** Every missing fact is needed (otherwise any one of them decides). */
  allFacts?: boolean;
}

/** The findings about one component (an entity, or a resource of its CloudFormation). */
export interface ComponentReasons {
  /** The entity to link to. */
  entityRef: string;
  /** The CloudFormation logical id when the finding is about a resource of a template. */
  logicalId?: string;
  findings: ComponentFinding[];
}

/** @internal */
export interface GroupedDrReasons {
  components: ComponentReasons[];
  /** Reasons about the entity as a whole: declared objectives, evidence, breaches. */
  general: string[];
}

const DISRUPTION_PREFIX = /^(software|hardware|az|region): /;
// `resource:default/techcorp-efs: …` or `component:default/x#OrdersDb: …`
const COMPONENT_REASON = /^([a-z]+:[^\s/:]+\/[^\s#:]+)(?:#([^\s:]+))?: (.+)$/i;
const COMPONENT_NAME = /^([a-z]+:[^\s/:]+\/[^\s#:]+)(?:#([^\s:]+))?$/i;
// Summaries of `needs`, shown per component instead.
const NEEDS_SUMMARY = /^(unknown: needs |still unknown: )/;

/**
 * Groups the DR estimate's reasons per component, each once however many disruption types
 * it affects, so that the card can link each component and name the missing fact instead of
 * printing `unknown: needs resource:default/x (multi-az)` once per disruption type.
 *
 * @internal
 */
export function groupDrReasons(dr: DrStatus): GroupedDrReasons {
  const byComponent = new Map<string, ComponentReasons>();
  const general: string[] = [];
  const addGeneral = (text: string) => {
    if (!general.includes(text)) general.push(text);
  };

  const findingOf = (
    name: string,
    text: string,
    missingFacts: string[],
    allFacts?: boolean,
  ) => {
    const match = COMPONENT_NAME.exec(name);
    const entityRef = match ? match[1] : name;
    const logicalId = match?.[2];
    const key = `${entityRef}#${logicalId ?? ''}`;
    let group = byComponent.get(key);
    if (!group) {
      group = { entityRef, logicalId, findings: [] };
      byComponent.set(key, group);
    }
    let finding = group.findings.find(f => f.text === text);
    if (!finding) {
      finding = {
        text,
        disruptions: [],
        missingFacts,
        ...(allFacts ? { allFacts } : {}),
      };
      group.findings.push(finding);
    }
    return finding;
  };

  for (const d of dr.disruptions) {
    const findings = [
      ...(d.needs ?? []).map(n => {
        const facts = n.facts.join(n.all ? ' and ' : ' or ');
        return findingOf(
          n.component,
          `unknown: needs ${facts}`,
          n.facts,
          n.all,
        );
      }),
      ...d.reason
        .split('; ')
        .map(part => COMPONENT_REASON.exec(part))
        .filter((m): m is RegExpExecArray => m !== null)
        .map(([, ref, logicalId, text]) =>
          findingOf(logicalId ? `${ref}#${logicalId}` : ref, text, []),
        ),
    ];
    for (const finding of findings)
      if (!finding.disruptions.includes(d.disruption))
        finding.disruptions.push(d.disruption);
  }

  for (const reason of dr.reasons) {
    const disruption = DISRUPTION_PREFIX.exec(reason)?.[1] as
      | DisruptionType
      | undefined;
    const rest = reason.replace(DISRUPTION_PREFIX, '');
    // Per-component parts are shown under their component.
    const parts = rest
      .split('; ')
      .filter(p => p && !COMPONENT_REASON.test(p) && !NEEDS_SUMMARY.test(p));
    if (!parts.length) continue;
    addGeneral(
      disruption
        ? `${DISRUPTION_LABELS[disruption]}: ${parts.join('; ')}`
        : parts.join('; '),
    );
  }

  return { components: [...byComponent.values()], general };
}
