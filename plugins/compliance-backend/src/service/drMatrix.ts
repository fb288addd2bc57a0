import {
  DISRUPTION_TYPES,
  DisruptionStatus,
  DrMatrix,
  DrMatrixCell,
  DrMatrixRow,
  DrMatrixTier,
  DrStatus,
} from '@refarch/backstage-plugin-compliance-common';
import type { SystemDr } from '../store/FleetQueries';

/** Worst first: what to look at first in the matrix. */
const RANK: DisruptionStatus[] = [
  'breached',
  'declared-weaker',
  'unknown',
  'met',
];

/** The stored estimate of one disruption type, without what the matrix does not show. */
function cellOf(d: DrStatus['disruptions'][number]): DrMatrixCell {
  return {
    disruption: d.disruption,
    status: d.status,
    ...(d.target ? { target: { ...d.target } } : {}),
    ...(d.targetSource ? { targetSource: d.targetSource } : {}),
    declared: { ...d.declared },
    ...(d.achievable
      ? { achievable: { rpo: d.achievable.rpo, rto: d.achievable.rto } }
      : {}),
    reason: d.reason,
  };
}

/** Per status, how many cells of the row have it, worst status first (the sort key). */
const counts = (row: DrMatrixRow) =>
  RANK.map(s => row.disruptions.filter(d => d.status === s).length);

/**
 * Orders rows worst first: most breached cells, then most declared-weaker, then most
 * unknown; fewest met last; then by name.
 */
function compareRows(a: DrMatrixRow, b: DrMatrixRow): number {
  const ca = counts(a);
  const cb = counts(b);
  for (let i = 0; i < RANK.length - 1; i++)
    if (ca[i] !== cb[i]) return cb[i] - ca[i];
  return (
    a.name.localeCompare(b.name, 'en-US') ||
    a.entityRef.localeCompare(b.entityRef, 'en-US')
  );
}

/**
 * The fleet DR matrix from the Systems' stored assessments: one row per System, one cell per
 * disruption type it was estimated for, filtered by tier and sorted worst first.
 *
 * @internal
 */
export function buildDrMatrix(
  systems: SystemDr[],
  owners: string[],
  tiers?: DrMatrixTier[],
): DrMatrix {
  const items = systems
    .filter(
      s =>
        !tiers?.length || tiers.includes((s.dr.tier ?? 'none') as DrMatrixTier),
    )
    .map(
      (s): DrMatrixRow => ({
        entityRef: s.entityRef,
        namespace: s.namespace,
        name: s.name,
        ...(s.owner ? { owner: s.owner } : {}),
        ...(s.dr.tier ? { tier: s.dr.tier } : {}),
        ...(s.dr.tierAssumption ? { tierAssumption: s.dr.tierAssumption } : {}),
        drStatus: s.dr.status,
        reasons: [...s.dr.reasons],
        disruptions: DISRUPTION_TYPES.flatMap(type => {
          const d = s.dr.disruptions.find(x => x.disruption === type);
          return d ? [cellOf(d)] : [];
        }),
        evaluatedAt: s.evaluatedAt,
      }),
    )
    .sort(compareRows);
  return { disruptions: [...DISRUPTION_TYPES], items, owners };
}
