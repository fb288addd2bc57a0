import type { PassWriteTally } from '../store/WriteCounters';

/**
 * What a runner remembers of an entity from its last pass, side by side as one string
 * (about 110 characters, so 100,000 entities cost about 11 MB): its input's fingerprint, its
 * evidence and waivers' fingerprint (empty when it has none), the input hash they led to, and
 * for an entity with a template the files it was read from (IacReader.sourcesOf). Compared
 * as text: no hash to compute per entity and pass.
 */
function memo(
  fingerprint: string,
  facts: string,
  inputHash: string,
  sources?: string,
): string {
  const head = `${fingerprint}\u0000${facts}\u0000${inputHash}`;
  return sources === undefined ? head : `${head}\u0000${sources}`;
}

/** When a shard's last completed pass started, and what it found then. @internal */
export interface PassStamp {
  /** The evidence and waiver write counters, read before the first page. */
  writes: string;
  /** The pass's time (its clock). */
  now: Date;
  /**
   * The assessments' write counters read before the first page (readPassWrites), and this
   * pass's own writes: while no one else wrote since (onlyOwnWrites), every input hash the
   * pass saw stored or stored itself is still the stored one.
   */
  assessmentWrites?: {
    counts: ReadonlyMap<string, number>;
    tally: PassWriteTally;
  };
}

/** One pass's use of what the runner knows of a shard (see {@link KnownInputs.begin}). */
export interface ShardRecognition {
  /** The stamp of the shard's last completed pass on this runner, if any. */
  readonly last?: PassStamp;
  /**
   * The caller knows that no one but this runner's passes of the shard wrote an assessment
   * since the last pass started: from now on, `recognise` without a `stored` hash takes the
   * remembered one as stored.
   */
  storedHashesRemembered(): void;
  /**
   * The entity's input would be built from what it was built from in the last pass, into
   * the hash that is still stored: it is unchanged without building it. `facts` undefined:
   * the caller knows no evidence or waiver changed since the last pass; `stored` undefined:
   * the entity has no stored assessment, unless `storedHashesRemembered` was called. For an
   * entity with a template (`sourcesCurrent` given), also its template's files must be
   * unchanged: the last pass must have remembered them, and `sourcesCurrent` says they
   * still are.
   */
  recognise(
    ref: string,
    fingerprint: string | undefined,
    facts: string | undefined,
    stored: string | undefined,
    sourcesCurrent?: (sources: string) => boolean,
  ): boolean;
  /**
   * The entity's input, of these fingerprints (and, for an entity with a template, read
   * from these `sources`), hashes to `inputHash` (stored or unchanged).
   */
  remember(
    ref: string,
    fingerprint: string,
    facts: string,
    inputHash: string,
    sources?: string,
  ): void;
  /** The pass completed: what it learnt replaces what the shard's last pass learnt. */
  complete(stamp: PassStamp): void;
}

/**
 * Per shard, what the runner's last completed pass saw of each entity, so that the next
 * pass recognises unchanged entities from their fingerprint (see inputFingerprint) without
 * building and hashing their input.
 *
 * @internal
 */
export class KnownInputs {
  private readonly byShard = new Map<
    number,
    { known: Map<string, string>; stamp: PassStamp }
  >();

  begin(shard: number): ShardRecognition {
    const last = this.byShard.get(shard);
    const known = last?.known;
    const next = new Map<string, string>();
    let remembered = false;
    return {
      last: last?.stamp,
      storedHashesRemembered() {
        remembered = true;
      },
      recognise(ref, fingerprint, facts, stored, sourcesCurrent) {
        const text = known?.get(ref);
        if (!text || !fingerprint || (stored === undefined && !remembered))
          return false;
        // Compared in place: the fingerprint, the facts (any, when undefined), the hash,
        // then the end or the sources.
        if (
          !text.startsWith(fingerprint) ||
          text.charCodeAt(fingerprint.length) !== 0
        )
          return false;
        let at = fingerprint.length + 1;
        if (facts === undefined) at = text.indexOf('\u0000', at);
        else if (!text.startsWith(facts, at)) return false;
        else at += facts.length;
        if (at < 0 || text.charCodeAt(at) !== 0) return false;
        at += 1;
        let end: number;
        if (stored === undefined) {
          // The remembered hash, up to the sources or the end.
          end = text.indexOf('\u0000', at);
          if (end < 0) end = text.length;
        } else {
          end = at + stored.length;
          if (text.length < end || !text.startsWith(stored, at)) return false;
        }
        const hasSources = text.length > end;
        if (hasSources && text.charCodeAt(end) !== 0) return false;
        if (sourcesCurrent) {
          if (!hasSources || !sourcesCurrent(text.slice(end + 1))) return false;
        } else if (hasSources) return false;
        next.set(ref, text);
        return true;
      },
      remember(ref, fingerprint, facts, inputHash, sources) {
        next.set(ref, memo(fingerprint, facts, inputHash, sources));
      },
      complete: stamp => {
        this.byShard.set(shard, { known: next, stamp });
      },
    };
  }
}
