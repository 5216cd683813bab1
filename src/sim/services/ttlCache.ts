/**
 * A TTL cache of integer keys with least-recently-used eviction at a capacity: an
 * open-addressing hash table (linear probing, backward-shift deletion) over slot arrays
 * linked in recency order (the table holds each key beside its slot, the links sit side by
 * side: fewer cache misses per lookup). No allocation per operation; memory grows with the entries
 * actually held, never past `capacity` nor MAX_ENTRIES (a bound on the simulator's memory).
 */
export const MAX_ENTRIES = 2_000_000;

export class TtlCache {
  private keys = new Int32Array(1024);
  private expiry = new Float64Array(1024);
  /** Recency links, side by side (one cache line): prev at 2·slot, next at 2·slot + 1. */
  private link = new Int32Array(2048);
  /** (slot + 1, key) pairs, 0 = empty: a probe compares keys without visiting the slot. */
  private table = new Int32Array(4096);
  private mask = 2047;
  private used = 0; // slots ever handed out
  private freeSlots: number[] = [];
  private head = -1; // least recently used
  private tail = -1; // most recently used
  size = 0;
  capacity: number;
  evictions = 0;

  constructor(
    capacity: number,
    /** 0 = entries never expire (only eviction or overwrite removes them). */
    public ttlMs: number,
    private readonly lru: boolean,
  ) {
    this.capacity = TtlCache.bound(capacity);
  }

  static bound(capacity: number): number {
    return Math.max(1, Math.min(MAX_ENTRIES, Math.floor(capacity)));
  }

  private find(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) & this.mask;
    for (;;) {
      const s = this.table[2 * i];
      if (s === 0) return -1;
      if (this.table[2 * i + 1] === key) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** True on a fresh hit (refreshing recency when LRU). */
  hit(key: number, nowMs: number): boolean {
    const t = this.find(key);
    if (t < 0) return false;
    const s = this.table[2 * t] - 1;
    if (this.expiry[s] <= nowMs) {
      this.remove(t);
      return false;
    }
    if (this.lru && s !== this.tail) {
      this.unlink(s);
      this.append(s);
    }
    return true;
  }

  put(key: number, nowMs: number): void {
    const exp = this.ttlMs > 0 ? nowMs + this.ttlMs : Infinity;
    const t = this.find(key);
    if (t >= 0) {
      const s = this.table[2 * t] - 1;
      this.expiry[s] = exp;
      if (s !== this.tail) {
        this.unlink(s);
        this.append(s);
      }
      return;
    }
    while (this.size >= this.capacity && this.head >= 0) {
      this.remove(this.find(this.keys[this.head]));
      this.evictions++;
    }
    let s = this.freeSlots.pop();
    if (s === undefined) {
      if (this.used === this.keys.length) this.growSlots();
      s = this.used++;
    }
    this.keys[s] = key;
    this.expiry[s] = exp;
    // grow before linking the new slot: rehash re-inserts every linked slot, and the new one
    // is inserted just below (linking it first put it in the table twice)
    if ((this.size + 1) * 2 > this.mask) this.rehash((this.mask + 1) * 2);
    this.append(s);
    this.size++;
    let i = Math.imul(key, 0x9e3779b1) & this.mask;
    while (this.table[2 * i] !== 0) i = (i + 1) & this.mask;
    this.table[2 * i] = s + 1;
    this.table[2 * i + 1] = key;
  }

  clear(): void {
    this.table.fill(0);
    this.freeSlots = [];
    this.used = 0;
    this.head = this.tail = -1;
    this.size = 0;
  }

  private remove(t: number): void {
    const T = this.table;
    const s = T[2 * t] - 1;
    this.unlink(s);
    this.freeSlots.push(s);
    this.size--;
    // backward-shift deletion keeps probe chains intact
    let i = t;
    let j = t;
    for (;;) {
      j = (j + 1) & this.mask;
      const sj = T[2 * j];
      if (sj === 0) break;
      const kj = T[2 * j + 1];
      const home = Math.imul(kj, 0x9e3779b1) & this.mask;
      if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
        T[2 * i] = sj;
        T[2 * i + 1] = kj;
        i = j;
      }
    }
    T[2 * i] = 0;
  }

  private unlink(s: number): void {
    const L = this.link;
    const p = L[2 * s];
    const n = L[2 * s + 1];
    if (p >= 0) L[2 * p + 1] = n;
    else this.head = n;
    if (n >= 0) L[2 * n] = p;
    else this.tail = p;
  }

  private append(s: number): void {
    const L = this.link;
    L[2 * s] = this.tail;
    L[2 * s + 1] = -1;
    if (this.tail >= 0) L[2 * this.tail + 1] = s;
    else this.head = s;
    this.tail = s;
  }

  private growSlots(): void {
    const n = this.keys.length * 2;
    const gi = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.keys = gi(this.keys);
    const l = new Int32Array(2 * n);
    l.set(this.link);
    this.link = l;
    const e = new Float64Array(n);
    e.set(this.expiry);
    this.expiry = e;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let s = this.head; s >= 0; s = this.link[2 * s + 1]) {
      const key = this.keys[s];
      let i = Math.imul(key, 0x9e3779b1) & this.mask;
      while (this.table[2 * i] !== 0) i = (i + 1) & this.mask;
      this.table[2 * i] = s + 1;
      this.table[2 * i + 1] = key;
    }
  }
}
