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
