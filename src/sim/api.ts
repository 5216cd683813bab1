/**
 * The simulator's public surface: what the worker, the CLI and the tests use. The engine
 * behind it may change; these shapes are the contract with the UI (frames) and with the
 * command line (summary, docs/document-format.md "The simulation summary").
 */
import type { Architecture, Fault, NodeType } from '../model';

export type Outcome = 'ok' | 'throttled' | 'error' | 'timeout';

export interface LatencyStats {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Interval {
  mean: number;
  /** Half-width of the 95% confidence interval (batch means, warm-up removed). */
  halfWidth: number;
  batches: number;
}

/** What every node's live state carries, whatever its type. */
export interface LiveBase {
  /** 'trouble': throttling, errors or a growing queue in the last window; 'warning': some. */
  status: 'idle' | 'ok' | 'warning' | 'trouble';
  /** A fault is active on this node (down, latency, errors, throttle). */
  fault?: string;
  /** Requests handled per second, smoothed over the last few windows (weight 0.3 on the newest). */
  rps: number;
  // cumulative counts
  requests: number;
  throttles: number;
  errors: number;
  timeouts: number;
}

export interface LambdaLive extends LiveBase {
  type: 'lambda';
  busy: number;
  idleWarm: number;
  initializing: number;
  provisioned: number;
  concurrencyLimit: number;
  coldStarts: number;
  asyncQueueDepth: number;
  /** Events stopped by AWS's recursive loop detection so far (never invoked). */
  recursionStopped: number;
  /** Deliveries of records or events the handler had already processed (at-least-once), cumulative. */
  duplicates: number;
}

export interface ApiGatewayLive extends LiveBase {
  type: 'apiGateway';
  /** Requests a Lambda behind it throttled, answered 500 to the client (cumulative; absent while 0). */
  throttled500?: number;
  /** Requests refused by the account-and-Region limit shared by every API (cumulative; absent while 0). */
  accountThrottles?: number;
  /** With a Lambda authorizer: result-cache hits and misses (invocations), cumulative. */
  authCacheHits?: number;
  authCacheMisses?: number;
  /** Requests answered 500 because the authorizer failed, timed out or was throttled; 403 denials (cumulative). */
  authFailures?: number;
  authDenied?: number;
  /** Requests answered 401 because the caller sent no token (Lambda or Cognito authorizer; cumulative, absent while 0). */
  authUnauthorized?: number;
}

export interface SqsLive extends LiveBase {
  type: 'sqs';
  queueDepth: number;
  inFlight: number;
  toDlq: number;
  /** Age of the oldest message, ms. */
  iteratorAgeMs: number;
}

export interface DaxLive extends LiveBase {
  type: 'dax';
  /** Cumulative hit ratio, 0..1. */
  hitRatio: number;
}

export interface CloudfrontLive extends LiveBase {
  type: 'cloudfront';
  /** Cumulative hit ratio, 0..1. */
  hitRatio: number;
  /** Lambda@Edge cold starts so far (0 without Lambda@Edge). */
  coldStarts: number;
  // with Lambda@Edge attached: environments busy now; cold starts and 503 throttles so far
  edgeBusy?: number;
  edgeColdStarts?: number;
  edgeThrottled?: number;
}

export interface DynamodbLive extends LiveBase {
  type: 'dynamodb';
  /** Stream records written so far. */
  streamRecords: number;
  /** Age of the oldest unread stream record, ms (with a stream edge). */
  iteratorAgeMs?: number;
  /** Partitions now (from capacity, size and splits for heat). */
  partitions: number;
  /** Requests throttled by one partition's 3,000 RCU / 1,000 WCU ceiling (cumulative; absent while 0). */
  hotPartitionThrottles?: number;
  /** Global table: replica Regions besides the table's own. */
  replicaRegions?: number;
}

export interface KinesisLive extends LiveBase {
  type: 'kinesis';
  /** Open shards now. */
  shards: number;
  /** Records put so far. */
  streamRecords: number;
  /** With consumers: how far behind the slowest reads (ms) and the records it has not read. */
  iteratorAgeMs?: number;
  queueDepth?: number;
}

export interface StepFunctionsLive extends LiveBase {
  type: 'stepFunctions';
  /** Executions running now; state transitions, throttled transitions and throttled starts (cumulative). */
  executionsRunning: number;
  transitions: number;
  transitionThrottles: number;
  startThrottles: number;
}

export interface RdsLive extends LiveBase {
  type: 'rds';
  /** Connections open now and the ceiling (max_connections). */
  connections: number;
  maxConnections: number;
  /** Queries so far, and those refused for too many connections. */
  queries: number;
  tooManyConnections: number;
  /** Queries on a vCPU and waiting for one now; the class's vCPUs. */
  queriesRunning: number;
  queriesWaiting: number;
  vcpus: number;
  /** A failover is in progress. */
  failingOver?: boolean;
}

export interface RdsProxyLive extends LiveBase {
  type: 'rdsProxy';
  /** Pooled connections lent now (to a query, or pinned to a session), open, and the ceiling. */
  poolInUse: number;
  poolOpen: number;
  poolMax: number;
  /** Queries waiting to borrow now; borrow timeouts so far. */
  waitingBorrows: number;
  borrowTimeouts: number;
  /** Connections pinned to a Lambda environment's session now (absent while pinning is off and none is). */
  pinned?: number;
}

type LiveWithFields =
  LambdaLive | ApiGatewayLive | SqsLive | DaxLive | CloudfrontLive | DynamodbLive | KinesisLive | StepFunctionsLive | RdsLive | RdsProxyLive;

/** Node types whose live state is the base alone (client, SNS, S3, EventBridge, and any new type until it adds fields). */
export interface PlainLive extends LiveBase {
  type: Exclude<NodeType, LiveWithFields['type']>;
}

/** Live state of one node, as the canvas shows it: a union keyed on the node's type. */
export type NodeLive = LiveWithFields | PlainLive;

/** The live state of a node of type `T`. */
export type LiveOf<T extends NodeType> = NodeLive extends infer L ? (L extends { type: infer U } ? (T extends U ? L : never) : never) : never;

/** What a service adds to the base for its node type (Service.live()). */
export type LiveFields<L extends NodeLive> = Omit<L, keyof LiveBase | 'type'>;

/** Every type's fields together (what the engine may read of any node, e.g. a queue depth for the status). */
export type AnyLiveFields = UnionToIntersection<LiveWithFields extends infer L ? (L extends NodeLive ? LiveFields<L> : never) : never>;

/** One window (default one simulated second) of metrics. */
export interface WindowSample {
  /** End of the window, simulated seconds. */
  tS: number;
  /** End-to-end completions at the clients in this window, by outcome. */
  requests: Record<Outcome, number>;
  /** End-to-end latency of the requests that succeeded in this window (all 0 when none did). */
  latencyMs: { mean: number; p50: number; p95: number; p99: number };
  coldStarts: number;
  /** Cumulative cost so far. */
  costUsd: number;
  costByService: Record<string, number>;
  nodes: Record<string, NodeWindow>;
}

export interface NodeWindow {
  requests: number;
  ok: number;
  throttled: number;
  errors: number;
  timeouts: number;
  latencyMs?: { p50: number; p99: number };
  busy?: number;
  concurrencyLimit?: number;
  coldStarts?: number;
  queueDepth?: number;
  hitRatio?: number;
  iteratorAgeMs?: number;
}

/** A request seen crossing an edge, for animation. Bounded per frame whatever the traffic. */
export interface Particle {
  edge: string;
  atMs: number;
  outcome: Outcome;
}

export type LogKind = 'coldStart' | 'throttle' | 'error' | 'timeout' | 'retry' | 'dlq' | 'fault' | 'scaling' | 'info';

export interface LogEvent {
  tMs: number;
  node: string;
  kind: LogKind;
  /**
   * Plain words: "<fn>: 37 requests throttled (429) — reserved concurrency 10 reached".
   * Nodes are written `<id>`; the page shows each node's label in its place.
   */
  message: string;
}

export interface Totals {
  requests: number;
  ok: number;
  throttled: number;
  errors: number;
  timeouts: number;
  coldStarts: number;
  /** End-to-end p99 of successful requests. */
  p99Ms: number;
  /** End-to-end p50 of failed requests (throttled, errors, timeouts); 0 when none failed. */
  failedP50Ms?: number;
  /** Asynchronous clients only: p99 of what the caller waits for (the 202) and of the time until each event is processed, retried out or sent to its destination. */
  acceptP99Ms?: number;
  completionP99Ms?: number;
  costUsd: number;
  monthlyCostUsd: number;
}

/** What the worker sends the UI, at most ~20 times a second; size bounded. */
export interface SimFrame {
  simTimeMs: number;
  durationMs: number;
  done: boolean;
  totals: Totals;
  nodes: Record<string, NodeLive>;
  /** Windows completed since the previous frame. */
  windows: WindowSample[];
  particles: Particle[];
  /** Log events since the previous frame. */
  events: LogEvent[];
  /** Set when the run's guard stopped it early (work or memory past its bounds): the notice. */
  stopped?: string;
}

/** What every node's summary entry carries (docs/document-format.md "The simulation summary"). */
interface SummaryBase {
  /** The name the node was given (its id when it has none); set by the summary, not the service. */
  label?: string;
}

/** Mean and percentiles, ms. */
export interface Percentiles {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface ClientSummary extends SummaryBase {
  type: 'client';
  sent: number;
  completed: number;
  ok: number;
  throttled: number;
  errors: number;
  timeouts: number;
  /** Asynchronous clients: the wait for the 202, and until each event's final fate. */
  acceptLatencyMs?: Percentiles;
  completionLatencyMs?: Percentiles;
}

export interface ApiGatewaySummary extends SummaryBase {
  type: 'apiGateway';
  requests: number;
  throttles: number;
  errors: number;
  timeouts: number;
  lambdaThrottled500: number;
  accountThrottles: number;
  /** With a Lambda authorizer: result-cache hits and misses, and the requests it failed (500) or denied (403). */
  authorizerCacheHits?: number;
  authorizerCacheMisses?: number;
  authorizerErrors500?: number;
  authorizerThrottled500?: number;
  authorizerDenied403?: number;
  /** With a Lambda or Cognito authorizer whose callers may send no token: requests answered 401 (authorizer not invoked). */
  unauthorized401?: number;
  costUsd: number;
}

export interface LambdaSummary extends SummaryBase {
  type: 'lambda';
  invocations: number;
  /** Calls by final fate (invocations count every attempt, retries too); set by the summary. */
  completed?: number;
  succeeded?: number;
  throttles: number;
  errors: number;
  timeouts: number;
  coldStarts: number;
  maxConcurrency: number;
  billedGbS: number;
  costUsd: number;
  durationMs: Percentiles;
  asyncRetries: number;
  asyncToFailure: number;
  recursionStopped: number;
  duplicates: number;
}

export interface SqsSummary extends SummaryBase {
  type: 'sqs';
  sent: number;
  received: number;
  deleted: number;
  maxDepth: number;
  depthAtEnd: number;
  toDlq: number;
  expired: number;
  loopDropped: number;
  requestsBilled: number;
  /** FIFO queues. */
  sendThrottles?: number;
  deduplicated?: number;
  /** Standard queues with duplicate sends. */
  duplicatesDelivered?: number;
  /** With partial batch responses or redeliveries. */
  partiallyDeleted?: number;
  duplicates?: number;
  meanWaitMs: number;
  costUsd: number;
}

/** One stream edge's event source mapping (DynamoDB Streams, Kinesis). */
export interface StreamSummary {
  batches: number;
  failedBatches: number;
  maxIteratorAgeMs: number;
  trimmed: number;
  discarded?: number;
  splits?: number;
  retriedBatches?: number;
  duplicates?: number;
  partiallyAcked?: number;
}

export interface DynamodbSummary extends SummaryBase {
  type: 'dynamodb';
  reads: number;
  writes: number;
  readUnits: number;
  writeUnits: number;
  throttles: number;
  sdkRetries: number;
  hotPartitionThrottles: number;
  partitions: number;
  errors: number;
  streamRecords: number;
  /** Global tables: replica Regions besides the table's own, their replicated write units, AWS's typical replication latency. */
  replicaRegions?: number;
  replicatedWriteUnits?: number;
  replicationLatencyMs?: number;
  /** The table's cost by part (USD): capacity, storage, replicated writes, replicas, PITR, backups. */
  costParts: Record<string, number>;
  /** By stream edge id. */
  streams: Record<string, StreamSummary>;
  costUsd: number;
}

export interface DaxSummary extends SummaryBase {
  type: 'dax';
  hits: number;
  misses: number;
  hitRatio: number;
  evictions: number;
  cachedItems: number;
  errors: number;
  costUsd: number;
}

export interface CloudfrontSummary extends SummaryBase {
  type: 'cloudfront';
  requests: number;
  hits: number;
  misses: number;
  hitRatio: number;
  errors: number;
  costUsd: number;
  cloudfrontFunctionRuns?: number;
  /** Lambda@Edge cold starts (0 without it). */
  coldStarts: number;
  lambdaEdge?: { invocations: number; coldStarts: number; throttled: number; timeouts: number; maxConcurrency: number };
}

export interface SnsSummary extends SummaryBase {
  type: 'sns';
  publishes: number;
  deliveries: number;
  costUsd: number;
}

export interface S3Summary extends SummaryBase {
  type: 's3';
  reads: number;
  writes: number;
  notifications: number;
  costUsd: number;
}

export interface EventbridgeSummary extends SummaryBase {
  type: 'eventbridge';
  scheduledFirings: number;
  putEvents: number;
  costUsd: number;
}

export interface KinesisSummary extends SummaryBase {
  type: 'kinesis';
  capacityMode: 'provisioned' | 'onDemand';
  shards: number;
  maxShards: number;
  puts: number;
  throttles: number;
  sdkRetries: number;
  errors: number;
  hotShardShare: number;
  maxIteratorAgeMs: number;
  /** By consumer edge id. */
  streams: Record<string, StreamSummary>;
  costUsd: number;
}

export interface StepFunctionsSummary extends SummaryBase {
  type: 'stepFunctions';
  workflowType: 'standard' | 'express';
  delivery: string;
  executions: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  caught: number;
  running: number;
  maxRunning: number;
  startThrottles: number;
  transitions: number;
  transitionThrottles: number;
  retries: number;
  billedGbS: number;
  durationMs: Percentiles;
  costUsd: number;
}

export interface RdsSummary extends SummaryBase {
  type: 'rds';
  queries: number;
  errors: number;
  tooManyConnections: number;
  maxConnections: number;
  peakConnections: number;
  connectionsAtEnd: number;
  failovers: number;
  failoverErrors: number;
  costUsd: number;
}

export interface RdsProxySummary extends SummaryBase {
  type: 'rdsProxy';
  borrows: number;
  waitedBorrows: number;
  borrowTimeouts: number;
  poolMax: number;
  peakPoolInUse: number;
  peakWaiting: number;
  /** With pinning: sessions pinned in all, the most pinned at once, pinned at the end, and borrow timeouts while every pooled connection was pinned. */
  pinnedSessions?: number;
  peakPinned?: number;
  pinnedAtEnd?: number;
  pinnedTimeouts?: number;
  errors: number;
  costUsd: number;
}

type TypedSummary =
  | ClientSummary
  | ApiGatewaySummary
  | LambdaSummary
  | SqsSummary
  | DynamodbSummary
  | DaxSummary
  | CloudfrontSummary
  | SnsSummary
  | S3Summary
  | EventbridgeSummary
  | KinesisSummary
  | StepFunctionsSummary
  | RdsSummary
  | RdsProxySummary;

/** A node type whose summary has no interface here yet (none today): its metrics stay untyped until it gets one. */
export interface OtherSummary extends SummaryBase {
  type: Exclude<NodeType, TypedSummary['type']>;
  [metric: string]: unknown;
}

/**
 * One node's entry in the summary: a union keyed on the node type, so a field is read after
 * narrowing on `type` (a field the type does not have is a type error).
 */
export type NodeSummary = TypedSummary | OtherSummary;

type MetricsOf<T> = T extends unknown ? Omit<T, 'type' | 'label'> : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * Every typed field of every node type, each optional: for readers that compare nodes of
 * any type (findings, goals: "requests", "throttles", "costUsd" wherever a type has them).
 * A field no type has, or a wrong value type, is still a type error.
 */
export type SummaryFields = Partial<UnionToIntersection<MetricsOf<TypedSummary>>> & { type: NodeType; label?: string };

/** The JSON summary printed by `npm run simulate -- FILE --json`. */
export interface SimSummary {
  seed: number;
  durationS: number;
  requests: {
    total: number;
    ok: number;
    throttled: number;
    errors: number;
    timeouts: number;
    /** ok / total (completed requests), 0..1; 0 when nothing completed. */
    successShare: number;
  };
  /** End-to-end latency of successful requests, at the clients. */
  latencyMs: LatencyStats;
  /** End-to-end latency of the requests that failed (throttled, errors, timeouts). */
  failedLatencyMs: LatencyStats;
  costUsd: { total: number; monthly: number; byService: Record<string, number> };
  nodes: Record<string, NodeSummary>;
  /** The run's guard stopped it at `atS` (simulated s) for `reason`; the figures cover the run so far. */
  stopped?: { atS: number; reason: string };
  /** 95% batch-means intervals; latency ones cover successful requests, shares are of completed requests. */
  confidence?: {
    meanLatencyMs: Interval;
    throttleShare: Interval;
    costPerRequestUsd: Interval;
    successShare?: Interval;
    errorShare?: Interval;
    timeoutShare?: Interval;
    coldStartsPerRequest?: Interval;
    /** Mean of the windows' p50 / p99 (weighted by successes): a noise scale for the run's percentile, not the percentile itself. */
    p50LatencyMs?: Interval;
    p99LatencyMs?: Interval;
  };
}

/** One hop of a traced request: a node it reached, as a waterfall bar. */
export interface TraceHop {
  nodeId: string;
  /** The edge it arrived on. */
  edgeId: string;
  /** Index of the hop that made this one (-1: the request's first hop). */
  parent: number;
  /** From the request's start, ms. */
  startMs: number;
  /** null: still in progress when the trace was taken. */
  durationMs: number | null;
  outcome: Outcome | null;
  /** What happened there: "cold start, 412 ms init", "cache hit", "SDK retry 1 after 23 ms back-off"… */
  notes: string[];
}

export type TraceReason = 'slowest' | 'throttled' | 'error' | 'timeout' | 'coldStart' | 'sample';

/** A sampled request's whole path (Simulation.traces()). */
export interface RequestTrace {
  id: number;
  clientId: string;
  /** Simulated time the client sent it, ms. */
  sentAtMs: number;
  latencyMs: number;
  outcome: Outcome;
  /** Why it was kept (slowest, throttled…; 'sample' = the uniform reservoir). */
  reasons: TraceReason[];
  hops: TraceHop[];
  /** More hops than a trace keeps (64): the rest are not shown. */
  truncated: boolean;
}

export interface SimulationOptions {
  /** Overrides settings.seed. */
  seed?: number;
  /** Overrides settings.durationS. */
  durationS?: number;
  /** Metrics window, ms (default 1000). */
  windowMs?: number;
  /** Collect particles for animation (default false; the worker turns it on). */
  particles?: boolean;
  /**
   * Batch use (the CLI): keep only what the summary needs — no per-window samples (frames'
   * `windows` and `history()` stay empty), no particles. Default false.
   */
  lean?: boolean;
  /** Keep a bounded sample of request traces (default: on unless lean). */
  traces?: boolean;
}

/** The engine's contract (implemented in sim/simulation.ts). */
export interface SimulationApi {
  readonly simTimeMs: number;
  readonly endMs: number;
  readonly done: boolean;
  /** Process events up to and including simulated time `untilMs` (clamped to the end). */
  advance(untilMs: number): void;
  /** Process at most `events` events. */
  step(events: number): void;
  /** Run to the end. */
  runToEnd(): void;
  /**
   * Apply a changed document mid-run where that is physically meaningful (limits, memory,
   * TTLs, traffic, faults). Returns false, changing nothing, when the graph's shape differs
   * (nodes or edges added, removed or retyped): the host must start a new run.
   */
  update(doc: Architecture): boolean;
  /** Start a fault now (its atS is ignored) or stop the faults on a node. */
  injectFault(fault: Fault): void;
  clearFaults(nodeId: string): void;
  /** Frame with everything new since the last call. */
  takeFrame(): SimFrame;
  /** Every window so far (down-sampled past a cap), for the scrubber and charts. */
  history(): WindowSample[];
  summary(): SimSummary;
  /** The kept traces so far: the slowest, throttled, failed, cold-start and a uniform sample. */
  traces(): RequestTrace[];
}
