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
  /** Round times for the time axis (multiples of a step in s, min or h), never crowding. */
  ticks: number[];
  /** Labels the time ticks in the unit their step is counted in: "100 s", "10 min", "2 h". */
  formatTime: (t: number) => string;
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
  const time = timeAxis(rows);
  return { rows, ticks: time.ticks, formatTime: time.format, services: [...services].sort(), hasConcurrency, hasQueue };
}

/** Steps of the time axis, seconds: round in seconds, then minutes, then hours. */
const TIME_STEPS = [1, 2, 5, 10, 20, 30, 50, 100, 120, 180, 300, 600, 900, 1200, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** At most `count` round ticks inside the rows' span; a single row gets its own time. */
export function timeTicks(rows: { t: number }[], count = 4): number[] {
  return timeAxis(rows, count).ticks;
}

export function timeAxis(rows: { t: number }[], count = 4): { ticks: number[]; step: number; format: (t: number) => string } {
  if (rows.length === 0) return { ticks: [], step: 1, format: (t) => `${t} s` };
  const first = rows[0].t;
  const last = rows[rows.length - 1].t;
  const span = last - first;
  const step = TIME_STEPS.find((st) => span / st <= count) ?? Math.ceil(span / count / 86_400) * 86_400;
  const ticks: number[] = [];
  for (let t = Math.ceil(first / step - 1e-9) * step; t <= last + 1e-9; t += step) ticks.push(Math.round(t * 1000) / 1000);
  if (ticks.length === 0) ticks.push(Math.round(first));
  // seconds up to 300 s (and for any step under a minute), minutes up to 3 h, then hours
  const unit = step < 60 || last <= 300 ? 1 : step < 3600 && last <= 3 * 3600 ? 60 : 3600;
  const name = unit === 1 ? 's' : unit === 60 ? 'min' : 'h';
  const decimals = step % unit === 0 ? 0 : 1;
  return { ticks, step, format: (t) => (t === 0 ? '0' : `${(t / unit).toFixed(decimals)} ${name}`) };
}

/** The tallest value any of `keys` reaches (stacked: their sum), for the value axis. */
export function peak(rows: readonly ChartRow[], keys: readonly string[], stacked = false): number {
  let max = 0;
  for (const row of rows) {
    let sum = 0;
    for (const key of keys) {
      const v = (row as unknown as Record<string, number | undefined>)[key];
      if (v === undefined || !Number.isFinite(v)) continue;
      if (stacked) sum += v;
      else if (v > max) max = v;
    }
    if (stacked && sum > max) max = sum;
  }
  return max;
}

/**
 * Where the concurrency axis ends and whether the limit line is on it: the data sets the
 * scale, so 14 environments under a limit of 1,000 are visible; the limit is on the scale
 * when the data comes within half of it (then the scale reaches the limit).
 */
export function concurrencyScale(dataMax: number, limit: number | undefined): { top: number; limitShown: boolean } {
  if (limit === undefined || !(limit > 0)) return { top: dataMax, limitShown: false };
  if (dataMax * 2 >= limit) return { top: Math.max(limit, dataMax), limitShown: true };
  return { top: dataMax, limitShown: false };
}

/** The limit in force at the end of the rows (a limit can change mid-run). */
export function lastLimit(rows: readonly ChartRow[]): number | undefined {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i].limit !== undefined) return rows[i].limit;
  return undefined;
}
