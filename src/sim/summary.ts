/** The JSON summary (spec/document-format.md "The simulation summary"). */
import type { NodeSummary, SimSummary } from './api';
import type { Kernel } from './engine/kernel';
import { recordById } from '../model';
import { batchMeans, type WindowSeries } from './metrics/confidence';

const r = (x: number, digits = 4) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const usd = (x: number) => Math.round(x * 1e8) / 1e8;

export function buildSummary(k: Kernel, seed: number, durationS: number, totalUsd: number, monthlyUsd: number, series: WindowSeries): SimSummary {
  const e = k.e2e;
  const h = e.latencyNow();
  const nodes = recordById<NodeSummary>();
  for (const s of k.services) {
    const raw = s.summary();
    if (typeof raw.costUsd === 'number') raw.costUsd = usd(raw.costUsd);
    nodes[s.id] = raw;
  }
  const byService: Record<string, number> = {};
  const costs = k.costs();
  for (const key of Object.keys(costs).sort()) byService[key] = usd(costs[key]);
  const summary: SimSummary = {
    seed,
    durationS,
    requests: { total: e.requests, ok: e.ok, throttled: e.throttled, errors: e.errors, timeouts: e.timeouts },
    latencyMs: { mean: r(h.mean()), p50: r(h.quantile(0.5)), p95: r(h.quantile(0.95)), p99: r(h.quantile(0.99)), max: r(h.maxMs) },
    costUsd: { total: usd(totalUsd), monthly: r(monthlyUsd, 2), byService },
    nodes,
  };
  const lat = batchMeans(series.latencySumMs, series.completions, series.n);
  const thr = batchMeans(series.throttled, series.completions, series.n);
  const cost = batchMeans(series.costUsd, series.completions, series.n);
  if (lat && thr && cost) {
    summary.confidence = {
      meanLatencyMs: { mean: r(lat.mean), halfWidth: r(lat.halfWidth), batches: lat.batches },
      throttleShare: { mean: r(thr.mean, 6), halfWidth: r(thr.halfWidth, 6), batches: thr.batches },
      costPerRequestUsd: { mean: r(cost.mean, 12), halfWidth: r(cost.halfWidth, 12), batches: cost.batches },
    };
  }
  return summary;
}
