/**
 * What-if comparison: two variants of a document run on the same seed and traffic; the
 * table lists the numbers that decide between them, each with its direction and a verdict.
 *
 * Rules (docs/format/summary-verdicts.md, "Compare"):
 * - Direction: a higher success share is better; lower latency, throttles, errors,
 *   timeouts, cold starts and cost are better.
 * - Latency is of successful requests only, so a fix that turns fast failures into slower
 *   successes reads as a better success share, not as worse latency.
 * - "same" only within the run-to-run noise the runs themselves show: the difference is
 *   within √(hA² + hB²), hA and hB the 95% batch-means half-widths of the two summaries'
 *   `confidence` for that metric (a count's from its share × completed requests, the
 *   monthly cost's from cost per request). When a run is too short for intervals, or an
 *   old summary has none, only an exact tie (to display precision) is "same".
 * - Running both on the same seed makes unchanged parts identical (delta 0); the noise rule
 *   is what keeps a change in one place from being read as a change everywhere.
 */
import type { Interval, SimSummary } from '../sim/api';

export type Verdict = 'better' | 'worse' | 'same';
export type MetricUnit = 'share' | 'ms' | 'count' | 'USD';

export interface DiffRow {
  /** Metric name as goals and data-metric use it (spec/ui-contract.md). */
  key: string;
  label: string;
  unit: MetricUnit;
  base: number;
  variant: number;
  /** variant − base */
  delta: number;
  /** Relative change, or null when the base is 0. */
  ratio: number | null;
  /** Whether a lower value is the better one. */
  lowerIsBetter: boolean;
  /** Half-width of the difference that is still run-to-run noise; null when it cannot be estimated. */
  noise: number | null;
  verdict: Verdict;
}

function coldStarts(summary: SimSummary): number {
  let total = 0;
  for (const node of Object.values(summary.nodes)) {
    const n = (node as { coldStarts?: unknown }).coldStarts;
    if (typeof n === 'number') total += n;
  }
  return total;
}

/** Success share, also for summaries written before the field existed. */
export function successShare(s: SimSummary): number {
  if (typeof s.requests.successShare === 'number') return s.requests.successShare;
  return s.requests.total > 0 ? s.requests.ok / s.requests.total : 0;
}

type Confidence = NonNullable<SimSummary['confidence']>;
const hw = (x: Interval | undefined): number | null => (x ? x.halfWidth : null);
/** A count's half-width from the interval of its share of completed requests. */
const countHw = (share: (c: Confidence) => Interval | undefined) => (s: SimSummary) => {
  const h = s.confidence ? hw(share(s.confidence)) : null;
  return h === null ? null : h * s.requests.total;
};

interface Metric {
  key: string;
  label: string;
  unit: MetricUnit;
  lowerIsBetter: boolean;
  read(s: SimSummary): number;
  /** The run's own 95% half-width for this metric, or null. */
  noise(s: SimSummary): number | null;
}

const METRICS: Metric[] = [
  { key: 'successShare', label: 'Success share', unit: 'share', lowerIsBetter: false, read: successShare, noise: (s) => hw(s.confidence?.successShare) },
  {
    key: 'meanLatencyMs',
    label: 'Latency mean (successful)',
    unit: 'ms',
    lowerIsBetter: true,
    read: (s) => s.latencyMs.mean,
    noise: (s) => hw(s.confidence?.meanLatencyMs),
  },
  {
    key: 'p50LatencyMs',
    label: 'Latency p50 (successful)',
    unit: 'ms',
    lowerIsBetter: true,
    read: (s) => s.latencyMs.p50,
    noise: (s) => hw(s.confidence?.p50LatencyMs),
  },
  {
    key: 'p99LatencyMs',
    label: 'Latency p99 (successful)',
    unit: 'ms',
    lowerIsBetter: true,
    read: (s) => s.latencyMs.p99,
    noise: (s) => hw(s.confidence?.p99LatencyMs),
  },
  {
    key: 'throttled',
    label: 'Throttled requests',
    unit: 'count',
    lowerIsBetter: true,
    read: (s) => s.requests.throttled,
    noise: countHw((c) => c.throttleShare),
  },
  { key: 'errors', label: 'Errors', unit: 'count', lowerIsBetter: true, read: (s) => s.requests.errors, noise: countHw((c) => c.errorShare) },
  { key: 'timeouts', label: 'Timeouts', unit: 'count', lowerIsBetter: true, read: (s) => s.requests.timeouts, noise: countHw((c) => c.timeoutShare) },
  { key: 'coldStarts', label: 'Cold starts', unit: 'count', lowerIsBetter: true, read: coldStarts, noise: countHw((c) => c.coldStartsPerRequest) },
  {
    key: 'monthlyCostUsd',
    label: 'Cost per month',
    unit: 'USD',
    lowerIsBetter: true,
    read: (s) => s.costUsd.monthly,
    noise: (s) => {
      const c = s.confidence?.costPerRequestUsd;
      return c && c.mean > 0 ? (c.halfWidth / c.mean) * s.costUsd.monthly : null;
    },
  },
];

/** Below this a difference does not show at the table's precision. */
const DISPLAY_EPSILON: Record<MetricUnit, number> = { share: 5e-5, ms: 0.05, count: 0.5, USD: 0.005 };

export function verdictOf(delta: number, lowerIsBetter: boolean, noise: number | null, unit: MetricUnit): Verdict {
  const tie = Math.max(DISPLAY_EPSILON[unit], noise ?? 0);
  if (Math.abs(delta) <= tie) return 'same';
  return delta < 0 === lowerIsBetter ? 'better' : 'worse';
}

export function compareSummaries(base: SimSummary, variant: SimSummary): DiffRow[] {
  return METRICS.map((m) => {
    const a = m.read(base);
    const b = m.read(variant);
    const na = m.noise(base);
    const nb = m.noise(variant);
    const noise = na === null || nb === null ? null : Math.sqrt(na * na + nb * nb);
    const delta = b - a;
    return {
      key: m.key,
      label: m.label,
      unit: m.unit,
      base: a,
      variant: b,
      delta,
      ratio: a === 0 ? null : delta / a,
      lowerIsBetter: m.lowerIsBetter,
      noise,
      verdict: verdictOf(delta, m.lowerIsBetter, noise, m.unit),
    };
  });
}
