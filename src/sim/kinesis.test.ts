/**
 * Kinesis Data Streams against AWS's per-shard limits and simple flow arithmetic:
 * 1 MiB/s or 1,000 records/s of writes per shard (ProvisionedThroughputExceeded above it,
 * retried by the SDK as the caller sees it), hot shards from skewed keys, the iterator age
 * of a consumer slower than its producer (it grows as T × (1 − μ/λ)), and the price formulas.
 */
import { describe, expect, it, vi } from 'vitest';
import { PRICES } from './pricing/prices';
import { Simulation } from './simulation';
import { makeDoc } from './testing/docs';

vi.setConfig({ testTimeout: 60_000 });

type Summary = ReturnType<Simulation['summary']>;

function run(nodes: Parameters<typeof makeDoc>[0], edges: Parameters<typeof makeDoc>[1], durationS = 60, seed = 3): Summary {
  const sim = new Simulation(makeDoc(nodes, edges, { seed, durationS }));
  sim.runToEnd();
  return sim.summary();
}

const producer = (rps: number, extra: Record<string, unknown> = {}) => ({
  id: 'producer',
  type: 'client',
  config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform', readRatio: 0, keys: 1_000_000, zipfS: 0, ...extra },
});

describe('Kinesis shard write limits', () => {
  it('accepts 1,000 records/s per shard and throttles the rest (ProvisionedThroughputExceeded)', () => {
    const s = run([producer(3000), { id: 'stream', type: 'kinesis', config: { shards: 2, recordSizeKb: 1, sdkMaxAttempts: 1 } }], [['producer', 'stream']]);
    const k = s.nodes.stream as Record<string, number>;
    // 2 shards × 1,000 records/s, keys spread evenly: each shard is offered 1,500/s
    expect(k.puts / 60).toBeGreaterThan(2000 * 0.97);
    expect(k.puts / 60).toBeLessThan(2000 * 1.02);
    expect(s.requests.throttled / s.requests.total).toBeGreaterThan(0.31);
    expect(s.requests.throttled / s.requests.total).toBeLessThan(0.35);
  });

  it('accepts 1 MiB/s per shard when records are large (100 KB records: 10.24 a second)', () => {
    const s = run([producer(30), { id: 'stream', type: 'kinesis', config: { shards: 1, recordSizeKb: 100, sdkMaxAttempts: 1 } }], [['producer', 'stream']]);
    const k = s.nodes.stream as Record<string, number>;
    expect(k.puts / 60).toBeGreaterThan(10.24 * 0.95);
    expect(k.puts / 60).toBeLessThan(10.24 * 1.05);
  });

  it('does not throttle below the limit, and a hot key throttles one shard while the stream is under its total', () => {
    const even = run([producer(2400), { id: 'stream', type: 'kinesis', config: { shards: 4, sdkMaxAttempts: 1 } }], [['producer', 'stream']]);
    expect(even.requests.throttled).toBe(0);
    expect((even.nodes.stream as Record<string, number>).hotShardShare).toBeLessThan(0.27);
    // same total (60% of 4,000 records/s) but Zipf keys (s = 1.5): the hottest key alone is ~38% of the puts
    const hot = run(
      [producer(2400, { keys: 1000, zipfS: 1.5 }), { id: 'stream', type: 'kinesis', config: { shards: 4, sdkMaxAttempts: 1 } }],
      [['producer', 'stream']],
    );
    const h = hot.nodes.stream as Record<string, number>;
    expect(h.hotShardShare).toBeGreaterThan(0.4);
    expect(hot.requests.throttled).toBeGreaterThan(0);
  });

  it('SDK retries hide some throttles from the caller: the stream counts every attempt, the caller only the last', () => {
    const nodes = (attempts: number) => [producer(1500), { id: 'stream', type: 'kinesis', config: { shards: 1, sdkMaxAttempts: attempts } }];
    const once = run(nodes(1), [['producer', 'stream']]);
    const thrice = run(nodes(3), [['producer', 'stream']]);
    const k3 = thrice.nodes.stream as Record<string, number>;
    expect(k3.sdkRetries).toBeGreaterThan(0);
    // every retry was a throttled attempt; the caller sees a throttle only after the third
    expect(k3.throttles).toBeGreaterThan(thrice.requests.throttled);
    expect(thrice.requests.throttled).toBeLessThan(once.requests.throttled);
    // retried puts are slower for the caller
    expect(thrice.latencyMs.p99).toBeGreaterThan(once.latencyMs.p99);
  });
});

const consumer = (handlerMs: number) => ({
  id: 'fn',
  type: 'lambda',
  config: { memoryMb: 1769, cpuBound: 0, provisionedConcurrency: 10, handler: { distribution: 'constant', meanMs: handlerMs } },
});

describe('Kinesis consumer iterator age', () => {
  it('grows as T × (1 − μ/λ) when the consumer is slower than the producer', () => {
    const T = 120;
    const lambda = 100; // records/s
    const s = run(
      [producer(lambda), { id: 'stream', type: 'kinesis', config: { shards: 1, batchSize: 10 } }, consumer(1000)],
      [
        ['producer', 'stream'],
        ['stream', 'fn'],
      ],
      T,
    );
    const k = s.nodes.stream as Record<string, number>;
    // one batch of 10 at a time per shard, each taking a little over 1 s: μ just under 10/s
    const mu = ((s.nodes.fn as Record<string, number>).invocations * 10) / T;
    expect(mu).toBeGreaterThan(9);
    expect(mu).toBeLessThanOrEqual(10);
    const expected = T * (1 - mu / lambda) * 1000;
    expect(k.maxIteratorAgeMs).toBeGreaterThan(expected * 0.95);
    expect(k.maxIteratorAgeMs).toBeLessThan(expected * 1.05);
  });

  it('a parallelization factor of 5 reads five batches per shard at once: the age grows half as fast', () => {
    const T = 120;
    const s = run(
      [producer(100), { id: 'stream', type: 'kinesis', config: { shards: 1, batchSize: 10, parallelizationFactor: 5 } }, consumer(1000)],
      [
        ['producer', 'stream'],
        ['stream', 'fn'],
      ],
      T,
    );
    const age = (s.nodes.stream as Record<string, number>).maxIteratorAgeMs;
    const mu = ((s.nodes.fn as Record<string, number>).invocations * 10) / T;
    expect(mu).toBeGreaterThan(45);
    expect(age).toBeGreaterThan(T * (1 - mu / 100) * 1000 * 0.9);
    expect(age).toBeLessThan(T * (1 - mu / 100) * 1000 * 1.1);
  });

  it('stays near the one-second polling interval when the consumer keeps up', () => {
    const s = run(
      [producer(100), { id: 'stream', type: 'kinesis', config: { shards: 1, batchSize: 100 } }, consumer(20)],
      [
        ['producer', 'stream'],
        ['stream', 'fn'],
      ],
      60,
    );
    expect((s.nodes.stream as Record<string, number>).maxIteratorAgeMs).toBeLessThan(1500);
  });
});

describe('Kinesis prices', () => {
  it('provisioned: shard-hours plus 25 KB PUT payload units', () => {
    const durationS = 3600;
    const s = run([producer(10), { id: 'stream', type: 'kinesis', config: { shards: 2, recordSizeKb: 30 } }], [['producer', 'stream']], durationS);
    const k = s.nodes.stream as Record<string, number>;
    const expected = 2 * PRICES.kinesis.perShardHour + k.puts * 2 * PRICES.kinesis.perPutUnit; // 30 KB = 2 units
    expect(k.costUsd).toBeCloseTo(expected, 6);
    expect(PRICES.kinesis.perShardHour).toBe(0.015);
  });

  it('on-demand: a stream-hour plus GB in (records rounded up to 1 KB) and GB read by the consumer', () => {
    const durationS = 3600;
    const s = run(
      [producer(10), { id: 'stream', type: 'kinesis', config: { capacityMode: 'onDemand', recordSizeKb: 1.5 } }, consumer(5)],
      [
        ['producer', 'stream'],
        ['stream', 'fn'],
      ],
      durationS,
    );
    const k = s.nodes.stream as Record<string, number>;
    const gb = (k.puts * 2) / 1_048_576;
    const expected = PRICES.kinesis.perStreamHour + gb * PRICES.kinesis.perGbIn + gb * PRICES.kinesis.perGbOut;
    expect(k.costUsd).toBeCloseTo(expected, 5);
  });
});

describe('Kinesis consumer errors: throttles before invocation, function errors during it', () => {
  // AWS, "Retain discarded batch records for a Kinesis Data Streams event source": a throttle
  // is retried until the records expire or pass the maximum age, and is not a retry attempt;
  // a function error uses one, unless bisection splits the batch (which consumes none).
  const streamOf = (s: Summary) => (s.nodes.stream as unknown as { streams: Record<string, Record<string, number>> }).streams.e2;
  const consumerRun = (stream: Record<string, unknown>, fn: Record<string, unknown>, durationS = 120, rps = 100) =>
    run(
      [
        producer(rps),
        { id: 'stream', type: 'kinesis', config: { shards: 1, batchSize: 8, ...stream } },
        { id: 'fn', type: 'lambda', config: { memoryMb: 1769, cpuBound: 0, handler: { distribution: 'constant', meanMs: 20 }, ...fn } },
      ],
      [
        ['producer', 'stream'],
        ['stream', 'fn'],
      ],
      durationS,
    );

  it('keeps retrying a throttled batch whatever MaximumRetryAttempts says; only the maximum record age discards it', () => {
    const throttled = consumerRun({ maxRetryAttempts: 1, maxRecordAgeS: -1, bisectOnError: true }, { reservedConcurrency: 0 });
    const st = streamOf(throttled);
    expect(st.failedBatches).toBeGreaterThan(50); // one throttled attempt a poll, for two minutes
    expect(st.discarded ?? 0).toBe(0); // before: discarded after the second throttle
    expect(st.splits ?? 0).toBe(0); // a throttle is not a function error: never bisected
    const aged = consumerRun({ maxRetryAttempts: 1, maxRecordAgeS: 60 }, { reservedConcurrency: 0 });
    expect(streamOf(aged).discarded).toBeGreaterThan(0);
  });

  it("gives up on a throttled batch when its records pass the stream's retention, and the shard moves on", () => {
    // Never invoked (reserved concurrency 0), no retry or age limit: retried until the records
    // expire, 24 h after they were written. A document runs at most 24 h, the least retention
    // Kinesis allows, so the run is lengthened past the check here to test the mechanism.
    const doc = makeDoc(
      [
        producer(1),
        { id: 'stream', type: 'kinesis', config: { shards: 1, batchSize: 8, maxRetryAttempts: -1, maxRecordAgeS: -1 } },
        { id: 'fn', type: 'lambda', config: { reservedConcurrency: 0 } },
      ],
      [
        ['producer', 'stream'],
        ['stream', 'fn'],
      ],
      { seed: 3, durationS: 86_400 },
    );
    doc.settings.durationS = 26 * 3600;
    const sim = new Simulation(doc);
    sim.runToEnd();
    const st = streamOf(sim.summary());
    expect(st.trimmed).toBeGreaterThan(3600); // before: 0, the first batch blocked the shard for ever
    expect(st.discarded ?? 0).toBe(0); // expired, not given up on by a limit
    // the iterator age stops near the retention instead of growing with the run (26 h)
    expect(st.maxIteratorAgeMs).toBeLessThan(24.1 * 3600 * 1000);
  });

  it("keeps a blocked batch's age when the shard's buffer is full (memory guard), so the maximum age still ends it", () => {
    // 1,000 records/s into one shard that never gets invoked: after ~1,049 s the shard holds
    // 2^20 records, its memory guard; the first batch must still be given up on at 1,100 s
    const s = consumerRun({ maxRetryAttempts: -1, maxRecordAgeS: 1100, batchSize: 100 }, { reservedConcurrency: 0 }, 1300, 1000);
    const st = streamOf(s);
    expect(st.discarded).toBeGreaterThan(0); // before: the batch's slot was overwritten and it looked young for ever
    expect(st.trimmed).toBeGreaterThan(0); // records refused while the buffer was full
  });

  it('splits a batch the function failed without using an attempt, down to the failing record', () => {
    // Every invocation fails and MaximumRetryAttempts is 0. With bisection a batch of 8 fails
    // as 8, is split into 4 + 4, then 2 + 2, then 1 + 1: 7 splits and 15 failed invocations,
    // and only each single record's failure uses its one attempt (8 records discarded).
    const b = streamOf(consumerRun({ maxRetryAttempts: 0, bisectOnError: true }, { errorRate: 1 }, 30));
    const done = b.batches - 1; // the last batch may still be splitting when the run ends
    expect(done).toBeGreaterThan(2);
    expect(b.splits).toBeGreaterThanOrEqual(7 * done);
    expect(b.splits).toBeLessThanOrEqual(7 * b.batches);
    expect(b.failedBatches).toBeGreaterThanOrEqual(15 * done);
    expect(b.failedBatches).toBeLessThanOrEqual(15 * b.batches);
    expect(b.discarded).toBeGreaterThanOrEqual(8 * done);
    // without bisection each batch fails once and is discarded whole
    const whole = streamOf(consumerRun({ maxRetryAttempts: 0, bisectOnError: false }, { errorRate: 1 }, 30));
    expect(whole.splits ?? 0).toBe(0);
    expect(whole.failedBatches).toBeGreaterThanOrEqual(whole.batches - 1);
    expect(whole.failedBatches).toBeLessThanOrEqual(whole.batches);
  });

  it('describes records skipped for their age in the on-failure destination, one message per batch they would have made', () => {
    // 100 records/s into one shard, read 10 at a time by a consumer taking 2 s a batch (5/s):
    // the backlog grows, and records older than 60 s are skipped before they are sent
    const s = run(
      [
        producer(100),
        { id: 'stream', type: 'kinesis', config: { shards: 1, batchSize: 10, maxRecordAgeS: 60 } },
        consumer(2000),
        { id: 'failed', type: 'sqs' },
      ],
      [
        ['producer', 'stream'],
        ['stream', 'fn'],
        ['stream', 'failed', 'onFailure'],
      ],
      180,
    );
    const st = streamOf(s);
    expect(st.discarded).toBeGreaterThan(1000);
    const described = (s.nodes.failed as Record<string, number>).sent;
    // one description per batch's worth of aged records, each run of them rounded up; a run is
    // found at a poll (180 here) or after a batch completes (the next read is back to back)
    expect(described).toBeGreaterThanOrEqual(st.discarded / 10);
    expect(described).toBeLessThanOrEqual(st.discarded / 10 + 180 + st.batches);
  });
});
