/**
 * What a runner remembers of an entity from its last pass: its input's fingerprint and the
 * input hash it led to, side by side (about 110 characters, so 100,000 entities cost about
 * 11 MB). Compared as text: no hash to compute per entity and pass.
 */
function memo(fingerprint: string, inputHash: string): string {
  return `${fingerprint}\u0000${inputHash}`;
}

/** One pass's use of what the runner knows of a shard (see {@link KnownInputs.begin}). */
export interface ShardRecognition {
  /**
   * The entity's input would be built from what it was built from in the last pass, into
   * the hash that is still stored: it is unchanged without building it.
   */
  recognise(
    ref: string,
    fingerprint: string | undefined,
    stored: string | undefined,
  ): boolean;
  /** The entity's input, of this fingerprint, hashes to `inputHash` (stored or unchanged). */
  remember(ref: string, fingerprint: string, inputHash: string): void;
  /** The pass completed: what it learnt replaces what the shard's last pass learnt. */
  complete(): void;
}

/**
 * Per shard, what the runner's last completed pass saw of each entity, so that the next
 * pass recognises unchanged entities from their fingerprint (see inputFingerprint) without
 * building and hashing their input.
 *
 * @internal
 */
export class KnownInputs {
  private readonly byShard = new Map<number, Map<string, string>>();

  begin(shard: number): ShardRecognition {
    const known = this.byShard.get(shard);
    const next = new Map<string, string>();
    return {
      recognise(ref, fingerprint, stored) {
        const last = known?.get(ref);
        if (
          !last ||
          !fingerprint ||
          stored === undefined ||
          last !== memo(fingerprint, stored)
        )
          return false;
        next.set(ref, last);
        return true;
      },
      remember(ref, fingerprint, inputHash) {
        next.set(ref, memo(fingerprint, inputHash));
      },
      complete: () => {
        this.byShard.set(shard, next);
      },
    };
  }
}
