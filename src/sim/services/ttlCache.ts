/**
 * A TTL cache of integer keys with least-recently-used eviction at a capacity: an
 * open-addressing hash table (linear probing, backward-shift deletion) whose 32-byte entries
 * hold everything a lookup needs (slot, key, expiry, last use), so a hit reads and writes
 * one cache line. No allocation per operation; memory grows with the entries actually held,
 * never past `capacity` nor MAX_ENTRIES (a bound on the simulator's memory).
 *
 * Recency is kept lazily: while the cache has never had to evict, each touch only stamps the
 * entry with a use counter. The first time an entry must be evicted, the entries are linked
 * in stamp order (the exact LRU order) and from then on every touch moves its slot to the
 * tail of that list, as before. A cache that stays below its capacity (DAX over a working
 * set smaller than a node's memory, the common case) never pays for the list.
 */
export const MAX_ENTRIES = 2_000_000;

/** Int32 words per table entry: slot + 1 (0 = empty), key, (padding), expiry f64, last use f64. */
const W = 8;

export class TtlCache {
  /** The hash table as int32 words ([W·i] slot + 1, [W·i + 1] key) … */
  private table = new Int32Array(W * 2048);
  /** … and the same memory as float64 ([W/2·i + 2] expiry, [W/2·i + 3] last use). */
  private tableF = new Float64Array(this.table.buffer);
  private mask = 2047;
  /** Key of each slot (to find the least recently used one's entry). */
  private keys = new Int32Array(1024);
  /** Recency links by slot, side by side: prev at 2·slot, next at 2·slot + 1 (only once `linked`). */
  private link = new Int32Array(2048);
  private used = 0; // slots ever handed out
  private freeSlots: number[] = [];
  /** Is recency kept in the list (true) or only in the entries' stamps (false)? */
  private linked = false;
  private useSeq = 0;
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
    const T = this.table;
    let i = Math.imul(key, 0x9e3779b1) & this.mask;
    for (;;) {
      const s = T[W * i];
      if (s === 0) return -1;
      if (T[W * i + 1] === key) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** Entry `t` was used now (a hit when LRU, or a put). */
  private touch(t: number): void {
    if (!this.linked) {
      this.tableF[(W / 2) * t + 3] = this.useSeq++;
      return;
    }
    const s = this.table[W * t] - 1;
    if (s !== this.tail) {
      this.unlink(s);
      this.append(s);
    }
  }

  /** True on a fresh hit (refreshing recency when LRU). */
  hit(key: number, nowMs: number): boolean {
    const t = this.find(key);
    if (t < 0) return false;
    if (this.tableF[(W / 2) * t + 2] <= nowMs) {
      this.remove(t);
      return false;
    }
    if (this.lru) this.touch(t);
    return true;
  }

  put(key: number, nowMs: number): void {
    const exp = this.ttlMs > 0 ? nowMs + this.ttlMs : Infinity;
    const t = this.find(key);
    if (t >= 0) {
      this.tableF[(W / 2) * t + 2] = exp;
      this.touch(t);
      return;
    }
    if (this.size >= this.capacity && this.size > 0) {
      if (!this.linked) this.linkByStamp();
      while (this.size >= this.capacity && this.head >= 0) {
        this.remove(this.find(this.keys[this.head]));
        this.evictions++;
      }
    }
    let s = this.freeSlots.pop();
    if (s === undefined) {
      if (this.used === this.keys.length) this.growSlots();
      s = this.used++;
    }
    this.keys[s] = key;
    if ((this.size + 1) * 2 > this.mask) this.rehash((this.mask + 1) * 2);
    this.size++;
    const T = this.table;
    let i = Math.imul(key, 0x9e3779b1) & this.mask;
    while (T[W * i] !== 0) i = (i + 1) & this.mask;
    T[W * i] = s + 1;
    T[W * i + 1] = key;
    this.tableF[(W / 2) * i + 2] = exp;
    if (this.linked) this.append(s);
    else this.tableF[(W / 2) * i + 3] = this.useSeq++;
  }

  clear(): void {
    this.table.fill(0);
    this.freeSlots = [];
    this.used = 0;
    this.head = this.tail = -1;
    this.size = 0;
    this.linked = false;
    this.useSeq = 0;
  }

  /** Link every entry's slot in the order of its last use (the LRU order), once. */
  private linkByStamp(): void {
    const T = this.table;
    const F = this.tableF;
    const entries: number[] = [];
    for (let i = 0; i <= this.mask; i++) if (T[W * i] !== 0) entries.push(i);
    entries.sort((a, b) => F[(W / 2) * a + 3] - F[(W / 2) * b + 3]);
    this.head = this.tail = -1;
    this.linked = true;
    for (const i of entries) this.append(T[W * i] - 1);
  }

  private remove(t: number): void {
    const T = this.table;
    const F = this.tableF;
    const s = T[W * t] - 1;
    if (this.linked) this.unlink(s);
    this.freeSlots.push(s);
    this.size--;
    // backward-shift deletion keeps probe chains intact
    let i = t;
    let j = t;
    for (;;) {
      j = (j + 1) & this.mask;
      const sj = T[W * j];
      if (sj === 0) break;
      const kj = T[W * j + 1];
      const home = Math.imul(kj, 0x9e3779b1) & this.mask;
      if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
        T[W * i] = sj;
        T[W * i + 1] = kj;
        F[(W / 2) * i + 2] = F[(W / 2) * j + 2];
        F[(W / 2) * i + 3] = F[(W / 2) * j + 3];
        i = j;
      }
    }
    T[W * i] = 0;
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
    const k = new Int32Array(n);
    k.set(this.keys);
    this.keys = k;
    const l = new Int32Array(2 * n);
    l.set(this.link);
    this.link = l;
  }

  private rehash(size: number): void {
    const oldT = this.table;
    const oldF = this.tableF;
    const oldSize = this.mask + 1;
    const T = (this.table = new Int32Array(W * size));
    const F = (this.tableF = new Float64Array(T.buffer));
    this.mask = size - 1;
    for (let j = 0; j < oldSize; j++) {
      const s1 = oldT[W * j];
      if (s1 === 0) continue;
      const key = oldT[W * j + 1];
      let i = Math.imul(key, 0x9e3779b1) & this.mask;
      while (T[W * i] !== 0) i = (i + 1) & this.mask;
      T[W * i] = s1;
      T[W * i + 1] = key;
      F[(W / 2) * i + 2] = oldF[(W / 2) * j + 2];
      F[(W / 2) * i + 3] = oldF[(W / 2) * j + 3];
    }
  }
}
