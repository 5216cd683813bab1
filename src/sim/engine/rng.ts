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
// Normal ziggurat tables, 128 layers (Marsaglia & Tsang 2000, as above). A draw takes the layer
// from bits 0–6, the sign from bit 7 and the position in the layer from the top 24 bits, so
// the three are independent (Doornik 2005 shows the original's reuse of the layer bits in the
// value biases it); entries are scaled to 2^24.
const NR = 3.442619855899;
const NK = new Float64Array(128);
const NW = new Float64Array(128);
const NF = new Float64Array(128);
(() => {
  const m = 16777216;
  const v = 9.91256303526217e-3;
  let dn = NR;
  let tn = dn;
  const q = v / Math.exp(-0.5 * dn * dn);
  NK[0] = Math.floor((dn / q) * m);
  NK[1] = 0;
  NW[0] = q / m;
  NW[127] = dn / m;
  NF[0] = 1;
  NF[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(v / dn + Math.exp(-0.5 * dn * dn)));
    NK[i + 1] = Math.floor((dn / tn) * m);
    tn = dn;
    NF[i] = Math.exp(-0.5 * dn * dn);
    NW[i] = dn / m;
  }
})();

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
   * Standard normal by the ziggurat method (Marsaglia & Tsang, 2000): one 32-bit draw, a table
   * lookup and a multiply in ~98.8% of draws; a wedge test with one exponential, or the tail
   * beyond 3.44 by Marsaglia's method, in the rest. Exact: only the last bits of the 24-bit
   * position limit it.
   */
  normal(): number {
    for (;;) {
      const j = this.nextU32();
      const i = j & 127;
      const u = j >>> 8;
      const x = u * NW[i];
      if (u < NK[i]) return j & 128 ? -x : x;
      if (i === 0) {
        // the tail x > r: x = r + e1 / r with e1, e2 exponential, accepted when 2 e2 > e1² / r²
        for (;;) {
          const t = -Math.log(this.next()) / NR;
          if (-2 * Math.log(this.next()) > t * t) return j & 128 ? -(NR + t) : NR + t;
        }
      }
      if (NF[i] + this.next() * (NF[i - 1] - NF[i]) < Math.exp(-0.5 * x * x)) return j & 128 ? -x : x;
    }
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

/** A log-normal fitted to a median and a 99th percentile (reference §9.1). */
export interface LogNormal {
  mu: number;
  sigma: number;
}

export function lognormalFromMedianP99(medianMs: number, p99Ms: number): LogNormal {
  const m = Math.max(medianMs, 1e-9);
  return { mu: Math.log(m), sigma: Math.max(0, Math.log(Math.max(p99Ms, m) / m) / Z99) };
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
  return { mu: Math.log(Math.max(meanMs, 1e-9)) - (sigma * sigma) / 2, sigma };
}

export function sampleLogNormal(rng: Rng, d: LogNormal): number {
  return d.sigma === 0 ? Math.exp(d.mu) : rng.lognormal(d.mu, d.sigma);
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
