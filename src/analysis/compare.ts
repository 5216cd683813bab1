/**
 * What-if comparison: two variants of a document run on the same seed and traffic; the
 * table lists the numbers that decide between them.
 */
import type { SimSummary } from '../sim/api';

export interface DiffRow {
  key: string;
  label: string;
  unit: string;
  base: number;
  variant: number;
  /** variant − base */
  delta: number;
  /** Relative change, or null when the base is 0. */
  ratio: number | null;
  /** Whether a lower value is the better one (true for all of these). */
  lowerIsBetter: boolean;
}

function coldStarts(summary: SimSummary): number {
  let total = 0;
  for (const node of Object.values(summary.nodes)) {
    const n = (node as { coldStarts?: unknown }).coldStarts;
    if (typeof n === 'number') total += n;
  }
  return total;
}

const METRICS: { key: string; label: string; unit: string; read: (s: SimSummary) => number }[] = [
  { key: 'p50', label: 'Latency p50', unit: 'ms', read: (s) => s.latencyMs.p50 },
  { key: 'p99', label: 'Latency p99', unit: 'ms', read: (s) => s.latencyMs.p99 },
  { key: 'throttled', label: 'Throttled requests', unit: '', read: (s) => s.requests.throttled },
  { key: 'errors', label: 'Errors', unit: '', read: (s) => s.requests.errors },
  { key: 'timeouts', label: 'Timeouts', unit: '', read: (s) => s.requests.timeouts },
  { key: 'coldStarts', label: 'Cold starts', unit: '', read: coldStarts },
  { key: 'monthly', label: 'Cost per month', unit: 'USD', read: (s) => s.costUsd.monthly },
];

export function compareSummaries(base: SimSummary, variant: SimSummary): DiffRow[] {
  return METRICS.map((m) => {
    const a = m.read(base);
    const b = m.read(variant);
    return { key: m.key, label: m.label, unit: m.unit, base: a, variant: b, delta: b - a, ratio: a === 0 ? null : (b - a) / a, lowerIsBetter: true };
  });
}
