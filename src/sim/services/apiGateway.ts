/**
 * API Gateway (reference §2, §9.3): a token bucket (rate, burst) in front of everything —
 * an empty bucket answers 429 at once; the gateway's own overhead (HTTP API median 4 ms,
 * p99 9 ms; REST median 10 ms, p99 30 ms, §9.3) is added to each answered request; an
 * integration slower than the timeout gets 504 (outcome `timeout`).
 * A Lambda throttled behind the proxy integration reaches the client as HTTP 500 (§2): the
 * end-to-end outcome stays `throttled` so the cause is visible, and the gateway counts it
 * in `lambdaThrottled500`. Billed per request answered (429s are not billed).
 */
import type { ApiGatewayConfig, NodeOf } from '../../model';
import type { NodeSummary } from '../api';
import { ERROR, OK, THROTTLED, TIMEOUT, type Call } from '../engine/call';
import type { Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type LogNormal, type Rng } from '../engine/rng';
import { PRICES } from '../pricing/prices';
import { Service, TokenBucket } from './service';

const RESPOND = 0;
const TIMEOUT_EV = 1;
const S_WAIT = 1;
const S_RESPOND = 2;

const OVERHEAD: Record<ApiGatewayConfig['flavor'], LogNormal> = {
  http: lognormalFromMedianP99(4, 9),
  rest: lognormalFromMedianP99(10, 30),
};

export class ApiGatewayService extends Service {
  private cfg: ApiGatewayConfig;
  private readonly bucket: TokenBucket;
  private readonly rng: Rng;
  lambdaThrottled500 = 0;
  timeouts504 = 0;
  billedRequests = 0;

  constructor(k: Kernel, index: number, node: NodeOf<'apiGateway'>) {
    super(k, index, node, 'apiGateway');
    this.cfg = node.config;
    this.bucket = new TokenBucket(this.cfg.rateLimitRps, this.cfg.burstLimit);
    this.rng = k.rng(node.id, 'overhead');
  }

  override configure(node: NodeOf<'apiGateway'>): void {
    super.configure(node);
    this.cfg = node.config;
    this.bucket.refill(this.k.nowMs);
    this.bucket.ratePerS = this.cfg.rateLimitRps;
    this.bucket.capacity = this.cfg.burstLimit;
    this.bucket.tokens = Math.min(this.bucket.tokens, this.cfg.burstLimit);
  }

  override call(c: Call): void {
    const k = this.k;
    if (this.faultDown) {
      k.finish(c, ERROR);
      return;
    }
    if (this.faultThrottle || !this.bucket.take(k.nowMs, 1)) {
      this.stats.noteThrottle();
      const why = this.faultThrottle ? 'throttle fault injected' : `rate ${this.cfg.rateLimitRps} rps / burst ${this.cfg.burstLimit} exceeded`;
      k.log.note(this.id, 'throttle', 'tb', (n) => `${this.id}: ${n} request${n === 1 ? '' : 's'} throttled (429) — ${why}`);
      k.finish(c, THROTTLED);
      return;
    }
    this.billedRequests++;
    const units = this.cfg.flavor === 'http' ? Math.max(1, Math.ceil(c.payloadKb / PRICES.apiGateway.httpMeterKb)) : 1;
    this.addCost(units * PRICES.apiGateway.perRequest[this.cfg.flavor]);
    c.t0 = sampleLogNormal(this.rng, OVERHEAD[this.cfg.flavor]) + this.faultAddMs;
    if (this.faultErrorRate > 0 && this.rng.next() < this.faultErrorRate) {
      this.respond(c, ERROR);
      return;
    }
    const targets = this.out;
    if (targets.length === 0) {
      this.respond(c, OK); // a mock integration
      return;
    }
    const edge = targets.length === 1 ? targets[0] : targets[this.rng.int(targets.length)];
    c.state = S_WAIT;
    k.afterCall(this.cfg.timeoutMs, c, TIMEOUT_EV);
    k.spawn(edge, c, c);
  }

  private respond(c: Call, outcome: number): void {
    c.state = S_RESPOND;
    c.causeCode = outcome;
    this.k.afterCall(c.t0, c, RESPOND);
  }

  override childDone(c: Call, outcome: number): void {
    if (c.state !== S_WAIT) return;
    if (outcome === THROTTLED) {
      this.lambdaThrottled500++;
      this.k.log.note(this.id, 'error', '500', (n) => `${this.id}: ${n} request${n === 1 ? '' : 's'} answered 500 — the Lambda behind the proxy was throttled`);
    }
    this.respond(c, outcome);
  }

  override onEvent(kind: number, slot: number, gen: number): void {
    const c = this.k.callOf(slot, gen);
    if (c === null) return;
    if (kind === RESPOND) {
      this.k.finish(c, c.causeCode);
    } else if (kind === TIMEOUT_EV && c.state === S_WAIT) {
      this.timeouts504++;
      this.k.log.note(this.id, 'timeout', '504', (n) => `${this.id}: ${n} request${n === 1 ? '' : 's'} timed out (504) after ${this.cfg.timeoutMs} ms`);
      this.k.finish(c, TIMEOUT);
    }
  }

  override freeTierUsd(monthScale: number): number {
    return Math.min(this.billedRequests * monthScale, PRICES.apiGateway.freeRequests) * PRICES.apiGateway.perRequest[this.cfg.flavor];
  }

  override summary(): NodeSummary {
    const s = this.stats;
    return {
      type: 'apiGateway',
      requests: s.requests,
      throttles: s.throttleEvents,
      errors: s.errors,
      timeouts: this.timeouts504,
      lambdaThrottled500: this.lambdaThrottled500,
      costUsd: this.costUsd,
    };
  }
}
