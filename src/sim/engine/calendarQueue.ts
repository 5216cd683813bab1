/**
 * The future-event list as a calendar queue (R. Brown, "Calendar queues: a fast O(1)
 * priority queue implementation for the simulation event set problem", CACM 31(10), 1988):
 * time is cut into days of `width` ms, a year of `nb` days wraps around an array of buckets,
 * and each bucket holds its events in a list sorted by (time, insertion sequence). Popping
 * reads the head of the current day's bucket; pushing walks a bucket's short list. When the
 * number of events doubles or halves, the buckets are rebuilt with a width fitted to the
 * spacing of the earliest events (3 × their mean gap, as Brown suggests), so a day holds a
 * few events whatever the rate.
 *
 * The order is exactly the 4-ary heap's (eventQueue.ts): (time, insertion sequence), so
 * events at the same simulated time run in the order they were scheduled and every run
 * repeats. Same interface; all storage is typed arrays, nothing is allocated per event.
 */

import { grownF64, grownI32 } from './typedArrays';
const MIN_BUCKETS = 16;
/** Events whose gaps set the width on a rebuild. */
const SAMPLE = 32;
/** Every CHECK_EVERY pops, re-fit the width if pushes and pops took more than MAX_STEPS steps each on average. */
const CHECK_EVERY = 4096;
const MAX_STEPS = 8;

export class CalendarQueue {
  // records
  private time: Float64Array;
  private seq: Float64Array;
  /** The record's day number, floor(time / width) as computed when it was filed. */
  private day: Float64Array;
  private next: Int32Array;
  private target: Int32Array;
  private kind: Int32Array;
  private a: Int32Array;
  private b: Int32Array;
  private freeRecs: Int32Array;
  private freeCount = 0;
  private recCount = 0;
  private nextSeq = 0;
  size = 0;

  // buckets
  private heads: Int32Array;
  private mask: number;
  private width = 1;
  private invWidth = 1;
  /** The day the cursor is on, and its bucket. */
  private curDay = 0;
  private curBucket = 0;
  /** The earliest record once found (-1: not known), so peek then pop searches once. */
  private minRec = -1;
  private growAt: number;
  private shrinkAt: number;
  /** Days stepped over and list entries walked since the last check (a badly fitted width shows here). */
  private work = 0;
  private popsSinceCheck = 0;

  // The last popped event, read by the kernel (no object per event).
  topTimeMs = 0;
  topTarget = 0;
  topKind = 0;
  topA = 0;
  topB = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.time = new Float64Array(n);
    this.seq = new Float64Array(n);
    this.day = new Float64Array(n);
    this.next = new Int32Array(n);
    this.target = new Int32Array(n);
    this.kind = new Int32Array(n);
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.freeRecs = new Int32Array(n);
    this.heads = new Int32Array(MIN_BUCKETS).fill(-1);
    this.mask = MIN_BUCKETS - 1;
    this.growAt = 2 * MIN_BUCKETS;
    this.shrinkAt = 0;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTimeMs(): number {
    if (this.size === 0) return Infinity;
    const r = this.minRec >= 0 ? this.minRec : this.findMin();
    return this.time[r];
  }

  push(timeMs: number, target: number, kind: number, a: number, b: number): void {
    if (this.recCount === this.time.length && this.freeCount === 0) this.growRecords();
    const r = this.freeCount > 0 ? this.freeRecs[--this.freeCount] : this.recCount++;
    const s = this.nextSeq++;
    this.time[r] = timeMs;
    this.seq[r] = s;
    this.target[r] = target;
    this.kind[r] = kind;
    this.a[r] = a;
    this.b[r] = b;
    this.size++;
    this.file(r, timeMs, s);
    const m = this.minRec;
    if (m >= 0 && timeMs < this.time[m]) this.minRec = r;
    if (this.size > this.growAt) this.rebuild(2 * (this.mask + 1));
  }

  /** Put record r into its bucket, in (time, seq) order. */
  private file(r: number, t: number, s: number): void {
    const d = Math.floor(t * this.invWidth);
    this.day[r] = d;
    if (d < this.curDay) {
      // earlier than the cursor (the cursor had run ahead over empty days): go back
      this.curDay = d;
      this.curBucket = (d >>> 0) & this.mask;
    }
    const bk = (d >>> 0) & this.mask;
    const T = this.time;
    const N = this.next;
    let prev = -1;
    let cur = this.heads[bk];
    while (cur >= 0) {
      const ct = T[cur];
      if (ct > t || (ct === t && this.seq[cur] > s)) break;
      prev = cur;
      cur = N[cur];
      this.work++;
    }
    N[r] = cur;
    if (prev < 0) this.heads[bk] = r;
    else N[prev] = r;
  }

  /** Move the cursor to the earliest event's day and return its record (size > 0). */
  private findMin(): number {
    const H = this.heads;
    const D = this.day;
    const mask = this.mask;
    let bk = this.curBucket;
    let d = this.curDay;
    for (let i = 0; i <= mask; i++) {
      const h = H[bk];
      if (h >= 0 && D[h] === d) {
        this.curBucket = bk;
        this.curDay = d;
        return (this.minRec = h);
      }
      bk = (bk + 1) & mask;
      d++;
      this.work++;
    }
    this.work += mask + 1;
    // a whole year without an event: jump straight to the earliest head
    let best = -1;
    for (let i = 0; i <= mask; i++) {
      const h = H[i];
      if (h < 0) continue;
      if (best < 0 || this.time[h] < this.time[best] || (this.time[h] === this.time[best] && this.seq[h] < this.seq[best])) best = h;
    }
    this.curDay = D[best];
    this.curBucket = (D[best] >>> 0) & mask;
    return (this.minRec = best);
  }

  /** Remove the earliest event into top*; returns false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const r = this.minRec >= 0 ? this.minRec : this.findMin();
    this.minRec = -1;
    this.heads[this.curBucket] = this.next[r];
    this.topTimeMs = this.time[r];
    this.topTarget = this.target[r];
    this.topKind = this.kind[r];
    this.topA = this.a[r];
    this.topB = this.b[r];
    this.freeRecs[this.freeCount++] = r;
    this.size--;
    if (this.size < this.shrinkAt) this.rebuild((this.mask + 1) >> 1);
    else if (++this.popsSinceCheck === CHECK_EVERY) {
      // more than a few steps per event on average: the width no longer fits the spacing
      if (this.work > CHECK_EVERY * MAX_STEPS && this.size > 1) this.rebuild(this.mask + 1);
      this.work = 0;
      this.popsSinceCheck = 0;
    }
    return true;
  }

  clear(): void {
    this.size = 0;
    this.freeCount = 0;
    this.recCount = 0;
    this.minRec = -1;
    this.heads.fill(-1);
    this.curDay = 0;
    this.curBucket = 0;
  }

  /** Re-file every event into `buckets` buckets with a width fitted to the earliest events' spacing. */
  private rebuild(buckets: number): void {
    const nb = Math.max(MIN_BUCKETS, buckets);
    const recs: number[] = [];
    for (let i = 0; i <= this.mask; i++) for (let r = this.heads[i]; r >= 0; r = this.next[r]) recs.push(r);
    const T = this.time;
    const S = this.seq;
    recs.sort((x, y) => T[x] - T[y] || S[x] - S[y]);
    // Brown: the width is ~3 times the mean gap between the earliest events
    const n = Math.min(recs.length, SAMPLE);
    const gap = n > 1 ? (T[recs[n - 1]] - T[recs[0]]) / (n - 1) : 0;
    this.width = gap > 0 ? 3 * gap : this.width;
    this.invWidth = 1 / this.width;
    this.heads = new Int32Array(nb).fill(-1);
    this.mask = nb - 1;
    this.growAt = 2 * nb;
    this.shrinkAt = nb > MIN_BUCKETS ? nb >> 2 : 0;
    const first = recs.length > 0 ? Math.floor(T[recs[0]] * this.invWidth) : 0;
    this.curDay = first;
    this.curBucket = (first >>> 0) & this.mask;
    this.minRec = -1;
    // in ascending order each record goes to its bucket's tail: keep a tail per bucket
    const tails = new Int32Array(nb).fill(-1);
    for (const r of recs) {
      const d = Math.floor(T[r] * this.invWidth);
      this.day[r] = d;
      const bk = (d >>> 0) & this.mask;
      this.next[r] = -1;
      if (tails[bk] < 0) this.heads[bk] = r;
      else this.next[tails[bk]] = r;
      tails[bk] = r;
    }
  }

  private growRecords(): void {
    const n = this.time.length * 2;
    const f = (old: Float64Array) => grownF64(old, n);
    const g = (old: Int32Array) => grownI32(old, n);
    this.time = f(this.time);
    this.seq = f(this.seq);
    this.day = f(this.day);
    this.next = g(this.next);
    this.target = g(this.target);
    this.kind = g(this.kind);
    this.a = g(this.a);
    this.b = g(this.b);
    this.freeRecs = g(this.freeRecs);
  }
}
