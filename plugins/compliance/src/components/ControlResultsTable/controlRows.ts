import {
  CONTROL_STATUS_ORDER,
  Cloud,
  ControlResult,
  controlForCloud,
  ControlStatus,
  Provenance,
  SEVERITIES,
  Severity,
} from '@refarch/backstage-plugin-compliance-common';
import { PolicyControl } from '../../api';

/** @internal */
export interface ControlRow {
  result: ControlResult;
  control?: PolicyControl;
  provenances: Provenance[];
}

/** @internal */
export interface ControlRowFilter {
  /** A status, `applicable` (everything but not-applicable) or `all`. */
  status: ControlStatus | 'applicable' | 'all';
  severity?: Severity;
  framework?: string;
  provenance?: Provenance;
}

/**
 * Where a result came from: its facts' sources, the template that decided it (the
 * repository's or the deployed stack's), and every source that disagreed with it.
 */
function provenancesOf(result: ControlResult): Provenance[] {
  const found = new Set<Provenance>(result.facts.map(f => f.provenance));
  if (result.decidedBy) found.add(result.decidedBy);
  else if (
    found.size === 0 &&
    result.resources.some(r => r.logicalId || r.type)
  )
    found.add('iac');
  for (const s of result.sources ?? []) found.add(s.provenance);
  return [...found];
}

/**
 * Joins results with their policy controls, worst first (status, then severity, then id).
 * Controls read as the entity's cloud has them (no AWS-only mappings on GCP).
 *
 * @internal
 */
export function buildControlRows(
  results: ControlResult[],
  controls: PolicyControl[] = [],
  cloud?: Cloud,
): ControlRow[] {
  const byId = new Map(controls.map(c => [c.id, controlForCloud(c, cloud)]));
  const severityRank = (row: ControlRow) =>
    row.control ? SEVERITIES.indexOf(row.control.severity) : SEVERITIES.length;
  return results
    .map(result => ({
      result,
      control: byId.get(result.controlId),
      provenances: provenancesOf(result),
    }))
    .sort(
      (a, b) =>
        CONTROL_STATUS_ORDER.indexOf(a.result.status) -
          CONTROL_STATUS_ORDER.indexOf(b.result.status) ||
        severityRank(a) - severityRank(b) ||
        a.result.controlId.localeCompare(b.result.controlId),
    );
}

/** @internal */
export function filterControlRows(
  rows: ControlRow[],
  filter: ControlRowFilter,
): ControlRow[] {
  return rows.filter(({ result, control, provenances }) => {
    if (filter.status === 'applicable' && result.status === 'not-applicable')
      return false;
    if (
      filter.status !== 'applicable' &&
      filter.status !== 'all' &&
      result.status !== filter.status
    )
      return false;
    if (filter.severity && control?.severity !== filter.severity) return false;
    if (
      filter.framework &&
      !control?.frameworks[
        filter.framework as keyof PolicyControl['frameworks']
      ]
    )
      return false;
    if (filter.provenance && !provenances.includes(filter.provenance))
      return false;
    return true;
  });
}
