/**
 * Partial batch responses (ReportBatchItemFailures) and duplicate deliveries, counted against
 * the arithmetic of one bad record per failed batch, at a position uniform in the batch:
 * without partial responses a stream batch of n returns whole and the E[j] = (n − 1)/2
 * records before the bad one are processed twice; an SQS batch returns all n, n − 1 of them
 * already processed. With them only the failed record (and, on a stream, those after it) return.
 */
import { describe, expect, it, vi } from 'vitest';
import { Simulation } from './simulation';
import { makeDoc } from './testing/docs';

vi.setConfig({ testTimeout: 60_000 });

type Stats = Record<string, number>;

function run(nodes: Parameters<typeof makeDoc>[0], edges: Parameters<typeof makeDoc>[1], durationS = 120) {
  const sim = new Simulation(makeDoc(nodes, edges, { seed: 11, durationS }));
  sim.runToEnd();
  return sim.summary();
}

const producer = (rps: number, async = false) => ({
  id: 'producer',
  type: 'client',
  config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform', readRatio: 0, zipfS: 0, keys: 100_000, ...(async ? { invocation: 'async' } : {}) },
});
const handler = (errorRate: number) => ({
  id: 'fn',
  type: 'lambda',
  config: { memoryMb: 1769, cpuBound: 0, provisionedConcurrency: 20, errorRate, maxRetryAttempts: 2, handler: { distribution: 'constant', meanMs: 10 } },
});

describe('Kinesis / DynamoDB Streams batches with one bad record', () => {
  const stream = (reportBatchItemFailures: boolean) =>
    run(
      [producer(100), { id: 'stream', type: 'kinesis', config: { shards: 1, batchSize: 10, reportBatchItemFailures } }, handler(0.2)],
      [
        ['producer', 'stream'],
        ['stream', 'fn'],
      ],
    );

  it('without partial responses the whole batch returns: (n − 1)/2 processed records come back per failure', () => {
    const s = stream(false);
    const m = (s.nodes.stream as unknown as { streams: Record<string, Stats> }).streams.e2;
    expect(m.failedBatches).toBeGreaterThan(100);
    const perFailure = m.duplicates / m.failedBatches;
    expect(perFailure).toBeGreaterThan(4.5 * 0.85);
    expect(perFailure).toBeLessThan(4.5 * 1.15);
    // counted where the handler sees them
    expect((s.nodes.fn as Stats).duplicates).toBe(m.duplicates);
    expect(m.partiallyAcked).toBe(0);
  });

  it('with ReportBatchItemFailures nothing processed comes back; the retry starts at the bad record', () => {
    const s = stream(true);
    const m = (s.nodes.stream as unknown as { streams: Record<string, Stats> }).streams.e2;
    expect(m.duplicates).toBe(0);
    expect((s.nodes.fn as Stats).duplicates).toBe(0);
    expect(m.partiallyAcked / m.failedBatches).toBeGreaterThan(2);
  });

  it('DynamoDB Streams mappings take the same setting', () => {
    const table = (reportBatchItemFailures: boolean) =>
      run(
        [
          { id: 'writer', type: 'lambda', config: { memoryMb: 1769, provisionedConcurrency: 20, handler: { distribution: 'constant', meanMs: 5 } } },
          producer(100),
          { id: 'table', type: 'dynamodb', config: { stream: { enabled: true, batchSize: 10, reportBatchItemFailures } } },
          handler(0.2),
        ],
        [
          ['producer', 'writer'],
          ['writer', 'table'],
          ['table', 'fn', 'stream'],
        ],
      );
    const off = (table(false).nodes.table as unknown as { streams: Record<string, Stats> }).streams.e3;
    const on = (table(true).nodes.table as unknown as { streams: Record<string, Stats> }).streams.e3;
    expect(off.duplicates).toBeGreaterThan(0);
    expect(on.duplicates).toBe(0);
    expect(on.partiallyAcked).toBeGreaterThan(0);
  });
});

describe('SQS batches with one bad message', () => {
  const queue = (reportBatchItemFailures: boolean) =>
    run(
      [
        producer(200),
        { id: 'writer', type: 'lambda', config: { memoryMb: 1769, provisionedConcurrency: 20, handler: { distribution: 'constant', meanMs: 5 } } },
        { id: 'queue', type: 'sqs', config: { batchSize: 10, maxBatchingWindowS: 1, visibilityTimeoutS: 5, maxReceiveCount: 1000, reportBatchItemFailures } },
        handler(0.2),
      ],
      [
        ['producer', 'writer'],
        ['writer', 'queue'],
        ['queue', 'fn'],
      ],
    );

  it('without partial responses every message of a failed batch is received again, n − 1 of them already processed', () => {
    const s = queue(false);
    const q = s.nodes.queue as Stats;
    const fn = s.nodes.fn as Stats;
    expect(q.duplicates).toBeGreaterThan(0);
    expect(fn.duplicates).toBe(q.duplicates);
    // redeliveries: all n messages of each failed batch (batches of 10 here)
    const redelivered = q.received - q.sent;
    expect(redelivered / fn.errors).toBeGreaterThan(8);
    expect(q.duplicates / fn.errors).toBeGreaterThan(7);
  });

  it('with ReportBatchItemFailures only the bad message comes back: one receive per failed batch, no duplicates', () => {
    const s = queue(true);
    const q = s.nodes.queue as Stats;
    const fn = s.nodes.fn as Stats;
    expect(q.duplicates ?? 0).toBe(0);
    expect(fn.duplicates).toBe(0);
    const redelivered = q.received - q.sent;
    expect(redelivered).toBeLessThanOrEqual(fn.errors);
    expect(redelivered).toBeGreaterThan(fn.errors * 0.9);
    expect(q.partiallyDeleted).toBeGreaterThan(fn.errors * 8);
  });
});

describe('asynchronous retries deliver an event again', () => {
  it('each retry after a handler error is a duplicate delivery (2 retries at most)', () => {
    const T = 1200;
    const s = run([producer(20, true), handler(0.3)], [['producer', 'fn']], T);
    const fn = s.nodes.fn as Stats;
    expect(fn.throttles).toBe(0);
    expect(fn.duplicates).toBe(fn.asyncRetries);
    // P(first attempt fails) = 0.3, P(the retry fails too) = 0.09; retries come ~1 min and
    // ~2 min later, so events of the last minutes have not had theirs yet
    const expected = 0.3 * ((T - 60) / T) + 0.09 * ((T - 180) / T);
    const perEvent = fn.duplicates / (s.nodes.producer as Stats).sent;
    expect(perEvent).toBeGreaterThan(expected * 0.9);
    expect(perEvent).toBeLessThan(expected * 1.1);
  });
});
