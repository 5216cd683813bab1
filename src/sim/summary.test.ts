/**
 * The summary's verdict fields on scenarios whose answer is known by hand: latency of what
 * succeeded (failures apart), the success share, and what an asynchronous caller waits for
 * against the time until its event is processed.
 */
import { describe, expect, it, vi } from 'vitest';
import { Simulation, runSimulation } from './simulation';
import { makeDoc, nodesOf } from './testing/docs';

vi.setConfig({ testTimeout: 60_000 });

const client = (id: string, rps: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'client',
  config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform', ...extra },
});
/** A handler that always takes `ms` (cpuBound 0: memory does not change it). */
const fn = (id: string, ms: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'lambda',
  config: { cpuBound: 0, handler: { distribution: 'constant', meanMs: ms }, ...extra },
});

/** Within the histogram's 0.8% of the true value. */
const near = (value: number, expected: number) => expect(Math.abs(value - expected)).toBeLessThanOrEqual(expected * 0.01);

describe('latency of what succeeded', () => {
  // "shop" → a function that takes 100 ms; "blocked" → a function with reserved concurrency 0,
  // so each of its requests is throttled at once (429 after 0 ms). 5 rps each for 60 s.
  const doc = () =>
    makeDoc(
      [client('shop', 5), fn('work', 100), client('blocked', 5), fn('closed', 100, { reservedConcurrency: 0 })],
      [
        ['shop', 'work'],
        ['blocked', 'closed'],
      ],
      { durationS: 60 },
    );

  it('latencyMs is the successful requests’ (100 ms), failedLatencyMs the throttled ones’ (0 ms)', () => {
    const s = runSimulation(doc());
    // 300 sent each; the last of "shop" (sent at 60 s) is still running when the run ends
    expect(s.requests.ok).toBe(299);
    expect(s.requests.throttled).toBe(300);
    expect(s.requests.total).toBe(599);
    expect(s.requests.successShare).toBeCloseTo(299 / 599, 6);
    // half of all requests took 0 ms: over every request p50 would sit between 0 and 100
    near(s.latencyMs.p50, 100);
    near(s.latencyMs.p95, 100);
    // the mean carries the cold starts' INIT: at least 100, at most 100 + 10 s cap each
    const cold = (s.nodes.work as unknown as { coldStarts: number }).coldStarts;
    expect(cold).toBeGreaterThan(0);
    expect(s.latencyMs.mean).toBeGreaterThanOrEqual(100);
    expect(s.latencyMs.mean).toBeLessThanOrEqual(100 + (cold * 10_000) / 300);
    expect(s.failedLatencyMs.p99).toBeLessThanOrEqual(0.001);
    expect(s.failedLatencyMs.max).toBe(0);
  });

  it('the mean-latency confidence interval is of successful requests too', () => {
    const s = runSimulation(doc());
    const c = s.confidence!;
    // warm after the first window: every batch's mean is 100 ms (over all requests it would be ~50)
    expect(c.meanLatencyMs.mean).toBeCloseTo(100, 0);
    expect(c.successShare!.mean).toBeCloseTo(0.5, 2);
    expect(c.throttleShare.mean).toBeCloseTo(0.5, 2);
    expect(c.timeoutShare!.mean).toBe(0);
  });

  it('every node entry carries its label (the id when it has none)', () => {
    const d = doc();
    d.nodes[0].label = 'Web shop';
    const s = runSimulation(d);
    expect(s.nodes.shop.label).toBe('Web shop');
    expect(s.nodes.work.label).toBe(d.nodes[1].label || 'work');
    for (const [id, n] of Object.entries(s.nodes)) expect(typeof n.label, id).toBe('string');
  });

  it('live totals: p99 of successes, the failures’ p50 apart', () => {
    const sim = new Simulation(doc());
    sim.runToEnd();
    const t = sim.totals();
    const s = sim.summary();
    expect(t.throttled).toBe(300);
    expect(t.p99Ms).toBeCloseTo(s.latencyMs.p99, 3);
    expect(t.p99Ms).toBeGreaterThanOrEqual(99);
    expect(t.failedP50Ms).toBeLessThanOrEqual(0.001);
    expect(t.acceptP99Ms).toBeUndefined();
  });

  it('a time-out is a failure: its latency (the 3 s timeout) goes to failedLatencyMs', () => {
    const s = runSimulation(makeDoc([client('u', 2), fn('slow', 5000, { timeoutMs: 3000 })], [['u', 'slow']], { durationS: 30 }));
    expect(s.requests.ok).toBe(0);
    expect(s.requests.timeouts).toBe(s.requests.total);
    expect(s.requests.successShare).toBe(0);
    expect(s.latencyMs.p99).toBe(0);
    // 3 s of handler time plus INIT on the cold ones
    expect(s.failedLatencyMs.p50).toBeGreaterThanOrEqual(3000 * 0.992);
  });
});

describe('asynchronous callers', () => {
  // 1 event a second for 100 s to a function that takes 200 ms: the caller waits for the
  // 202 (one hop: median 1 ms, p99 5 ms); the event is processed 200 ms after it was sent
  // (plus INIT on a cold start)
  const doc = (extra: Record<string, unknown> = {}) =>
    makeDoc(
      [client('jobs', 1, { invocation: 'async' }), fn('worker', 200, extra), { id: 'dlq', type: 'sqs' }],
      [
        ['jobs', 'worker'],
        ['worker', 'dlq', 'onFailure'],
      ],
      { durationS: 100 },
    );

  it('acceptLatencyMs is the 202, completionLatencyMs the time until processed', () => {
    const s = runSimulation(doc());
    const jobs = s.nodes.jobs as unknown as Record<'acceptLatencyMs' | 'completionLatencyMs', { mean: number; p50: number; p95: number; p99: number }> & {
      sent: number;
    };
    expect(jobs.sent).toBe(100);
    expect(jobs.acceptLatencyMs.p50).toBeGreaterThan(0.8);
    expect(jobs.acceptLatencyMs.p50).toBeLessThan(1.25);
    expect(jobs.acceptLatencyMs.p99).toBeLessThan(8);
    near(jobs.completionLatencyMs.p50, 200);
    expect(jobs.completionLatencyMs.mean).toBeGreaterThanOrEqual(200);
    // every event succeeded: the end-to-end latency is the completion time
    expect(s.requests.successShare).toBe(1);
    near(s.latencyMs.p50, 200);
  });

  it('an event that fails without retries (reserved 0) completes at once, at the destination; the caller still got its 202', () => {
    const s = runSimulation(doc({ reservedConcurrency: 0 }));
    const jobs = s.nodes.jobs as unknown as Record<'acceptLatencyMs' | 'completionLatencyMs', { p50: number; p99: number }>;
    expect((s.nodes.dlq as unknown as { sent: number }).sent).toBe(100);
    expect(s.requests.successShare).toBe(0);
    expect(jobs.completionLatencyMs.p99).toBeLessThanOrEqual(0.001);
    expect(jobs.acceptLatencyMs.p50).toBeGreaterThan(0.8);
    const sim = new Simulation(doc({ reservedConcurrency: 0 }));
    sim.runToEnd();
    expect(sim.totals().acceptP99Ms).toBeGreaterThan(1);
    expect(sim.totals().completionP99Ms).toBeLessThanOrEqual(0.001);
  });

  it('a synchronous client has neither field', () => {
    const s = runSimulation(makeDoc([client('u', 2), fn('f', 50)], [['u', 'f']], { durationS: 10 }));
    expect(nodesOf(s).u.acceptLatencyMs).toBeUndefined();
    expect(nodesOf(s).u.completionLatencyMs).toBeUndefined();
  });
});
