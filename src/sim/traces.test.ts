/** Traces of single requests: they change no other number, stay bounded and tell the truth about each hop. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '.';
import { makeDoc } from './testing/docs';
import { MAX_SPANS, NOTABLE_TRACES, SAMPLE_TRACES } from './metrics/traces';
import type { RequestTrace } from './api';

const steady = (rps: number) => ({ id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps } } });

/** Users → API → function (reserved concurrency 20, so some requests throttle) → table. */
function stack(durationS = 60) {
  return makeDoc(
    [
      steady(400),
      { id: 'api', type: 'apiGateway' },
      { id: 'fn', type: 'lambda', config: { reservedConcurrency: 20, handler: { distribution: 'lognormal', meanMs: 40, p99Ms: 200 } } },
      { id: 'table', type: 'dynamodb' },
    ],
    [
      ['users', 'api'],
      ['api', 'fn'],
      ['fn', 'table'],
    ],
    { durationS },
  );
}

function run(doc = stack()): { sim: Simulation; traces: RequestTrace[] } {
  const sim = new Simulation(doc, { seed: 11 });
  sim.runToEnd();
  return { sim, traces: sim.traces() };
}

describe('request traces', () => {
  it('change no other number: the summary is the same with and without them', () => {
    const doc = stack(30);
    const withTraces = new Simulation(doc, { seed: 5, traces: true });
    withTraces.runToEnd();
    const without = new Simulation(doc, { seed: 5, traces: false });
    without.runToEnd();
    expect(withTraces.traces().length).toBeGreaterThan(0);
    expect(without.traces()).toEqual([]);
    expect(withTraces.summary()).toEqual(without.summary());
  });

  it('keep the notable requests: throttled ones, cold starts and the slowest', () => {
    const { sim, traces } = run();
    const summary = sim.summary();
    expect(summary.requests.throttled).toBeGreaterThan(0);
    const throttled = traces.filter((t) => t.reasons.includes('throttled'));
    expect(throttled.length).toBeGreaterThan(0);
    for (const t of throttled) {
      expect(t.outcome).toBe('throttled');
      const fnHop = t.hops.find((h) => h.nodeId === 'fn');
      expect(fnHop?.outcome).toBe('throttled');
      expect(fnHop?.notes.join(' ')).toMatch(/reserved concurrency reached/);
      // the throttled request never reached the table
      expect(t.hops.some((h) => h.nodeId === 'table')).toBe(false);
    }
    const cold = traces.filter((t) => t.reasons.includes('coldStart'));
    expect(cold.length).toBeGreaterThan(0);
    for (const t of cold) expect(t.hops.some((h) => h.notes.some((n) => /^cold start, \d+ ms init$/.test(n)))).toBe(true);
    // the slowest are at least as slow as every other successful request kept
    const slowest = traces.filter((t) => t.reasons.includes('slowest'));
    expect(slowest.length).toBe(NOTABLE_TRACES);
    const fastestSlow = Math.min(...slowest.map((t) => t.latencyMs));
    for (const t of traces) if (t.outcome === 'ok' && !t.reasons.includes('slowest')) expect(t.latencyMs).toBeLessThanOrEqual(fastestSlow);
  });

  it('nest every hop inside the hop that made it, and the first hop spans the whole request', () => {
    const { traces } = run();
    const ok = traces.filter((t) => t.outcome === 'ok');
    expect(ok.length).toBeGreaterThan(10);
    for (const t of ok) {
      expect(t.hops[0].parent).toBe(-1);
      expect(t.hops[0].nodeId).toBe('api');
      expect(t.hops[0].durationMs).toBeCloseTo(t.latencyMs, 6);
      expect(t.hops.map((h) => h.nodeId)).toEqual(expect.arrayContaining(['api', 'fn', 'table']));
      for (const h of t.hops.slice(1)) {
        const p = t.hops[h.parent];
        expect(h.parent).toBeLessThan(t.hops.indexOf(h));
        expect(h.startMs).toBeGreaterThanOrEqual(p.startMs);
        expect(h.startMs + (h.durationMs ?? 0)).toBeLessThanOrEqual(p.startMs + (p.durationMs ?? Infinity) + 0.01);
      }
    }
  });

  it('stay bounded on a long, busy run', () => {
    const { traces } = run(stack(600));
    expect(traces.length).toBeLessThanOrEqual(SAMPLE_TRACES + 5 * NOTABLE_TRACES);
    for (const t of traces) expect(t.hops.length).toBeLessThanOrEqual(MAX_SPANS);
    // the uniform sample covers the run, not only its start
    const sample = traces.filter((t) => t.reasons.includes('sample'));
    expect(sample.length).toBe(SAMPLE_TRACES);
    expect(Math.max(...sample.map((t) => t.sentAtMs))).toBeGreaterThan(300_000);
    expect(Math.min(...sample.map((t) => t.sentAtMs))).toBeLessThan(300_000);
  });

  it('record SDK retries against a throttling table and cache hits at DAX', () => {
    const doc = makeDoc(
      [
        steady(200),
        { id: 'fn', type: 'lambda' },
        { id: 'cache', type: 'dax' },
        { id: 'table', type: 'dynamodb', config: { capacityMode: 'provisioned', readCapacityUnits: 5, writeCapacityUnits: 5 } },
      ],
      [
        ['users', 'fn'],
        ['fn', 'cache'],
        ['cache', 'table'],
      ],
      { durationS: 60 },
    );
    const sim = new Simulation(doc, { seed: 3 });
    sim.runToEnd();
    const notes = sim.traces().flatMap((t) => t.hops.flatMap((h) => h.notes));
    expect(notes).toContain('cache hit');
    expect(notes).toContain('cache miss');
    expect(notes.some((n) => /^throttled; SDK retry \d after \d+ ms back-off$/.test(n))).toBe(true);
  });
});

describe('traces through queues and streams', () => {
  const producer = { id: 'fn', type: 'lambda', config: { handler: { distribution: 'constant', meanMs: 10 } } };

  /** The hops of a trace that continue after a hop at `via`: the batch (at `via`) and what it invoked. */
  function batchHops(t: RequestTrace, via: string) {
    return t.hops.filter((h) => h.nodeId === via && h.parent >= 0 && t.hops[h.parent].nodeId === via);
  }

  function sqsDoc(workerErrorRate = 0, withDlq = false) {
    return makeDoc(
      [
        steady(50),
        producer,
        { id: 'queue', type: 'sqs', config: { batchSize: 10, maxBatchingWindowS: 1, visibilityTimeoutS: 2, maxReceiveCount: 3 } },
        { id: 'worker', type: 'lambda', config: { errorRate: workerErrorRate, handler: { distribution: 'constant', meanMs: 30 } } },
        ...(withDlq ? [{ id: 'dlq', type: 'sqs' }] : []),
      ],
      [['users', 'fn'], ['fn', 'queue'], ['queue', 'worker'], ...(withDlq ? ([['queue', 'dlq', 'dlq']] as [string, string, string][]) : [])],
      { durationS: 30 },
    );
  }

  it('go on from a send into the consumer’s batch: its wait in the queue, the batch, the invocation and its outcome', () => {
    const sim = new Simulation(sqsDoc(), { seed: 4 });
    sim.runToEnd();
    const traces = sim.traces();
    const through = traces.filter((t) => batchHops(t, 'queue').length > 0);
    expect(through.length).toBeGreaterThan(traces.length / 2);
    // a batch with several traced messages: one trace carries the invocation, the others say so
    const shared = through.filter((t) => !t.hops.some((h) => h.nodeId === 'worker'));
    for (const t of shared)
      expect(batchHops(t, 'queue')[0].notes).toContain("in a batch with another traced request's message; the invocation is in that trace");
    for (const t of through.filter((x) => !shared.includes(x))) {
      const [batch] = batchHops(t, 'queue');
      const send = t.hops[batch.parent];
      const i = t.hops.indexOf(batch);
      const invoke = t.hops.find((h) => h.parent === i);
      // the message became visible when the send was accepted, and waited up to the 1 s batching window
      expect(batch.startMs).toBeGreaterThanOrEqual(send.startMs);
      expect(batch.notes[0]).toMatch(/^waited \d+ ms in the queue$/);
      expect(batch.notes).toContainEqual(expect.stringMatching(/^batch of \d+ messages? to <worker>$/));
      expect(batch.outcome).toBe('ok');
      expect(invoke?.nodeId).toBe('worker');
      expect(invoke?.outcome).toBe('ok');
      expect(invoke!.startMs).toBeGreaterThanOrEqual(batch.startMs);
      expect(invoke!.startMs - batch.startMs).toBeLessThanOrEqual(1_000 + 1);
      // the batch ends when its invocation does (then the messages are deleted)
      expect(batch.startMs + batch.durationMs!).toBeCloseTo(invoke!.startMs + invoke!.durationMs!, 2);
      // the request itself was answered before its message was processed
      expect(invoke!.startMs).toBeGreaterThan(t.latencyMs - 1e-9);
    }
  });

  it('show each receive of a failing message, its retry after the visibility timeout, and the move to the DLQ', () => {
    const sim = new Simulation(sqsDoc(1, true), { seed: 4 });
    sim.runToEnd();
    const t = sim.traces().find((x) => batchHops(x, 'queue').length === 3 && x.hops.some((h) => h.nodeId === 'dlq'));
    expect(t, 'a trace with all three receives').toBeDefined();
    const batches = batchHops(t!, 'queue');
    expect(batches.map((b) => b.outcome)).toEqual(['error', 'error', 'error']);
    expect(batches[1].notes[0]).toMatch(/receive 2 \(a retry after the visibility timeout\)$/);
    expect(batches[2].notes[0]).toMatch(/receive 3 /);
    // each receive comes back no sooner than the 2 s visibility timeout after the last
    // (the sandbox raises a visibility timeout below the function's 3 s timeout to it)
    expect(batches[1].startMs - batches[0].startMs).toBeGreaterThanOrEqual(3_000 - 1e-6);
    for (const b of batches) expect(b.notes.join(' ')).toMatch(/failed: its messages return after the 3 s visibility timeout/);
    const last = t!.hops.indexOf(batches[2]);
    expect(t!.hops.filter((h) => h.nodeId === 'dlq').map((h) => h.parent)).toEqual([last]);
  });

  it('go on from a table write into the stream consumer’s batch, and show a stream batch’s retries', () => {
    const doc = (errorRate: number, rps = 40) =>
      makeDoc(
        [
          steady(rps),
          producer,
          { id: 'table', type: 'dynamodb', config: { stream: { enabled: true, batchSize: 20 } } },
          { id: 'consumer', type: 'lambda', config: { errorRate, handler: { distribution: 'constant', meanMs: 20 } } },
        ],
        [
          ['users', 'fn'],
          ['fn', 'table'],
          ['table', 'consumer', 'stream'],
        ],
        { durationS: 20 },
      );
    const ok = new Simulation(doc(0), { seed: 2 });
    ok.runToEnd();
    const through = ok.traces().filter((t) => batchHops(t, 'table').length > 0);
    expect(through.length).toBeGreaterThan(0);
    for (const t of through) {
      const [batch] = batchHops(t, 'table');
      expect(batch.notes[0]).toMatch(/^waited \d+ ms in shard 1 \(iterator age\); batch of \d+ records?( to <consumer>|.*the invocation is in that trace)$/);
      if (!t.hops.some((h) => h.nodeId === 'consumer')) continue;
      // the hop starts when the write committed; the wait it tells is the time to the invocation
      const write = t.hops[batch.parent];
      expect(batch.startMs).toBeGreaterThanOrEqual(write.startMs);
      const invoke = t.hops.find((h) => h.parent === t.hops.indexOf(batch));
      expect(invoke?.nodeId).toBe('consumer');
      const waited = Number(/^waited (\d+) ms/.exec(batch.notes[0])![1]);
      expect(Math.abs(invoke!.startMs - batch.startMs - waited)).toBeLessThanOrEqual(1);
      expect(batch.outcome).toBe('ok');
    }
    // a consumer that always fails: the batch is retried at each poll, every attempt a hop under the batch.
    // The shard is stuck on its first batch, so only requests written before the first poll show it;
    // at 1 rps every request is traced, and all are kept while they are no more than the reservoir holds
    const failing = new Simulation(doc(1, 1), { seed: 2 });
    failing.runToEnd();
    expect((failing.summary().nodes.users as unknown as { sent: number }).sent).toBeLessThanOrEqual(SAMPLE_TRACES);
    const retried = failing.traces().flatMap((t) => batchHops(t, 'table').map((b) => ({ t, b })));
    expect(retried.length).toBeGreaterThan(0);
    const { t, b } = retried[0];
    const attempts = t.hops.filter((h) => h.parent === t.hops.indexOf(b));
    // every attempt failed, but the last one may still be running when the run ends
    const ended = attempts.filter((a) => a.outcome !== null);
    expect(ended.length).toBeGreaterThan(1);
    expect(attempts.length - ended.length).toBeLessThanOrEqual(1);
    if (ended.length < attempts.length) expect(attempts.at(-1)!.outcome).toBeNull();
    for (const a of ended) expect(a.outcome).toBe('error');
    expect(b.notes).toContain('retry 1 of the batch (the shard waited)');
    expect(b.notes).toContain('attempt 1 failed');
  });

  it('change no other number when they go through queues and streams', () => {
    for (const doc of [sqsDoc(0.3, true)]) {
      const a = new Simulation(doc, { seed: 9, traces: true });
      a.runToEnd();
      const b = new Simulation(doc, { seed: 9, traces: false });
      b.runToEnd();
      expect(a.traces().some((t) => batchHops(t, 'queue').length > 0)).toBe(true);
      expect(a.summary()).toEqual(b.summary());
    }
  });
});
