/**
 * Each lesson's point, checked in the simulator itself: before and after its change, the
 * numbers must move the way the lesson says. (The browser tests play the same lessons
 * through the page; this catches a simulator change that erases an effect, in seconds.)
 */
import { describe, expect, it } from 'vitest';
import type { Architecture } from '../model';
import { runToCompletion } from '../analysis/batch';
import type { SimSummary } from '../sim/api';
import { lessonById, withEdit } from './index';

/** The lesson's document after each of its changes, in step order: [before, after 1, after 2, …]. */
function stages(id: string): Architecture[] {
  const lesson = lessonById(id)!;
  const docs = [lesson.document];
  for (const step of lesson.steps) {
    const c = step.change;
    if (!c) continue;
    const last = docs[docs.length - 1];
    docs.push(c.kind === 'document' ? c.document : withEdit(last, c.node, c.path, c.value));
  }
  return docs;
}

function summaries(id: string): SimSummary[] {
  return stages(id).map((doc) => runToCompletion(doc).summary);
}

type Num = Record<string, number>;
const node = (s: SimSummary, id: string) => s.nodes[id] as unknown as Num;
const coldStarts = (s: SimSummary) => Object.values(s.nodes).reduce((n, x) => n + ((x as unknown as Num).coldStarts ?? 0), 0);

describe('every lesson shows its effect in the simulator', () => {
  it('1 cold starts: a few per environment; init code adds only to the cold requests', () => {
    const [before, after] = summaries('cold-starts');
    expect(coldStarts(before)).toBeGreaterThan(0);
    expect(coldStarts(before)).toBeLessThan(before.requests.total * 0.02);
    expect(after.latencyMs.max).toBeGreaterThan(before.latencyMs.max + 500);
    expect(Math.abs(after.latencyMs.p50 - before.latencyMs.p50)).toBeLessThan(before.latencyMs.p50 * 0.1);
  });

  it('2 provisioned concurrency: cold starts drop to zero, p99 falls, cost rises', () => {
    const [before, after] = summaries('provisioned-concurrency');
    expect(coldStarts(before)).toBeGreaterThan(0);
    expect(coldStarts(after)).toBe(0);
    expect(after.latencyMs.p99).toBeLessThan(before.latencyMs.p99 / 2);
    expect(after.costUsd.monthly).toBeGreaterThan(before.costUsd.monthly);
  });

  it('3 SnapStart: p99 and max fall from seconds to under one; a tiny function is faster without it', () => {
    const [before, after, tinySnap, tiny] = summaries('snapstart');
    // a hello-world restore (~0.7 s) is slower than its plain init (~0.25 s): lambda-perf
    expect(tinySnap.latencyMs.p99).toBeGreaterThan(600);
    expect(tiny.latencyMs.p99).toBeLessThan(600);
    expect(tiny.latencyMs.p99).toBeLessThan(tinySnap.latencyMs.p99 / 1.5);
    expect(before.latencyMs.p99).toBeGreaterThan(2000);
    expect(before.latencyMs.max).toBeGreaterThan(4000);
    expect(coldStarts(after)).toBeGreaterThan(0);
    expect(after.latencyMs.p99).toBeLessThan(1000);
    expect(after.latencyMs.max).toBeLessThan(1500);
  });

  it('4 reserved concurrency: placeOrder throttles until its cap is raised; async events reach the destination', () => {
    const [before, after] = summaries('reserved-concurrency');
    expect(node(before, 'orders').throttles).toBeGreaterThan(1000);
    expect(node(before, 'failed').sent).toBeGreaterThan(0);
    expect(node(after, 'orders').throttles).toBe(0);
  });

  it('5 shared pool: checkout and search throttle during the sale until they reserve', () => {
    const [before, after] = summaries('account-pool');
    expect(node(before, 'checkout').throttles).toBeGreaterThan(100);
    expect(node(before, 'search').throttles).toBeGreaterThan(100);
    expect(node(after, 'checkout').throttles).toBe(0);
    expect(node(after, 'search').throttles).toBe(0);
    expect(node(after, 'promo').throttles).toBeGreaterThan(0);
  });

  it('6 DAX: hot reads hit the cache, p50 falls, writes still reach the table', () => {
    const [before, after] = summaries('dax');
    expect(node(after, 'cache').hitRatio).toBeGreaterThan(0.8);
    expect(after.latencyMs.p50).toBeLessThan(before.latencyMs.p50);
    expect(node(after, 'table').reads).toBeLessThan(node(before, 'table').reads / 5);
    expect(node(after, 'table').writes).toBe(node(before, 'table').writes);
  });

  it('7 streams: iterator age grows with one batch at a time and stays low with ten', () => {
    const [before, after] = summaries('streams');
    const age = (s: SimSummary) =>
      Object.values((node(s, 'table') as unknown as { streams: Record<string, { maxIteratorAgeMs: number }> }).streams)[0].maxIteratorAgeMs;
    expect(age(before)).toBeGreaterThan(30_000);
    expect(age(after)).toBeLessThan(age(before) / 10);
  });

  it('8 SQS: no throttles with the queue; lower maximum concurrency drains slower', () => {
    const [sync, queued, capped] = summaries('sqs-spike');
    expect(sync.requests.throttled).toBeGreaterThan(1000);
    expect(queued.requests.throttled).toBe(0);
    expect(node(queued, 'queue').maxDepth).toBeGreaterThan(1000);
    expect(node(capped, 'queue').received).toBeLessThan(node(queued, 'queue').received / 2);
  });

  it('9 CloudFront: a 300 s TTL raises the hit ratio and halves the API load', () => {
    const [before, after] = summaries('cloudfront');
    expect(node(before, 'cdn').hitRatio).toBeLessThan(0.6);
    expect(node(after, 'cdn').hitRatio).toBeGreaterThan(node(before, 'cdn').hitRatio + 0.3);
    expect(node(after, 'api').requests).toBeLessThan(node(before, 'api').requests * 0.6);
  });

  it('13 edge functions: Lambda@Edge on viewer request adds cold starts, latency and cost; on origin request it runs only on misses', () => {
    const [cff, viewer, origin] = summaries('edge-functions');
    const cdn = (s: SimSummary) => s.nodes.cdn as unknown as Num & { lambdaEdge?: Num };
    expect(cdn(cff).cloudfrontFunctionRuns).toBe(cdn(cff).requests);
    expect(cdn(cff).coldStarts ?? 0).toBe(0);
    expect(cdn(viewer).coldStarts).toBeGreaterThan(0);
    expect(viewer.latencyMs.p99).toBeGreaterThan(cff.latencyMs.p99 + 20);
    // the edge job's cost: 6× the CloudFront Function's price per run before duration
    const baseCost = cdn(cff).costUsd - cdn(cff).cloudfrontFunctionRuns * 0.1e-6;
    expect(cdn(viewer).costUsd - baseCost).toBeGreaterThan(6 * (cdn(cff).costUsd - baseCost));
    // origin triggers run whenever CloudFront goes to the origin: misses and the uncacheable 10%
    expect(cdn(origin).lambdaEdge!.invocations).toBe(cdn(origin).requests - cdn(origin).hits);
    expect(cdn(origin).lambdaEdge!.invocations).toBeLessThan(cdn(origin).requests * 0.2);
    expect(cdn(origin).costUsd).toBeLessThan(cdn(viewer).costUsd);
    expect(origin.latencyMs.p50).toBeLessThan(viewer.latencyMs.p50);
  });

  it('16 an authorizer is free: without its cache it is invoked on every request, cold starts in the spike and costs; a 300 s TTL removes most of it', () => {
    const [off, cached] = summaries('authorizer-free');
    const api = (s: SimSummary) => node(s, 'api');
    const auth = (s: SimSummary) => node(s, 'auth');
    // TTL 0: one invocation per request (a few still in flight at the end)
    expect(api(off).authorizerCacheHits).toBe(0);
    expect(auth(off).invocations).toBeGreaterThanOrEqual(api(off).requests);
    expect(auth(off).coldStarts).toBeGreaterThan(100);
    expect(auth(off).costUsd).toBeGreaterThan(0);
    // 200 callers, 300 s: each caller's first request misses, the rest hit
    expect(auth(cached).invocations).toBe(api(cached).authorizerCacheMisses);
    expect(api(cached).authorizerCacheHits / (api(cached).authorizerCacheHits + api(cached).authorizerCacheMisses)).toBeGreaterThan(0.95);
    expect(auth(cached).coldStarts).toBeLessThan(auth(off).coldStarts / 4);
    expect(auth(cached).costUsd).toBeLessThan(auth(off).costUsd / 20);
    expect(cached.latencyMs.mean).toBeLessThan(off.latencyMs.mean);
    expect(cached.latencyMs.p99).toBeLessThan(off.latencyMs.p99);
  });

  it('10 memory is CPU: 1,024 MB is several times faster for about the same cost per request', () => {
    const [before, after] = summaries('memory-is-cpu');
    expect(after.latencyMs.p50).toBeLessThan(before.latencyMs.p50 / 5);
    const perRequest = (s: SimSummary) => node(s, 'fn').costUsd / node(s, 'fn').invocations;
    expect(perRequest(after) / perRequest(before)).toBeLessThan(1.3);
  });

  it('11 API timeout: timeouts at 29 s disappear when the work goes through a queue', () => {
    const [before, after] = summaries('api-timeout');
    expect(before.requests.timeouts).toBeGreaterThan(10);
    expect(before.latencyMs.max).toBeLessThanOrEqual(29_500);
    expect(after.requests.timeouts).toBe(0);
    expect(after.latencyMs.p99).toBeLessThan(1000);
  });

  it('12 Kinesis shards: one shard throttles and falls behind; two stop the throttles but not the lag; parallelization catches up', () => {
    const [one, two, parallel] = summaries('kinesis-scaling');
    const age = (s: SimSummary) => node(s, 'stream').maxIteratorAgeMs;
    expect(node(one, 'stream').throttles).toBeGreaterThan(0);
    expect(one.requests.throttled).toBeGreaterThan(0);
    expect(age(one)).toBeGreaterThan(30_000);
    expect(node(two, 'stream').throttles).toBe(0);
    expect(age(two)).toBeGreaterThan(30_000);
    expect(age(parallel)).toBeLessThan(5_000);
  });

  it('13 partial batch responses: without them good messages are processed again; with them none are', () => {
    const [whole, partial] = summaries('partial-batch');
    expect(node(whole, 'fn').duplicates).toBeGreaterThan(100);
    expect(node(whole, 'queue').received - node(whole, 'queue').sent).toBeGreaterThan(node(partial, 'queue').received - node(partial, 'queue').sent);
    expect(node(partial, 'fn').duplicates).toBe(0);
    expect(node(partial, 'fn').invocations).toBeLessThan(node(whole, 'fn').invocations);
  });

  it('16 database connections: a surge exhausts max_connections directly; through RDS Proxy nothing fails', () => {
    const [direct, proxied] = summaries('database-connections');
    expect(node(direct, 'db').peakConnections).toBe(90);
    expect(node(direct, 'db').tooManyConnections).toBeGreaterThan(1000);
    expect(direct.requests.errors).toBe(node(direct, 'db').tooManyConnections);
    expect(proxied.requests.errors).toBe(0);
    expect(node(proxied, 'db').tooManyConnections).toBe(0);
    expect(node(proxied, 'proxy').peakPoolInUse).toBeLessThan(20);
    expect(node(proxied, 'db').peakConnections).toBeLessThan(20);
  });
});
