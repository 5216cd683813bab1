/**
 * 95% confidence intervals by the method of batch means (as JMT and most simulation texts
 * do): the per-window series after a warm-up is cut into B equal batches; each batch gives
 * one ratio estimate (e.g. latency sum / completions), and the batch estimates, nearly
 * independent when batches are long, give the half-width t(0.975, B−1)·s/√B.
 * Warm-up: the first 10% of the windows, at least one (a fixed rule; MSER is not used).
 */
import type { Interval } from '../api';

const T975 = [
  NaN,
  12.706,
  4.303,
  3.182,
  2.776,
  2.571,
  2.447,
  2.365,
  2.306,
  2.262,
  2.228,
  2.201,
  2.179,
  2.16,
  2.145,
  2.131,
  2.12,
  2.11,
  2.101,
  2.093,
  2.086,
  2.08,
  2.074,
  2.069,
  2.064,
  2.06,
  2.056,
  2.052,
  2.048,
  2.045,
  2.042,
];

export function tQuantile975(df: number): number {
  return df < T975.length ? T975[df] : 1.96 + 2.4 / df;
}

/** One window's quantities for the intervals (end to end, at the clients). */
export interface WindowPoint {
  /** Requests completed in the window, every outcome. */
  completions: number;
  ok: number;
  /** Sum of the latency of the window's successful requests, ms. */
  okLatencySumMs: number;
  /** The window's p50 and p99 latency of successful requests, ms (0 when none succeeded). */
  okP50Ms: number;
  okP99Ms: number;
  throttled: number;
  errors: number;
  timeouts: number;
  coldStarts: number;
  costUsd: number;
}

const COLUMNS = ['completions', 'ok', 'okLatencySumMs', 'okP50Weighted', 'okP99Weighted', 'throttled', 'errors', 'timeouts', 'coldStarts', 'costUsd'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * Per-window series of the quantities the intervals need. Every column is a sum, so when
 * the series reaches `cap` points adjacent pairs are merged and each point then stands for
 * twice as many windows: memory stays bounded (≤ 10 MB) for any run length, and the batch
 * means see equal-sized points as before (the windows not yet filling a point are left out).
 */
export class WindowSeries {
  n = 0;
  /** Windows per point. */
  scale = 1;
  private pending = 0;
  private readonly acc = new Float64Array(COLUMNS.length);
  private cols: Record<Column, Float64Array> = Object.fromEntries(COLUMNS.map((c) => [c, new Float64Array(256)])) as Record<Column, Float64Array>;

  constructor(private readonly cap = 131_072) {}

  push(w: WindowPoint): void {
    const a = this.acc;
    a[0] += w.completions;
    a[1] += w.ok;
    a[2] += w.okLatencySumMs;
    // success-weighted, so a batch's estimate is the mean window percentile weighted by successes
    a[3] += w.okP50Ms * w.ok;
    a[4] += w.okP99Ms * w.ok;
    a[5] += w.throttled;
    a[6] += w.errors;
    a[7] += w.timeouts;
    a[8] += w.coldStarts;
    a[9] += w.costUsd;
    if (++this.pending < this.scale) return;
    if (this.n === this.cap) {
      this.halve(); // the cap is even: every point now holds `scale` windows
      if (this.pending < this.scale) return; // this one keeps filling to the new size
    }
    if (this.n === this.cols.completions.length) this.grow();
    const i = this.n++;
    COLUMNS.forEach((name, j) => {
      this.cols[name][i] = a[j];
      a[j] = 0;
    });
    this.pending = 0;
  }

  /** Merge adjacent pairs: half as many points, each of twice the windows. */
  private halve(): void {
    const half = this.n >> 1;
    for (const name of COLUMNS) {
      const c = this.cols[name];
      for (let i = 0; i < half; i++) c[i] = c[2 * i] + c[2 * i + 1];
      if (this.n & 1) c[half] = c[this.n - 1];
    }
    this.n = half + (this.n & 1);
    this.scale *= 2;
  }

  column(name: Column): Float64Array {
    return this.cols[name];
  }

  private grow(): void {
    for (const name of COLUMNS) {
      const a = this.cols[name];
      const b = new Float64Array(a.length * 2);
      b.set(a);
      this.cols[name] = b;
    }
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
