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
