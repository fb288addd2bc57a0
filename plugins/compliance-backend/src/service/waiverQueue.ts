import {
  Policy,
  WaiverQueueItem,
} from '@refarch/backstage-plugin-compliance-common';
import { AssessmentSummary, WaiverRecord } from '../store/types';

/** Why a caller may not decide a waiver, or undefined when they may. @internal */
export function refusalOf(
  waiver: WaiverRecord,
  caller: { actor: string; isUser: boolean; mayApprove: boolean },
): string | undefined {
  if (!caller.isUser)
    return 'Waivers are decided by tech leads signed in as themselves, not by service tokens';
  if (caller.actor === waiver.requestedBy)
    return 'You requested this waiver: another tech lead decides it (four eyes)';
  if (!caller.mayApprove)
    return `Only tech leads decide waivers; you may not approve waivers on ${waiver.entityRef}`;
  return undefined;
}

/**
 * The tech leads' queue: pending waivers in the order given (newest first), each with its
 * entity's current assessment, its control's title and whether the caller may decide it —
 * the same rules as deciding (a person, not the requester, allowed by the policy), so the
 * page disables what the API would refuse.
 *
 * @internal
 */
export function waiverQueueItems(input: {
  waivers: WaiverRecord[];
  summaries: AssessmentSummary[];
  policy: Policy;
  caller: { actor: string; isUser: boolean };
  /** Entity refs on which the policy lets the caller approve waivers. */
  approvable: Set<string>;
}): WaiverQueueItem[] {
  const summaries = new Map(input.summaries.map(s => [s.entityRef, s]));
  const titles = new Map(input.policy.controls.map(c => [c.id, c.title]));
  return input.waivers.map(waiver => {
    const s = summaries.get(waiver.entityRef);
    const reason = refusalOf(waiver, {
      ...input.caller,
      mayApprove: input.approvable.has(waiver.entityRef),
    });
    return {
      waiver,
      entity: s && {
        status: s.status,
        drStatus: s.drStatus,
        score: s.score ?? null,
        evaluatedAt: s.evaluatedAt,
        ...(s.owner ? { owner: s.owner } : {}),
      },
      ...(titles.get(waiver.controlId)
        ? { controlTitle: titles.get(waiver.controlId) }
        : {}),
      decision: reason ? { allowed: false, reason } : { allowed: true },
    };
  });
}
