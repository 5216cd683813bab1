/**
 * Injected faults on the services whose only failures are injected ones (SQS, DAX,
 * CloudFront) go through the one Service.refuseByFault check: down and errors fail the
 * call, throttle throttles it, and a fault-free run is untouched.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation } from './simulation';
import { makeDoc, type RawNode, nodesOf } from './testing/docs';

const client: RawNode = { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 20 }, arrivals: 'uniform', readRatio: 1 } };
const fn: RawNode = { id: 'fn', type: 'lambda', config: { provisionedConcurrency: 10, handler: { distribution: 'constant', meanMs: 5 } } };

const shapes: Record<string, { nodes: RawNode[]; edges: [string, string][] }> = {
  sqs: {
    nodes: [client, fn, { id: 'target', type: 'sqs' }],
    edges: [
      ['users', 'fn'],
      ['fn', 'target'],
    ],
  },
  dax: {
    nodes: [client, fn, { id: 'target', type: 'dax' }, { id: 'table', type: 'dynamodb' }],
    edges: [
      ['users', 'fn'],
      ['fn', 'target'],
      ['target', 'table'],
    ],
  },
  cloudfront: {
    nodes: [client, { id: 'target', type: 'cloudfront', config: { cacheable: 0 } }, fn],
    edges: [
      ['users', 'target'],
      ['target', 'fn'],
    ],
  },
};

function run(type: string, fault?: Record<string, unknown>) {
  const { nodes, edges } = shapes[type];
  return runSimulation(makeDoc(nodes, edges, { durationS: 20 }, fault ? [{ atS: 0, node: 'target', lengthS: 20, ...fault }] : []));
}

describe.each(Object.keys(shapes))('faults on %s', (type) => {
  it('without a fault every request succeeds', () => {
    const s = run(type);
    expect(s.requests.total).toBeGreaterThan(300);
    expect(s.requests.ok).toBe(s.requests.total);
  });

  it('down: every call fails', () => {
    const s = run(type, { kind: 'down' });
    expect(s.requests.total).toBeGreaterThan(300);
    expect(s.requests.errors).toBe(s.requests.total);
  });

  it('errors at rate 1: every call fails; at 0.5 about half', () => {
    const all = run(type, { kind: 'errors', rate: 1 });
    expect(all.requests.errors).toBe(all.requests.total);
    const half = run(type, { kind: 'errors', rate: 0.5 });
    const share = half.requests.errors / half.requests.total;
    // 400 independent draws: 0.5 ± 4 standard deviations (0.1)
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  });

  it('throttle: every call is throttled (behind a Lambda, the throttled SDK call fails the handler)', () => {
    const s = run(type, { kind: 'throttle' });
    expect(s.requests.total).toBeGreaterThan(300);
    if (type === 'cloudfront') expect(s.requests.throttled).toBe(s.requests.total);
    else expect([s.requests.errors, nodesOf(s).fn.errors]).toEqual([s.requests.total, s.requests.total]);
  });
});
