/**
 * What a runner remembers of an entity from its last pass: its input's fingerprint and the
 * input hash it led to, side by side (about 110 characters, so 100,000 entities cost about
 * 11 MB), and for an entity with a template the files it was read from (IacReader.sourcesOf).
 * Compared as text: no hash to compute per entity and pass.
 */
function memo(
  fingerprint: string,
  inputHash: string,
  sources?: string,
): string {
  return sources === undefined
    ? `${fingerprint}\u0000${inputHash}`
    : `${fingerprint}\u0000${inputHash}\u0000${sources}`;
}

/** One pass's use of what the runner knows of a shard (see {@link KnownInputs.begin}). */
export interface ShardRecognition {
  /**
   * The entity's input would be built from what it was built from in the last pass, into
   * the hash that is still stored: it is unchanged without building it. For an entity with a
   * template (`sourcesCurrent` given), also its template's files must be unchanged: the
   * last pass must have remembered them, and `sourcesCurrent` says they still are.
   */
  recognise(
    ref: string,
    fingerprint: string | undefined,
    stored: string | undefined,
    sourcesCurrent?: (sources: string) => boolean,
  ): boolean;
  /**
   * The entity's input, of this fingerprint (and, for an entity with a template, read from
   * these `sources`), hashes to `inputHash` (stored or unchanged).
   */
  remember(
    ref: string,
    fingerprint: string,
    inputHash: string,
    sources?: string,
  ): void;
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
      recognise(ref, fingerprint, stored, sourcesCurrent) {
        const last = known?.get(ref);
        if (!last || !fingerprint || stored === undefined) return false;
        // `${fingerprint}\0${stored}`, then the end or `\0${sources}`, compared in place.
        const end = fingerprint.length + 1 + stored.length;
        if (
          last.length < end ||
          !last.startsWith(fingerprint) ||
          last.charCodeAt(fingerprint.length) !== 0 ||
          !last.startsWith(stored, fingerprint.length + 1)
        )
          return false;
        const hasSources = last.length > end;
        if (hasSources && last.charCodeAt(end) !== 0) return false;
        if (sourcesCurrent) {
          if (!hasSources || !sourcesCurrent(last.slice(end + 1))) return false;
        } else if (hasSources) return false;
        next.set(ref, last);
        return true;
      },
      remember(ref, fingerprint, inputHash, sources) {
        next.set(ref, memo(fingerprint, inputHash, sources));
      },
      complete: () => {
        this.byShard.set(shard, next);
      },
    };
  }
}
