/** One filter's matches, in list order, at one write version. @internal */
export interface FleetMatches {
  version: number;
  /** False when the filter matched more than `maxMatches`: `refs` is then empty. */
  kept: boolean;
  refs: string[];
  /** Position of each ref in `refs`: where the page after a cursor starts. */
  positions: Map<string, number>;
}

/**
 * The ordered matches of fleet filters that read another table (a framework, a control),
 * kept per write version of the assessments (issue 19). Such a filter's keyset page cannot
 * be an index range: the planner either walks the sort index testing every row against the
 * other table (hundreds of ms when matches are sparse) or joins and sorts every match. The
 * first page after a write computes the ordered list once (tens of ms at 100,000 entities);
 * the next requests, until the next write, slice it and read 50 rows by key. Bounded: at
 * most `maxEntries` filters of at most `maxMatches` refs each; a larger match set is not
 * kept (its pages are dense, and the keyset query finds them fast).
 *
 * @internal
 */
export class FleetMatchCache {
  private readonly entries = new Map<string, FleetMatches>();

  constructor(
    readonly limits: { maxEntries: number; maxMatches: number } = {
      maxEntries: 32,
      maxMatches: 20_000,
    },
  ) {}

  /** The matches of `key` computed at `version`, if kept. */
  get(key: string, version: number): FleetMatches | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last: the first entry is the one evicted.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Keeps `refs` (the ordered matches at `version`); more than `maxMatches` are not kept,
   * only the fact that there were too many, so the next request does not read them again.
   */
  set(key: string, version: number, refs: string[]): FleetMatches {
    const kept = refs.length <= this.limits.maxMatches;
    const entry: FleetMatches = kept
      ? {
          version,
          kept,
          refs,
          positions: new Map(refs.map((ref, i) => [ref, i])),
        }
      : { version, kept, refs: [], positions: new Map() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.limits.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}
