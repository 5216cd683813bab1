/**
 * Zipf key sampler, P(k) ∝ 1/k^s for k in 1..n, by rejection-inversion (W. Hörmann and
 * G. Derflinger, 1996, as in Apache Commons RNG): O(1) time and memory whatever n, so a
 * client with 100 million keys costs no more than one with ten. s = 0 is uniform.
 */
import type { Rng } from '../engine/rng';

export class ZipfSampler {
  private readonly hX1: number;
  private readonly hN: number;
  private readonly sTol: number;

  constructor(
    readonly n: number,
    readonly exponent: number,
  ) {
    this.hX1 = this.hIntegral(1.5) - 1;
    this.hN = this.hIntegral(n + 0.5);
    this.sTol = 2 - this.hIntegralInverse(this.hIntegral(2.5) - this.h(2));
  }

  /** A key in 1..n; 1 is the most popular. */
  sample(rng: Rng): number {
    const n = this.n;
    if (this.exponent === 0 || n === 1) return 1 + Math.floor(rng.next() * n);
    for (;;) {
      const u = this.hN + rng.next() * (this.hX1 - this.hN);
      const x = this.hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > n) k = n;
      if (k - x <= this.sTol || u >= this.hIntegral(k + 0.5) - this.h(k)) return k;
    }
  }

  private h(x: number): number {
    return Math.exp(-this.exponent * Math.log(x));
  }

  private hIntegral(x: number): number {
    const logX = Math.log(x);
    return helper2((1 - this.exponent) * logX) * logX;
  }

  private hIntegralInverse(x: number): number {
    let t = x * (1 - this.exponent);
    if (t < -1) t = -1;
    return Math.exp(helper1(t) * x);
  }
}

/** log1p(x)/x, stable near 0. */
function helper1(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}

/** expm1(x)/x, stable near 0. */
function helper2(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + (x * (1 + 0.25 * x)) / 3);
}
