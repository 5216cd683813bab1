/**
 * Who may call an API: IAM and Cognito/JWT checked by the gateway, a Lambda authorizer invoked
 * on result-cache misses, its failures answered 500, denials 403; the edge-optimized hop.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation } from '.';
import { makeDoc, nodesOf } from './testing/docs';
import { deniesCaller, lacksToken } from './services/apiGateway';

type ApiSummary = {
  requests: number;
  costUsd: number;
  authorizerCacheHits?: number;
  authorizerCacheMisses?: number;
  authorizerErrors500?: number;
  authorizerThrottled500?: number;
  authorizerDenied403?: number;
  unauthorized401?: number;
};
type FnSummary = { invocations: number; throttles: number; coldStarts: number; costUsd: number };

interface Opts {
  rps?: number;
  callers?: number;
  arrivals?: 'poisson' | 'uniform';
  authorizer?: Record<string, unknown>;
  authFn?: Record<string, unknown>;
  api?: Record<string, unknown>;
  durationS?: number;
  seed?: number;
}

function authDoc(o: Opts = {}) {
  return makeDoc(
    [
      {
        id: 'users',
        type: 'client',
        config: { traffic: { shape: 'constant', rps: o.rps ?? 50 }, arrivals: o.arrivals ?? 'poisson', callers: o.callers ?? 100 },
      },
      { id: 'api', type: 'apiGateway', config: { ...(o.api ?? {}), ...(o.authorizer ? { authorizer: o.authorizer } : {}) } },
      { id: 'orders', type: 'lambda', config: { handler: { distribution: 'constant', meanMs: 20 } } },
      { id: 'auth', type: 'lambda', config: { handler: { distribution: 'constant', meanMs: 5 }, ...(o.authFn ?? {}) } },
    ],
    [
      ['users', 'api'],
      ['api', 'orders'],
    ],
    { durationS: o.durationS ?? 600, seed: o.seed ?? 11 },
  );
}

const run = (o: Opts = {}) => {
  const r = runSimulation(authDoc(o));
  return { r, api: nodesOf(r).api as unknown as ApiSummary, auth: nodesOf(r).auth as unknown as FnSummary, orders: nodesOf(r).orders as unknown as FnSummary };
};

/**
 * Poisson arrivals at r rps, each from one of K callers at random: each caller's requests are
 * Poisson at λ = r/K. A miss caches the result for T s (ignoring the few ms the authorizer
 * takes); the next miss is the first request after it expires, on average 1/λ later
 * (memoryless). A cycle holds one miss and λT hits, so hit ratio = λT / (1 + λT) = rT / (rT + K).
 */
const expectedHitRatio = (rps: number, callers: number, ttlS: number) => (rps * ttlS) / (rps * ttlS + callers);

describe('Lambda authorizer', () => {
  it('derives an authorizer edge to the function from the setting', () => {
    const doc = authDoc({ authorizer: { type: 'lambda', function: 'auth' } });
    const edge = doc.edges.find((e) => e.kind === 'authorizer');
    expect(edge).toMatchObject({ source: 'api', target: 'auth' });
    expect(authDoc().edges.some((e) => e.kind === 'authorizer')).toBe(false);
  });

  it.each([
    [50, 100, 10],
    [50, 1000, 60],
    [20, 50, 5],
  ])('cache hit ratio follows rT/(rT+K) at %d rps, %d callers, TTL %d s', (rps, callers, ttl) => {
    const { r, api, auth } = run({ rps, callers, authorizer: { type: 'lambda', function: 'auth', cacheTtlS: ttl } });
    const hits = api.authorizerCacheHits!;
    const misses = api.authorizerCacheMisses!;
    // every request sent reached the API (the few still in flight at the end are not yet counted as requests)
    expect(hits + misses).toBe(nodesOf(r).users.sent);
    // every miss is one invocation of the authorizer, a hit none
    expect(auth.invocations).toBe(misses);
    // each caller's first request always misses: a run of D s holds D/(T + K/r) cycles per caller
    const expected = expectedHitRatio(rps, callers, ttl);
    expect(Math.abs(hits / api.requests - expected)).toBeLessThan(0.015);
  });

  it('TTL 0 invokes the authorizer on every request', () => {
    const { r, api, auth } = run({ durationS: 60, authorizer: { type: 'lambda', function: 'auth', cacheTtlS: 0 } });
    expect(api.authorizerCacheHits).toBe(0);
    expect(auth.invocations).toBe(nodesOf(r).users.sent);
  });

  it('a throttled authorizer answers 500 for the caller (counted as throttled), unbilled', () => {
    // one environment at a time, 200 ms each, 50 rps: most misses are throttled
    const { r, api, auth, orders } = run({
      durationS: 60,
      authorizer: { type: 'lambda', function: 'auth', cacheTtlS: 0 },
      authFn: { reservedConcurrency: 1, handler: { distribution: 'constant', meanMs: 200 } },
    });
    expect(auth.throttles).toBeGreaterThan(api.requests / 2);
    expect(api.authorizerThrottled500).toBe(auth.throttles);
    expect(api.authorizerErrors500).toBe(0);
    // every throttled answer reached its caller as a throttle, or is still on its way back when the run ends
    const users = nodesOf(r).users;
    const unanswered = (users.sent as number) - (users.completed as number);
    expect(unanswered).toBeLessThanOrEqual(50); // at most about a second of traffic is still on its way
    expect(users.throttled).toBeLessThanOrEqual(auth.throttles);
    expect(users.throttled).toBeGreaterThanOrEqual(auth.throttles - unanswered);
    // only authorized requests reach the integration (an authorizer call or two may still run at the end)
    expect(orders.invocations).toBeLessThanOrEqual((nodesOf(r).users.sent as number) - auth.throttles);
    expect(orders.invocations).toBeGreaterThanOrEqual((nodesOf(r).users.sent as number) - auth.throttles - 2);
  });

  it('a failing authorizer answers 500 and the request is not billed', () => {
    const { r, api, orders } = run({ durationS: 60, authorizer: { type: 'lambda', function: 'auth', cacheTtlS: 300 }, authFn: { errorRate: 1 } });
    expect(api.authorizerErrors500).toBe(api.requests);
    expect(nodesOf(r).users.errors).toBe(api.requests);
    expect(orders.invocations).toBe(0);
    expect(api.costUsd).toBe(0);
  });

  it('denies the same share of callers with 403, and caches the deny', () => {
    const callers = 1000;
    const { r, api, orders } = run({ callers, authorizer: { type: 'lambda', function: 'auth', cacheTtlS: 300, deniedShare: 0.2 } });
    let denied = 0;
    for (let i = 0; i < callers; i++) if (deniesCaller(i, 0.2)) denied++;
    expect(denied / callers).toBeGreaterThan(0.15);
    expect(denied / callers).toBeLessThan(0.25);
    const share = api.authorizerDenied403! / api.requests;
    expect(Math.abs(share - denied / callers)).toBeLessThan(0.02);
    expect(orders.invocations).toBe((nodesOf(r).users.sent as number) - api.authorizerDenied403!);
    expect(nodesOf(r).users.errors).toBe(api.authorizerDenied403);
  });

  it('adds the authorizer to the request path only on a miss: a long TTL cuts cold starts and cost', () => {
    const fnSlowInit = { initCodeMs: 400 };
    const short = run({ callers: 500, authorizer: { type: 'lambda', function: 'auth', cacheTtlS: 0 }, authFn: fnSlowInit });
    const long = run({ callers: 500, authorizer: { type: 'lambda', function: 'auth', cacheTtlS: 3600 }, authFn: fnSlowInit });
    expect(long.auth.invocations).toBeLessThan(short.auth.invocations / 10);
    expect(long.auth.costUsd).toBeLessThan(short.auth.costUsd / 5);
    expect(long.auth.coldStarts).toBeLessThanOrEqual(short.auth.coldStarts);
    expect(long.r.latencyMs.mean).toBeLessThan(short.r.latencyMs.mean);
  });
});

describe('a caller without a token: 401 from the gateway (§2.1)', () => {
  const callers = 1000;
  let missing = 0;
  for (let i = 0; i < callers; i++) if (lacksToken(i, 0.2)) missing++;

  it('the share of callers without a token is about the setting, and independent of the denied ones', () => {
    expect(missing / callers).toBeGreaterThan(0.15);
    expect(missing / callers).toBeLessThan(0.25);
    let both = 0;
    for (let i = 0; i < callers; i++) if (lacksToken(i, 0.2) && deniesCaller(i, 0.5)) both++;
    // independent: about 0.2 × 0.5 of the callers
    expect(both / callers).toBeGreaterThan(0.07);
    expect(both / callers).toBeLessThan(0.13);
  });

  it('Lambda authorizer: those callers get 401 without an invocation; the others hit the cache at rT/(rT+K) as before', () => {
    const ttl = 10;
    const { r, api, auth, orders } = run({ callers, authorizer: { type: 'lambda', function: 'auth', cacheTtlS: ttl, missingTokenShare: 0.2 } });
    const sent = nodesOf(r).users.sent as number;
    const unauthorized = api.unauthorized401!;
    expect(Math.abs(unauthorized / api.requests - missing / callers)).toBeLessThan(0.02);
    // the authorizer sees only the callers with a token: each request is a 401, a hit or a miss (an invocation)
    expect(unauthorized + api.authorizerCacheHits! + api.authorizerCacheMisses!).toBe(sent);
    expect(auth.invocations).toBe(api.authorizerCacheMisses);
    // only authorized requests reach the integration (an authorizer call or two may still run at the end)
    expect(orders.invocations).toBeLessThanOrEqual(sent - unauthorized);
    expect(orders.invocations).toBeGreaterThanOrEqual(sent - unauthorized - 2);
    expect(nodesOf(r).users.errors).toBe(unauthorized);
    // K' = K(1 − s) callers at r' = r(1 − s): r'T/(r'T + K') = rT/(rT + K)
    const hitRatio = api.authorizerCacheHits! / (api.authorizerCacheHits! + api.authorizerCacheMisses!);
    expect(Math.abs(hitRatio - expectedHitRatio(50, callers, ttl))).toBeLessThan(0.02);
    // unbilled: only the authorized requests
    const open = run({ callers, authorizer: { type: 'lambda', function: 'auth', cacheTtlS: ttl } });
    expect(api.costUsd / open.api.costUsd).toBeCloseTo(1 - unauthorized / api.requests, 1);
  });

  it('Cognito: those callers get 401 from the gateway', () => {
    const { r, api, orders } = run({ callers, authorizer: { type: 'cognito', missingTokenShare: 0.2 } });
    const sent = nodesOf(r).users.sent as number;
    expect(Math.abs(api.unauthorized401! / api.requests - missing / callers)).toBeLessThan(0.02);
    expect(orders.invocations).toBe(sent - api.unauthorized401!);
    expect(run({ callers, authorizer: { type: 'cognito' } }).api.unauthorized401).toBeUndefined();
  });
});

describe('IAM and Cognito authorizers', () => {
  it.each(['iam', 'cognito'])('%s is checked by the gateway: no Lambda invocation, no extra cost, a few ms', (type) => {
    const open = run({ durationS: 60 });
    const checked = run({ durationS: 60, authorizer: { type } });
    expect(checked.auth.invocations).toBe(0);
    expect(checked.orders.invocations).toBe(open.orders.invocations);
    expect(checked.api.costUsd).toBeCloseTo(open.api.costUsd, 12);
    const added = checked.r.latencyMs.mean - open.r.latencyMs.mean;
    expect(added).toBeGreaterThan(0.5);
    expect(added).toBeLessThan(4);
  });
});

describe('endpoint types', () => {
  it('edge-optimized adds the CloudFront hop; Regional and private do not', () => {
    const regional = run({ durationS: 60 });
    const priv = run({ durationS: 60, api: { endpointType: 'private' } });
    const edge = run({ durationS: 60, api: { endpointType: 'edge' } });
    expect(priv.r.latencyMs.mean).toBeCloseTo(regional.r.latencyMs.mean, 6);
    const added = edge.r.latencyMs.mean - regional.r.latencyMs.mean;
    // 1 ms at the edge + a log-normal leg, median 5 ms, p99 20 ms (mean about 6 ms)
    expect(added).toBeGreaterThan(5);
    expect(added).toBeLessThan(9);
  });
});
