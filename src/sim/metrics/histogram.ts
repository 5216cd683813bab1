/**
 * Log-linear latency histogram (the HDR histogram's layout): a value's bucket is its
 * binary exponent and the top 7 bits of its mantissa, read straight from the IEEE-754 bits,
 * so recording costs no logarithm and any percentile is within 0.8% of the true value.
 * Range 2^-10 ms (~1 µs) to 2^24 ms (~4.6 h); outside it values are clamped. Percentiles
 * come from the whole distribution (end to end, never summed hop by hop). Measured ~4×
 * faster than hdr-histogram-js on 3 M records (bench/histogram.ts).
 */
const SUB_BITS = 7;
const MIN_EXP = -10;
const MAX_EXP = 24;
const BUCKETS = (MAX_EXP - MIN_EXP) << SUB_BITS;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// little-endian is what every JS engine we target runs on; checked once here
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const MIN_VALUE = 2 ** MIN_EXP;
const MAX_VALUE = 2 ** MAX_EXP;
/** Bits of the high word: 11 exponent (biased) + 20 mantissa; keep exponent + SUB_BITS. */
const SHIFT = 20 - SUB_BITS;
const OFFSET = (MIN_EXP + 1023) << SUB_BITS;

function bucketOf(v: number): number {
  if (v < MIN_VALUE) return 0;
  if (v >= MAX_VALUE) return BUCKETS - 1;
  f64[0] = v;
  return (u32[HI] >>> SHIFT) - OFFSET;
}

/** Geometric middle of a bucket. */
function valueOf(i: number): number {
  const exp = (i >> SUB_BITS) + MIN_EXP;
  const sub = i & ((1 << SUB_BITS) - 1);
  const lo = 2 ** exp * (1 + sub / (1 << SUB_BITS));
  const hi = 2 ** exp * (1 + (sub + 1) / (1 << SUB_BITS));
  return Math.sqrt(lo * hi);
}

export class Histogram {
  private readonly counts = new Int32Array(BUCKETS);
  private lo = BUCKETS;
  private hi = -1;
  count = 0;
  sumMs = 0;
  maxMs = 0;

  record(valueMs: number): void {
    const i = bucketOf(valueMs);
    this.counts[i]++;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
    this.count++;
    this.sumMs += valueMs;
    if (valueMs > this.maxMs) this.maxMs = valueMs;
  }

  mean(): number {
    return this.count ? this.sumMs / this.count : 0;
  }

  /** The q-quantile (0..1): the middle of its bucket, clamped to the largest value seen. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = this.lo; i <= this.hi; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(i === 0 ? MIN_VALUE : valueOf(i), this.maxMs);
    }
    return this.maxMs;
  }

  /** Several quantiles (ascending) in one pass over the buckets, written into `out`. */
  quantilesInto(qs: readonly number[], out: number[]): number[] {
    out.length = qs.length;
    if (this.count === 0) {
      out.fill(0);
      return out;
    }
    let j = 0;
    let rank = Math.max(1, Math.ceil(qs[0] * this.count));
    let seen = 0;
    for (let i = this.lo; i <= this.hi && j < qs.length; i++) {
      seen += this.counts[i];
      while (j < qs.length && seen >= rank) {
        out[j++] = Math.min(i === 0 ? MIN_VALUE : valueOf(i), this.maxMs);
        if (j < qs.length) rank = Math.max(1, Math.ceil(qs[j] * this.count));
      }
    }
    while (j < qs.length) out[j++] = this.maxMs;
    return out;
  }

  /** Add another histogram's counts into this one. */
  merge(other: Histogram): void {
    for (let i = other.lo; i <= other.hi; i++) this.counts[i] += other.counts[i];
    if (other.count > 0) {
      this.lo = Math.min(this.lo, other.lo);
      this.hi = Math.max(this.hi, other.hi);
    }
    this.count += other.count;
    this.sumMs += other.sumMs;
    this.maxMs = Math.max(this.maxMs, other.maxMs);
  }

  reset(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.lo = BUCKETS;
    this.hi = -1;
    this.count = 0;
    this.sumMs = 0;
    this.maxMs = 0;
  }
}
