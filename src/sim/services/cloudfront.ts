/**
 * CloudFront (reference §7, §9.8): an edge cache. A read is cacheable with probability
 * `cacheable` (writes never are); a cacheable key served within its TTL is a hit, otherwise
 * the request goes to the origin and a successful answer is cached for `cacheTtlS`. One
 * cache for all edge locations (a single POP; no regional tier, no Origin Shield).
 * Latency: client→edge log-normal median 20 ms, p99 80 ms, plus ~1 ms processing; a miss
 * adds an edge→origin round trip drawn uniformly from 30–80 ms plus the origin's time.
 * Billed per HTTPS request and per GB out (response size = the request's payload).
 */
import type { CloudfrontConfig, NodeOf } from '../../model';
import { HitCounter } from '../metrics/hitCounter';
import type { LiveFields, CloudfrontLive, CloudfrontSummary, NodeWindow } from '../api';
import { ERROR, OK, THROTTLED, type Call, type OutcomeCode } from '../engine/call';
import type { Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type Rng } from '../engine/rng';
import { PRICES } from '../pricing/prices';
import { Service } from './service';
import { MAX_ENTRIES, TtlCache } from './ttlCache';
import { num, ref, type LogCounter } from '../metrics/eventLog';
import { EDGE_PRICES, LambdaEdgePool, ORIGIN_TIMEOUT_MS, VIEWER_TIMEOUT_MS, type TriggerPoint } from './edgeFunctions';

const RESPOND = 0;
const FORWARD = 1;
/** The events this service schedules for itself (Service `Ev`). */
type CloudfrontEvent = typeof RESPOND | typeof FORWARD;
const EDGE_LATENCY = lognormalFromMedianP99(20, 80);
const PROCESSING_MS = 1;
const ORIGIN_RTT_MS = [30, 80] as const;
const S_WAIT = 1;

export class CloudfrontService extends Service<CloudfrontEvent> {
  private cfg: CloudfrontConfig;
  private readonly rng: Rng;
  private readonly cache: TtlCache;
  readonly lookups = new HitCounter();
  requests = 0;
  gbOut = 0;
  /** Edge functions (edgeFunctions.ts): CloudFront Function runs, and the Lambda@Edge environments. */
  cloudfrontFunctionRuns = 0;
  readonly lambdaEdge: LambdaEdgePool;
  private readonly logEdgeCold: LogCounter;
  private readonly logEdgeThrottle: LogCounter;
  private readonly logEdgeTimeout: LogCounter;

  constructor(k: Kernel, index: number, node: NodeOf<'cloudfront'>) {
    super(k, index, node, 'cloudfront');
    this.cfg = node.config;
    this.rng = k.rng(node.id, 'edge');
    // insertion-order eviction only as a memory bound; CloudFront caches are effectively TTL-bound
    this.cache = new TtlCache(MAX_ENTRIES, this.cfg.cacheTtlS * 1000, false);
    this.lambdaEdge = new LambdaEdgePool(k.rng(node.id, 'lambdaEdge'));
    const id = node.id;
    this.logEdgeCold = k.log.counter(id, 'coldStart', (n, mean) =>
      n === 1 ? `${ref(id)}: Lambda@Edge cold start, ${num(mean)} ms init` : `${ref(id)}: ${num(n)} Lambda@Edge cold starts, ${num(mean)} ms init on average`,
    );
    this.logEdgeThrottle = k.log.counter(
      id,
      'throttle',
      (n) =>
        `${ref(id)}: ${num(n)} request${n === 1 ? '' : 's'} answered 503 — Lambda@Edge concurrency ${num(this.cfg.edgeFunction.lambdaEdgeConcurrency)} reached`,
    );
    this.logEdgeTimeout = k.log.counter(id, 'timeout', (n) => `${ref(id)}: ${num(n)} Lambda@Edge run${n === 1 ? '' : 's'} timed out (5 s viewer, 30 s origin)`);
  }

  override configure(node: NodeOf<'cloudfront'>): void {
    super.configure(node);
    this.cfg = node.config;
    this.cache.ttlMs = this.cfg.cacheTtlS * 1000;
  }

  override flushCache(): void {
    this.cache.clear();
    this.k.log.now(this.k.nowMs, this.id, 'fault', `${ref(this.id)}: cache invalidated — every object will miss once`);
  }

  override call(c: Call): void {
    const k = this.k;
    this.requests++;
    this.addCost(PRICES.cloudfront.perRequest + (c.payloadKb / (1024 * 1024)) * PRICES.cloudfront.perGbOut);
    this.gbOut += c.payloadKb / (1024 * 1024);
    if (this.refuseByFault(c, this.rng)) return;
    c.t0 = sampleLogNormal(this.rng, EDGE_LATENCY) + PROCESSING_MS + this.faultAddMs;
    c.step = 0;
    if (!this.trigger(c, 'viewerRequest')) return;
    const cacheable = !c.isWrite && this.rng.next() < this.cfg.cacheable;
    c.step = cacheable ? 1 : 0;
    if (cacheable) {
      if (this.cache.ttlMs > 0 && this.cache.hit(c.key, k.nowMs)) {
        this.lookups.hit();
        k.note(c, 'cache hit');
        this.respond(c, OK);
        return;
      }
      this.lookups.miss();
      k.note(c, 'cache miss');
    }
    if (this.out.length === 0) {
      // no origin connected: the edge answers itself (as if the origin were instant)
      if (c.step === 1 && this.cache.ttlMs > 0) this.cache.put(c.key, k.nowMs);
      this.respond(c, OK);
      return;
    }
    if (!this.trigger(c, 'originRequest')) return;
    // the edge→origin round trip: half before the origin call, half after
    const rtt = this.rng.uniform(ORIGIN_RTT_MS[0], ORIGIN_RTT_MS[1]);
    c.t0 += rtt / 2;
    c.state = S_WAIT;
    k.afterCall(rtt / 2, c, FORWARD);
  }

  override childDone(c: Call, outcome: OutcomeCode): void {
    if (c.state !== S_WAIT) return;
    if (outcome === OK && !this.trigger(c, 'originResponse')) return;
    if (outcome === OK && c.step === 1 && this.cache.ttlMs > 0) this.cache.put(c.key, this.k.nowMs);
    this.respond(c, outcome);
  }

  /**
   * Run the function attached at `point`, if any: its time adds to the response, its price to
   * the bill. False when it refused the request (Lambda@Edge throttled: 503; timed out: an
   * error), which has then been answered.
   */
  private trigger(c: Call, point: TriggerPoint): boolean {
    const kind = this.cfg.functions[point];
    if (kind === 'none') return true;
    const k = this.k;
    if (kind === 'cloudfrontFunction') {
      const ms = Math.min(this.cfg.edgeFunction.cloudfrontFunctionMs, 1);
      this.cloudfrontFunctionRuns++;
      this.addCost(EDGE_PRICES.cloudfrontFunctionPerInvocation);
      c.t0 += ms;
      if (c.span !== null) k.note(c, `CloudFront Function (${TRIGGER_NOTES[point]}) ${ms} ms`);
      return true;
    }
    const f = this.cfg.edgeFunction;
    const viewer = point === 'viewerRequest' || point === 'viewerResponse';
    const run = this.lambdaEdge.run(
      k.nowMs,
      f.lambdaEdgeRuntime,
      f.lambdaEdgeMemoryMb,
      f.lambdaEdgeMs,
      f.lambdaEdgeConcurrency,
      viewer ? VIEWER_TIMEOUT_MS : ORIGIN_TIMEOUT_MS,
    );
    this.addCost(run.costUsd);
    if (run.refused === 'throttled') {
      this.stats.noteThrottle();
      this.logEdgeThrottle.add();
      if (c.span !== null) k.note(c, `Lambda@Edge (${TRIGGER_NOTES[point]}) throttled: concurrency ${num(f.lambdaEdgeConcurrency)} reached (503)`);
      this.respond(c, THROTTLED, true);
      return false;
    }
    c.t0 += run.durationMs;
    if (run.cold) {
      this.logEdgeCold.add(run.initMs);
      k.noteColdStart(c, `Lambda@Edge (${TRIGGER_NOTES[point]}) cold start, ${Math.round(run.initMs)} ms init`);
    }
    if (run.refused === 'timeout') {
      this.logEdgeTimeout.add();
      if (c.span !== null) k.note(c, `Lambda@Edge (${TRIGGER_NOTES[point]}) timed out after ${formatLimit(viewer ? VIEWER_TIMEOUT_MS : ORIGIN_TIMEOUT_MS)}`);
      this.respond(c, ERROR, true);
      return false;
    }
    if (c.span !== null) k.note(c, `Lambda@Edge (${TRIGGER_NOTES[point]}) ${Math.round(run.durationMs - run.initMs)} ms`);
    return true;
  }

  private respond(c: Call, outcome: OutcomeCode, refused = false): void {
    if (outcome === OK && !refused && !this.trigger(c, 'viewerResponse')) return;
    c.state = 2;
    c.causeCode = outcome;
    this.k.afterCall(c.t0, c, RESPOND);
  }

  override onEvent(kind: CloudfrontEvent, slot: number, gen: number): void {
    const c = this.k.callOf(slot, gen);
    if (c === null) return;
    if (kind === RESPOND) this.k.finish(c, c.causeCode);
    else if (kind === FORWARD) {
      const edge = this.out.length === 1 ? this.out[0] : this.out[this.rng.int(this.out.length)];
      this.k.spawn(edge, c, c);
    }
  }

  hitRatio(): number {
    return this.lookups.ratio();
  }

  override freeTierUsd(monthScale: number): number {
    const p = PRICES.cloudfront;
    const functions =
      Math.min(this.cloudfrontFunctionRuns * monthScale, EDGE_PRICES.cloudfrontFunctionFreeInvocations) * EDGE_PRICES.cloudfrontFunctionPerInvocation;
    return Math.min(this.requests * monthScale, p.freeRequests) * p.perRequest + Math.min(this.gbOut * monthScale, p.freeGbOut) * p.perGbOut + functions;
  }

  override live(): LiveFields<CloudfrontLive> {
    if (!this.hasLambdaEdge()) return { hitRatio: this.hitRatio(), coldStarts: 0 };
    return {
      hitRatio: this.hitRatio(),
      coldStarts: this.lambdaEdge.coldStarts,
      edgeBusy: this.lambdaEdge.busyCount,
      edgeColdStarts: this.lambdaEdge.coldStarts,
      edgeThrottled: this.lambdaEdge.throttles,
    };
  }

  private hasLambdaEdge(): boolean {
    const f = this.cfg.functions;
    return f.viewerRequest === 'lambdaEdge' || f.viewerResponse === 'lambdaEdge' || f.originRequest === 'lambdaEdge' || f.originResponse === 'lambdaEdge';
  }

  override windowExtra(): Partial<NodeWindow> {
    return { hitRatio: this.lookups.closeWindow() };
  }

  override summary(): CloudfrontSummary {
    const e = this.lambdaEdge;
    const out: CloudfrontSummary = {
      type: 'cloudfront',
      requests: this.requests,
      hits: this.lookups.hits,
      misses: this.lookups.misses,
      hitRatio: Math.round(this.hitRatio() * 10000) / 10000,
      errors: this.stats.errors,
      costUsd: this.costUsd,
      ...(this.cloudfrontFunctionRuns > 0 ? { cloudfrontFunctionRuns: this.cloudfrontFunctionRuns } : {}),
      coldStarts: e.coldStarts,
    };
    if (e.invocations > 0 || e.throttles > 0)
      out.lambdaEdge = { invocations: e.invocations, coldStarts: e.coldStarts, throttled: e.throttles, timeouts: e.timeouts, maxConcurrency: e.maxBusy };
    return out;
  }
}

const TRIGGER_NOTES: Record<TriggerPoint, string> = {
  viewerRequest: 'viewer request',
  viewerResponse: 'viewer response',
  originRequest: 'origin request',
  originResponse: 'origin response',
};

const formatLimit = (ms: number) => `${ms / 1000} s`;
