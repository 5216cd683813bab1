/**
 * Goals (architecture tests, model/goals.ts) measured on a finished run's summary. Pure: the
 * CLI, the dashboard and the report call the same function, so they agree.
 *
 * What each metric measures (system-wide unless the goal names a node):
 * - latency metrics: end-to-end client latency (`summary.latencyMs`, successful requests once
 *   the summary counts only those); on a Lambda function, its handler duration.
 * - successShare: ok / (ok + throttled + errors + timeouts) of the clients' requests
 *   (`requests.successShare` when the summary has it); on a client, that client's; on a
 *   function, invocations that succeeded / (invocations + throttles).
 * - throttled / errors / timeouts: requests that ended so at the clients; on a node, the
 *   node's own counts (throttle events for services that throttle).
 * - coldStartShare: cold starts / invocations over all functions, or of one function.
 * - monthlyCostUsd: the 30-day projection, or a node's share of it.
 * - maxQueueDepth: the deepest any SQS queue got (or the named queue).
 * - maxIteratorAgeMs: the oldest unprocessed stream record (DynamoDB streams), over all
 *   streams, of one table's streams, or of the streams a function reads.
 */
import type { Architecture, Goal, GoalMetric, GoalOp } from '../model';
import type { SimSummary, SummaryFields } from '../sim/api';

export interface GoalResult extends Goal {
  measured: number;
  pass: boolean;
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

export function compare(measured: number, op: GoalOp, value: number): boolean {
  // Shares and latencies are rounded in the summary; compare with a tolerance far below
  // any difference a person would state in a goal.
  const eps = 1e-9 * Math.max(1, Math.abs(value));
  switch (op) {
    case '<':
      return measured < value - eps;
    case '<=':
      return measured <= value + eps;
    case '>':
      return measured > value + eps;
    case '>=':
      return measured >= value - eps;
    case '==':
      return Math.abs(measured - value) <= eps;
  }
}

/** ok / completed, from the summary's own field when present. */
export function successShare(summary: SimSummary): number {
  const r = summary.requests as SimSummary['requests'] & { successShare?: number };
  if (typeof r.successShare === 'number') return r.successShare;
  const completed = r.ok + r.throttled + r.errors + r.timeouts;
  return completed > 0 ? r.ok / completed : 1;
}

const LATENCY_FIELD: Partial<Record<GoalMetric, 'mean' | 'p50' | 'p95' | 'p99'>> = {
  meanLatencyMs: 'mean',
  p50LatencyMs: 'p50',
  p95LatencyMs: 'p95',
  p99LatencyMs: 'p99',
};

function streamAges(n: SummaryFields | undefined): Record<string, number> {
  const streams = n?.streams;
  if (!streams || typeof streams !== 'object') return {};
  const out: Record<string, number> = {};
  for (const [edge, s] of Object.entries(streams as Record<string, { maxIteratorAgeMs?: number }>)) out[edge] = num(s?.maxIteratorAgeMs);
  return out;
}

function systemValue(metric: GoalMetric, s: SimSummary): number {
  const latency = LATENCY_FIELD[metric];
  if (latency) return num(s.latencyMs[latency]);
  // goals compare nodes of any type: the cross-type view of their fields
  const nodes: SummaryFields[] = Object.values(s.nodes);
  switch (metric) {
    case 'successShare':
      return successShare(s);
    case 'throttled':
      return s.requests.throttled;
    case 'errors':
      return s.requests.errors;
    case 'timeouts':
      return s.requests.timeouts;
    case 'coldStartShare': {
      const fns = nodes.filter((n) => n.type === 'lambda');
      const invocations = fns.reduce((a, n) => a + num(n.invocations), 0);
      return invocations > 0 ? fns.reduce((a, n) => a + num(n.coldStarts), 0) / invocations : 0;
    }
    case 'monthlyCostUsd':
      return s.costUsd.monthly;
    case 'maxQueueDepth':
      return nodes.reduce((a, n) => Math.max(a, num(n.maxDepth)), 0);
    case 'maxIteratorAgeMs':
      return nodes.reduce((a, n) => Math.max(a, num(n.maxIteratorAgeMs), ...Object.values(streamAges(n))), 0);
    default:
      return 0;
  }
}

function nodeValue(metric: GoalMetric, id: string, s: SimSummary, doc: Architecture): number {
  const n: SummaryFields | undefined = s.nodes[id];
  if (!n) return 0;
  const latency = LATENCY_FIELD[metric];
  if (latency) return num((n.durationMs as Record<string, number> | undefined)?.[latency]);
  switch (metric) {
    case 'successShare': {
      if (n.type === 'client') {
        const completed = num(n.ok) + num(n.throttled) + num(n.errors) + num(n.timeouts);
        return completed > 0 ? num(n.ok) / completed : 1;
      }
      const attempts = num(n.invocations) + num(n.throttles);
      return attempts > 0 ? Math.max(0, num(n.invocations) - num(n.errors) - num(n.timeouts)) / attempts : 1;
    }
    case 'throttled':
      return n.type === 'client' ? num(n.throttled) : num(n.throttles);
    case 'errors':
      return num(n.errors);
    case 'timeouts':
      return num(n.timeouts);
    case 'coldStartShare':
      return num(n.invocations) > 0 ? num(n.coldStarts) / num(n.invocations) : 0;
    case 'monthlyCostUsd':
      return s.costUsd.total > 0 ? (num(n.costUsd) / s.costUsd.total) * s.costUsd.monthly : 0;
    case 'maxQueueDepth':
      return num(n.maxDepth);
    case 'maxIteratorAgeMs': {
      if (n.type !== 'lambda') return Math.max(num(n.maxIteratorAgeMs), 0, ...Object.values(streamAges(n)));
      // A function's iterator age: the streams whose mapping delivers to it.
      const feeding = new Set(doc.edges.filter((e) => e.target === id).map((e) => e.id));
      let age = num(n.maxIteratorAgeMs);
      for (const other of Object.values(s.nodes)) for (const [edge, a] of Object.entries(streamAges(other))) if (feeding.has(edge)) age = Math.max(age, a);
      return age;
    }
    default:
      return 0;
  }
}

export function measureGoal(goal: Goal, summary: SimSummary, doc: Architecture): number {
  return goal.node === undefined ? systemValue(goal.metric, summary) : nodeValue(goal.metric, goal.node, summary, doc);
}

/** Every goal of the document with its measured value and verdict, in the document's order. */
export function evaluateGoals(doc: Architecture, summary: SimSummary): GoalResult[] {
  return (doc.goals ?? []).map((goal) => {
    const measured = measureGoal(goal, summary, doc);
    return { ...goal, measured: Math.round(measured * 1e6) / 1e6, pass: compare(measured, goal.op, goal.value) };
  });
}

// ---- words ----

export const METRIC_LABELS: Record<GoalMetric, string> = {
  meanLatencyMs: 'mean latency',
  p50LatencyMs: 'p50 latency',
  p95LatencyMs: 'p95 latency',
  p99LatencyMs: 'p99 latency',
  successShare: 'success share',
  throttled: 'throttled',
  errors: 'errors',
  timeouts: 'timeouts',
  coldStartShare: 'cold-start share',
  monthlyCostUsd: 'cost per month',
  maxQueueDepth: 'max queue depth',
  maxIteratorAgeMs: 'max iterator age',
};

export const OP_SYMBOLS: Record<GoalOp, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=' };

export type MetricUnit = 'ms' | 'share' | 'count' | 'usd';

export function unitOf(metric: GoalMetric): MetricUnit {
  if (metric.endsWith('Ms')) return 'ms';
  if (metric.endsWith('Share')) return 'share';
  if (metric === 'monthlyCostUsd') return 'usd';
  return 'count';
}

let intFormat: Intl.NumberFormat | undefined; // made on first use: the first Intl formatter costs ~30 ms of start-up
const INT = { format: (v: number) => (intFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(v) };

/** A metric's value in the words and units people read: "200 ms", "99.9%", "$500", "1,234". */
export function formatMetric(metric: GoalMetric, value: number): string {
  switch (unitOf(metric)) {
    case 'ms':
      return value >= 1000 ? `${+(value / 1000).toFixed(value >= 10_000 ? 0 : 1)} s` : `${+value.toFixed(value >= 100 ? 0 : 1)} ms`;
    case 'share': {
      const pct = value * 100;
      // enough digits to tell 99.9% from 100%
      const digits = pct === 0 || pct === 100 ? 0 : pct >= 99 || pct < 1 ? 2 : 1;
      return `${+pct.toFixed(digits)}%`;
    }
    case 'usd':
      return value >= 100 ? `$${INT.format(value)}` : value >= 0.01 || value === 0 ? `$${value.toFixed(2)}` : `$${value.toPrecision(2)}`;
    case 'count':
      return INT.format(value);
  }
}

/** "p99 latency ≤ 200 ms", "throttled = 0 on getOrder". */
export function goalLabel(goal: Goal, nodeLabel?: (id: string) => string): string {
  const scope = goal.node === undefined ? '' : ` on ${nodeLabel ? nodeLabel(goal.node) : goal.node}`;
  const metric = goal.node !== undefined && LATENCY_FIELD[goal.metric] ? METRIC_LABELS[goal.metric].replace('latency', 'duration') : METRIC_LABELS[goal.metric];
  return `${metric} ${OP_SYMBOLS[goal.op]} ${formatMetric(goal.metric, goal.value)}${scope}`;
}

/** A node's display name: the label people gave it, else its id. */
export function labeller(doc: Architecture): (id: string) => string {
  const labels = new Map(doc.nodes.map((n) => [n.id, n.label || n.id]));
  return (id) => labels.get(id) ?? id;
}
