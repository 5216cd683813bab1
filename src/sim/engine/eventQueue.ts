/**
 * The future-event list: a 4-ary min-heap ordered by (time, insertion sequence), so events
 * at the same simulated time run in the order they were scheduled (as in SimPy) and every
 * run repeats exactly. Entries live in parallel typed arrays: pushing and popping allocate
 * nothing once the arrays have grown to the run's peak size.
 *
 * An event is (timeMs, target, kind, a, b): `target` indexes the kernel's handler table,
 * `kind` is the handler's own event code, `a`/`b` are integers (usually a pooled call's slot
 * and generation).
 */
export class EventQueue {
  private timeMs: Float64Array;
  private seq: Float64Array;
  private target: Int32Array;
  private kind: Int32Array;
  private a: Int32Array;
  private b: Int32Array;
  private nextSeq = 0;
  size = 0;

  // The last popped event, read by the kernel (no object per event).
  topTimeMs = 0;
  topTarget = 0;
  topKind = 0;
  topA = 0;
  topB = 0;

  constructor(initialCapacity = 1024) {
    this.timeMs = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.target = new Int32Array(initialCapacity);
    this.kind = new Int32Array(initialCapacity);
    this.a = new Int32Array(initialCapacity);
    this.b = new Int32Array(initialCapacity);
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTimeMs(): number {
    return this.size > 0 ? this.timeMs[0] : Infinity;
  }

  push(timeMs: number, target: number, kind: number, a: number, b: number): void {
    if (this.size === this.timeMs.length) this.grow();
    const s = this.nextSeq++;
    let i = this.size++;
    const T = this.timeMs;
    const S = this.seq;
    // sift up: move parents down until the slot fits
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = T[p];
      if (pt < timeMs || (pt === timeMs && S[p] < s)) break;
      this.move(p, i);
      i = p;
    }
    T[i] = timeMs;
    S[i] = s;
    this.target[i] = target;
    this.kind[i] = kind;
    this.a[i] = a;
    this.b[i] = b;
  }

  /** Remove the earliest event into top*; returns false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    this.topTimeMs = this.timeMs[0];
    this.topTarget = this.target[0];
    this.topKind = this.kind[0];
    this.topA = this.a[0];
    this.topB = this.b[0];
    const last = --this.size;
    if (last === 0) return true;
    const T = this.timeMs;
    const S = this.seq;
    const t = T[last];
    const s = S[last];
    const tg = this.target[last];
    const k = this.kind[last];
    const ea = this.a[last];
    const eb = this.b[last];
    let i = 0;
    const n = last;
    for (;;) {
      const c0 = 4 * i + 1;
      if (c0 >= n) break;
      // smallest of up to four children
      let m = c0;
      let mt = T[c0];
      let ms = S[c0];
      const end = c0 + 4 < n ? c0 + 4 : n;
      for (let c = c0 + 1; c < end; c++) {
        const ct = T[c];
        if (ct < mt || (ct === mt && S[c] < ms)) {
          m = c;
          mt = ct;
          ms = S[c];
        }
      }
      if (mt > t || (mt === t && ms > s)) break;
      this.move(m, i);
      i = m;
    }
    T[i] = t;
    S[i] = s;
    this.target[i] = tg;
    this.kind[i] = k;
    this.a[i] = ea;
    this.b[i] = eb;
    return true;
  }

  clear(): void {
    this.size = 0;
  }

  private move(from: number, to: number): void {
    this.timeMs[to] = this.timeMs[from];
    this.seq[to] = this.seq[from];
    this.target[to] = this.target[from];
    this.kind[to] = this.kind[from];
    this.a[to] = this.a[from];
    this.b[to] = this.b[from];
  }

  private grow(): void {
    const n = this.timeMs.length * 2;
    const f = (old: Float64Array) => {
      const x = new Float64Array(n);
      x.set(old);
      return x;
    };
    const g = (old: Int32Array) => {
      const x = new Int32Array(n);
      x.set(old);
      return x;
    };
    this.timeMs = f(this.timeMs);
    this.seq = f(this.seq);
    this.target = g(this.target);
    this.kind = g(this.kind);
    this.a = g(this.a);
    this.b = g(this.b);
  }
}
