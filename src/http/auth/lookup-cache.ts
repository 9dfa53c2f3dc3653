/**
 * A small time-bounded cache for credential and application lookups on the hot path.
 *
 * Credential rows never change except for revocation, and every path that revokes access is
 * also checked on each request without the cache: element tokens re-check that each sub still
 * authorises the application, access tokens re-check their authorisation. Application rows are
 * cached for a few seconds only. Misses are not cached, so unknown tokens cannot fill memory.
 */
export class LookupCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The cached value, or the loader's (cached when non-null). */
  async get(key: string, now: number, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.until > now) return hit.value;
    const value = await load();
    if (value === null) {
      this.entries.delete(key);
      return null;
    }
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until: now + this.ttlMs });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
