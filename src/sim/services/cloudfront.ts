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
import type { NodeLive, NodeSummary, NodeWindow } from '../api';
import { OK, type Call } from '../engine/call';
import type { Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type Rng } from '../engine/rng';
import { PRICES } from '../pricing/prices';
import { Service } from './service';
import { MAX_ENTRIES, TtlCache } from './ttlCache';
import { ref } from '../metrics/eventLog';

const RESPOND = 0;
const FORWARD = 1;
const EDGE_LATENCY = lognormalFromMedianP99(20, 80);
const PROCESSING_MS = 1;
const ORIGIN_RTT_MS = [30, 80] as const;
const S_WAIT = 1;

export class CloudfrontService extends Service {
  private cfg: CloudfrontConfig;
  private readonly rng: Rng;
  private readonly cache: TtlCache;
  readonly lookups = new HitCounter();
  requests = 0;
  gbOut = 0;

  constructor(k: Kernel, index: number, node: NodeOf<'cloudfront'>) {
    super(k, index, node, 'cloudfront');
    this.cfg = node.config;
    this.rng = k.rng(node.id, 'edge');
    // insertion-order eviction only as a memory bound; CloudFront caches are effectively TTL-bound
    this.cache = new TtlCache(MAX_ENTRIES, this.cfg.cacheTtlS * 1000, false);
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
    // the edge→origin round trip: half before the origin call, half after
    const rtt = this.rng.uniform(ORIGIN_RTT_MS[0], ORIGIN_RTT_MS[1]);
    c.t0 += rtt / 2;
    c.state = S_WAIT;
    k.afterCall(rtt / 2, c, FORWARD);
  }

  override childDone(c: Call, outcome: number): void {
    if (c.state !== S_WAIT) return;
    if (outcome === OK && c.step === 1 && this.cache.ttlMs > 0) this.cache.put(c.key, this.k.nowMs);
    this.respond(c, outcome);
  }

  private respond(c: Call, outcome: number): void {
    c.state = 2;
    c.causeCode = outcome;
    this.k.afterCall(c.t0, c, RESPOND);
  }

  override onEvent(kind: number, slot: number, gen: number): void {
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
    return Math.min(this.requests * monthScale, p.freeRequests) * p.perRequest + Math.min(this.gbOut * monthScale, p.freeGbOut) * p.perGbOut;
  }

  override live(): Partial<NodeLive> {
    return { hitRatio: this.hitRatio() };
  }

  override windowExtra(): Partial<NodeWindow> {
    return { hitRatio: this.lookups.closeWindow() };
  }

  override summary(): NodeSummary {
    return { type: 'cloudfront', requests: this.requests, hits: this.lookups.hits, misses: this.lookups.misses, hitRatio: Math.round(this.hitRatio() * 10000) / 10000, errors: this.stats.errors, costUsd: this.costUsd };
  }
}
