import type { Architecture } from './document';
import { restoreDocument } from './restore';

/**
 * What a new visitor sees: the classic synchronous API — client -> API Gateway -> Lambda ->
 * DynamoDB — at a load where cold starts are visible at the start and the rest is calm.
 */
const SOURCE = {
  format: 'serverless-sandbox',
  version: 1,
  name: 'Orders API',
  settings: { seed: 42, durationS: 300, accountConcurrency: 1000, region: 'us-east-1', apiAccountRps: 10_000, apiAccountBurst: 5_000, freeTier: false },
  nodes: [
    { id: 'users', type: 'client', label: 'Web users', position: { x: 0, y: 80 }, config: { traffic: { shape: 'constant', rps: 50 } } },
    { id: 'api', type: 'apiGateway', label: 'Orders API', position: { x: 280, y: 80 }, config: { flavor: 'http' } },
    {
      id: 'fn',
      type: 'lambda',
      label: 'getOrder',
      position: { x: 560, y: 80 },
      config: { runtime: 'nodejs22.x', architecture: 'arm64', memoryMb: 1024, handler: { distribution: 'lognormal', meanMs: 40, p99Ms: 120 } },
    },
    { id: 'table', type: 'dynamodb', label: 'Orders', position: { x: 840, y: 80 }, config: {} },
  ],
  edges: [
    { id: 'e1', source: 'users', target: 'api' },
    { id: 'e2', source: 'api', target: 'fn' },
    { id: 'e3', source: 'fn', target: 'table' },
  ],
};

export function defaultScenario(): Architecture {
  const result = restoreDocument(JSON.parse(JSON.stringify(SOURCE)));
  if (!result.ok) throw new Error(`default scenario is invalid: ${result.errors.join('; ')}`);
  return result.document;
}
