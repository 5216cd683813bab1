/**
 * Compares an imported document with a fixture's NAME.expected.json (conventions in
 * src/sam/fixtures/README.md; the conformance corpus follows the same ones). The expected files use their own vocabulary for edge kinds
 * and settings; this file is the one translation between that vocabulary and the document
 * format, so every fixture is checked the same way. A key it does not know fails the test.
 */
import { RUNTIME_IDS, resolveEdge, type ArchNode, type Architecture, type EdgeMeaning } from '../../model';
import { nearestDaxNodeType, nearestRuntime, normaliseSchedule } from '../runtimeMap';

export interface ExpectedGraph {
  nodes: { id: string; type: string }[];
  edges: { source: string; target: string; kind: string }[];
  config: Record<string, Record<string, unknown>>;
  /** Our own fixtures: texts some import warning must contain. */
  warnings?: string[];
  notes?: string[];
}

/** Document edge meaning -> the fixtures' edge kind. */
const KIND_OF: Record<EdgeMeaning, string> = {
  proxy: 'invoke',
  invoke: 'invoke',
  asyncInvoke: 'invoke',
  esm: 'event',
  target: 'event',
  notification: 'event',
  stream: 'stream',
  data: 'read-write',
  readThrough: 'read-write',
  objects: 'read-write',
  subscription: 'publish',
  publish: 'publish',
  send: 'publish',
  putEvents: 'publish',
  putRecords: 'publish',
  integration: 'invoke',
  changeStream: 'stream',
  origin: 'origin',
  dlq: 'dlq',
  onFailure: 'dlq',
  entry: 'entry',
  task: 'invoke',
  startExecution: 'invoke',
  sdk: 'entry',
  sql: 'read-write',
  authorizer: 'authorizer',
};

export function edgeSet(doc: Architecture): string[] {
  const type = new Map(doc.nodes.map((n) => [n.id, n.type]));
  return doc.edges
    .map((e) => {
      const r = resolveEdge(type.get(e.source)!, type.get(e.target)!, e.kind);
      return `${e.source} -> ${e.target} (${r.ok ? KIND_OF[r.meaning] : 'invalid'})`;
    })
    .sort();
}

export const expectedEdgeSet = (g: ExpectedGraph) => g.edges.map((e) => `${e.source} -> ${e.target} (${e.kind})`).sort();

/** Keys the document format has no field for (checked by reading, listed so none is forgotten). */
export const NOT_REPRESENTED = new Set([
  'stageName',
  'tracing',
  'autoPublishAlias',
  'partitionKey',
  'endpointType',
  'defaultRootObject',
  'viewerProtocolPolicy',
  'originAccessControl',
  'encryption',
  'publicAccessBlocked',
  'startingPosition',
  'reportBatchItemFailures',
  'flexibleTimeWindow',
]);

type Check = (node: ArchNode, expected: unknown, doc: Architecture, warnings: string[]) => string | null;

const eq = (actual: unknown, expected: unknown, what: string) =>
  JSON.stringify(actual) === JSON.stringify(expected) ? null : `${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
const cfg = (node: ArchNode) => node.config as Record<string, unknown> & { stream?: Record<string, unknown> };
const warned = (warnings: string[], text: string) => (warnings.some((w) => w.includes(text)) ? null : `no warning mentions ${text}`);

const CHECKS: Record<string, Check> = {
  runtime: (n, x, _d, w) =>
    (RUNTIME_IDS as string[]).includes(String(x))
      ? eq(cfg(n).runtime, x, 'runtime')
      : (eq(cfg(n).runtime, nearestRuntime(String(x)), 'runtime (nearest)') ?? warned(w, String(x))),
  memoryMb: (n, x) => eq(cfg(n).memoryMb, x, 'memoryMb'),
  timeoutS: (n, x) => eq(cfg(n).timeoutMs, Number(x) * 1000, 'timeoutMs'),
  architecture: (n, x) => eq(cfg(n).architecture, x, 'architecture'),
  reservedConcurrency: (n, x) => eq(cfg(n).reservedConcurrency, x, 'reservedConcurrency'),
  provisionedConcurrency: (n, x) => eq(cfg(n).provisionedConcurrency, x, 'provisionedConcurrency'),
  snapStart: (n, x) => eq(cfg(n).snapStart, x === 'PublishedVersions' || x === true, 'snapStart'),
  batchSize: (n, x, doc) => {
    const sources = doc.edges.filter((e) => e.target === n.id).map((e) => doc.nodes.find((m) => m.id === e.source)!);
    const sizes = sources.flatMap((s) => (s.type === 'sqs' ? [s.config.batchSize] : s.type === 'dynamodb' ? [s.config.stream.batchSize] : []));
    return sizes.length && sizes.every((s) => s === x) ? null : `batchSize of the event sources of ${n.id}: got ${JSON.stringify(sizes)}, expected ${x}`;
  },
  billingMode: (n, x) => eq(cfg(n).capacityMode, x === 'PAY_PER_REQUEST' ? 'onDemand' : 'provisioned', 'capacityMode'),
  readCapacity: (n, x) => eq(cfg(n).readCapacityUnits, x, 'readCapacityUnits'),
  writeCapacity: (n, x) => eq(cfg(n).writeCapacityUnits, x, 'writeCapacityUnits'),
  streamViewType: (n, x) => eq([cfg(n).stream?.enabled, cfg(n).stream?.viewType], [true, x], 'stream'),
  tableClass: (n, x) => eq(cfg(n).tableClass, x === 'STANDARD_INFREQUENT_ACCESS' ? 'standardIa' : 'standard', 'tableClass'),
  pointInTimeRecovery: (n, x) => eq(cfg(n).pointInTimeRecovery, x, 'pointInTimeRecovery'),
  recoveryPeriodInDays: (n, x) => eq(cfg(n).recoveryPeriodDays, x, 'recoveryPeriodDays'),
  // the table's own Region and each replica's: replicas besides its own
  replicaRegions: (n, x) => eq(cfg(n).globalReplicas, (Array.isArray(x) ? x.length : 1) - 1, 'globalReplicas'),
  visibilityTimeoutS: (n, x) => eq(cfg(n).visibilityTimeoutS, x, 'visibilityTimeoutS'),
  maxReceiveCount: (n, x) => eq(cfg(n).maxReceiveCount, x, 'maxReceiveCount'),
  messageRetentionS: (n, x) => eq(cfg(n).retentionS, x, 'retentionS'),
  nodeType: (n, x, _d, w) => eq(cfg(n).nodeType, nearestDaxNodeType(String(x)), 'nodeType') ?? (cfg(n).nodeType === x ? null : warned(w, String(x))),
  replicationFactor: (n, x) => eq(cfg(n).nodes, x, 'nodes'),
  apiKind: (n, x) => eq(cfg(n).flavor, String(x).toLowerCase(), 'flavor'),
  defaultTTL: (n, x) => eq(cfg(n).cacheTtlS, x, 'cacheTtlS'),
  scheduleExpression: (n, x, _d, w) => {
    const fixed = normaliseSchedule(String(x));
    return eq(cfg(n).schedule, fixed, 'schedule') ?? (fixed === x ? null : warned(w, String(x)));
  },
  implicit: (n, x) => (x === true && !/^Serverless(Rest|Http)Api$/.test(n.id) ? `${n.id} is not named as SAM names implicit APIs` : null),
  routes: (n, x, doc) => {
    const targets = (Array.isArray(x) ? x : []).map((r: { target: string }) => r.target);
    const missing = targets.filter((t) => !doc.edges.some((e) => e.source === n.id && e.target === t));
    return missing.length ? `routes of ${n.id} reach ${missing.join(', ')} but no edge does` : null;
  },
  authorizer: (n, x) => {
    const a = (cfg(n).authorizer ?? {}) as Record<string, unknown>;
    const want = (x ?? {}) as Record<string, unknown>;
    return eq(Object.fromEntries(Object.keys(want).map((k) => [k, a[k]])), want, 'authorizer');
  },
  workflowType: (n, x) => eq(cfg(n).workflowType, x === 'EXPRESS' ? 'express' : 'standard', 'workflowType'),
  definition: (n, x) => eq(cfg(n).definition, x, 'definition'),
  stateMachineName: (n, x) => eq(n.label, x, 'label'),
  functionName: (n, x) => eq(n.label, x, 'label'),
  tableName: (n, x) => eq(n.label, x, 'label'),
  topicName: (n, x) => eq(n.label, x, 'label'),
  queueName: (n, x) => eq(n.label, x, 'label'),
  bucketName: (n, x) => eq(n.label, x, 'label'),
  vpc: (n, x) => eq(cfg(n).vpc, x === true, 'vpc'),
  engine: (n, x) => eq(cfg(n).engine, x, 'engine'),
  instanceClass: (n, x) => eq(cfg(n).instanceClass, x, 'instanceClass'),
  maxConnectionsPercent: (n, x) => eq(cfg(n).maxConnectionsPercent, x, 'maxConnectionsPercent'),
  borrowTimeoutS: (n, x) => eq(cfg(n).borrowTimeoutS, x, 'borrowTimeoutS'),
  dbName: (n, x) => eq(n.label, x, 'label'),
  proxyName: (n, x) => eq(n.label, x, 'label'),
};

/** Problems found, empty when the document matches the expected graph. */
export function compareConfig(doc: Architecture, expected: ExpectedGraph, warnings: string[]): string[] {
  const problems: string[] = [];
  for (const [id, settings] of Object.entries(expected.config)) {
    const node = doc.nodes.find((n) => n.id === id);
    if (!node) {
      problems.push(`${id}: no such node`);
      continue;
    }
    for (const [key, value] of Object.entries(settings)) {
      if (NOT_REPRESENTED.has(key)) continue;
      const check = CHECKS[key];
      const problem = check ? check(node, value, doc, warnings) : `expected.json key "${key}" has no check; add one`;
      if (problem) problems.push(`${id}.${key}: ${problem}`);
    }
  }
  return problems;
}
