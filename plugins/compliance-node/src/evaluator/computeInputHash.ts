import { createHash, hash as sha } from 'crypto';
import { Policy } from '@refarch/backstage-plugin-compliance-common';
import { EvaluationInput } from './EvaluationInput';
import { canonicalJson } from './canonicalJson';
import { isoTime } from './isoTime';

const policyHashes = new WeakMap<Policy, string>();

/** Sorted-key JSON: the same input always gives the same text. */
function stable(value: unknown): string {
  return canonicalJson(value) ?? '';
}

/** @public */
export function computePolicyHash(policy: Policy): string {
  let hash = policyHashes.get(policy);
  if (!hash) {
    hash = createHash('sha256').update(stable(policy)).digest('hex');
    policyHashes.set(policy, hash);
  }
  return hash;
}

/**
 * Identifies an evaluation input, so callers skip entities whose inputs did not change.
 * Time enters as the UTC day (evidence ages by the day) and as the set of waivers still
 * in force, so an expiring waiver reopens its control at the next pass.
 *
 * @public
 */
export function computeInputHash(
  input: EvaluationInput,
  policy: Policy,
): string {
  const iac =
    input.iac && 'template' in input.iac
      ? { source: input.iac.source, hash: input.iac.contentHash }
      : input.iac;
  // One call instead of a Hash object per entity (the same digest as its two updates).
  return sha(
    'sha256',
    computePolicyHash(policy) +
      stable({
        entity: input.entity,
        iac,
        repository: input.repositoryIac && {
          source: input.repositoryIac.source,
          hash: input.repositoryIac.contentHash,
        },
        live: input.liveFacts?.map(f => [f.id, f.value, f.source]),
        evidence: input.evidence,
        waivers: input.waivers,
        activeWaivers: input.waivers
          .filter(w => Date.parse(w.expiresAt) > input.now.getTime())
          .map(w => w.id),
        dependencies: input.dependencies,
        day: isoTime(input.now).slice(0, 10),
      }),
    'hex',
  );
}
