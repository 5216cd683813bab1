/** Behaviours a lesson relies on: determinism, retries and DLQs, limits, faults, mid-run changes, bounded frames. */
import { describe, expect, it, vi } from 'vitest';
import { defaultScenario } from '../model';
import { Simulation, runSimulation } from './simulation';
import { liveAs, makeDoc, nodesOf } from './testing/docs';

// simulations take seconds on a busy 2-core machine; the default 5 s is too tight
vi.setConfig({ testTimeout: 60_000 });

const steady = (rps: number, extra: Record<string, unknown> = {}) => ({
  id: 'users',
  type: 'client',
  config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform', ...extra },
});
const lambda = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'lambda',
  config: { handler: { distribution: 'constant', meanMs: 50 }, ...extra },
});

describe('determinism', () => {
  const doc = () => {
    const d = defaultScenario();
    d.settings.durationS = 60;
    return d;
  };
  it('the same seed gives a byte-identical summary', () => {
    expect(JSON.stringify(runSimulation(doc()))).toBe(JSON.stringify(runSimulation(doc())));
  });
  it('a different seed gives a different one', () => {
    expect(JSON.stringify(runSimulation(doc(), { seed: 1 }))).not.toBe(JSON.stringify(runSimulation(doc(), { seed: 2 })));
  });
  it('lean mode (the CLI) gives the same summary', () => {
    expect(JSON.stringify(runSimulation(doc(), { lean: true }))).toBe(JSON.stringify(runSimulation(doc())));
  });
  it('slices do not change the result', () => {
    const whole = runSimulation(doc());
    const sim = new Simulation(doc(), { particles: true });
    for (let t = 0; t <= 60_000; t += 777) {
      sim.advance(t);
      sim.takeFrame();
    }
    sim.runToEnd();
    expect(JSON.stringify(sim.summary())).toBe(JSON.stringify(whole));
  });
});

describe('Lambda asynchronous invocation', () => {
  const burst = {
    id: 'users',
    type: 'client',
    config: { invocation: 'async', arrivals: 'uniform', traffic: { shape: 'spike', baseRps: 0, peakRps: 1, atS: 0, lengthS: 100 } },
  };

  it('retries a failing event twice (~1 min, ~2 min), then sends it to the on-failure destination', () => {
    const doc = makeDoc(
      [burst, lambda('fn', { errorRate: 1 }), { id: 'failed', type: 'sqs' }],
      [
        ['users', 'fn'],
        ['fn', 'failed', 'onFailure'],
      ],
      { durationS: 600 },
    );
    const s = runSimulation(doc);
    expect(nodesOf(s).users.sent).toBe(100);
    expect(nodesOf(s).fn.invocations).toBe(300);
    expect(nodesOf(s).fn.asyncRetries).toBe(200);
    expect(nodesOf(s).failed.sent).toBe(100);
    expect(s.requests.errors).toBe(100);
    // each event's final fate came ~3 minutes after it was sent; none succeeded, so that
    // time is the failed requests' latency (latencyMs covers successful requests only)
    expect(s.failedLatencyMs.mean).toBeGreaterThan(170_000);
    expect(s.latencyMs.mean).toBe(0);
    expect((nodesOf(s).users.completionLatencyMs as { mean: number }).mean).toBeGreaterThan(170_000);
    // while the caller itself only waited for the 202
    expect((nodesOf(s).users.acceptLatencyMs as { p99: number }).p99).toBeLessThan(10);
  });

  it('with reserved concurrency 0, events go straight to failure without retries', () => {
    const doc = makeDoc(
      [burst, lambda('fn', { reservedConcurrency: 0 }), { id: 'failed', type: 'sqs' }],
      [
        ['users', 'fn'],
        ['fn', 'failed', 'onFailure'],
      ],
      { durationS: 200 },
    );
    const s = runSimulation(doc);
    expect(nodesOf(s).fn.invocations).toBe(0);
    expect(nodesOf(s).failed.sent).toBe(100);
    expect(s.requests.throttled).toBe(100);
  });

  it('throttled events wait and retry with backoff instead of failing', () => {
    const fast = {
      id: 'users',
      type: 'client',
      config: { invocation: 'async', arrivals: 'uniform', traffic: { shape: 'spike', baseRps: 0, peakRps: 20, atS: 0, lengthS: 5 } },
    };
    const doc = makeDoc([fast, lambda('fn', { reservedConcurrency: 1, handler: { distribution: 'constant', meanMs: 100 } })], [['users', 'fn']], {
      durationS: 1800,
    });
    const s = runSimulation(doc);
    expect(nodesOf(s).fn.throttles).toBeGreaterThan(50);
    expect(s.requests.ok).toBe(100); // every event eventually ran
  });
});

describe('SQS', () => {
  it('moves messages to the DLQ after maxReceiveCount receives', () => {
    const doc = makeDoc(
      [
        { id: 'users', type: 'client', config: { arrivals: 'uniform', traffic: { shape: 'spike', baseRps: 0, peakRps: 5, atS: 0, lengthS: 10 } } },
        lambda('producer'),
        { id: 'queue', type: 'sqs', config: { maxReceiveCount: 3, visibilityTimeoutS: 2, batchSize: 1 } },
        lambda('worker', { errorRate: 1, timeoutMs: 1000 }), // AWS needs visibility ≥ the function timeout
        { id: 'dlq', type: 'sqs' },
      ],
      [
        ['users', 'producer'],
        ['producer', 'queue'],
        ['queue', 'worker'],
        ['queue', 'dlq', 'dlq'],
      ],
      { durationS: 60 },
    );
    const sim = new Simulation(doc);
    sim.runToEnd();
    const s = sim.summary();
    expect(nodesOf(s).queue.sent).toBe(50);
    expect(nodesOf(s).queue.toDlq).toBe(50);
    expect(nodesOf(s).worker.invocations).toBe(150);
    expect(nodesOf(s).dlq.sent).toBe(50);
  });

  it('absorbs a spike: the queue grows, then drains', () => {
    const doc = makeDoc(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'spike', baseRps: 10, peakRps: 1000, atS: 10, lengthS: 10 } } },
        lambda('producer', { handler: { distribution: 'constant', meanMs: 5 } }),
        { id: 'queue', type: 'sqs', config: { maxConcurrency: 10 } },
        lambda('worker', { reservedConcurrency: 10, handler: { distribution: 'constant', meanMs: 100 } }),
      ],
      [
        ['users', 'producer'],
        ['producer', 'queue'],
        ['queue', 'worker'],
      ],
      { durationS: 200 },
    );
    const sim = new Simulation(doc);
    sim.runToEnd();
    const s = sim.summary();
    expect(nodesOf(s).queue.maxDepth).toBeGreaterThan(1000);
    expect(nodesOf(s).queue.depthAtEnd).toBeLessThan(50);
    expect(nodesOf(s).worker.throttles).toBe(0);
  });
});

describe('DynamoDB Streams', () => {
  const doc = (consumer: Record<string, unknown>) =>
    makeDoc(
      [
        steady(50, { readRatio: 0 }),
        lambda('fn', { provisionedConcurrency: 10 }),
        { id: 'table', type: 'dynamodb', config: { stream: { enabled: true, shards: 2, batchSize: 100, maxBatchingWindowS: 1 } } },
        lambda('consumer', consumer),
      ],
      [
        ['users', 'fn'],
        ['fn', 'table'],
        ['table', 'consumer', 'stream'],
      ],
      { durationS: 60 },
    );

  it('turns every write into a record delivered in batches within about a second', () => {
    const s = runSimulation(doc({}));
    const table = s.nodes.table as unknown as Record<string, unknown> & {
      streams: Record<string, { batches: number; failedBatches: number; maxIteratorAgeMs: number }>;
    };
    const stream = table.streams.e3;
    expect(table.streamRecords).toBe(table.writes);
    // 25 writes a second per shard never fill a batch of 100, so the 1 s window starts each
    // batch: at most one per shard per second, and at least one per shard per 2 s (window
    // + a 250 ms poll gap + the handler, one batch in flight per shard)
    expect(stream.batches).toBeLessThanOrEqual(2 * 60);
    expect(stream.batches).toBeGreaterThanOrEqual(60);
    expect(stream.maxIteratorAgeMs).toBeLessThan(2500);
    expect(nodesOf(s).consumer.invocations).toBe(stream.batches);
  });

  it('a failing consumer blocks its shards: batches retry and the iterator age grows', () => {
    const sim = new Simulation(doc({ errorRate: 1 }));
    sim.runToEnd();
    const frame = sim.takeFrame();
    expect(liveAs(frame.nodes.table, 'dynamodb').iteratorAgeMs).toBeGreaterThan(55_000);
    const stream = (sim.summary().nodes.table as unknown as { streams: Record<string, { failedBatches: number }> }).streams.e3;
    expect(stream.failedBatches).toBeGreaterThan(100);
  });
});

describe('limits', () => {
  it('stops a synchronous Lambda → Lambda loop after 16 passes of the same function', () => {
    // long timeouts, so that the loop detection (not a timeout) ends each chain; a chain of
    // 32 cold starts takes ~4.6 s at the measured Node.js INIT, so 30 s lets most complete
    const doc = makeDoc(
      [steady(5), lambda('a', { timeoutMs: 60_000 }), lambda('b', { timeoutMs: 60_000 })],
      [
        ['users', 'a'],
        ['a', 'b'],
        ['b', 'a'],
      ],
      { durationS: 30 },
    );
    const s = runSimulation(doc);
    expect(s.requests.total).toBeGreaterThan(60);
    expect(s.requests.errors).toBe(s.requests.total);
    // each function runs at most 16 times per request (AWS counts passes per function), a's 17th is refused
    expect(nodesOf(s).a.invocations as number).toBeLessThanOrEqual(16 * (nodesOf(s).users.sent as number));
    expect(nodesOf(s).b.invocations as number).toBeLessThanOrEqual(16 * (nodesOf(s).users.sent as number));
    // (a few chains end earlier, throttled while scaling: cold starts take the 1,000-token bucket)
    expect(nodesOf(s).a.recursionStopped as number).toBeGreaterThan(0.7 * s.requests.total);
    expect(nodesOf(s).a.recursionStopped as number).toBeLessThanOrEqual(s.requests.total);
  });

  it('stops a Lambda → SQS → Lambda loop too', () => {
    const doc = makeDoc(
      [steady(2), lambda('a'), { id: 'q', type: 'sqs', config: { batchSize: 1 } }, lambda('b')],
      [
        ['users', 'a'],
        ['a', 'q'],
        ['q', 'b'],
        ['b', 'q'],
      ],
      { durationS: 60 },
    );
    const s = runSimulation(doc);
    // each request's message goes round b → q → b until b has run 16 times in the chain; the
    // stopped events are not errors (nor invocations)
    expect(nodesOf(s).b.recursionStopped as number).toBeGreaterThan(0);
    expect(nodesOf(s).b.errors).toBe(0);
    expect(nodesOf(s).b.invocations as number).toBeLessThanOrEqual(16 * (nodesOf(s).users.sent as number));
  });

  it('one function can starve another in the shared account pool; reserving concurrency protects it', () => {
    const run = (reserved: number | null) =>
      runSimulation(
        makeDoc(
          [
            { id: 'big', type: 'client', config: { traffic: { shape: 'constant', rps: 500 } } },
            { id: 'small', type: 'client', config: { traffic: { shape: 'constant', rps: 5 } } },
            lambda('greedy', { handler: { distribution: 'constant', meanMs: 1000 } }),
            lambda('quiet', { reservedConcurrency: reserved }),
          ],
          [
            ['big', 'greedy'],
            ['small', 'quiet'],
          ],
          { durationS: 30, accountConcurrency: 200 },
        ),
      );
    expect(nodesOf(run(null)).quiet.throttles).toBeGreaterThan(20);
    expect(nodesOf(run(20)).quiet.throttles).toBe(0);
  });

  it('API Gateway answers 500 when the Lambda behind it is throttled', () => {
    const doc = makeDoc(
      [steady(100), { id: 'api', type: 'apiGateway' }, lambda('fn', { reservedConcurrency: 2, handler: { distribution: 'constant', meanMs: 100 } })],
      [
        ['users', 'api'],
        ['api', 'fn'],
      ],
      { durationS: 10 },
    );
    const s = runSimulation(doc);
    expect(nodesOf(s).api.lambdaThrottled500).toBeGreaterThan(500);
    // every throttle the clients saw was a 500 from the gateway (one may still be on its way back at the end)
    expect(s.requests.throttled).toBeLessThanOrEqual(nodesOf(s).api.lambdaThrottled500 as number);
    expect(s.requests.throttled).toBeGreaterThanOrEqual((nodesOf(s).api.lambdaThrottled500 as number) - 2);
  });

  it('API Gateway times out slow integrations with 504', () => {
    const doc = makeDoc(
      [
        steady(10),
        { id: 'api', type: 'apiGateway', config: { timeoutMs: 1000 } },
        lambda('fn', { timeoutMs: 5000, handler: { distribution: 'constant', meanMs: 2000 } }),
      ],
      [
        ['users', 'api'],
        ['api', 'fn'],
      ],
      { durationS: 20 },
    );
    const s = runSimulation(doc);
    expect(s.requests.timeouts).toBe(s.requests.total);
    expect(s.latencyMs.max).toBeLessThan(1100);
  });

  it('provisioned DynamoDB throttles above its capacity once the burst is spent; the SDK retries', () => {
    const doc = makeDoc(
      [
        steady(100, { readRatio: 0 }),
        lambda('fn', { provisionedConcurrency: 20 }),
        { id: 'table', type: 'dynamodb', config: { capacityMode: 'provisioned', writeCapacityUnits: 20 } },
      ],
      [
        ['users', 'fn'],
        ['fn', 'table'],
      ],
      { durationS: 120 },
    );
    const s = runSimulation(doc);
    // burst: 300 s × 20 WCU = 6,000 units, spent at 80 a second after ~75 s
    expect(nodesOf(s).table.throttles).toBeGreaterThan(100);
    expect(nodesOf(s).table.sdkRetries).toBeGreaterThan(0);
    expect(s.requests.errors).toBeGreaterThan(0);
  });
});

describe('faults', () => {
  const doc = (faults: unknown[] = []) =>
    makeDoc(
      [steady(20), lambda('fn', { provisionedConcurrency: 5 }), { id: 'table', type: 'dynamodb' }],
      [
        ['users', 'fn'],
        ['fn', 'table'],
      ],
      { durationS: 40 },
      faults,
    );

  it('a scheduled "down" fault fails calls while it lasts and is logged', () => {
    const sim = new Simulation(doc([{ atS: 10, node: 'table', kind: 'down', lengthS: 10 }]));
    sim.advance(15_000);
    const frame = sim.takeFrame();
    expect(frame.nodes.table.fault).toBe('down');
    expect(frame.nodes.table.status).toBe('trouble');
    expect(frame.events.some((e) => e.kind === 'fault' && e.node === 'table')).toBe(true);
    sim.runToEnd();
    const h = sim.history();
    const errorsIn = (from: number, to: number) => h.filter((w) => w.tS > from && w.tS <= to).reduce((n, w) => n + w.requests.error, 0);
    expect(errorsIn(0, 10)).toBe(0);
    expect(errorsIn(11, 20)).toBeGreaterThan(100);
    expect(errorsIn(25, 40)).toBe(0);
  });

  it('injectFault and clearFaults act at once; latency and error faults show in the numbers', () => {
    const sim = new Simulation(doc());
    sim.advance(10_000);
    sim.injectFault({ kind: 'latency', atS: 0, node: 'table', lengthS: 0, addMs: 500 });
    sim.advance(20_000);
    const slow = sim.history().slice(-5);
    expect(slow.every((w) => w.latencyMs.p50 > 500)).toBe(true);
    sim.clearFaults('table');
    sim.injectFault({ kind: 'errors', atS: 0, node: 'fn', lengthS: 10, rate: 0.5 });
    sim.advance(30_000);
    const w = sim.history().slice(-8);
    const errors = w.reduce((n, x) => n + x.requests.error, 0);
    const total = w.reduce((n, x) => n + x.requests.ok + x.requests.error, 0);
    expect(errors / total).toBeGreaterThan(0.3);
    expect(errors / total).toBeLessThan(0.7);
  });

  it('a cache flush makes every key miss once', () => {
    const d = makeDoc(
      [
        steady(200, { readRatio: 1, keys: 100, zipfS: 0 }),
        lambda('fn', { provisionedConcurrency: 20 }),
        { id: 'cache', type: 'dax', config: { itemTtlS: 0 } },
        { id: 'table', type: 'dynamodb' },
      ],
      [
        ['users', 'fn'],
        ['fn', 'cache'],
        ['cache', 'table'],
      ],
      { durationS: 30 },
      [{ atS: 20, node: 'cache', kind: 'cacheFlush' }],
    );
    const sim = new Simulation(d);
    sim.runToEnd();
    const h = sim.history();
    expect(h[18].nodes.cache.hitRatio).toBe(1);
    expect(h[20].nodes.cache.hitRatio!).toBeLessThan(0.9);
  });
});

describe('mid-run changes and frames', () => {
  it('raising reserved concurrency mid-run stops the throttling', () => {
    const d = makeDoc([steady(100), lambda('fn', { reservedConcurrency: 2, handler: { distribution: 'constant', meanMs: 100 } })], [['users', 'fn']], {
      durationS: 40,
    });
    const sim = new Simulation(d);
    sim.advance(20_000);
    expect(sim.takeFrame().nodes.fn.status).toBe('trouble');
    const changed = structuredClone(d);
    (changed.nodes[1].config as { reservedConcurrency: number | null }).reservedConcurrency = 50;
    expect(sim.update(changed)).toBe(true);
    sim.runToEnd();
    const late = sim.history().slice(-10);
    expect(late.every((w) => w.requests.throttled === 0)).toBe(true);
  });

  it('lengthening the run after it ended carries on with traffic and windows', () => {
    const d = makeDoc([steady(10), lambda('fn')], [['users', 'fn']], { durationS: 10 });
    const sim = new Simulation(d);
    sim.runToEnd();
    expect(sim.done).toBe(true);
    const longer = structuredClone(d);
    longer.settings.durationS = 20;
    expect(sim.update(longer)).toBe(true);
    expect(sim.done).toBe(false);
    sim.runToEnd();
    const h = sim.history();
    expect(h.length).toBe(20);
    expect(h[15].requests.ok).toBeGreaterThan(5);
  });

  it('a changed graph shape is refused', () => {
    const d = makeDoc([steady(1), lambda('fn')], [['users', 'fn']]);
    const sim = new Simulation(d);
    const other = makeDoc(
      [steady(1), lambda('fn'), { id: 'table', type: 'dynamodb' }],
      [
        ['users', 'fn'],
        ['fn', 'table'],
      ],
    );
    expect(sim.update(other)).toBe(false);
  });

  it('frames stay bounded at high traffic', () => {
    const d = makeDoc(
      [steady(20_000), { id: 'api', type: 'apiGateway', config: { rateLimitRps: 10000 } }, lambda('fn', { handler: { distribution: 'constant', meanMs: 5 } })],
      [
        ['users', 'api'],
        ['api', 'fn'],
      ],
      { durationS: 5 },
    );
    const sim = new Simulation(d, { particles: true });
    sim.advance(2_000);
    const f = sim.takeFrame();
    expect(f.particles.length).toBeLessThanOrEqual(200);
    expect(new Set(f.particles.map((p) => p.edge)).size).toBe(2);
    expect(f.events.length).toBeLessThan(50);
    expect(f.windows.length).toBe(2);
  });

  it('a frame after a long slice carries at most 120 (merged) windows', () => {
    const d = makeDoc([steady(5), lambda('fn')], [['users', 'fn']], { durationS: 1000 });
    const sim = new Simulation(d);
    sim.advance(1_000_000);
    const f = sim.takeFrame();
    expect(f.windows.length).toBeLessThanOrEqual(120);
    expect(f.windows.reduce((n, w) => n + w.requests.ok, 0)).toBe(sim.summary().requests.ok);
  });

  it('history is down-sampled past 3,600 windows', () => {
    const d = makeDoc([steady(0.1), lambda('fn')], [['users', 'fn']], { durationS: 8000 });
    const sim = new Simulation(d);
    sim.runToEnd();
    const h = sim.history();
    expect(h.length).toBeLessThanOrEqual(3600);
    expect(h[h.length - 1].tS).toBe(8000);
  });
});
