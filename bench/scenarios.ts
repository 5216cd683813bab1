/** The benchmark documents (issue 3, "Speed"), built through restoreDocument like any input. */
import { restoreDocument, type Architecture } from '../src/model';

function restore(raw: unknown): Architecture {
  const r = restoreDocument(raw);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.document;
}

/** (1) Lambda loss model: 1,000 rps Poisson, reserved 200, 150 ms exponential handler, 1 h. */
export const lossModelRaw = {
  format: 'serverless-sandbox',
  version: 1,
  name: 'Bench 1: Lambda loss model',
  settings: { seed: 1, durationS: 3600, accountConcurrency: 1000 },
  nodes: [
    { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 1000 }, arrivals: 'poisson' } },
    {
      id: 'fn',
      type: 'lambda',
      config: { memoryMb: 1769, reservedConcurrency: 200, provisionedConcurrency: 200, cpuBound: 0, handler: { distribution: 'exponential', meanMs: 150 } },
    },
  ],
  edges: [{ id: 'e1', source: 'users', target: 'fn' }],
};

/** (2) client -> API Gateway -> Lambda -> DAX -> DynamoDB, stream -> second Lambda, 1,000 rps, 1 h. */
export const fullStackRaw = {
  format: 'serverless-sandbox',
  version: 1,
  name: 'Bench 2: API with DAX and a stream',
  settings: { seed: 1, durationS: 3600, accountConcurrency: 1000 },
  nodes: [
    { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 1000 }, readRatio: 0.8, keys: 100000, zipfS: 0.9 } },
    { id: 'api', type: 'apiGateway', config: { flavor: 'http' } },
    { id: 'fn', type: 'lambda', config: { memoryMb: 1024, architecture: 'arm64', handler: { distribution: 'lognormal', meanMs: 40, p99Ms: 120 } } },
    { id: 'cache', type: 'dax', config: { nodeType: 'dax.r5.large', nodes: 3 } },
    { id: 'table', type: 'dynamodb', config: { stream: { enabled: true, batchSize: 100, shards: 4 } } },
    { id: 'worker', type: 'lambda', config: { memoryMb: 512, handler: { distribution: 'lognormal', meanMs: 30, p99Ms: 90 } } },
  ],
  edges: [
    { id: 'e1', source: 'users', target: 'api' },
    { id: 'e2', source: 'api', target: 'fn' },
    { id: 'e3', source: 'fn', target: 'cache' },
    { id: 'e4', source: 'cache', target: 'table' },
    { id: 'e5', source: 'table', target: 'worker', kind: 'stream' },
  ],
};

export const lossModel = (): Architecture => restore(structuredClone(lossModelRaw));
export const fullStack = (): Architecture => restore(structuredClone(fullStackRaw));

/**
 * Per-service rows (issue 13, "Scale"): each newer service in a short chain at 1,000 rps for
 * one simulated hour, as long as (2), so both spread the same fixed cost (V8 compiling the hot
 * code, ~0.2–0.3 s of CPU on its background threads) over as many requests: at 10 minutes that
 * cost alone was ~0.4 µs a request. bench/run.ts reports CPU per request beside (2)'s, the
 * stack every service should stay within. `base` is the chain without the service (client →
 * Lambda).
 */
const users = (extra: Record<string, unknown> = {}) => ({
  id: 'users',
  type: 'client',
  config: { traffic: { shape: 'constant', rps: 1000 }, keys: 10_000, zipfS: 0.9, ...extra },
});
const fn = (id = 'fn') => ({ id, type: 'lambda', config: { memoryMb: 1024, handler: { distribution: 'lognormal', meanMs: 30, p99Ms: 90 } } });
const chain = (name: string, nodes: unknown[], edges: [string, string, string?][]) => ({
  format: 'serverless-sandbox',
  version: 1,
  name,
  settings: { seed: 1, durationS: 3600, accountConcurrency: 1000 },
  nodes,
  edges: edges.map(([source, target, kind], i) => ({ id: `e${i + 1}`, source, target, ...(kind ? { kind } : {}) })),
});

export const serviceRaw: Record<string, unknown> = {
  base: chain('Bench row: client → Lambda', [users(), fn()], [['users', 'fn']]),
  kinesis: chain(
    'Bench row: Kinesis → Lambda',
    [users({ readRatio: 0 }), { id: 'stream', type: 'kinesis', config: { shards: 2, recordSizeKb: 1, batchSize: 100 } }, fn()],
    [
      ['users', 'stream'],
      ['stream', 'fn'],
    ],
  ),
  stepFunctions: chain(
    'Bench row: HTTP API → Step Functions (Express) → Lambda',
    [
      users(),
      { id: 'api', type: 'apiGateway', config: { flavor: 'http' } },
      { id: 'flow', type: 'stepFunctions', config: { workflowType: 'express', definition: [{ type: 'task', target: 'fn' }, { type: 'pass' }] } },
      fn(),
    ],
    [
      ['users', 'api'],
      ['api', 'flow'],
    ],
  ),
  sqsFifo: chain(
    'Bench row: SQS FIFO → Lambda',
    [users({ readRatio: 0 }), { id: 'queue', type: 'sqs', config: { queueType: 'fifo', messageGroups: 1_000, highThroughput: true, batchSize: 10 } }, fn()],
    [
      ['users', 'queue'],
      ['queue', 'fn'],
    ],
  ),
  edgeFunctions: chain(
    'Bench row: CloudFront with a viewer-request function and Lambda@Edge on origin requests → S3',
    [
      users({ readRatio: 1 }),
      {
        id: 'cdn',
        type: 'cloudfront',
        config: { cacheable: 0.9, cacheTtlS: 60, functions: { viewerRequest: 'cloudfrontFunction', originRequest: 'lambdaEdge' } },
      },
      { id: 'site', type: 's3' },
    ],
    [
      ['users', 'cdn'],
      ['cdn', 'site'],
    ],
  ),
};

export const serviceScenario = (name: string): Architecture => restore(structuredClone(serviceRaw[name]));
