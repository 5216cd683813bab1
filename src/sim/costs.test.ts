/** Costs of small deterministic scenarios against hand-computed AWS price formulas (reference §1.7, §2, §3.3, §5, §6.4). */
import { describe, expect, it, vi } from 'vitest';
import { runSimulation } from './simulation';
import { makeDoc, nodesOf } from './testing/docs';

// simulations take seconds on a busy 2-core machine; the default 5 s is too tight
vi.setConfig({ testTimeout: 60_000 });

// 10 rps evenly spaced for 100 s: arrivals at 0.1, 0.2, … 100.0 s = 1,000 requests; the one
// arriving at exactly 100 s starts (and is billed its request) but does not finish in the run.
const client = { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 10 }, arrivals: 'uniform', readRatio: 0, payloadKb: 1 } };
// 512 MB arm64, a constant 50 ms handler with no CPU-bound share: billed exactly 50 ms; one
// provisioned environment takes every request (no cold start, 50 ms busy in each 100 ms).
const fn = {
  id: 'fn',
  type: 'lambda',
  config: { memoryMb: 512, architecture: 'arm64', cpuBound: 0, provisionedConcurrency: 1, handler: { distribution: 'constant', meanMs: 50 } },
};
const MONTH_SCALE = (30 * 86_400) / 100;
// a table's 1 GB (the default size) stored for the 100 s run, at $0.25 per GB-month of 30 days (§3.4)
const STORAGE_1GB_100S = (0.25 * 100) / (30 * 86_400);

describe('costs equal hand-computed AWS price formulas', () => {
  it('API Gateway (HTTP) + Lambda with provisioned concurrency', () => {
    const doc = makeDoc(
      [client, { id: 'api', type: 'apiGateway', config: { flavor: 'http' } }, fn],
      [
        ['users', 'api'],
        ['api', 'fn'],
      ],
      { durationS: 100 },
    );
    const s = runSimulation(doc);
    const api = 1000 * (1.0 / 1e6);
    const requests = 1000 * (0.2 / 1e6);
    const execution = 999 * 0.05 * 0.5 * 0.0000077778; // GB-s on provisioned environments
    const provisioned = 1 * 0.5 * 100 * 0.0000033334; // GB-s configured for 100 s
    expect(s.costUsd.byService.apiGateway).toBeCloseTo(api, 8);
    expect(s.costUsd.byService.lambda).toBeCloseTo(requests + execution + provisioned, 8);
    expect(s.costUsd.total).toBeCloseTo(api + requests + execution + provisioned, 8);
    expect(s.costUsd.monthly).toBeCloseTo((api + requests + execution + provisioned) * MONTH_SCALE, 1);
    expect(nodesOf(s).fn.billedGbS).toBeCloseTo(999 * 0.05 * 0.5, 3);
  });

  it('free tier: the projection subtracts 1 M Lambda requests and 1 M API calls', () => {
    const doc = (freeTier: boolean) =>
      makeDoc(
        [client, { id: 'api', type: 'apiGateway', config: { flavor: 'http' } }, fn],
        [
          ['users', 'api'],
          ['api', 'fn'],
        ],
        { durationS: 100, freeTier },
      );
    const paid = runSimulation(doc(false)).costUsd.monthly;
    const free = runSimulation(doc(true)).costUsd.monthly;
    // 25.9 M requests a month exceed both free tiers; all GB-s ran on provisioned concurrency (no free tier)
    expect(paid - free).toBeCloseTo(1e6 * 0.2e-6 + 1e6 * 1e-6, 2);
  });

  it('DynamoDB on-demand writes round item size up to 1 KB units', () => {
    const table = { id: 'table', type: 'dynamodb', config: { itemSizeKb: 2.5 } }; // 3 WRU per write
    const s = runSimulation(
      makeDoc(
        [client, fn, table],
        [
          ['users', 'fn'],
          ['fn', 'table'],
        ],
        { durationS: 100 },
      ),
    );
    expect(nodesOf(s).table.writes).toBe(999);
    expect(s.costUsd.byService.dynamodb).toBeCloseTo(999 * 3 * (0.625 / 1e6) + STORAGE_1GB_100S, 7); // the summary rounds dollars to 1e-8
  });

  it('DynamoDB on-demand strongly consistent reads round up to 4 KB units', () => {
    const reader = { ...client, config: { ...client.config, readRatio: 1 } };
    const table = { id: 'table', type: 'dynamodb', config: { itemSizeKb: 6, consistentReads: true } }; // 2 RRU per read
    const s = runSimulation(
      makeDoc(
        [reader, fn, table],
        [
          ['users', 'fn'],
          ['fn', 'table'],
        ],
        { durationS: 100 },
      ),
    );
    expect(s.costUsd.byService.dynamodb).toBeCloseTo(999 * 2 * (0.125 / 1e6) + STORAGE_1GB_100S, 7);
  });

  it('provisioned DynamoDB, DAX node-hours and SQS sends', () => {
    const doc = makeDoc(
      [
        client,
        fn,
        { id: 'cache', type: 'dax', config: { nodeType: 'dax.r5.large', nodes: 3 } },
        { id: 'table', type: 'dynamodb', config: { capacityMode: 'provisioned', readCapacityUnits: 10, writeCapacityUnits: 50 } },
        { id: 'queue', type: 'sqs' },
      ],
      [
        ['users', 'fn'],
        ['fn', 'cache'],
        ['cache', 'table'],
        ['fn', 'queue'],
      ],
      { durationS: 100 },
    );
    const s = runSimulation(doc);
    const hours = 100 / 3600;
    expect(s.costUsd.byService.dynamodb).toBeCloseTo((10 * 0.00013 + 50 * 0.00065) * hours + STORAGE_1GB_100S, 7);
    expect(s.costUsd.byService.dax).toBeCloseTo(3 * 0.269 * hours, 7);
    // every completed handler sends one 1 KB message (one 64 KB chunk); the handler also waits on DAX first
    expect(s.costUsd.byService.sqs).toBeCloseTo((nodesOf(s).queue.sent as number) * (0.4 / 1e6), 7);
    expect(nodesOf(s).queue.sent).toBe(999);
  });
});
