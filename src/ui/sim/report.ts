/**
 * The run's summary as a report: each node's numbers in words and units ("12,345
 * invocations", "billed 123.4 GB-s", "duration p99 154 ms"), never the summary's field
 * names; cost by node and by service with the 30-day projection. Pure, so it is tested in
 * Node; RunSummary.tsx draws it.
 */
import type { NodeSummary, SimSummary, SummaryFields } from '../../sim/api';
import { formatCount, formatGbS, formatMs, formatPercent, formatUsd } from './format';
import { humanize, type NodeNames } from './names';
import { behindApiWords, lambdasBehind } from './throttles';

const SECONDS_PER_30_DAYS = 30 * 24 * 3600;

type Kind = 'count' | 'ms' | 'usd' | 'ratio' | 'gbs';
/**
 * One field: `words` after a count ("12 cold starts"), or before any other value
 * ("peak concurrency 5"). `always`: shown even when zero (the node's main count).
 */
interface Field {
  key: string;
  words: string;
  kind?: Kind;
  always?: boolean;
  /** Singular, when the plural is not words + "s". */
  one?: string;
}

const COMMON_TAIL: Field[] = [
  { key: 'throttles', words: 'throttled', one: 'throttled' },
  { key: 'errors', words: 'errors' },
  { key: 'timeouts', words: 'timed out', one: 'timed out' },
];

/** Per node type, in reading order. Keys not listed still appear, humanised. */
const FIELDS: Record<string, Field[]> = {
  client: [
    { key: 'sent', words: 'requests sent', one: 'request sent', always: true },
    { key: 'completed', words: 'answered', one: 'answered' },
    { key: 'ok', words: 'succeeded', one: 'succeeded' },
    { key: 'throttled', words: 'throttled', one: 'throttled' },
    { key: 'errors', words: 'errors' },
    { key: 'timeouts', words: 'timed out', one: 'timed out' },
  ],
  apiGateway: [
    { key: 'requests', words: 'requests', always: true },
    { key: 'throttles', words: 'throttled (429)', one: 'throttled (429)' },
    { key: 'errors', words: 'errors' },
    { key: 'timeouts', words: 'timed out (504)', one: 'timed out (504)' },
    { key: 'authorizerCacheHits', words: 'authorizer cache hits', one: 'authorizer cache hit' },
    { key: 'authorizerCacheMisses', words: 'authorizer invocations (cache misses)', one: 'authorizer invocation (cache miss)' },
    { key: 'authorizerErrors500', words: 'authorizer failures (500)', one: 'authorizer failure (500)' },
    { key: 'authorizerThrottled500', words: 'throttled by the authorizer (500)', one: 'throttled by the authorizer (500)' },
    { key: 'authorizerDenied403', words: 'denied by the authorizer (403)', one: 'denied by the authorizer (403)' },
    { key: 'unauthorized401', words: 'unauthorized, no token (401)', one: 'unauthorized, no token (401)' },
  ],
  lambda: [
    { key: 'invocations', words: 'invocations', always: true },
    { key: 'coldStarts', words: 'cold starts' },
    ...COMMON_TAIL,
    { key: 'maxConcurrency', words: 'peak concurrency' },
    { key: 'durationMs', words: 'duration' },
    { key: 'billedGbS', words: 'billed', kind: 'gbs' },
    { key: 'asyncRetries', words: 'async retries', one: 'async retry' },
    { key: 'asyncToFailure', words: 'async events failed', one: 'async event failed' },
  ],
  sqs: [
    { key: 'sent', words: 'messages sent', one: 'message sent', always: true },
    { key: 'received', words: 'received', one: 'received' },
    { key: 'deleted', words: 'deleted', one: 'deleted' },
    { key: 'maxDepth', words: 'peak depth' },
    { key: 'depthAtEnd', words: 'left in the queue', one: 'left in the queue' },
    { key: 'toDlq', words: 'moved to the DLQ', one: 'moved to the DLQ' },
    { key: 'expired', words: 'expired', one: 'expired' },
    { key: 'meanWaitMs', words: 'mean wait', kind: 'ms' },
  ],
  dynamodb: [
    { key: 'reads', words: 'reads', always: true },
    { key: 'writes', words: 'writes', always: true },
    { key: 'readUnits', words: 'read units' },
    { key: 'writeUnits', words: 'write units' },
    { key: 'throttles', words: 'throttled', one: 'throttled' },
    { key: 'sdkRetries', words: 'SDK retries', one: 'SDK retry' },
    { key: 'errors', words: 'errors' },
    { key: 'streamRecords', words: 'stream records' },
    { key: 'replicaRegions', words: 'replica Regions', one: 'replica Region' },
    { key: 'replicatedWriteUnits', words: 'replicated write units' },
    { key: 'replicationLatencyMs', words: 'typical replication latency', kind: 'ms' },
  ],
  dax: [
    { key: 'hitRatio', words: 'hit ratio', kind: 'ratio', always: true },
    { key: 'hits', words: 'hits' },
    { key: 'misses', words: 'misses', one: 'miss' },
    { key: 'evictions', words: 'evictions' },
    { key: 'cachedItems', words: 'items cached at the end', one: 'item cached at the end' },
    { key: 'errors', words: 'errors' },
  ],
  cloudfront: [
    { key: 'requests', words: 'requests', always: true },
    { key: 'hitRatio', words: 'hit ratio', kind: 'ratio', always: true },
    { key: 'hits', words: 'hits' },
    { key: 'misses', words: 'misses', one: 'miss' },
    { key: 'errors', words: 'errors' },
  ],
  eventbridge: [
    { key: 'scheduledFirings', words: 'scheduled firings' },
    { key: 'putEvents', words: 'events put', one: 'event put' },
  ],
  sns: [
    { key: 'publishes', words: 'publishes', one: 'publish', always: true },
    { key: 'deliveries', words: 'deliveries', one: 'delivery' },
  ],
  rdsProxy: [
    { key: 'borrows', words: 'transactions', always: true },
    { key: 'waitedBorrows', words: 'waited to borrow a connection', one: 'waited to borrow a connection' },
    { key: 'borrowTimeouts', words: 'failed after the borrow timeout', one: 'failed after the borrow timeout' },
    { key: 'peakPoolInUse', words: 'peak connections lent' },
    { key: 'pinnedSessions', words: 'sessions pinned', one: 'session pinned' },
    { key: 'peakPinned', words: 'peak pinned connections' },
    { key: 'pinnedTimeouts', words: 'timed out with every connection pinned', one: 'timed out with every connection pinned' },
  ],
  s3: [
    { key: 'reads', words: 'reads' },
    { key: 'writes', words: 'writes' },
    { key: 'notifications', words: 'notifications' },
  ],
};

/** Not phrases of their own: the type, the label, the cost (its own column) and nested parts handled apart. */
const SKIP = new Set(['type', 'label', 'costUsd', 'streams', 'lambdaThrottled500', 'costParts']);

/** A table's cost parts (sim/services/dynamodb.ts TableCostParts), in words. */
const COST_PART_WORDS: Record<string, string> = {
  capacity: 'reads and writes',
  storage: 'storage',
  replicatedWrites: 'replicated writes',
  replicas: 'replica storage',
  crossRegionTransfer: 'cross-Region data transfer',
  pointInTimeRecovery: 'point-in-time recovery',
  backups: 'on-demand backups',
};

function kindOfKey(key: string): Kind {
  if (/usd$/i.test(key)) return 'usd';
  if (/(ratio|share)$/i.test(key)) return 'ratio';
  if (/ms$/i.test(key)) return 'ms';
  if (/gbs$/i.test(key)) return 'gbs';
  return 'count';
}

function wordsOfKey(key: string): string {
  return humanize(key.replace(/(Ms|Usd|GbS)$/, ''));
}

function valueText(kind: Kind, v: number): string {
  switch (kind) {
    case 'ms':
      return formatMs(v);
    case 'usd':
      return formatUsd(v);
    case 'ratio':
      return formatPercent(v);
    case 'gbs':
      return formatGbS(v);
    default:
      return Number.isInteger(v) ? formatCount(v) : v.toFixed(2);
  }
}

function phrase(field: Field, value: unknown): string | null {
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.p99 === 'number') {
      const p50 = typeof o.p50 === 'number' ? `p50 ${formatMs(o.p50)} · ` : '';
      return `${field.words} ${p50}p99 ${formatMs(o.p99)}`;
    }
    return null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (value === 0 && !field.always) return null;
  const kind = field.kind ?? kindOfKey(field.key);
  if (kind === 'count' && !/^(peak|mean|max)/.test(field.words)) {
    return `${formatCount(value)} ${Math.round(value) === 1 ? (field.one ?? field.words.replace(/s$/, '')) : field.words}`;
  }
  return `${field.words} ${valueText(kind, value)}`;
}

export interface ReportContext {
  names: NodeNames;
  edges: readonly { id?: string; source: string; target: string }[];
  /** Node types by id, to find the Lambdas behind a gateway. */
  types: (id: string) => string | undefined;
  /** The run's simulated seconds: cost parts are then told for 30 days. */
  durationS?: number;
}

export interface Phrase {
  /** The summary field it tells (for tests and exports; never shown). */
  key: string;
  text: string;
}

/** The node's numbers as phrases, in reading order; zero counts of trouble are left out. */
export function nodePhrases(id: string, node: NodeSummary, ctx: ReportContext): Phrase[] {
  const listed = FIELDS[node.type] ?? [];
  const out: Phrase[] = [];
  const done = new Set<string>();
  // every field in reading order, whatever the type: a walk over the entry's own keys
  const byKey = new Map<string, unknown>(Object.entries(node));
  for (const f of listed) {
    done.add(f.key);
    const p = phrase(f, byKey.get(f.key));
    if (p) out.push({ key: f.key, text: p });
  }
  for (const [key, value] of Object.entries(node)) {
    if (done.has(key) || SKIP.has(key)) continue;
    const p = phrase({ key, words: wordsOfKey(key) }, value);
    if (p) out.push({ key, text: p });
  }
  // A Lambda behind the gateway throttled: the same words as the cards and the log.
  const t500 = node.type === 'apiGateway' ? node.lambdaThrottled500 : 0;
  if (t500 > 0) out.push({ key: 'lambdaThrottled500', text: `${formatCount(t500)} ${behindApiWords(lambdasBehind(id, ctx.edges, ctx.types), ctx.names)}` });
  // A table's cost by part (storage, replicas, backups…), for 30 days when the run's length is known.
  const costParts = node.type === 'dynamodb' ? node.costParts : undefined;
  if (costParts && typeof costParts === 'object') {
    const scale = ctx.durationS ? SECONDS_PER_30_DAYS / Math.max(1, ctx.durationS) : 1;
    const items = Object.entries(costParts as Record<string, number>).filter(([, usd]) => usd > 0);
    if (items.length > 1 || (items.length === 1 && items[0][0] !== 'capacity')) {
      const text = items.map(([k, usd]) => `${COST_PART_WORDS[k] ?? humanize(k)} ${formatUsd(usd * scale)}`).join(', ');
      out.push({ key: 'costParts', text: `${ctx.durationS ? '30 days' : 'cost'}: ${text}` });
    }
  }
  // Stream mappings of a table, by the function they feed.
  const streams = node.type === 'dynamodb' || node.type === 'kinesis' ? node.streams : undefined;
  if (streams) {
    for (const [edgeId, s] of Object.entries(streams)) {
      const edge = ctx.edges.find((e) => e.id === edgeId);
      const to = edge ? ctx.names.name(edge.target) : 'a consumer';
      const parts = [`${formatCount(s.batches ?? 0)} batch${s.batches === 1 ? '' : 'es'}`];
      if (s.failedBatches) parts.push(`${formatCount(s.failedBatches)} failed`);
      if (s.maxIteratorAgeMs) parts.push(`max iterator age ${formatMs(s.maxIteratorAgeMs)}`);
      if (s.trimmed) parts.push(`${formatCount(s.trimmed)} records trimmed unread`);
      out.push({ key: `streams.${edgeId}`, text: `stream to ${to}: ${parts.join(', ')}` });
    }
  }
  return out;
}

export interface CostLine {
  /** A node id or a service key. */
  key: string;
  name: string;
  runUsd: number;
  /** The same traffic for 30 days, before free tiers. */
  monthlyUsd: number;
  share: number;
}

export interface CostReport {
  byNode: CostLine[];
  byService: CostLine[];
  runUsd: number;
  /** 30 days before free tiers; `monthlyUsd` after them (the summary's figure). */
  monthlyListUsd: number;
  monthlyUsd: number;
  /** What the free tiers take off the 30 days (0 when not applied). */
  freeTierUsd: number;
}

/** Cost by node and by service, largest first, each with its 30-day projection and share. */
export function costReport(summary: SimSummary, names: NodeNames): CostReport {
  const scale = SECONDS_PER_30_DAYS / Math.max(1, summary.durationS);
  const total = summary.costUsd.total;
  const line = (key: string, name: string, usd: number): CostLine => ({ key, name, runUsd: usd, monthlyUsd: usd * scale, share: total > 0 ? usd / total : 0 });
  const costOf = (n: SummaryFields) => n.costUsd ?? 0;
  const byNode = Object.entries(summary.nodes)
    .filter(([, n]) => costOf(n) > 0)
    .map(([id, n]) => line(id, names.name(id), costOf(n)))
    .sort((a, b) => b.runUsd - a.runUsd);
  const byService = Object.entries(summary.costUsd.byService)
    .filter(([, usd]) => usd > 0)
    .map(([key, usd]) => line(key, names.service(key), usd))
    .sort((a, b) => b.runUsd - a.runUsd);
  const monthlyListUsd = total * scale;
  const freeTierUsd = Math.max(0, monthlyListUsd - summary.costUsd.monthly);
  return { byNode, byService, runUsd: total, monthlyListUsd, monthlyUsd: summary.costUsd.monthly, freeTierUsd: freeTierUsd >= 0.005 ? freeTierUsd : 0 };
}
