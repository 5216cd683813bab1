/**
 * 95% confidence intervals by the method of batch means (as JMT and most simulation texts
 * do): the per-window series after a warm-up is cut into B equal batches; each batch gives
 * one ratio estimate (e.g. latency sum / completions), and the batch estimates, nearly
 * independent when batches are long, give the half-width t(0.975, B−1)·s/√B.
 * Warm-up: the first 10% of the windows, at least one (a fixed rule; MSER is not used).
 */
import type { Interval } from '../api';

const T975 = [NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function tQuantile975(df: number): number {
  return df < T975.length ? T975[df] : 1.96 + 2.4 / df;
}

/** Growable per-window series of the quantities the intervals need. */
export class WindowSeries {
  n = 0;
  completions = new Float64Array(256);
  latencySumMs = new Float64Array(256);
  throttled = new Float64Array(256);
  costUsd = new Float64Array(256);

  push(completions: number, latencySumMs: number, throttled: number, costUsd: number): void {
    if (this.n === this.completions.length) this.grow();
    this.completions[this.n] = completions;
    this.latencySumMs[this.n] = latencySumMs;
    this.throttled[this.n] = throttled;
    this.costUsd[this.n] = costUsd;
    this.n++;
  }

  private grow(): void {
    const g = (a: Float64Array) => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.completions = g(this.completions);
    this.latencySumMs = g(this.latencySumMs);
    this.throttled = g(this.throttled);
    this.costUsd = g(this.costUsd);
  }
}

/** Batch-means interval of sum(num)/sum(den), or null when the run is too short. */
export function batchMeans(num: Float64Array, den: Float64Array, n: number, maxBatches = 20): Interval | null {
  const warm = Math.max(1, Math.floor(n / 10));
  const m = n - warm;
  const batches = Math.min(maxBatches, Math.floor(m / 2));
  if (batches < 2) return null;
  const size = Math.floor(m / batches);
  const est: number[] = [];
  for (let b = 0; b < batches; b++) {
    let sn = 0;
    let sd = 0;
    for (let i = warm + b * size; i < warm + (b + 1) * size; i++) {
      sn += num[i];
      sd += den[i];
    }
    if (sd > 0) est.push(sn / sd);
  }
  if (est.length < 2) return null;
  const mean = est.reduce((s, x) => s + x, 0) / est.length;
  const variance = est.reduce((s, x) => s + (x - mean) ** 2, 0) / (est.length - 1);
  return { mean, halfWidth: tQuantile975(est.length - 1) * Math.sqrt(variance / est.length), batches: est.length };
}
