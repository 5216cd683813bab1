/**
 * The JSON summary (docs/document-format.md "The simulation summary" and
 * docs/format/summary-verdicts.md).
 * `latencyMs` is the end-to-end latency of successful requests; `failedLatencyMs` that of
 * the rest; the confidence intervals follow the same definitions.
 */
import type { Interval, LatencyStats, NodeSummary, SimSummary } from './api';
import type { Kernel } from './engine/kernel';
import { recordById } from '../model';
import { batchMeans, type WindowSeries } from './metrics/confidence';
import type { Histogram } from './metrics/histogram';

const r = (x: number, digits = 4) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const usd = (x: number) => Math.round(x * 1e8) / 1e8;

function latencyStats(h: Histogram): LatencyStats {
  return { mean: r(h.mean()), p50: r(h.quantile(0.5)), p95: r(h.quantile(0.95)), p99: r(h.quantile(0.99)), max: r(h.maxMs) };
}

const interval = (x: Interval, digits: number): Interval => ({ mean: r(x.mean, digits), halfWidth: r(x.halfWidth, digits), batches: x.batches });

export function buildSummary(k: Kernel, seed: number, durationS: number, totalUsd: number, monthlyUsd: number, series: WindowSeries): SimSummary {
  const e = k.e2e;
  const h = e.latencyNow();
  const nodes = recordById<NodeSummary>();
  for (const s of k.services) {
    const raw = s.summary();
    if ('costUsd' in raw && typeof raw.costUsd === 'number') raw.costUsd = usd(raw.costUsd);
    // a function's calls by final fate (its invocations count every attempt, retries too)
    if (raw.type === 'lambda') {
      raw.completed = s.stats.requests;
      raw.succeeded = s.stats.ok;
    }
    nodes[s.id] = Object.assign({ type: raw.type, label: s.node.label || s.id }, raw); // type, label, then the metrics
  }
  const byService: Record<string, number> = {};
  const costs = k.costs();
  for (const key of Object.keys(costs).sort()) byService[key] = usd(costs[key]);
  const summary: SimSummary = {
    seed,
    durationS,
    requests: {
      total: e.requests,
      ok: e.ok,
      throttled: e.throttled,
      errors: e.errors,
      timeouts: e.timeouts,
      successShare: e.requests > 0 ? r(e.ok / e.requests, 6) : 0,
    },
    latencyMs: latencyStats(h),
    failedLatencyMs: latencyStats(e.failedLatencyNow()),
    costUsd: { total: usd(totalUsd), monthly: r(monthlyUsd, 2), byService },
    nodes,
  };
  const col = (name: Parameters<WindowSeries['column']>[0]) => series.column(name);
  const per = (num: Parameters<WindowSeries['column']>[0], den: Parameters<WindowSeries['column']>[0]) => batchMeans(col(num), col(den), series.n);
  const lat = per('okLatencySumMs', 'ok');
  const thr = per('throttled', 'completions');
  const cost = per('costUsd', 'completions');
  if (lat && thr && cost) {
    const c: NonNullable<SimSummary['confidence']> = {
      meanLatencyMs: interval(lat, 4),
      throttleShare: interval(thr, 6),
      costPerRequestUsd: interval(cost, 12),
    };
    const more: [keyof NonNullable<SimSummary['confidence']>, Interval | null, number][] = [
      ['successShare', per('ok', 'completions'), 6],
      ['errorShare', per('errors', 'completions'), 6],
      ['timeoutShare', per('timeouts', 'completions'), 6],
      ['coldStartsPerRequest', per('coldStarts', 'completions'), 6],
      ['p50LatencyMs', per('okP50Weighted', 'ok'), 4],
      ['p99LatencyMs', per('okP99Weighted', 'ok'), 4],
    ];
    for (const [key, x, digits] of more) if (x) c[key] = interval(x, digits);
    summary.confidence = c;
  }
  return summary;
}
