/**
 * Windows shaped into chart rows, for the whole system or one selected node. Pure, so the
 * charts stay thin and this is tested in Node.
 */
import type { NodeLive, WindowSample } from '../../../sim/api';

/** Rows drawn per chart at most; longer runs are thinned evenly. */
export const MAX_POINTS = 200;

export interface Focus {
  nodeId: string;
  type: string;
}

export interface ChartRow {
  /** Simulated seconds at the end of the window. */
  t: number;
  p50: number;
  p95?: number;
  p99: number;
  /** Per second, by outcome. */
  ok: number;
  throttled: number;
  errors: number;
  timeouts: number;
  busy?: number;
  limit?: number;
  coldStarts: number;
  queueDepth?: number;
  costUsd: number;
  /** Cumulative cost by service, keyed `cost:SERVICE`. */
  [cost: `cost:${string}`]: number;
}

export interface SeriesInfo {
  rows: ChartRow[];
  /** Whole seconds for the time axis: first, last and two between, never crowding. */
  ticks: number[];
  services: string[];
  hasConcurrency: boolean;
  hasQueue: boolean;
}

/** Indices of at most `max` evenly spread items, always keeping the last. */
export function thinIndices(length: number, max = MAX_POINTS): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const step = length / max;
  const out: number[] = [];
  for (let i = 0; i < max - 1; i++) out.push(Math.floor(i * step));
  out.push(length - 1);
  return out;
}

/** Lambda and SQS node ids, from the latest live state, for the system view. */
export function nodeIdsOfType(nodes: Record<string, NodeLive>, type: string): string[] {
  return Object.keys(nodes).filter((id) => nodes[id].type === type);
}

export function buildSeries(windows: WindowSample[], focus: Focus | null, nodes: Record<string, NodeLive>): SeriesInfo {
  const services = new Set<string>();
  let hasConcurrency = false;
  let hasQueue = false;
  const lambdas = nodeIdsOfType(nodes, 'lambda');
  const queues = nodeIdsOfType(nodes, 'sqs');

  const rows = thinIndices(windows.length).map((index) => {
    const w = windows[index];
    // Counts are per window; rates divide by the window's own length.
    const lengthS = index > 0 ? w.tS - windows[index - 1].tS : windows.length > 1 ? windows[1].tS - w.tS : w.tS;
    const perS = lengthS > 0 && lengthS <= 3600 ? 1 / lengthS : 1;
    const row: ChartRow = {
      t: w.tS,
      p50: 0,
      p99: 0,
      ok: 0,
      throttled: 0,
      errors: 0,
      timeouts: 0,
      coldStarts: w.coldStarts,
      costUsd: w.costUsd,
    };
    for (const [service, usd] of Object.entries(w.costByService)) {
      services.add(service);
      row[`cost:${service}`] = usd;
    }
    const node = focus ? w.nodes[focus.nodeId] : undefined;
    if (focus) {
      // The node's own view; windows before it existed stay empty.
      if (node) {
        row.p50 = node.latencyMs?.p50 ?? 0;
        row.p99 = node.latencyMs?.p99 ?? 0;
        row.ok = node.ok * perS;
        row.throttled = node.throttled * perS;
        row.errors = node.errors * perS;
        row.timeouts = node.timeouts * perS;
        row.coldStarts = node.coldStarts ?? 0;
        if (node.busy !== undefined) {
          row.busy = node.busy;
          row.limit = node.concurrencyLimit;
          hasConcurrency = true;
        }
        if (node.queueDepth !== undefined) {
          row.queueDepth = node.queueDepth;
          hasQueue = true;
        }
      }
    } else {
      row.p50 = w.latencyMs.p50;
      row.p95 = w.latencyMs.p95;
      row.p99 = w.latencyMs.p99;
      row.ok = w.requests.ok * perS;
      row.throttled = w.requests.throttled * perS;
      row.errors = w.requests.error * perS;
      row.timeouts = w.requests.timeout * perS;
      let busy = 0;
      let sawLambda = false;
      for (const id of lambdas) {
        const n = w.nodes[id];
        if (n?.busy === undefined) continue;
        busy += n.busy;
        sawLambda = true;
      }
      if (sawLambda) {
        row.busy = busy;
        // One function: its own limit. Several: no single line means anything.
        if (lambdas.length === 1) row.limit = w.nodes[lambdas[0]]?.concurrencyLimit;
        hasConcurrency = true;
      }
      let depth = 0;
      let sawQueue = false;
      for (const id of queues) {
        const n = w.nodes[id];
        if (n?.queueDepth === undefined) continue;
        depth += n.queueDepth;
        sawQueue = true;
      }
      if (sawQueue) {
        row.queueDepth = depth;
        hasQueue = true;
      }
    }
    return row;
  });
  return { rows, ticks: timeTicks(rows), services: [...services].sort(), hasConcurrency, hasQueue };
}

export function timeTicks(rows: { t: number }[], count = 4): number[] {
  if (rows.length === 0) return [];
  const first = rows[0].t;
  const last = rows[rows.length - 1].t;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = Math.round(first + ((last - first) * i) / (count - 1));
    // Ticks closer than a tenth of the span would print on top of each other.
    if (out.length === 0 || t - out[out.length - 1] >= Math.max(1, (last - first) / 10)) out.push(t);
  }
  return out;
}
