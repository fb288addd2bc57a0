import { AssessmentStatus, ControlStatus, DrStatusValue } from './types';
import { components } from './generated/openapi';

/**
 * The one status model of the portal: the order in which statuses are worse, how a score is
 * computed, and how a System, Domain or Group rolls up its parts. Engine, backend, frontend
 * and CLI use these functions, never their own copies.
 */

/**
 * Assessment statuses, worst first: an error (nothing could be judged) hides more than a
 * failure, a failure is worse than not knowing, not knowing is worse than a warning.
 *
 * @public
 */
export const ASSESSMENT_STATUS_ORDER: readonly AssessmentStatus[] = [
  'error',
  'fail',
  'unknown',
  'warn',
  'pass',
  'not-applicable',
];

/** Control statuses, worst first (a waived failure passes for the status). @public */
export const CONTROL_STATUS_ORDER: readonly ControlStatus[] = [
  'fail',
  'unknown',
  'warn',
  'waived',
  'pass',
  'not-applicable',
];

/** DR statuses, worst first. @public */
export const DR_STATUS_ORDER: readonly DrStatusValue[] = [
  'breached',
  'at-risk',
  'unknown',
  'met',
  'not-applicable',
];

function worstOf<T>(order: readonly T[], values: Iterable<T>, none: T): T {
  let best = order.length;
  for (const v of values) {
    const i = order.indexOf(v);
    if (i >= 0 && i < best) best = i;
  }
  return best < order.length ? order[best] : none;
}

/** The worst of several assessment statuses; `not-applicable` when there are none. @public */
export function worstStatus(
  statuses: Iterable<AssessmentStatus>,
): AssessmentStatus {
  return worstOf(ASSESSMENT_STATUS_ORDER, statuses, 'not-applicable');
}

/** The worst of several DR statuses; `not-applicable` when there are none. @public */
export function worstDrStatus(
  statuses: Iterable<DrStatusValue>,
): DrStatusValue {
  return worstOf(DR_STATUS_ORDER, statuses, 'not-applicable');
}

/** Compares two assessment statuses, worst first (for sorting). @public */
export function compareStatus(a: AssessmentStatus, b: AssessmentStatus) {
  return (
    ASSESSMENT_STATUS_ORDER.indexOf(a) - ASSESSMENT_STATUS_ORDER.indexOf(b)
  );
}

/**
 * The score: the share of applicable controls that pass, 0–100. A waived control counts as
 * passing, a warning as half, and an unknown control counts against the score like a
 * failure (as Cortex scorecards do): what is not known to pass does not pass. `null` when no
 * control applies.
 *
 * @public
 */
export function scoreOf(counts: Record<ControlStatus, number>): number | null {
  const applicable =
    counts.pass + counts.fail + counts.warn + counts.waived + counts.unknown;
  if (!applicable) return null;
  return Math.round(
    (100 * (counts.pass + counts.waived + counts.warn / 2)) / applicable,
  );
}

/** One line for people: how the score is computed (tooltips, CLI, README). @public */
export const SCORE_EXPLANATION =
  'Share of applicable controls that pass (waived counts as passing, a warning as half); ' +
  'unknown controls count against the score: what is not known to pass does not pass.';

/**
 * The status of a System, Domain or Group with everything it is made of: its own assessment
 * (Systems have one) and its members' (Components, Resources and APIs of a System; the
 * Systems of a Domain and their parts; what a Group owns).
 *
 * @public
 */
export type RollUp = components['schemas']['RollUp'];

/** Member counts with every status present (zero where none). @public */
export function emptyStatusCounts(): Record<AssessmentStatus, number> {
  return Object.fromEntries(ASSESSMENT_STATUS_ORDER.map(s => [s, 0])) as Record<
    AssessmentStatus,
    number
  >;
}

/** DR member counts with every status present. @public */
export function emptyDrCounts(): Record<DrStatusValue, number> {
  return Object.fromEntries(DR_STATUS_ORDER.map(s => [s, 0])) as Record<
    DrStatusValue,
    number
  >;
}

/**
 * Members with the same status and DR status, counted together (a roll-up of 100,000
 * entities is read as a few hundred such groups, not row by row).
 *
 * @public
 */
export interface RollUpMemberGroup {
  status: AssessmentStatus;
  drStatus: DrStatusValue;
  count: number;
  /** Sum of the scores of the members that have one, and how many have one. */
  scoreSum: number;
  scored: number;
}

/** The rows a roll-up is made of: the entity's own assessment (if any) and its members. @public */
export interface RollUpInput {
  entityRef: string;
  own?: {
    status: AssessmentStatus;
    drStatus: DrStatusValue;
    score: number | null;
  };
  members: RollUpMemberGroup[];
  now: Date;
}

/** Rolls an entity up with its members: worst status wins, counts per status kept. @public */
export function rollUp(input: RollUpInput): RollUp {
  const members = emptyStatusCounts();
  const drMembers = emptyDrCounts();
  let scoreSum = 0;
  let scored = 0;
  const statuses: AssessmentStatus[] = [];
  const drStatuses: DrStatusValue[] = [];
  for (const m of input.members) {
    if (m.count <= 0) continue;
    members[m.status] += m.count;
    drMembers[m.drStatus] += m.count;
    scoreSum += m.scoreSum;
    scored += m.scored;
    statuses.push(m.status);
    drStatuses.push(m.drStatus);
  }
  if (input.own) {
    statuses.push(input.own.status);
    drStatuses.push(input.own.drStatus);
    if (input.own.score !== null) {
      scoreSum += input.own.score;
      scored++;
    }
  }
  return {
    entityRef: input.entityRef,
    status: worstStatus(statuses),
    ownStatus: input.own?.status,
    members,
    drStatus: worstDrStatus(drStatuses),
    drMembers,
    averageScore: scored ? Math.round(scoreSum / scored) : null,
    computedAt: input.now.toISOString(),
  };
}
