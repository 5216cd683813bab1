import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../model';
import { nodeNames } from './names';
import { returnedAs500, sourceLine, throttleSources } from './throttles';

describe('throttles seen twice, in one set of words', () => {
  const doc = defaultScenario();
  const names = nodeNames(doc.nodes);

  it('names the Lambda behind the gateway for the 500s, and the gateway for its own 429s', () => {
    const nodes = {
      users: { type: 'client' },
      api: { type: 'apiGateway', throttles: 34, throttled500: 1259 },
      fn: { type: 'lambda', throttles: 1259 },
      table: { type: 'dynamodb', throttles: 0 },
    };
    const lines = throttleSources(nodes, doc.edges, names).map(sourceLine);
    expect(lines).toEqual(["1,259 throttled by Lambda 'getOrder' (API returned 500)", "34 throttled by API Gateway 'Orders API' (429)"]);
    expect(returnedAs500('fn', nodes, doc.edges, names)).toEqual(["1,259 of them returned to clients as 500 by API Gateway 'Orders API'"]);
  });

  it('says nothing when nothing was throttled', () => {
    expect(throttleSources({ api: { type: 'apiGateway', throttles: 0 }, fn: { type: 'lambda', throttles: 0 } }, doc.edges, names)).toEqual([]);
  });

  it('names every function when a gateway calls several', () => {
    const edges = [...doc.edges, { id: 'e9', source: 'api', target: 'fn2' }];
    const many = nodeNames([...doc.nodes, { id: 'fn2', type: 'lambda', label: 'listOrders' }]);
    const nodes = { api: { type: 'apiGateway', throttled500: 7 }, fn: { type: 'lambda', throttles: 4 }, fn2: { type: 'lambda', throttles: 3 } };
    expect(throttleSources(nodes, edges, many).map(sourceLine)).toEqual(["7 throttled by Lambdas 'getOrder', 'listOrders' (API returned 500)"]);
    expect(returnedAs500('fn2', nodes, edges, many)).toEqual(["API Gateway 'Orders API' returned 7 throttles of its Lambdas as 500"]);
  });
});
