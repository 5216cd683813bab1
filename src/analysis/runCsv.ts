/**
 * A run's windows as CSV, for spreadsheets and homework: one row per window for the system,
 * one per node, and one per service for its cost so far. Long format with fixed columns, so
 * a filter on `scope` and `node_id` gives one series. Ids appear here because people ask
 * for them in an export; labels sit beside them.
 */
import type { Architecture } from '../model';
import type { WindowSample } from '../sim/api';

export const CSV_COLUMNS = [
  'time_s',
  'scope',
  'node_id',
  'node_label',
  'node_type',
  'requests',
  'ok',
  'throttled',
  'errors',
  'timeouts',
  'latency_mean_ms',
  'latency_p50_ms',
  'latency_p95_ms',
  'latency_p99_ms',
  'concurrency',
  'concurrency_limit',
  'cold_starts',
  'queue_depth',
  'iterator_age_ms',
  'hit_ratio',
  'cost_so_far_usd',
] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | undefined>>;

/** Quote when needed; a leading = + - @ is defused so a spreadsheet never runs a label. */
export function csvCell(v: string | number | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : '';
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function runCsv(doc: Architecture, windows: readonly WindowSample[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  const push = (row: Row) => lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  for (const w of windows) {
    const r = w.requests;
    push({
      time_s: w.tS,
      scope: 'system',
      requests: r.ok + r.throttled + r.error + r.timeout,
      ok: r.ok,
      throttled: r.throttled,
      errors: r.error,
      timeouts: r.timeout,
      latency_mean_ms: w.latencyMs.mean,
      latency_p50_ms: w.latencyMs.p50,
      latency_p95_ms: w.latencyMs.p95,
      latency_p99_ms: w.latencyMs.p99,
      cold_starts: w.coldStarts,
      cost_so_far_usd: w.costUsd,
    });
    for (const node of doc.nodes) {
      const n = w.nodes[node.id];
      if (!n) continue;
      push({
        time_s: w.tS,
        scope: 'node',
        node_id: node.id,
        node_label: node.label || node.id,
        node_type: node.type,
        requests: n.requests,
        ok: n.ok,
        throttled: n.throttled,
        errors: n.errors,
        timeouts: n.timeouts,
        latency_p50_ms: n.latencyMs?.p50,
        latency_p99_ms: n.latencyMs?.p99,
        concurrency: n.busy,
        concurrency_limit: n.concurrencyLimit,
        cold_starts: n.coldStarts,
        queue_depth: n.queueDepth,
        iterator_age_ms: n.iteratorAgeMs,
        hit_ratio: n.hitRatio,
      });
    }
    for (const [service, usd] of Object.entries(w.costByService))
      push({ time_s: w.tS, scope: 'service', node_id: service, node_type: service, cost_so_far_usd: usd });
  }
  return lines.join('\n') + '\n';
}
