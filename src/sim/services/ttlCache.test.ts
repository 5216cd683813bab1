/** The TTL/LRU cache against a plain Map model, through growth, eviction and expiry. */
import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttlCache';

/** The reference: a Map in recency order (first = least recently used). */
class Model {
  private m = new Map<number, number>();
  evictions = 0;
  constructor(
    public cap: number,
    private ttl: number,
    private lru: boolean,
  ) {}
  get size() {
    return this.m.size;
  }
  hit(k: number, now: number): boolean {
    const exp = this.m.get(k);
    if (exp === undefined) return false;
    if (exp <= now) {
      this.m.delete(k);
      return false;
    }
    if (this.lru) {
      this.m.delete(k);
      this.m.set(k, exp);
    }
    return true;
  }
  put(k: number, now: number): void {
    const exp = this.ttl > 0 ? now + this.ttl : Infinity;
    if (this.m.has(k)) {
      this.m.delete(k);
      this.m.set(k, exp);
      return;
    }
    while (this.m.size >= this.cap) {
      this.m.delete(this.m.keys().next().value as number);
      this.evictions++;
    }
    this.m.set(k, exp);
  }
  clear(): void {
    this.m.clear();
  }
}

describe('TtlCache', () => {
  it('answers like a Map-based LRU through table growth, evictions and expiry', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let trial = 0; trial < 30; trial++) {
      const cap = 1 + Math.floor(rnd() * 5000);
      const ttl = rnd() < 0.5 ? 0 : Math.floor(rnd() * 1000);
      const lru = rnd() < 0.7;
      const keys = 1 + Math.floor(rnd() * 20000);
      const c = new TtlCache(cap, ttl, lru);
      const m = new Model(cap, ttl, lru);
      for (let i = 0; i < 10_000; i++) {
        const k = Math.floor(rnd() * keys);
        if (rnd() < 0.5) {
          // one expect per operation would be most of the test's time: only on a difference
          const [got, want] = [c.hit(k, i), m.hit(k, i)];
          if (got !== want) expect(got, `trial ${trial} op ${i}`).toBe(want);
        } else {
          c.put(k, i);
          m.put(k, i);
        }
      }
      expect(c.size).toBe(m.size);
      expect(c.evictions).toBe(m.evictions);
    }
  });

  it('keeps the LRU order when it first has to evict after a long stretch below capacity, when the capacity is lowered, and after a clear', () => {
    let seed = 11;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let trial = 0; trial < 20; trial++) {
      const keys = 50 + Math.floor(rnd() * 3000);
      const lru = trial % 3 !== 0;
      const ttl = trial % 4 === 0 ? 500 : 0;
      // room for every key at first: no eviction until the capacity is lowered
      const c = new TtlCache(keys + 1, ttl, lru);
      const m = new Model(keys + 1, ttl, lru);
      for (let i = 0; i < 20_000; i++) {
        if (i === 6_000 || i === 14_000) {
          const cap = 1 + Math.floor(rnd() * keys * 0.6);
          c.capacity = cap;
          m.cap = cap;
        }
        if (i === 10_000) {
          c.clear();
          m.clear();
          c.capacity = m.cap = keys + 1;
        }
        const k = Math.floor(rnd() * keys);
        if (rnd() < 0.5) {
          // one expect per operation would be most of the test's time: only on a difference
          const [got, want] = [c.hit(k, i), m.hit(k, i)];
          if (got !== want) expect(got, `trial ${trial} op ${i}`).toBe(want);
        } else {
          c.put(k, i);
          m.put(k, i);
        }
        if (i % 1000 === 999 && c.size !== m.size) expect(c.size, `trial ${trial} op ${i}`).toBe(m.size);
      }
      expect(c.evictions).toBe(m.evictions);
    }
  });
});
