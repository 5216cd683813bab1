/**
 * A TTL cache of integer keys with least-recently-used eviction at a capacity: an
 * open-addressing hash table (linear probing, backward-shift deletion) over slot arrays
 * linked in recency order. No allocation per operation; memory grows with the entries
 * actually held, never past `capacity` nor MAX_ENTRIES (a bound on the simulator's memory).
 */
export const MAX_ENTRIES = 2_000_000;

export class TtlCache {
  private keys = new Int32Array(1024);
  private expiry = new Float64Array(1024);
  private prev = new Int32Array(1024);
  private next = new Int32Array(1024);
  private table = new Int32Array(2048); // slot + 1, 0 = empty
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
      const s = this.table[i];
      if (s === 0) return -1;
      if (this.keys[s - 1] === key) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** True on a fresh hit (refreshing recency when LRU). */
  hit(key: number, nowMs: number): boolean {
    const t = this.find(key);
    if (t < 0) return false;
    const s = this.table[t] - 1;
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
      const s = this.table[t] - 1;
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
    this.append(s);
    this.size++;
    if (this.size * 2 > this.mask) this.rehash((this.mask + 1) * 2);
    let i = Math.imul(key, 0x9e3779b1) & this.mask;
    while (this.table[i] !== 0) i = (i + 1) & this.mask;
    this.table[i] = s + 1;
  }

  clear(): void {
    this.table.fill(0);
    this.freeSlots = [];
    this.used = 0;
    this.head = this.tail = -1;
    this.size = 0;
  }

  private remove(t: number): void {
    const s = this.table[t] - 1;
    this.unlink(s);
    this.freeSlots.push(s);
    this.size--;
    // backward-shift deletion keeps probe chains intact
    let i = t;
    let j = t;
    for (;;) {
      j = (j + 1) & this.mask;
      const sj = this.table[j];
      if (sj === 0) break;
      const home = Math.imul(this.keys[sj - 1], 0x9e3779b1) & this.mask;
      if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
        this.table[i] = sj;
        i = j;
      }
    }
    this.table[i] = 0;
  }

  private unlink(s: number): void {
    const p = this.prev[s];
    const n = this.next[s];
    if (p >= 0) this.next[p] = n;
    else this.head = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail = p;
  }

  private append(s: number): void {
    this.prev[s] = this.tail;
    this.next[s] = -1;
    if (this.tail >= 0) this.next[this.tail] = s;
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
    this.prev = gi(this.prev);
    this.next = gi(this.next);
    const e = new Float64Array(n);
    e.set(this.expiry);
    this.expiry = e;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size);
    this.mask = size - 1;
    for (let s = this.head; s >= 0; s = this.next[s]) {
      let i = Math.imul(this.keys[s], 0x9e3779b1) & this.mask;
      while (this.table[i] !== 0) i = (i + 1) & this.mask;
      this.table[i] = s + 1;
    }
  }
}
