/**
 * A lesson step's own check: one number from the run compared with a threshold, so the
 * learner sees "Throttles on placeOrder: 0 ✓" when the step worked. The same check reads the
 * live frames while a run plays and the summary when it ends (see `RunNumbers`).
 *
 * Counts only grow during a run, so a check on a count can be decided early: "at most 0
 * throttles" fails at the first throttle, "more than 0 cold starts" passes at the first.
 * Everything else (latency percentiles, hit ratios, shares) is decided when the run ends.
 */
import type { NodeLive, SimSummary, Totals, WindowSample } from '../sim/api';

export type CountField = 'requests' | 'throttled' | 'errors' | 'timeouts' | 'coldStarts';
export type NodeCountField = 'throttles' | 'coldStarts' | 'maxIteratorAgeMs' | 'maxQueueDepth' | 'duplicates';
export type NodeRatioField = 'hitRatio';

export type Measure =
  | { of: 'total'; field: CountField }
  | { of: 'p99Ms' }
  | { of: 'coldStartShare' }
  | { of: 'node'; nodes: string[]; field: NodeCountField }
  | { of: 'nodeRatio'; node: string; field: NodeRatioField }
  /** One service's cost so far per 1,000 completed client requests, USD (costUsd.byService). */
  | { of: 'serviceCostPer1000'; service: string };

export interface LessonCheck {
  /** What passing means, in plain words: "Throttles on placeOrder stop". */
  label: string;
  measure: Measure;
  op: '<=' | '<' | '>=' | '>';
  value: number;
  /** How to show the measured number. */
  unit?: 'count' | 'ms' | 'percent' | 'usd';
}

export type CheckStatus = 'pending' | 'pass' | 'fail';

/** The numbers a check reads, from a live run or a finished one. */
export interface RunNumbers {
  done: boolean;
  totals: Record<CountField, number> & { p99Ms: number };
  nodes: Record<string, Partial<Record<NodeCountField | NodeRatioField, number>>>;
  /** Cost so far by service (cumulative), USD. */
  costByService?: Record<string, number>;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The finished run's numbers, from the summary (what the CLI prints). */
export function numbersFromSummary(summary: SimSummary): RunNumbers {
  const nodes: RunNumbers['nodes'] = Object.create(null);
  let coldStarts = 0;
  for (const [id, raw] of Object.entries(summary.nodes)) {
    const n = raw as Record<string, unknown>;
    coldStarts += num(n.coldStarts) ?? 0;
    const streams = n.streams && typeof n.streams === 'object' ? Object.values(n.streams as Record<string, { maxIteratorAgeMs?: number }>) : [];
    const ages = streams.map((s) => num(s.maxIteratorAgeMs) ?? 0);
    nodes[id] = {
      throttles: num(n.throttles),
      coldStarts: num(n.coldStarts),
      hitRatio: num(n.hitRatio),
      maxQueueDepth: num(n.maxDepth),
      maxIteratorAgeMs: ages.length ? Math.max(...ages) : num(n.maxIteratorAgeMs),
      duplicates: num(n.duplicates),
    };
  }
  const r = summary.requests;
  return {
    done: true,
    totals: { requests: r.total, throttled: r.throttled, errors: r.errors, timeouts: r.timeouts, coldStarts, p99Ms: summary.latencyMs.p99 },
    nodes,
    costByService: summary.costUsd.byService,
  };
}

/** A run in progress: its latest frame's cumulative numbers, and maxima over its windows. */
export function numbersFromLive(totals: Totals, live: Record<string, NodeLive>, windows: readonly WindowSample[], done: boolean): RunNumbers {
  const nodes: RunNumbers['nodes'] = Object.create(null);
  for (const [id, n] of Object.entries(live)) {
    // each number only where the node's type has it (NodeLive is a union keyed on the type)
    nodes[id] = {
      throttles: n.throttles,
      coldStarts: 'coldStarts' in n ? n.coldStarts : undefined,
      hitRatio: 'hitRatio' in n ? n.hitRatio : undefined,
      maxQueueDepth: 'queueDepth' in n ? n.queueDepth : undefined,
      maxIteratorAgeMs: 'iteratorAgeMs' in n ? n.iteratorAgeMs : undefined,
      duplicates: n.type === 'lambda' ? n.duplicates : undefined,
    };
  }
  for (const w of windows) {
    for (const [id, n] of Object.entries(w.nodes)) {
      const into = (nodes[id] ??= {});
      if (n.queueDepth !== undefined) into.maxQueueDepth = Math.max(into.maxQueueDepth ?? 0, n.queueDepth);
      if (n.iteratorAgeMs !== undefined) into.maxIteratorAgeMs = Math.max(into.maxIteratorAgeMs ?? 0, n.iteratorAgeMs);
    }
  }
  return {
    done,
    totals: {
      requests: totals.requests,
      throttled: totals.throttled,
      errors: totals.errors,
      timeouts: totals.timeouts,
      coldStarts: totals.coldStarts,
      p99Ms: totals.p99Ms,
    },
    nodes,
    ...(windows.length ? { costByService: windows[windows.length - 1].costByService } : {}),
  };
}

/** The measured number, or null when the run does not have it (yet). */
export function measured(m: Measure, n: RunNumbers): number | null {
  switch (m.of) {
    case 'total':
      return n.totals[m.field];
    case 'p99Ms':
      return n.totals.requests > 0 ? n.totals.p99Ms : null;
    case 'coldStartShare':
      return n.totals.requests > 0 ? n.totals.coldStarts / n.totals.requests : null;
    case 'node': {
      let sum = 0;
      for (const id of m.nodes) {
        const v = n.nodes[id]?.[m.field];
        if (v === undefined) return null;
        sum = m.field.startsWith('max') ? Math.max(sum, v) : sum + v;
      }
      return sum;
    }
    case 'nodeRatio':
      return n.nodes[m.node]?.[m.field] ?? null;
    case 'serviceCostPer1000': {
      const usd = n.costByService?.[m.service];
      return usd === undefined || n.totals.requests === 0 ? null : (usd / n.totals.requests) * 1000;
    }
  }
}

const GROWS: ReadonlySet<Measure['of']> = new Set(['total', 'node']);

function holds(op: LessonCheck['op'], x: number, v: number): boolean {
  return op === '<=' ? x <= v : op === '<' ? x < v : op === '>=' ? x >= v : x > v;
}

export function evaluateCheck(check: LessonCheck, n: RunNumbers): { status: CheckStatus; value: number | null } {
  const value = measured(check.measure, n);
  if (n.done) {
    // a run that served nothing proves nothing
    if (value === null || n.totals.requests === 0) return { status: 'fail', value };
    return { status: holds(check.op, value, check.value) ? 'pass' : 'fail', value };
  }
  if (value === null || !GROWS.has(check.measure.of)) return { status: 'pending', value };
  const met = holds(check.op, value, check.value);
  const upper = check.op === '<=' || check.op === '<';
  if (upper) return { status: met ? 'pending' : 'fail', value };
  return { status: met ? 'pass' : 'pending', value };
}

export function formatMeasured(check: LessonCheck, value: number | null): string {
  if (value === null) return '—';
  if (check.unit === 'ms')
    return value >= 1000 ? `${(value / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s` : `${Math.round(value).toLocaleString('en-US')} ms`;
  if (check.unit === 'usd') return `$${value.toLocaleString('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 })}`;
  if (check.unit === 'percent') return `${(value * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
  return Math.round(value).toLocaleString('en-US');
}
