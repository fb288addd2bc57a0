import {
  DriftState,
  Fact,
  FactId,
  FactValue,
  StackHealth,
} from '@refarch/backstage-plugin-compliance-common';
import { LiveStackDrift, LiveStackSnapshot } from './types';

/** How a stack's status reads as health. @internal */
export function stackHealth(
  snapshot: LiveStackSnapshot,
  now: Date,
  stuckAfterMs: number,
): StackHealth | undefined {
  const status = snapshot.status;
  if (!status) return undefined;
  if (status === 'DELETE_COMPLETE') return 'deleted';
  if (status.endsWith('_FAILED') || status === 'ROLLBACK_COMPLETE')
    return 'failed';
  if (status.endsWith('_IN_PROGRESS')) {
    const since = Date.parse(
      snapshot.lastUpdatedAt ?? snapshot.createdAt ?? '',
    );
    return Number.isFinite(since) && now.getTime() - since > stuckAfterMs
      ? 'stuck'
      : 'in-progress';
  }
  if (status.endsWith('ROLLBACK_COMPLETE')) return 'rolled-back';
  return 'healthy';
}

/** @internal */
export function driftStatus(drift?: LiveStackDrift): DriftState {
  if (!drift) return 'not-checked';
  if (drift.error) return 'unknown';
  if (drift.status === 'IN_SYNC') return 'in-sync';
  if (drift.status === 'DRIFTED') return 'drifted';
  if (drift.status === 'NOT_CHECKED') return 'not-checked';
  return 'unknown';
}

/**
 * The facts a deployed stack gives (provenance `live`): status, health, parameters, last
 * update and failure, termination protection, rollback triggers, drift. A stack that could
 * not be read gives the same facts without values, the AWS error code as the reason.
 *
 * @internal
 */
export function liveFactsOf(
  snapshot: LiveStackSnapshot,
  drift: LiveStackDrift | undefined,
  options: { now: Date; stuckAfterMs: number; matchesRepository?: boolean },
): Fact[] {
  const source = snapshot.stackArn;
  const observedAt = snapshot.readAt;
  const reason = snapshot.error
    ? `${snapshot.error.code}: ${snapshot.error.message}`
    : undefined;
  const fact = (
    id: FactId,
    value: FactValue | undefined,
    known = !reason,
  ): Fact =>
    known && value !== undefined
      ? { id, value, provenance: 'live', source, observedAt }
      : {
          id,
          provenance: 'live',
          source,
          observedAt,
          unverified: reason ?? 'not reported by CloudFormation',
        };
  const facts: Fact[] = [
    // Status and health stay known for a deleted stack: that is what was read.
    fact('stack-status', snapshot.status, !!snapshot.status),
    fact(
      'stack-health',
      stackHealth(snapshot, options.now, options.stuckAfterMs),
      !!snapshot.status,
    ),
  ];
  if (reason && !snapshot.status) return facts;
  facts.push(
    fact('stack-last-updated', snapshot.lastUpdatedAt ?? snapshot.createdAt),
    fact('stack-termination-protection', snapshot.terminationProtection),
    fact('stack-rollback-triggers', snapshot.rollbackTriggers),
    fact(
      'stack-parameters',
      (snapshot.parameters ?? []).map(p => `${p.key}=${p.value}`).join(', '),
    ),
  );
  if (snapshot.lastFailure) {
    const f = snapshot.lastFailure;
    facts.push(
      fact(
        'stack-last-failure',
        `${f.logicalId ?? ''} ${f.status}${f.reason ? `: ${f.reason}` : ''} (${
          f.at
        })`.trim(),
      ),
    );
  }
  if (options.matchesRepository !== undefined)
    facts.push(
      fact('stack-template-matches-repository', options.matchesRepository),
    );
  const driftFacts: Fact[] = [
    {
      id: 'stack-drift',
      value: driftStatus(drift),
      provenance: 'live',
      source,
      observedAt: drift?.checkedAt ?? observedAt,
      ...(drift?.error
        ? { unverified: `${drift.error.code}: ${drift.error.message}` }
        : {}),
    },
  ];
  if (drift && !drift.error)
    driftFacts.push({
      id: 'stack-drifted-resources',
      value: drift.resources.length,
      provenance: 'live',
      source,
      observedAt: drift.checkedAt,
    });
  if (drift?.error) delete driftFacts[0].value;
  return [...facts, ...driftFacts];
}
