/**
 * Seeded pseudo-random numbers with independent streams. Each stream is an sfc32 generator
 * whose state is derived by hashing (seed, node id, purpose), so adding a node or changing
 * one node's settings never shifts the numbers another node draws. Pure 32-bit integer
 * arithmetic: identical on every JavaScript engine.
 */

/** FNV-1a over the string, then mixed with the seed (murmur3 finaliser). */
export function hashSeed(seed: number, ...parts: string[]): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      h ^= part.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const Z99 = 2.3263478740408408; // standard normal 99th percentile

// Acklam's inverse normal CDF coefficients
const A1 = -3.969683028665376e1,
  A2 = 2.209460984245205e2,
  A3 = -2.759285104469687e2,
  A4 = 1.38357751867269e2,
  A5 = -3.066479806614716e1,
  A6 = 2.506628277459239;
const B1 = -5.447609879822406e1,
  B2 = 1.615858368580409e2,
  B3 = -1.556989798598866e2,
  B4 = 6.680131188771972e1,
  B5 = -1.328068155288572e1;
const C1 = -7.784894002430293e-3,
  C2 = -3.223964580411365e-1,
  C3 = -2.400758277161838,
  C4 = -2.549732539343734,
  C5 = 4.374664141464968,
  C6 = 2.938163982698783;
const D1 = 7.784695709041462e-3,
  D2 = 3.224671290700398e-1,
  D3 = 2.445134137142996,
  D4 = 3.754408661907416;
const P_LOW = 0.02425;

// Exponential ziggurat tables, 256 layers (Marsaglia & Tsang, "The Ziggurat Method for
// Generating Random Variables", J. Stat. Software 5(8), 2000).
const ZR = 7.69711747013104972;
const ZK = new Float64Array(256);
const ZW = new Float64Array(256);
const ZF = new Float64Array(256);
(() => {
  const m = 4294967296;
  const v = 3.949659822581572e-3;
  let de = ZR;
  let te = ZR;
  const q = v / Math.exp(-de);
  ZK[0] = Math.floor((de / q) * m);
  ZK[1] = 0;
  ZW[0] = q / m;
  ZW[255] = de / m;
  ZF[0] = 1;
  ZF[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(v / de + Math.exp(-de));
    ZK[i + 1] = Math.floor((de / te) * m);
    te = de;
    ZF[i] = Math.exp(-de);
    ZW[i] = de / m;
  }
})();
const P_HIGH = 1 - P_LOW;

/** Φ⁻¹(p) for p in (0, 1), by Acklam's rational approximation (relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
  }
  if (p > P_HIGH) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q) / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, ...parts: string[]) {
    this.s0 = hashSeed(seed, ...parts, 'a');
    this.s1 = hashSeed(seed, ...parts, 'b');
    this.s2 = hashSeed(seed, ...parts, 'c');
    this.s3 = 1;
    for (let i = 0; i < 15; i++) this.nextU32();
  }

  nextU32(): number {
    // sfc32 (Chris Doty-Humphrey), public domain
    const t = (((this.s0 + this.s1) | 0) + this.s3) | 0;
    this.s3 = (this.s3 + 1) | 0;
    this.s0 = this.s1 ^ (this.s1 >>> 9);
    this.s1 = (this.s2 + (this.s2 << 3)) | 0;
    this.s2 = (this.s2 << 21) | (this.s2 >>> 11);
    this.s2 = (this.s2 + t) | 0;
    return t >>> 0;
  }

  /** Uniform in (0, 1): never exactly 0 or 1, so logs are safe. */
  next(): number {
    return (this.nextU32() + 0.5) / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /**
   * Exponential with the given mean by the ziggurat method (Marsaglia & Tsang, 2000): one
   * 32-bit draw and a table lookup in ~98% of cases, a logarithm only in the rare rest.
   */
  exponential(mean: number): number {
    for (;;) {
      const j = this.nextU32();
      const i = j & 255;
      const x = j * ZW[i];
      if (j < ZK[i]) return mean * x;
      if (i === 0) return mean * (ZR - Math.log(this.next()));
      if (ZF[i] + this.next() * (ZF[i - 1] - ZF[i]) < Math.exp(-x)) return mean * x;
    }
  }

  /**
   * Standard normal by inversion (P. J. Acklam's rational approximation, relative error
   * < 1.2e-9): one uniform per draw and, in the central 95%, no transcendental function —
   * several times cheaper than Box–Muller, and exact enough far into the tails.
   */
  normal(): number {
    return normalQuantile(this.next());
  }

  /** Log-normal with parameters mu, sigma of the underlying normal. */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/**
 * A log-normal: ln x is normal with mean `mu` and deviation `sigma`. `table` holds its
 * quantile function at 8,193 evenly spaced probabilities, made by the first draw
 * (`sampleLogNormal`) and belonging to these `mu` and `sigma`: build every instance with
 * `logNormal()` (one shape for V8, no table yet), never by copying another.
 */
export interface LogNormal {
  readonly mu: number;
  readonly sigma: number;
  table: Float64Array | null;
}

export function logNormal(mu: number, sigma: number): LogNormal {
  return { mu, sigma, table: null };
}

/** A log-normal fitted to a median and a 99th percentile (reference §9.1). */
export function lognormalFromMedianP99(medianMs: number, p99Ms: number): LogNormal {
  const m = Math.max(medianMs, 1e-9);
  return logNormal(Math.log(m), Math.max(0, Math.log(Math.max(p99Ms, m) / m) / Z99));
}

/**
 * A log-normal fitted to a mean and a 99th percentile: solves
 * ln(p99/mean) = z·σ − σ²/2 for the smaller root; needs p99/mean ≤ e^(z²/2) ≈ 14.9
 * (the model's document check enforces that).
 */
export function lognormalFromMeanP99(meanMs: number, p99Ms: number): LogNormal {
  const r = Math.log(Math.max(p99Ms, meanMs) / Math.max(meanMs, 1e-9));
  const disc = Math.max(0, Z99 * Z99 - 2 * r);
  const sigma = Z99 - Math.sqrt(disc);
  return logNormal(Math.log(Math.max(meanMs, 1e-9)) - (sigma * sigma) / 2, sigma);
}

// The draw's 32 random bits u (as in Rng.next) fall in one of 8,192 bins of width 2^-13;
// the top 13 bits name the bin, the low 19 its position inside.
const TABLE_BITS = 13;
const TABLE_BINS = 1 << TABLE_BITS;
const IN_BIN_BITS = 32 - TABLE_BITS;
const IN_BIN_MASK = (1 << IN_BIN_BITS) - 1;
/** Bins at either end (p < 16/8,192 ≈ 0.2 %, or above 1 − that) are drawn exactly: the curve bends too fast there to interpolate. */
const EXACT_BINS = 16;

/** exp(mu + sigma·Φ⁻¹(i / 8,192)) for the bins interpolated (the rest stay 0). */
function quantileTable(d: LogNormal): Float64Array {
  const t = new Float64Array(TABLE_BINS + 1);
  for (let i = EXACT_BINS; i <= TABLE_BINS - EXACT_BINS; i++) t[i] = Math.exp(d.mu + d.sigma * normalQuantile(i / TABLE_BINS));
  return t;
}

/**
 * One draw of `d`, by inversion of the same uniform `rng.lognormal` would use: in the middle
 * 99.6 % by linear interpolation in the tabulated quantile function (no logarithm, no
 * exponential; relative error below 2·10⁻⁴ for σ ≤ 1 and 6·10⁻⁴ for σ up to 2.33, the largest
 * a mean/p99 fit gives — engine.test.ts), at the ends exactly. One 32-bit draw either way, so
 * the random stream advances as with `rng.lognormal`.
 */
export function sampleLogNormal(rng: Rng, d: LogNormal): number {
  if (d.sigma === 0) return Math.exp(d.mu);
  const j = rng.nextU32();
  const bin = j >>> IN_BIN_BITS;
  if (bin < EXACT_BINS || bin >= TABLE_BINS - EXACT_BINS) return Math.exp(d.mu + d.sigma * normalQuantile((j + 0.5) / 4294967296));
  const t = d.table ?? (d.table = quantileTable(d));
  const lo = t[bin];
  return lo + (t[bin + 1] - lo) * (((j & IN_BIN_MASK) + 0.5) / (IN_BIN_MASK + 1));
}

const Z10 = -1.2815515655446004; // standard normal 10th percentile
const Z90 = 1.2815515655446004;

/**
 * A distribution that passes exactly through measured percentiles (p10, p50, p90, p99): ln x
 * is piecewise linear in the standard normal z between them — a log-normal on each stretch —
 * and continues with the slope of the nearest stretch beyond p10 and p99.
 */
export interface QuantileCurve {
  /** ln of p10, p50, p90, p99. */
  readonly ln: readonly [number, number, number, number];
}

export function quantileCurve(q: { p10: number; p50: number; p90: number; p99: number }): QuantileCurve {
  const l = (x: number) => Math.log(Math.max(x, 1e-9));
  // enforce monotone percentiles (measured ones always are)
  const a = l(q.p10);
  const b = Math.max(a, l(q.p50));
  const c = Math.max(b, l(q.p90));
  return { ln: [a, b, c, Math.max(c, l(q.p99))] };
}

/** The curve's value at standard normal quantile z. */
export function quantileAt(c: QuantileCurve, z: number): number {
  const [a, b, d, e] = c.ln;
  if (z <= 0) return Math.exp(b + (z * (b - a)) / -Z10);
  if (z <= Z90) return Math.exp(b + (z * (d - b)) / Z90);
  return Math.exp(d + ((z - Z90) * (e - d)) / (Z99 - Z90));
}
