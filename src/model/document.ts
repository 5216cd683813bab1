/**
 * The architecture document, format v1 (docs/document-format.md): the zod schema, its
 * TypeScript types and the rules that span several nodes.
 */
import { z } from 'zod';
import { CATALOGUE, NODE_TYPES, hasCapability, type ConfigOf, type NodeType } from './catalogue';
import { EDGE_KINDS, resolveEdge, type EdgeKind } from './connections';
import { bool, defaultsOf, fieldSchema, fieldsSchema, int, text, type InferFields } from './fields';
import { checkGoals, goalsSchema, type Goal } from './goals';
import type { NodeKind } from './nodes/kind';
import { UNRESERVED_FLOOR } from './nodes/lambda';

export const FORMAT = 'serverless-sandbox';
export const CURRENT_VERSION = 1;

/** Bounds that keep a hostile or accidental document from freezing the page. */
export const LIMITS = { nodes: 300, edges: 1_000, faults: 200, idLength: 128, labelLength: 120, nameLength: 200 } as const;

z.config({ jitless: true }); // a document is parsed a few times a session: compiling parsers costs more than it saves

const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;

export const settingsFields = {
  seed: int({ label: 'Seed', min: 0, max: 4_294_967_295, default: 42, hint: 'Same document and seed give identical results on every machine.' }),
  durationS: int({ label: 'Duration', unit: 's', min: 1, max: 86_400, default: 300, hint: 'Simulated time of a run (up to one day).' }),
  accountConcurrency: int({
    label: 'Account concurrency',
    min: 10,
    max: 1_000_000,
    default: 1_000,
    hint: 'Lambda concurrency shared by all functions in the Region; default 1,000. 100 always stay unreserved.',
  }),
  region: text({
    label: 'Region',
    hint: 'Prices are us-east-1 list prices; other Regions use the same table for now.',
    default: 'us-east-1',
    maxLength: 32,
    validate: (v) => (REGION.test(v) ? null : 'must be an AWS Region code such as "us-east-1"'),
  }),
  apiAccountRps: int({
    label: 'API Gateway account rate',
    unit: 'rps',
    min: 1,
    max: 1_000_000,
    default: 10_000,
    hint: 'Steady rate shared by every REST, HTTP and WebSocket API in the Region (token bucket); default 10,000.',
  }),
  apiAccountBurst: int({
    label: 'API Gateway account burst',
    unit: 'requests',
    min: 1,
    max: 1_000_000,
    default: 5_000,
    hint: 'Bucket size of the shared account limit; default 5,000, set by AWS.',
  }),
  freeTier: bool({ label: 'Apply free tier', default: false, hint: "Subtract AWS's monthly free tiers in the 30-day projection." }),
} as const;

export type Settings = InferFields<typeof settingsFields>;

export interface Position {
  x: number;
  y: number;
}

export type ArchNode = {
  [T in NodeType]: { id: string; type: T; label?: string; position: Position; config: ConfigOf<T> };
}[NodeType];

export type NodeOf<T extends NodeType> = Extract<ArchNode, { type: T }>;

export interface ArchEdge {
  id: string;
  source: string;
  target: string;
  kind?: EdgeKind;
  label?: string;
}

export const FAULT_KINDS = ['down', 'latency', 'errors', 'throttle', 'cacheFlush', 'failover'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type Fault =
  | { kind: 'down' | 'throttle'; atS: number; node: string; lengthS: number }
  | { kind: 'latency'; atS: number; node: string; lengthS: number; addMs: number }
  | { kind: 'errors'; atS: number; node: string; lengthS: number; rate: number }
  | { kind: 'cacheFlush'; atS: number; node: string }
  /** An RDS writer fails over; how long it takes is AWS's typical time for the engine (with or without a proxy). */
  | { kind: 'failover'; atS: number; node: string };

export interface Architecture {
  format: typeof FORMAT;
  version: typeof CURRENT_VERSION;
  name: string;
  description?: string;
  settings: Settings;
  nodes: ArchNode[];
  edges: ArchEdge[];
  faults: Fault[];
  /** Architecture tests; left out = none (model/goals.ts). */
  goals?: Goal[];
}

// ---- schema ----

const idSchema = z
  .string({ error: 'expected text' })
  .min(1, { error: 'must not be empty' })
  .max(LIMITS.idLength, { error: `is longer than ${LIMITS.idLength} characters` })
  .regex(/^[^\s<>"'`]+$/, { error: 'may not contain spaces, quotes or angle brackets' });

const labelSchema = z.string({ error: 'expected text' }).max(LIMITS.labelLength, { error: `is longer than ${LIMITS.labelLength} characters` });

const positionSchema = z
  .strictObject({
    x: z.number({ error: 'expected a number' }).min(-1e6).max(1e6),
    y: z.number({ error: 'expected a number' }).min(-1e6).max(1e6),
  })
  .default({ x: 0, y: 0 });

const nodeSchemas = NODE_TYPES.map((type) =>
  z.strictObject({
    id: idSchema,
    type: z.literal(type),
    label: labelSchema.optional(),
    position: positionSchema,
    // built the first time a node of this kind is parsed (z.lazy keeps it): a two-node document builds two kinds' schemas
    config: z.lazy(() => fieldsSchema(CATALOGUE[type].fields).default(defaultsOf(CATALOGUE[type].fields))),
  }),
);

const nodeSchema = z.discriminatedUnion('type', nodeSchemas as unknown as [z.ZodObject, ...z.ZodObject[]], {
  error: `is not a node type; allowed: ${NODE_TYPES.join(', ')}`,
});

const edgeSchema = z.strictObject({
  id: idSchema,
  source: idSchema,
  target: idSchema,
  kind: z.enum(EDGE_KINDS, { error: `must be one of: ${EDGE_KINDS.join(', ')} (or left out)` }).optional(),
  label: labelSchema.optional(),
});

const faultTime = {
  atS: z.number({ error: 'expected a number' }).min(0, { error: 'must be 0 or more seconds' }).max(86_400, { error: 'must be within one day (86,400 s)' }),
  node: idSchema,
};
const faultLength = z
  .number({ error: 'expected a number' })
  .min(0, { error: 'must be 0 or more' })
  .max(86_400, { error: 'must be at most 86,400 s' })
  .default(30);

const faultSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('down'), ...faultTime, lengthS: faultLength }),
    z.strictObject({ kind: z.literal('throttle'), ...faultTime, lengthS: faultLength }),
    z.strictObject({
      kind: z.literal('latency'),
      ...faultTime,
      lengthS: faultLength,
      addMs: z
        .number({ error: 'expected a number' })
        .min(0, { error: 'must be 0 or more' })
        .max(900_000, { error: 'must be at most 900,000 ms' })
        .default(1000),
    }),
    z.strictObject({
      kind: z.literal('errors'),
      ...faultTime,
      lengthS: faultLength,
      rate: z.number({ error: 'expected a number' }).min(0, { error: 'allowed: 0–1' }).max(1, { error: 'allowed: 0–1' }).default(0.5),
    }),
    z.strictObject({ kind: z.literal('cacheFlush'), ...faultTime }),
    z.strictObject({ kind: z.literal('failover'), ...faultTime }),
  ],
  { error: `is not a fault kind; allowed: ${FAULT_KINDS.join(', ')}` },
);

const documentShape = z.strictObject({
  format: z.literal(FORMAT, { error: `must be "${FORMAT}"` }),
  version: z.literal(CURRENT_VERSION, { error: `must be ${CURRENT_VERSION}` }),
  name: z
    .string({ error: 'expected text' })
    .max(LIMITS.nameLength, { error: `is longer than ${LIMITS.nameLength} characters` })
    .default('Untitled architecture'),
  description: z.string({ error: 'expected text' }).max(4_000, { error: 'is longer than 4,000 characters' }).optional(),
  settings: fieldsSchema(settingsFields).default(defaultsOf(settingsFields)),
  nodes: z
    .array(nodeSchema, { error: 'expected a list of nodes' })
    .max(LIMITS.nodes, { error: `has more than ${LIMITS.nodes} nodes, the most the sandbox simulates` }),
  edges: z
    .array(edgeSchema, { error: 'expected a list of edges' })
    .max(LIMITS.edges, { error: `has more than ${LIMITS.edges} edges` })
    .default([]),
  faults: z
    .array(faultSchema, { error: 'expected a list of faults' })
    .max(LIMITS.faults, { error: `has more than ${LIMITS.faults} faults` })
    .default([]),
  goals: goalsSchema.optional(),
});

export interface DocumentProblem {
  path: (string | number)[];
  message: string;
}

/** Rules that involve more than one field: ids, edges, concurrency budgets, faults. */
export function crossCheck(doc: Architecture): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const byId = new Map<string, ArchNode>();
  doc.nodes.forEach((node, i) => {
    if (byId.has(node.id)) problems.push({ path: ['nodes', i, 'id'], message: `"${node.id}" is used by another node; node ids must be unique` });
    else byId.set(node.id, node);
  });

  const edgeIds = new Set<string>();
  const pairs = new Set<string>();
  const dlqCount = new Map<string, number>();
  const onFailureCount = new Map<string, number>();
  const streamReaders = new Map<string, number>();
  doc.edges.forEach((edge, i) => {
    const at = (field?: string) => (field ? ['edges', i, field] : ['edges', i]);
    if (edgeIds.has(edge.id)) problems.push({ path: at('id'), message: `"${edge.id}" is used by another edge; edge ids must be unique` });
    edgeIds.add(edge.id);
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source) problems.push({ path: at('source'), message: `"${edge.source}" is not the id of any node` });
    if (!target) problems.push({ path: at('target'), message: `"${edge.target}" is not the id of any node` });
    if (!source || !target) return;
    if (edge.source === edge.target) {
      problems.push({ path: at(), message: `connects "${edge.source}" to itself; an edge joins two different nodes` });
      return;
    }
    const resolved = resolveEdge(source.type, target.type, edge.kind);
    if (!resolved.ok) {
      problems.push({ path: at(), message: resolved.reason });
      return;
    }
    const pairKey = `${edge.source}\u0000${edge.target}\u0000${resolved.kind ?? ''}`;
    if (pairs.has(pairKey)) problems.push({ path: at(), message: `duplicates another edge from "${edge.source}" to "${edge.target}"` });
    pairs.add(pairKey);
    if (resolved.meaning === 'stream' && source.type === 'dynamodb') {
      if (!source.config.stream.enabled) {
        problems.push({ path: at(), message: `"${source.id}" has no stream; set its config.stream.enabled to true to connect it to a Lambda` });
      }
      streamReaders.set(source.id, (streamReaders.get(source.id) ?? 0) + 1);
    }
    if (resolved.meaning === 'dlq' && source.type === 'sqs' && target.type === 'sqs') {
      dlqCount.set(source.id, (dlqCount.get(source.id) ?? 0) + 1);
      if (dlqCount.get(source.id) === 2)
        problems.push({ path: at(), message: `queue "${source.id}" already has a dead-letter queue; a redrive policy names one` });
      if (source.config.queueType !== target.config.queueType) {
        problems.push({
          path: at(),
          message: `a dead-letter queue must be the same type as its source queue ("${source.id}" is ${source.config.queueType}, "${target.id}" is ${target.config.queueType})`,
        });
      }
    }
    if (resolved.meaning === 'dlq' && source.type === 'eventbridge' && target.type === 'sqs') {
      dlqCount.set(source.id, (dlqCount.get(source.id) ?? 0) + 1);
      if (dlqCount.get(source.id) === 2)
        problems.push({ path: at(), message: `"${source.id}" already has a dead-letter queue; the model gives a schedule or rule one` });
      if (target.config.queueType !== 'standard')
        problems.push({ path: at(), message: `an EventBridge dead-letter queue must be a standard queue ("${target.id}" is FIFO)` });
    }
    if (resolved.meaning === 'integration' && source.type === 'apiGateway' && target.type === 'dynamodb' && source.config.flavor === 'http') {
      problems.push({
        path: at(),
        message: `HTTP APIs have no DynamoDB integration (only SQS, EventBridge, Kinesis, Step Functions and AppConfig); make "${source.id}" a REST API or put a Lambda in between`,
      });
    }
    if (resolved.meaning === 'esm' && source.type === 'sqs' && target.type === 'lambda' && target.config.timeoutMs > source.config.visibilityTimeoutS * 1000) {
      // CreateEventSourceMapping refuses it (InvalidParameterValueException)
      problems.push({
        path: at(),
        message: `AWS refuses this event source mapping: the function timeout of "${target.id}" (${target.config.timeoutMs / 1000} s) exceeds the visibility timeout of queue "${source.id}" (${source.config.visibilityTimeoutS} s); raise the visibility timeout (AWS advises at least 6 × the function timeout) or shorten the function timeout`,
      });
    }
    if (resolved.meaning === 'onFailure') {
      onFailureCount.set(source.id, (onFailureCount.get(source.id) ?? 0) + 1);
      const what = source.type === 'lambda' ? 'function' : CATALOGUE[source.type].label;
      if (onFailureCount.get(source.id) === 2)
        problems.push({ path: at(), message: `${what} "${source.id}" already has an on-failure destination; it can have one` });
    }
  });
  for (const [tableId, readers] of streamReaders) {
    if (readers > 2) {
      const i = doc.nodes.findIndex((n) => n.id === tableId);
      problems.push({
        path: ['nodes', i, 'config', 'stream'],
        message: `has ${readers} Lambda readers; a DynamoDB stream shard allows at most 2 simultaneous readers`,
      });
    }
  }

  let reservedTotal = 0;
  const unreservedFloor = UNRESERVED_FLOOR;
  doc.nodes.forEach((node, i) => {
    const at = (...field: string[]) => ['nodes', i, 'config', ...field];
    if (node.type === 'lambda' && node.config.reservedConcurrency !== null) reservedTotal += node.config.reservedConcurrency;
    const check = (CATALOGUE[node.type] as unknown as NodeKind).crossCheck;
    if (check) for (const p of check(node.config as never, doc)) problems.push({ path: at(...p.field), message: p.message });
  });
  // an RDS database and an RDS Proxy live in a VPC: a function reaches them only when attached to it
  doc.edges.forEach((e) => {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    if (source?.type !== 'lambda' || (target?.type !== 'rds' && target?.type !== 'rdsProxy') || source.config.vpc) return;
    problems.push({
      path: ['nodes', doc.nodes.indexOf(source), 'config', 'vpc'],
      message: `"${source.label || source.id}" queries ${CATALOGUE[target.type].label} "${target.label || target.id}", which is only reachable inside its VPC: turn on VPC access for the function`,
    });
  });
  const reservable = doc.settings.accountConcurrency - unreservedFloor;
  if (reservedTotal > reservable) {
    problems.push({
      path: ['settings', 'accountConcurrency'],
      message: `functions reserve ${reservedTotal} in all, more than ${Math.max(0, reservable)} (the account's ${doc.settings.accountConcurrency} less the 100 that always stay unreserved)`,
    });
  }

  doc.faults.forEach((fault, i) => {
    const node = byId.get(fault.node);
    if (!node) problems.push({ path: ['faults', i, 'node'], message: `"${fault.node}" is not the id of any node` });
    else if (fault.kind === 'cacheFlush' && !hasCapability(node.type, 'cache')) {
      const caches = NODE_TYPES.filter((t) => hasCapability(t, 'cache')).map((t) => CATALOGUE[t].label);
      problems.push({
        path: ['faults', i, 'kind'],
        message: `cacheFlush applies to ${caches.join(' and ')} nodes; "${node.id}" is ${CATALOGUE[node.type].label}`,
      });
    } else if (fault.kind === 'failover' && node.type !== 'rds') {
      problems.push({ path: ['faults', i, 'kind'], message: `failover applies to RDS nodes; "${node.id}" is ${CATALOGUE[node.type].label}` });
    }
    if (fault.atS > doc.settings.durationS) {
      problems.push({ path: ['faults', i, 'atS'], message: `${fault.atS} s is after the end of the run (${doc.settings.durationS} s)` });
    }
  });
  if (doc.goals) problems.push(...checkGoals(doc.goals, doc.nodes));
  return problems;
}

export const documentSchema = documentShape.superRefine((value, ctx) => {
  for (const problem of crossCheck(value as unknown as Architecture)) {
    ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  }
}) as unknown as z.ZodType<Architecture>;

/** Default config, label and position for a new node of a type. */
export function newNode<T extends NodeType>(type: T, id: string, position: Position): NodeOf<T> {
  const config = defaultsOf(CATALOGUE[type].fields);
  return { id, type, position, config } as unknown as NodeOf<T>;
}

export { fieldSchema };
