/**
 * fast-check arbitrary of valid architecture documents, for property tests (share links,
 * SAM round trips). Random node types start from their defaults with a few settings varied;
 * edges are drawn between random pairs and kept only when resolveEdge and the document's
 * cross-node rules allow them, so every generated document restores without errors.
 */
import fc from 'fast-check';
import {
  DAX_NODE_TYPES,
  NODE_TYPES,
  RUNTIME_IDS,
  SNAPSTART_RUNTIMES,
  defaultConfig,
  edgeKindsFor,
  resolveEdge,
  restoreDocument,
  type Architecture,
  type NodeType,
} from '../../model';

type RawNode = { id: string; type: NodeType; label?: string; position: { x: number; y: number }; config: Record<string, unknown> };

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const idArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,11}$/);
/** Ids named after built-in object properties: they must work like any other text. */
export const TRICKY_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'] as const;
const trickyIdArb = fc.oneof(idArb, fc.constantFrom(...TRICKY_IDS));
const labelArb = fc.option(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('<b>bold</b>', '<img src=x onerror=alert(1)>', 'Orders & "quotes"')), {
  nil: undefined,
});
const coord = fc.integer({ min: -2000, max: 2000 });

function configArb(type: NodeType): fc.Arbitrary<Record<string, unknown>> {
  const base = defaultConfig(type) as Record<string, unknown>;
  const vary = (arbs: Record<string, fc.Arbitrary<unknown>>) => fc.record(arbs).map((v) => ({ ...clone(base), ...v }));
  switch (type) {
    case 'lambda':
      return fc
        .record({
          runtime: fc.constantFrom(...RUNTIME_IDS),
          architecture: fc.constantFrom('x86_64', 'arm64'),
          memoryMb: fc.integer({ min: 128, max: 10_240 }),
          timeoutMs: fc.integer({ min: 1_000, max: 900_000 }),
          reservedConcurrency: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
          provisionedConcurrency: fc.integer({ min: 0, max: 5 }),
          snapStart: fc.boolean(),
          maxRetryAttempts: fc.integer({ min: 0, max: 2 }),
          maxEventAgeS: fc.integer({ min: 60, max: 21_600 }),
        })
        .map((v) => {
          const provisioned = v.reservedConcurrency === null ? v.provisionedConcurrency : Math.min(v.provisionedConcurrency, v.reservedConcurrency);
          const snapStart = v.snapStart && provisioned === 0 && SNAPSTART_RUNTIMES.includes(v.runtime);
          return { ...clone(base), ...v, provisionedConcurrency: provisioned, snapStart };
        });
    case 'sqs':
      return vary({
        queueType: fc.constantFrom('standard', 'fifo'),
        visibilityTimeoutS: fc.integer({ min: 0, max: 43_200 }),
        maxReceiveCount: fc.integer({ min: 1, max: 1_000 }),
        retentionS: fc.integer({ min: 60, max: 1_209_600 }),
        batchSize: fc.integer({ min: 1, max: 10 }),
        maxBatchingWindowS: fc.integer({ min: 0, max: 300 }),
        maxConcurrency: fc.option(fc.integer({ min: 2, max: 1_000 }), { nil: null }),
      });
    case 'dynamodb':
      return fc
        .record({
          capacityMode: fc.constantFrom('onDemand', 'provisioned'),
          readCapacityUnits: fc.integer({ min: 1, max: 40_000 }),
          writeCapacityUnits: fc.integer({ min: 1, max: 40_000 }),
          enabled: fc.boolean(),
          viewType: fc.constantFrom('KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'),
          batchSize: fc.integer({ min: 1, max: 10_000 }),
          maxBatchingWindowS: fc.integer({ min: 0, max: 300 }),
          parallelizationFactor: fc.integer({ min: 1, max: 10 }),
        })
        .map(({ enabled, viewType, batchSize, maxBatchingWindowS, parallelizationFactor, ...rest }) => {
          const c = clone(base) as Record<string, unknown> & { stream: Record<string, unknown> };
          return { ...c, ...rest, stream: { ...c.stream, enabled, viewType, batchSize, maxBatchingWindowS, parallelizationFactor } };
        });
    case 'dax':
      return vary({ nodeType: fc.constantFrom(...(Object.keys(DAX_NODE_TYPES) as string[])), nodes: fc.integer({ min: 1, max: 11 }) });
    case 'apiGateway':
      return vary({
        flavor: fc.constantFrom('rest', 'http'),
        rateLimitRps: fc.integer({ min: 0, max: 1_000_000 }),
        burstLimit: fc.integer({ min: 0, max: 1_000_000 }),
        timeoutMs: fc.integer({ min: 50, max: 29_000 }),
      });
    case 'cloudfront':
      return vary({ cacheTtlS: fc.integer({ min: 0, max: 31_536_000 }) });
    case 'eventbridge':
      return vary({ schedule: fc.constantFrom(null, 'rate(1 minute)', 'rate(5 minutes)', 'rate(2 hours)', 'cron(0 12 * * ? *)') });
    case 'client':
      return vary({ traffic: fc.integer({ min: 0, max: 5_000 }).map((rps) => ({ shape: 'constant', rps })), invocation: fc.constantFrom('sync', 'async') });
    default:
      return fc.constant(clone(base));
  }
}

const nodeArb = (id: string): fc.Arbitrary<RawNode> =>
  fc.constantFrom(...NODE_TYPES).chain((type) =>
    fc.record({ config: configArb(type), label: labelArb, x: coord, y: coord }).map(({ config, label, x, y }) => ({
      id,
      type,
      ...(label === undefined ? {} : { label }),
      position: { x, y },
      config,
    })),
  );

/** Keep the candidate edges that the document rules accept, in order. */
function pickEdges(nodes: RawNode[], candidates: [number, number, number][]) {
  const edges: { id: string; source: string; target: string; kind?: string }[] = [];
  const seen = new Set<string>();
  const streamReaders = new Map<string, number>();
  const dlqFrom = new Set<string>();
  const onFailureFrom = new Set<string>();
  const changeStreamFrom = new Set<string>();
  for (const [i, j, k] of candidates) {
    const s = nodes[i % nodes.length];
    const t = nodes[j % nodes.length];
    if (s.id === t.id) continue;
    const kinds = edgeKindsFor(s.type, t.type);
    if (kinds.length === 0) continue;
    const kind = kinds[k % kinds.length];
    const r = resolveEdge(s.type, t.type, kind);
    if (!r.ok) continue;
    const key = `${s.id}>${t.id}>${r.kind ?? ''}`;
    if (seen.has(key)) continue;
    if (r.meaning === 'stream') {
      const stream = (s.config as { stream: { enabled: boolean } }).stream;
      if (!stream.enabled || (streamReaders.get(s.id) ?? 0) >= 2) continue;
      streamReaders.set(s.id, (streamReaders.get(s.id) ?? 0) + 1);
    }
    if (r.meaning === 'esm' && (t.config.timeoutMs as number) > (s.config.visibilityTimeoutS as number) * 1000) continue; // AWS refuses the mapping
    if (r.meaning === 'integration' && t.type === 'dynamodb' && s.config.flavor === 'http') continue; // AWS has no such integration
    if (r.meaning === 'dlq') {
      // an EventBridge DLQ belongs to a target in CloudFormation, so a rule without one cannot carry it: left out here
      if (s.type !== 'sqs' || dlqFrom.has(s.id) || s.config.queueType !== t.config.queueType) continue;
      dlqFrom.add(s.id);
    }
    if (r.meaning === 'onFailure') {
      if (onFailureFrom.has(s.id)) continue;
      onFailureFrom.add(s.id);
    }
    if (r.meaning === 'changeStream') {
      // a table's KinesisStreamSpecification names one stream, so a template carries one (the export says so)
      if (changeStreamFrom.has(s.id)) continue;
      changeStreamFrom.add(s.id);
    }
    seen.add(key);
    edges.push({ id: `e${edges.length + 1}`, source: s.id, target: t.id, ...(kind ? { kind } : {}) });
  }
  return edges;
}

/** A function that queries RDS or RDS Proxy must be attached to the VPC (model/document.ts). */
function withVpcForDatabases<N extends { id: string; type: string; config?: unknown }>(nodes: N[], edges: { source: string; target: string }[]): N[] {
  const types = new Map(nodes.map((n) => [n.id, n.type]));
  const callers = new Set(
    edges.filter((e) => types.get(e.source) === 'lambda' && ['rds', 'rdsProxy'].includes(types.get(e.target) ?? '')).map((e) => e.source),
  );
  return nodes.map((n) => (callers.has(n.id) ? { ...n, config: { ...(n.config as object), vpc: true } } : n));
}

export function arbitraryDocument(maxNodes = 12, options: { trickyIds?: boolean; minNodes?: number } = {}): fc.Arbitrary<Architecture> {
  return fc
    .uniqueArray(options.trickyIds ? trickyIdArb : idArb, { minLength: options.minNodes ?? 0, maxLength: maxNodes, selector: (id) => id })
    .chain((ids) =>
      fc.record({
        nodes: fc.tuple(...ids.map(nodeArb)),
        candidates: fc.array(fc.tuple(fc.nat(100), fc.nat(100), fc.nat(3)), { maxLength: ids.length * 3 }),
        name: fc.string({ maxLength: 60 }),
        seed: fc.integer({ min: 0, max: 4_294_967_295 }),
        durationS: fc.integer({ min: 60, max: 86_400 }),
        region: fc.constantFrom('us-east-1', 'eu-west-1'),
        freeTier: fc.boolean(),
        faultAt: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
      }),
    )
    .map(({ nodes, candidates, name, seed, durationS, region, freeTier, faultAt }) => {
      const raw = {
        format: 'serverless-sandbox',
        version: 1,
        name,
        settings: { seed, durationS, accountConcurrency: 1_000, region, freeTier },
        nodes: withVpcForDatabases(nodes, nodes.length ? pickEdges(nodes, candidates) : []),
        edges: nodes.length ? pickEdges(nodes, candidates) : [],
        faults: faultAt !== undefined && nodes.length ? [{ kind: 'down', atS: faultAt, node: nodes[0].id, lengthS: 30 }] : [],
      };
      const restored = restoreDocument(raw);
      if (!restored.ok) throw new Error(`arbitraryDocument built an invalid document: ${restored.errors.join('; ')}`);
      return restored.document;
    });
}
