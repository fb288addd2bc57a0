/**
 * Values computed from the assessments at one write version, kept until the next write
 * (issue 19: the count of a filtered fleet list, asked for with every first page). At most
 * `maxEntries` keys; the least recently used goes first.
 *
 * @internal
 */
export class VersionedLru<T> {
  private readonly entries = new Map<string, { version: number; value: T }>();

  constructor(private readonly maxEntries = 256) {}

  get(key: string, version: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.version !== version) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: number, value: T): T {
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    while (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
