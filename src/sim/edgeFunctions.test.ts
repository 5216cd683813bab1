/** Code at the edge: where each kind runs, what it adds to latency, what it costs and where it throttles. */
import { describe, expect, it } from 'vitest';
import { initQuantiles, restoreDocument } from '../model';
import { runSimulation } from '.';
import { makeDoc } from './testing/docs';
import { EDGE_PRICES, IDLE_MS, LambdaEdgePool, VIEWER_TIMEOUT_MS } from './services/edgeFunctions';
import { Rng } from './engine/rng';

const steady = (rps: number) => ({ id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform', readRatio: 1, keys: 10 } });

function edgeDoc(functions: Record<string, string>, edgeFunction: Record<string, unknown> = {}, rps = 50, durationS = 60) {
  return makeDoc(
    [steady(rps), { id: 'cdn', type: 'cloudfront', config: { cacheable: 1, cacheTtlS: 86_400, functions, edgeFunction } }, { id: 'site', type: 's3' }],
    [
      ['users', 'cdn'],
      ['cdn', 'site'],
    ],
    { durationS, seed: 3 },
  );
}

type EdgeSummary = {
  requests: number;
  hits: number;
  misses: number;
  costUsd: number;
  cloudfrontFunctionRuns?: number;
  lambdaEdge?: { invocations: number; coldStarts: number; throttled: number; timeouts: number };
};
const cdnOf = (r: ReturnType<typeof runSimulation>) => r.nodes.cdn as unknown as EdgeSummary;

describe('edge functions', () => {
  it('CloudFront Functions run on every viewer request and response, add their time and cost $0.10 per million', () => {
    const base = runSimulation(edgeDoc({}));
    const both = runSimulation(edgeDoc({ viewerRequest: 'cloudfrontFunction', viewerResponse: 'cloudfrontFunction' }, { cloudfrontFunctionMs: 0.5 }));
    const cdn = cdnOf(both);
    expect(cdn.cloudfrontFunctionRuns).toBe(2 * cdn.requests);
    expect(cdn.costUsd - cdnOf(base).costUsd).toBeCloseTo(cdn.cloudfrontFunctionRuns! * EDGE_PRICES.cloudfrontFunctionPerInvocation, 10);
    // same seed, same draws: every request is exactly 1 ms slower
    expect(both.latencyMs.mean - base.latencyMs.mean).toBeCloseTo(1, 3);
  });

  it('origin triggers run only on cache misses, viewer triggers on every request', () => {
    const origin = cdnOf(runSimulation(edgeDoc({ originRequest: 'lambdaEdge', originResponse: 'lambdaEdge' })));
    expect(origin.misses).toBeGreaterThan(0);
    expect(origin.misses).toBeLessThan(origin.requests / 100);
    expect(origin.lambdaEdge!.invocations).toBe(2 * origin.misses);
    const viewer = cdnOf(runSimulation(edgeDoc({ viewerRequest: 'lambdaEdge' })));
    expect(viewer.lambdaEdge!.invocations).toBe(viewer.requests);
  });

  it('Lambda@Edge bills $0.60 per million requests plus GB-seconds, INIT included', () => {
    const base = cdnOf(runSimulation(edgeDoc({})));
    const r = runSimulation(edgeDoc({ viewerRequest: 'lambdaEdge' }, { lambdaEdgeMs: 20 }, 50, 120));
    const cdn = cdnOf(r);
    const baseLonger = cdnOf(runSimulation(edgeDoc({}, {}, 50, 120)));
    const edgeCost = cdn.costUsd - baseLonger.costUsd;
    const n = cdn.lambdaEdge!.invocations;
    const requestPart = n * EDGE_PRICES.lambdaEdgePerRequest;
    // exponential handler, mean 20 ms, rounded up to whole ms: about 20.5 ms per run at 128 MB
    const durationPart = n * (20.5 / 1000) * (128 / 1024) * EDGE_PRICES.lambdaEdgePerGbS;
    expect(edgeCost).toBeGreaterThan(requestPart);
    expect(Math.abs(edgeCost - requestPart - durationPart) / durationPart).toBeLessThan(0.1);
    expect(base.costUsd).toBeGreaterThan(0);
  });

  it('environments are reused while warm and reclaimed after the idle timeout', () => {
    // one request a second, 10 ms each: one environment serves them all
    const warm = cdnOf(runSimulation(edgeDoc({ viewerRequest: 'lambdaEdge' }, {}, 1, 120)));
    expect(warm.lambdaEdge!.coldStarts).toBe(1);
    // one request every 15 minutes: every one is cold (idle timeout 10 min)
    expect(IDLE_MS).toBe(600_000);
    const sparse = cdnOf(runSimulation(edgeDoc({ viewerRequest: 'lambdaEdge' }, {}, 1 / 900, 3600)));
    expect(sparse.lambdaEdge!.invocations).toBeGreaterThanOrEqual(3);
    expect(sparse.lambdaEdge!.coldStarts).toBe(sparse.lambdaEdge!.invocations);
  });

  it('Lambda@Edge INIT follows the measured lambda-perf percentiles Lambda uses (§1.5, .zip x86_64)', () => {
    // all at one instant with room for every run: each is a cold start
    const pool = new LambdaEdgePool(new Rng(4, 'edge-init'));
    const n = 20_000;
    const inits = Float64Array.from({ length: n }, () => pool.run(0, 'nodejs22.x', 128, 10, n, VIEWER_TIMEOUT_MS).initMs).sort();
    expect(pool.coldStarts).toBe(n);
    const q = initQuantiles('nodejs22.x', 'zip', 'x86_64')!;
    expect(q.p50).toBeCloseTo(144.8, 1); // §1.5's Node.js 22 row
    expect(Math.abs(inits[n / 2] / q.p50 - 1)).toBeLessThan(0.02);
    expect(Math.abs(inits[Math.floor(n * 0.99)] / q.p99 - 1)).toBeLessThan(0.05);
  });

  it('an environment whose run timed out is reset, as Lambda resets one (§1.4): the next run is a cold start', () => {
    // one run every 10 s, well inside the idle lifetime, on one environment at a time
    const runs = (handlerMeanMs: number) => {
      const pool = new LambdaEdgePool(new Rng(1, 'edge-reset'));
      for (let i = 0; i < 20; i++) pool.run(i * 10_000, 'nodejs22.x', 128, handlerMeanMs, 1, VIEWER_TIMEOUT_MS);
      return pool;
    };
    const quick = runs(5);
    expect(quick.timeouts).toBe(0);
    expect(quick.coldStarts).toBe(1);
    const stuck = runs(1e9); // every run passes the 5 s viewer limit
    expect(stuck.timeouts).toBe(20);
    expect(stuck.throttles).toBe(0);
    expect(stuck.coldStarts).toBe(20);
  });

  it('past its concurrency CloudFront answers 503 (a throttle); Little’s law sets how many environments are needed', () => {
    // 500 rps × 50 ms = 25 busy on average: a limit of 10 throttles, 1,000 does not
    const tight = runSimulation(edgeDoc({ viewerRequest: 'lambdaEdge' }, { lambdaEdgeMs: 50, lambdaEdgeConcurrency: 10 }, 500, 30));
    expect(cdnOf(tight).lambdaEdge!.throttled).toBeGreaterThan(0);
    // every throttle the client saw is a Lambda@Edge 503 (a few were still on their way back at the end)
    const inFlight =
      tight.requests.total -
      (tight.nodes.users as unknown as { completed: number }).completed +
      ((tight.nodes.users as unknown as { sent: number }).sent - tight.requests.total);
    expect(tight.requests.throttled).toBeLessThanOrEqual(cdnOf(tight).lambdaEdge!.throttled);
    expect(tight.requests.throttled).toBeGreaterThanOrEqual(cdnOf(tight).lambdaEdge!.throttled - inFlight);
    const roomy = runSimulation(edgeDoc({ viewerRequest: 'lambdaEdge' }, { lambdaEdgeMs: 50, lambdaEdgeConcurrency: 1000 }, 500, 30));
    expect(cdnOf(roomy).lambdaEdge!.throttled).toBe(0);
  });

  it('viewer triggers refuse Lambda@Edge over 128 MB; origin triggers allow it', () => {
    const raw = (functions: Record<string, string>) => ({
      format: 'serverless-sandbox',
      version: 1,
      name: 't',
      settings: {},
      nodes: [{ id: 'cdn', type: 'cloudfront', config: { functions, edgeFunction: { lambdaEdgeMemoryMb: 512 } } }],
      edges: [],
    });
    const viewer = restoreDocument(raw({ viewerRequest: 'lambdaEdge' }));
    expect(viewer.ok).toBe(false);
    if (!viewer.ok) expect(viewer.errors.join('\n')).toMatch(/at most 128 MB/);
    expect(restoreDocument(raw({ originRequest: 'lambdaEdge' })).ok).toBe(true);
    // CloudFront Functions cannot sit on origin triggers: the option does not exist
    expect(restoreDocument(raw({ originRequest: 'cloudfrontFunction' })).ok).toBe(false);
  });
});
