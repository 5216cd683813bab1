/**
 * A TTL cache keyed by item number with LRU eviction at a capacity, on a JS Map (insertion
 * order = recency: a hit re-inserts the key). Holds at most `capacity` entries, and never
 * more than MAX_ENTRIES whatever the node's memory, to bound the simulator's own memory.
 */
export const MAX_ENTRIES = 2_000_000;

export class TtlCache {
  private readonly map = new Map<number, number>();
  capacity: number;

  constructor(
    capacity: number,
    /** 0 = entries never expire (only eviction or overwrite removes them). */
    public ttlMs: number,
    private readonly lru: boolean,
  ) {
    this.capacity = Math.max(1, Math.min(MAX_ENTRIES, Math.floor(capacity)));
  }

  get size(): number {
    return this.map.size;
  }

  /** True on a fresh hit (refreshing recency when LRU). */
  hit(key: number, nowMs: number): boolean {
    const expiry = this.map.get(key);
    if (expiry === undefined) return false;
    if (expiry <= nowMs) {
      this.map.delete(key);
      return false;
    }
    if (this.lru) {
      this.map.delete(key);
      this.map.set(key, expiry);
    }
    return true;
  }

  put(key: number, nowMs: number): void {
    this.map.delete(key);
    this.map.set(key, this.ttlMs > 0 ? nowMs + this.ttlMs : Infinity);
    if (this.map.size > this.capacity) {
      // evict the least recently used (first in insertion order)
      const oldest = this.map.keys().next().value as number;
      this.map.delete(oldest);
      this.evictions++;
    }
  }

  evictions = 0;

  clear(): void {
    this.map.clear();
  }
}
