/**
 * Findings: what matters in a run, in plain words, each with its evidence, the node it is
 * about (by label) and the moment to look at. Pure: the same rules run in the dashboard
 * (live, from the windows so far; after the run, with the summary too), in the report and
 * in the CLI.
 *
 * The rules and their thresholds (keep this block in step with the code below):
 *
 * 1. Bottleneck — the first limit reached. The earliest window in which a node throttled.
 *    A node counts when its throttles are at least 0.1% of its requests or at least 10.
 *    Which limit, by type: a function's reserved concurrency (when set); else the account's
 *    unreserved pool when the unreserved functions' concurrency in that window reached it;
 *    else a throttle fault scheduled on it; else Lambda's scaling rate (1,000 new
 *    environments per 10 s). API Gateway: its rate/burst limit, or — after the run, when at
 *    least half its throttles were — the account's Region limit. DynamoDB: its provisioned
 *    capacity (RCU / WCU), or likewise one partition's ceiling (a hot key). Evidence: the
 *    share of the node's requests throttled. Other nodes
 *    that throttled later are named in the same finding.
 * 1b. Connections exhausted — after the run, a database that refused queries for too many
 *    connections (names the functions holding one per environment; RDS Proxy as the remedy).
 * 1c. Pool exhausted — after the run, an RDS Proxy whose borrows timed out; when every pooled
 *    connection was pinned to a session at the time, says pinning caused it.
 * 2. Cold starts — a function whose cold starts are at least 1% of its invocations and at
 *    least 5. What removes them: provisioned concurrency at its peak concurrency (or raising
 *    what it has); SnapStart where the runtime supports it (shortens, not removes).
 * 3. Queue backlog growing — an SQS queue whose depth at the end is at least 100 messages and
 *    at least 1.5 × its depth at the middle of the run (from the windows), or, without
 *    windows, whose depth at the end is at least 100 and at least half its maximum.
 * 4. Timeouts upstream of a slow service — a node whose timeouts are at least 0.1% of its
 *    requests or at least 5. The slow service named is the downstream node (following
 *    edges) with a latency fault, else the highest p99 latency; for a Lambda that times out
 *    itself, a downstream node is blamed only when its p99 is at least half the function's
 *    (its duration includes its calls), else its own handler is named.
 * 5. Throttled tables — a DynamoDB table that throttled (same threshold as 1) and is not
 *    already the bottleneck; a hot key is named as such (rule 1's words).
 * 6. Errors — at least 1% of the clients' requests ended in an error (not counting the
 *    throttles already explained): names the node with the most errors.
 * 7. Cost drivers — when the 30-day projection is above $0: up to three nodes (or services,
 *    while live) with the largest shares of it, each with its share.
 * 8. Nothing notable — none of 1–6 found: says so, with what was checked.
 */
import { SNAPSTART_RUNTIMES, type ArchNode, type Architecture } from '../model';
import type { NodeWindow, SimSummary, SummaryFields, WindowSample } from '../sim/api';
import { labeller } from './goals';

export type FindingKind =
  'bottleneck' | 'connectionsExhausted' | 'coldStarts' | 'backlog' | 'timeouts' | 'tableThrottled' | 'errors' | 'cost' | 'nothingNotable';

export interface Finding {
  kind: FindingKind;
  /** 'problem' needs attention; 'warning' worth a look; 'info' context. */
  severity: 'problem' | 'warning' | 'info';
  /** The node it is about (an id: the UI selects it). */
  node?: string;
  /** The moment to look at, simulated seconds. */
  atS?: number;
  /** One sentence, node labels only. */
  title: string;
  /** Evidence and what would help. */
  detail: string;
}

export interface FindingsInput {
  doc: Architecture;
  /** The finished run's summary; null while the run goes on. */
  summary: SimSummary | null;
  /** The windows so far (or the whole run's history). */
  windows: readonly WindowSample[];
}

export const THRESHOLDS = {
  throttleShare: 0.001,
  throttleCount: 10,
  coldStartShare: 0.01,
  coldStartCount: 5,
  backlogDepth: 100,
  backlogGrowth: 1.5,
  timeoutShare: 0.001,
  timeoutCount: 5,
  errorShare: 0.01,
  costDrivers: 3,
} as const;

const SERVICE_NAMES: Record<string, string> = {
  lambda: 'Lambda',
  apiGateway: 'API Gateway',
  dynamodb: 'DynamoDB',
  dax: 'DAX',
  sqs: 'SQS',
  sns: 'SNS',
  s3: 'S3',
  cloudfront: 'CloudFront',
  eventbridge: 'EventBridge',
  rds: 'RDS',
  rdsProxy: 'RDS Proxy',
};
/** A service's name as AWS writes it ("API Gateway"), for cost keys and node types. */
export const serviceName = (key: string) => SERVICE_NAMES[key] ?? key;

let intFormat: Intl.NumberFormat | undefined; // made on first use: the first Intl formatter costs ~30 ms of start-up
const INT = { format: (v: number) => (intFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(v) };
const count = (n: number) => INT.format(Math.round(n));
const pct = (x: number) => {
  const p = x * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p >= 1 ? p.toFixed(1).replace(/\.0$/, '') : p.toPrecision(1)}%`;
};
const secs = (s: number) => `${s >= 100 ? Math.round(s) : +s.toFixed(1)} s`;
const ms = (x: number) => (x >= 1000 ? `${+(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);
const usd = (x: number) => (x >= 100 ? `$${count(x)}` : x >= 0.01 ? `$${x.toFixed(2)}` : `$${x.toPrecision(2)}`);
const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const plural = (n: number, word: string) => `${count(n)} ${word}${Math.round(n) === 1 ? '' : 's'}`;

/** Per-node totals: from the summary when the run is over, else summed over the windows. */
interface NodeTotals {
  requests: number;
  throttles: number;
  errors: number;
  timeouts: number;
  invocations: number;
  coldStarts: number;
  maxConcurrency: number;
  p99Ms: number;
  costUsd: number | null;
}

function totalsOf(input: FindingsInput): Map<string, NodeTotals> {
  const out = new Map<string, NodeTotals>();
  const { summary, windows, doc } = input;
  for (const node of doc.nodes) {
    const acc: NodeTotals = { requests: 0, throttles: 0, errors: 0, timeouts: 0, invocations: 0, coldStarts: 0, maxConcurrency: 0, p99Ms: 0, costUsd: null };
    for (const w of windows) {
      const n = w.nodes[node.id];
      if (!n) continue;
      acc.requests += n.requests;
      acc.throttles += n.throttled;
      acc.errors += n.errors;
      acc.timeouts += n.timeouts;
      acc.coldStarts += n.coldStarts ?? 0;
      acc.maxConcurrency = Math.max(acc.maxConcurrency, n.busy ?? 0);
      acc.p99Ms = Math.max(acc.p99Ms, n.latencyMs?.p99 ?? 0);
    }
    acc.invocations = acc.requests;
    const s: SummaryFields | undefined = summary?.nodes[node.id];
    if (s) {
      const requests = num(s.requests) || num(s.invocations) || num(s.completed) || num(s.reads) + num(s.writes) || num(s.sent);
      if (requests > 0) acc.requests = requests + (s.type === 'lambda' ? num(s.throttles) : 0);
      acc.throttles = s.type === 'client' ? num(s.throttled) : num(s.throttles);
      acc.errors = num(s.errors);
      acc.timeouts = num(s.timeouts);
      acc.invocations = num(s.invocations);
      acc.coldStarts = num(s.coldStarts);
      acc.maxConcurrency = Math.max(acc.maxConcurrency, num(s.maxConcurrency));
      const d = s.durationMs as { p99?: number } | undefined;
      if (d?.p99) acc.p99Ms = d.p99;
      acc.costUsd = typeof s.costUsd === 'number' ? s.costUsd : 0;
    }
    out.set(node.id, acc);
  }
  return out;
}

const noteworthy = (n: number, of: number, share: number, min: number) => n > 0 && (n >= min || (of > 0 && n / of >= share));

/** The window (end time) in which a node first did `what`. */
function firstWindow(windows: readonly WindowSample[], id: string, what: (n: NodeWindow) => boolean): WindowSample | undefined {
  return windows.find((w) => {
    const n = w.nodes[id];
    return n !== undefined && what(n);
  });
}

/** Start of the window that ends at `w.tS` (windows are equally long until merged). */
function windowStart(windows: readonly WindowSample[], w: WindowSample): number {
  const i = windows.indexOf(w);
  return i > 0 ? windows[i - 1].tS : 0;
}

function faultAt(doc: Architecture, id: string, kind: string, tS: number): boolean {
  return doc.faults.some((f) => f.node === id && f.kind === kind && f.atS <= tS && ('lengthS' in f ? f.atS + f.lengthS >= tS - 1 : true));
}

function limitOf(node: ArchNode, doc: Architecture, w: WindowSample | undefined, sum?: SummaryFields): string {
  const t = w?.tS ?? 0;
  if (faultAt(doc, node.id, 'throttle', t)) return 'a scheduled throttle fault';
  // after the run, the summary says which of two layered limits refused most
  const share = (key: 'hotPartitionThrottles' | 'accountThrottles') => {
    const n = sum?.[key];
    return n !== undefined && sum?.throttles !== undefined && sum.throttles > 0 ? n / sum.throttles : 0;
  };
  if (node.type === 'dynamodb' && share('hotPartitionThrottles') >= 0.5) return "one partition's ceiling (3,000 RCU / 1,000 WCU a second): a hot key";
  if (node.type === 'apiGateway' && share('accountThrottles') >= 0.5) {
    return `the account's Region limit ${count(doc.settings.apiAccountRps)} rps (burst ${count(doc.settings.apiAccountBurst)}, shared by every API)`;
  }
  switch (node.type) {
    case 'lambda': {
      if (node.config.reservedConcurrency !== null) return `reserved concurrency ${count(node.config.reservedConcurrency)}`;
      const pool = w?.nodes[node.id]?.concurrencyLimit;
      if (w && pool !== undefined) {
        const unreserved = doc.nodes.filter((n) => n.type === 'lambda' && n.config.reservedConcurrency === null);
        const used = unreserved.reduce((a, n) => a + (w.nodes[n.id]?.busy ?? 0), 0);
        if (used >= pool)
          return `the account's unreserved concurrency ${count(pool)}${unreserved.length > 1 ? ' (shared by every function without a reservation)' : ''}`;
      }
      return "Lambda's scaling rate (1,000 new environments per 10 s)";
    }
    case 'apiGateway':
      return `its rate limit ${count(node.config.rateLimitRps)} rps (burst ${count(node.config.burstLimit)})`;
    case 'dynamodb':
      return node.config.capacityMode === 'provisioned'
        ? `its provisioned capacity (${count(node.config.readCapacityUnits)} RCU / ${count(node.config.writeCapacityUnits)} WCU)`
        : 'its on-demand throughput';
    default:
      return 'its limit';
  }
}

function remedyOf(node: ArchNode, limit: string): string {
  if (limit.includes('fault')) return 'The throttling comes from the scheduled fault; remove it to see the design without it.';
  if (limit.includes('hot key'))
    return 'More capacity does not help one item: spread its writes over several keys (write sharding), cache its reads (DAX), or batch its updates.';
  if (limit.includes("account's Region limit"))
    return 'Ask AWS to raise the account limit for the Region, spread APIs over accounts, or cache responses with CloudFront.';
  switch (node.type) {
    case 'lambda':
      if (limit.startsWith('reserved')) return 'Raise its reserved concurrency, or put a queue in front so requests wait instead of failing.';
      if (limit.includes('unreserved')) return 'Ask for a higher account limit, reserve concurrency for the functions that matter, or buffer with a queue.';
      return 'Provisioned concurrency or a queue in front absorbs bursts faster than Lambda scales.';
    case 'apiGateway':
      return 'Raise the rate and burst limits (the account default is 10,000 rps / 5,000), or cache with CloudFront.';
    case 'dynamodb':
      return 'Raise the capacity, switch to on-demand, or put DAX in front for reads.';
    default:
      return '';
  }
}

export function findFindings(input: FindingsInput): Finding[] {
  const { doc, summary, windows } = input;
  const label = labeller(doc);
  const totals = totalsOf(input);
  const findings: Finding[] = [];
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));

  // 1. Bottleneck: nodes that throttled, in the order they first did.
  const throttling = doc.nodes
    .filter((n) => n.type !== 'client')
    .map((n) => ({ node: n, t: totals.get(n.id)!, first: firstWindow(windows, n.id, (w) => w.throttled > 0) }))
    .filter(({ t }) => noteworthy(t.throttles, t.requests, THRESHOLDS.throttleShare, THRESHOLDS.throttleCount))
    .sort((a, b) => (a.first?.tS ?? Infinity) - (b.first?.tS ?? Infinity) || b.t.throttles - a.t.throttles);
  const bottleneck = throttling[0];
  if (bottleneck) {
    const { node, t, first } = bottleneck;
    const limit = limitOf(node, doc, first, input.summary?.nodes[node.id]);
    const startS = first ? windowStart(windows, first) : null;
    const at = startS === null ? '' : startS === 0 ? ' in the first second' : ` at ${secs(startS)}`;
    const share = t.requests > 0 ? t.throttles / t.requests : 0;
    const others = throttling.slice(1).map((o) => `${label(o.node.id)}${o.first ? ` (from ${secs(windowStart(windows, o.first))})` : ''}`);
    const shown =
      node.type === 'lambda' && doc.edges.some((e) => e.target === node.id && byId.get(e.source)?.type === 'apiGateway')
        ? ' API Gateway returns these to callers as 500 errors.'
        : '';
    findings.push({
      kind: 'bottleneck',
      severity: 'problem',
      node: node.id,
      ...(first ? { atS: first.tS } : {}),
      title: `${label(node.id)} hit ${limit}${at}; ${pct(share)} of its requests throttled`,
      detail:
        `${plural(t.throttles, 'request')} throttled of ${count(t.requests)}.${shown} ${remedyOf(node, limit)}${others.length ? ` Also throttled: ${others.join(', ')}.` : ''}`.trim(),
    });
  }

  // 1b. A database out of connections: each Lambda environment holds its own (known once the run is over).
  for (const node of doc.nodes) {
    const s = summary?.nodes[node.id];
    if (node.type !== 'rds' || s?.type !== 'rds' || s.tooManyConnections <= 0) continue;
    const proxied = doc.edges.some((e) => e.target === node.id && byId.get(e.source)?.type === 'rdsProxy');
    const direct = doc.edges.filter((e) => e.target === node.id && byId.get(e.source)?.type === 'lambda').map((e) => label(e.source));
    findings.push({
      kind: 'connectionsExhausted',
      severity: 'problem',
      node: node.id,
      title: `${label(node.id)} ran out of connections: ${count(num(s.tooManyConnections))} quer${num(s.tooManyConnections) === 1 ? 'y' : 'ies'} refused ("too many connections")`,
      detail: `All ${count(num(s.maxConnections))} connections (max_connections) were held${direct.length ? ` by execution environments of ${direct.join(', ')}, one each while it lives` : ''}. ${
        proxied
          ? 'Lower the proxy’s pool share or connect every function through it.'
          : 'Put RDS Proxy between the functions and the database (connections are lent per transaction), or cap the functions’ concurrency below max_connections.'
      }`,
    });
  }

  // 1c. An RDS Proxy whose borrows timed out: the pool was full — pinned sessions, when every pooled connection was pinned.
  for (const node of doc.nodes) {
    const s = summary?.nodes[node.id];
    if (node.type !== 'rdsProxy' || s?.type !== 'rdsProxy' || s.borrowTimeouts <= 0) continue;
    const pinnedOut = num(s.pinnedTimeouts);
    const queries = count(num(s.borrowTimeouts)) + (num(s.borrowTimeouts) === 1 ? ' query' : ' queries');
    findings.push({
      kind: 'connectionsExhausted',
      severity: 'problem',
      node: node.id,
      title:
        pinnedOut > 0
          ? `${label(node.id)}'s pool was pinned full: ${queries} failed after the borrow timeout`
          : `${label(node.id)}'s pool ran out: ${queries} failed after the borrow timeout`,
      detail:
        pinnedOut > 0
          ? `All ${count(num(s.poolMax))} pooled connections were pinned to execution environments (${plural(num(s.pinnedSessions), 'session')} pinned), so the proxy could not multiplex: a pinned connection is held until its environment ends. Avoid what pins a session (SET, temporary tables, locks, prepared statements), or give the pool more connections than the functions have environments.`
          : `Every one of its ${count(num(s.poolMax))} pooled connections was lent when these queries came (peak ${count(num(s.peakWaiting))} waiting). Raise the pool’s share of max_connections, a larger instance class, a longer borrow timeout, or shorter transactions.`,
    });
  }

  // 2. Cold starts.
  for (const node of doc.nodes) {
    if (node.type !== 'lambda') continue;
    const t = totals.get(node.id)!;
    if (t.invocations <= 0 || t.coldStarts < THRESHOLDS.coldStartCount || t.coldStarts / t.invocations < THRESHOLDS.coldStartShare) continue;
    const peak = Math.max(1, Math.ceil(t.maxConcurrency));
    const worst = windows.reduce<WindowSample | undefined>(
      (best, w) => ((w.nodes[node.id]?.coldStarts ?? 0) > (best?.nodes[node.id]?.coldStarts ?? 0) ? w : best),
      undefined,
    );
    const pc = node.config.provisionedConcurrency;
    const remedies = [
      pc > 0
        ? `raising provisioned concurrency from ${count(pc)} to its peak of ${count(peak)} removes them`
        : `provisioned concurrency of ${count(peak)} (its peak concurrency) removes them`,
      !node.config.snapStart && SNAPSTART_RUNTIMES.includes(node.config.runtime) ? 'SnapStart shortens each one' : '',
      'steadier traffic keeps environments warm',
    ].filter(Boolean);
    findings.push({
      kind: 'coldStarts',
      severity: 'warning',
      node: node.id,
      ...(worst ? { atS: worst.tS } : {}),
      title: `${pct(t.coldStarts / t.invocations)} of ${label(node.id)}'s invocations started cold`,
      detail: `${plural(t.coldStarts, 'cold start')} in ${plural(t.invocations, 'invocation')}. ${remedies.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()),
    });
  }

  // 3. Queue backlog growing.
  for (const node of doc.nodes) {
    if (node.type !== 'sqs') continue;
    const depths = windows.map((w) => ({ tS: w.tS, d: w.nodes[node.id]?.queueDepth })).filter((x): x is { tS: number; d: number } => x.d !== undefined);
    const entry = summary?.nodes[node.id];
    const s = entry?.type === 'sqs' ? entry : undefined;
    let end: number;
    let growing: boolean;
    let rate = '';
    if (depths.length >= 4) {
      const last = depths[depths.length - 1];
      const mid = depths[Math.floor(depths.length / 2)];
      end = s ? num(s.depthAtEnd) || last.d : last.d;
      growing = end >= THRESHOLDS.backlogDepth && end >= THRESHOLDS.backlogGrowth * mid.d;
      if (last.tS > mid.tS) rate = ` (+${count((end - mid.d) / (last.tS - mid.tS))} a second over the second half)`;
    } else {
      end = num(s?.depthAtEnd);
      growing = end >= THRESHOLDS.backlogDepth && end >= 0.5 * num(s?.maxDepth);
    }
    if (!growing) continue;
    const consumer = doc.edges.find((e) => e.source === node.id && byId.get(e.target)?.type === 'lambda');
    const endT = depths.length ? depths[depths.length - 1].tS : (summary?.durationS ?? 0);
    findings.push({
      kind: 'backlog',
      severity: 'problem',
      node: node.id,
      atS: endT,
      title: `${label(node.id)}'s backlog keeps growing: ${plural(end, 'message')} waiting at ${secs(endT)}`,
      detail: `Messages arrive faster than they are processed${rate}.${consumer ? ` Let ${label(consumer.target)} process more: a larger batch size, a higher maximum concurrency on the queue, more reserved concurrency, or a faster handler.` : ' Nothing consumes this queue.'}`,
    });
  }

  // 4. Timeouts upstream of a slow service.
  const downstream = (id: string): string[] => {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      for (const e of doc.edges)
        if (e.source === cur && e.kind !== 'dlq' && !seen.has(e.target) && e.target !== id) {
          seen.add(e.target);
          stack.push(e.target);
        }
    }
    return [...seen];
  };
  for (const node of doc.nodes) {
    if (node.type === 'client') continue;
    const t = totals.get(node.id)!;
    if (!noteworthy(t.timeouts, t.requests, THRESHOLDS.timeoutShare, THRESHOLDS.timeoutCount)) continue;
    const first = firstWindow(windows, node.id, (w) => w.timeouts > 0);
    const limitMs = node.type === 'apiGateway' ? node.config.timeoutMs : node.type === 'lambda' ? node.config.timeoutMs : null;
    const slow = downstream(node.id)
      .map((id) => ({ id, p99: totals.get(id)?.p99Ms ?? 0, fault: doc.faults.some((f) => f.node === id && f.kind === 'latency') }))
      .filter((x) => x.p99 > 0 || x.fault)
      .sort((a, b) => Number(b.fault) - Number(a.fault) || b.p99 - a.p99)[0];
    const limitText = limitMs !== null ? ` (limit ${ms(limitMs)})` : '';
    // A function's duration includes its calls: blame a call only when it is a large part.
    const blamed = slow && (node.type !== 'lambda' || slow.fault || slow.p99 >= 0.5 * t.p99Ms) ? slow : undefined;
    const because = blamed
      ? `waiting for ${label(blamed.id)}${blamed.p99 > 0 ? ` (p99 ${ms(blamed.p99)})` : ''}${blamed.fault ? ', which has a latency fault' : ''}`
      : node.type === 'lambda'
        ? `its own handler is too slow (p99 ${ms(t.p99Ms)})`
        : 'waiting for what it calls';
    findings.push({
      kind: 'timeouts',
      severity: 'problem',
      node: blamed ? blamed.id : node.id,
      ...(first ? { atS: first.tS } : {}),
      title: `${label(node.id)} timed out ${plural(t.timeouts, 'request')}${limitText}, ${because}`,
      detail: `${pct(t.requests > 0 ? t.timeouts / t.requests : 0)} of its requests. Make the slow call faster (more memory, a cache, a fix), or fail it sooner downstream so the caller gets an answer${node.type === 'apiGateway' ? '; API Gateway returns 504 after its timeout' : ''}.`,
    });
  }

  // 5. Throttled tables (other than the bottleneck).
  for (const { node, t, first } of throttling) {
    if (node.type !== 'dynamodb' || node.id === bottleneck?.node.id) continue;
    findings.push({
      kind: 'tableThrottled',
      severity: 'problem',
      node: node.id,
      ...(first ? { atS: first.tS } : {}),
      title: `${label(node.id)} throttled ${plural(t.throttles, 'request')}: ${limitOf(node, doc, first, input.summary?.nodes[node.id])} is not enough`,
      detail: remedyOf(node, limitOf(node, doc, first, input.summary?.nodes[node.id])),
    });
  }

  // 6. Errors.
  const system = summary
    ? summary.requests
    : windows.reduce(
        (a, w) => ({ total: a.total + w.requests.ok + w.requests.throttled + w.requests.error + w.requests.timeout, errors: a.errors + w.requests.error }),
        { total: 0, errors: 0 },
      );
  if (system.total > 0 && system.errors / system.total >= THRESHOLDS.errorShare) {
    // Errors pass back through every caller: follow them down to where they start.
    let worst = doc.nodes
      .filter((n) => n.type !== 'client')
      .map((n) => ({ id: n.id, errors: totals.get(n.id)!.errors }))
      .sort((a, b) => b.errors - a.errors)[0];
    for (let hops = 0; worst && hops < doc.nodes.length; hops++) {
      const from = worst;
      const next = doc.edges
        .filter((e) => e.source === from.id)
        .map((e) => ({ id: e.target, errors: totals.get(e.target)?.errors ?? 0 }))
        .filter((x) => x.errors >= 0.5 * from.errors && x.errors > 0)
        .sort((a, b) => b.errors - a.errors)[0];
      if (!next) break;
      worst = next;
    }
    const throttledAs500 = bottleneck && bottleneck.node.type === 'lambda' && findings[0]?.detail.includes('500');
    if (!throttledAs500 || system.errors > bottleneck.t.throttles * 1.1) {
      const first = worst ? firstWindow(windows, worst.id, (w) => w.errors > 0) : undefined;
      findings.push({
        kind: 'errors',
        severity: 'problem',
        ...(worst && worst.errors > 0 ? { node: worst.id } : {}),
        ...(first ? { atS: first.tS } : {}),
        title: `${pct(system.errors / system.total)} of requests failed with an error${worst && worst.errors > 0 ? `; most at ${label(worst.id)}` : ''}`,
        detail: `${plural(system.errors, 'request')} of ${count(system.total)} ended in an error${worst && worst.errors > 0 ? ` (${label(worst.id)}: ${count(worst.errors)})` : ''}.`,
      });
    }
  }

  const notable = findings.length > 0;

  // 7. Cost drivers.
  const monthly = summary ? summary.costUsd.monthly : monthlyFromWindows(windows);
  if (monthly > 0) {
    let shares: { name: string; id?: string; share: number }[];
    if (summary && summary.costUsd.total > 0) {
      shares = doc.nodes.map((n) => ({ name: label(n.id), id: n.id, share: (totals.get(n.id)!.costUsd ?? 0) / summary.costUsd.total }));
    } else {
      const last = windows[windows.length - 1];
      const total = last ? Object.values(last.costByService).reduce((a, b) => a + b, 0) : 0;
      shares = last && total > 0 ? Object.entries(last.costByService).map(([service, v]) => ({ name: serviceName(service), share: v / total })) : [];
    }
    const top = shares
      .filter((x) => x.share > 0)
      .sort((a, b) => b.share - a.share)
      .slice(0, THRESHOLDS.costDrivers);
    if (top.length) {
      findings.push({
        kind: 'cost',
        severity: 'info',
        ...(top[0].id ? { node: top[0].id } : {}),
        title: `${top[0].name} is ${pct(top[0].share)} of the ${usd(monthly)} monthly bill`,
        detail: `Top cost drivers over 30 days of this traffic: ${top.map((x) => `${x.name} ${pct(x.share)} (${usd(x.share * monthly)})`).join(', ')}.`,
      });
    }
  }

  // 8. Nothing notable.
  if (!notable && (summary || windows.length > 0)) {
    findings.unshift({
      kind: 'nothingNotable',
      severity: 'info',
      title: 'Nothing notable: no throttling, timeouts, growing backlog, errors or frequent cold starts',
      detail: `Checked against the thresholds: throttles ≥ 0.1% of a node's requests, cold starts ≥ 1% of a function's invocations, a queue growing past ${THRESHOLDS.backlogDepth} messages, errors ≥ 1% of requests.`,
    });
  }
  return findings;
}

/** The 30-day projection while live: cost so far scaled to 30 days. */
function monthlyFromWindows(windows: readonly WindowSample[]): number {
  const last = windows[windows.length - 1];
  if (!last || last.tS <= 0) return 0;
  return (last.costUsd * 30 * 86_400) / last.tS;
}
