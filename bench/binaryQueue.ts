import { grownF64, grownI32 } from '../src/sim/engine/typedArrays';
/** A binary-heap twin of src/sim/engine/eventQueue.ts (same layout, arity 2), only for bench/queue.ts. */
export class EventQueue2 {
  // heap: time and record index
  private heapTime: Float64Array;
  private heapRec: Int32Array;
  // records
  private seq: Float64Array;
  private target: Int32Array;
  private kind: Int32Array;
  private a: Int32Array;
  private b: Int32Array;
  private freeRecs: Int32Array;
  private freeCount = 0;
  private recCount = 0;
  private nextSeq = 0;
  size = 0;

  // The last popped event, read by the kernel (no object per event).
  topTimeMs = 0;
  topTarget = 0;
  topKind = 0;
  topA = 0;
  topB = 0;

  constructor(initialCapacity = 1024) {
    const n = initialCapacity;
    this.heapTime = new Float64Array(n);
    this.heapRec = new Int32Array(n);
    this.seq = new Float64Array(n);
    this.target = new Int32Array(n);
    this.kind = new Int32Array(n);
    this.a = new Int32Array(n);
    this.b = new Int32Array(n);
    this.freeRecs = new Int32Array(n);
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTimeMs(): number {
    return this.size > 0 ? this.heapTime[0] : Infinity;
  }

  push(timeMs: number, target: number, kind: number, a: number, b: number): void {
    if (this.size === this.heapTime.length) this.grow();
    const r = this.freeCount > 0 ? this.freeRecs[--this.freeCount] : this.recCount++;
    const s = this.nextSeq++;
    this.seq[r] = s;
    this.target[r] = target;
    this.kind[r] = kind;
    this.a[r] = a;
    this.b[r] = b;
    const T = this.heapTime;
    const R = this.heapRec;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = T[p];
      if (pt < timeMs || (pt === timeMs && this.seq[R[p]] < s)) break;
      T[i] = pt;
      R[i] = R[p];
      i = p;
    }
    T[i] = timeMs;
    R[i] = r;
  }

  /** Remove the earliest event into top*; returns false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const T = this.heapTime;
    const R = this.heapRec;
    const r0 = R[0];
    this.topTimeMs = T[0];
    this.topTarget = this.target[r0];
    this.topKind = this.kind[r0];
    this.topA = this.a[r0];
    this.topB = this.b[r0];
    this.freeRecs[this.freeCount++] = r0;
    const n = --this.size;
    if (n === 0) return true;
    const t = T[n];
    const r = R[n];
    const S = this.seq;
    const s = S[r];
    let i = 0;
    for (;;) {
      const c0 = 2 * i + 1;
      if (c0 >= n) break;
      let m = c0;
      let mt = T[c0];
      const end = c0 + 2 < n ? c0 + 2 : n;
      for (let c = c0 + 1; c < end; c++) {
        const ct = T[c];
        if (ct < mt || (ct === mt && S[R[c]] < S[R[m]])) {
          m = c;
          mt = ct;
        }
      }
      if (mt > t || (mt === t && S[R[m]] > s)) break;
      T[i] = mt;
      R[i] = R[m];
      i = m;
    }
    T[i] = t;
    R[i] = r;
    return true;
  }

  clear(): void {
    this.size = 0;
    this.freeCount = 0;
    this.recCount = 0;
  }

  private grow(): void {
    const n = this.heapTime.length * 2;
    const f = (old: Float64Array) => grownF64(old, n);
    const g = (old: Int32Array) => grownI32(old, n);
    this.heapTime = f(this.heapTime);
    this.heapRec = g(this.heapRec);
    this.seq = f(this.seq);
    this.target = g(this.target);
    this.kind = g(this.kind);
    this.a = g(this.a);
    this.b = g(this.b);
    this.freeRecs = g(this.freeRecs);
  }
}
