/**
 * API Gateway (reference §2, §9.3): a token bucket (rate, burst) in front of everything —
 * an empty bucket answers 429 at once; the gateway's own overhead (HTTP API median 4 ms,
 * p99 9 ms; REST median 10 ms, p99 30 ms, §9.3) is added to each answered request; an
 * integration slower than the timeout gets 504 (outcome `timeout`).
 * A Lambda throttled behind the proxy integration reaches the client as HTTP 500 (§2): the
 * end-to-end outcome stays `throttled` so the cause is visible, and the gateway counts it
 * in `lambdaThrottled500`. Billed per request answered (429s are not billed).
 * Throttling is layered as AWS applies it (§2): the API's own stage/method limits
 * (`rateLimitRps`, `burstLimit`) first, then the account-and-Region bucket
 * (`settings.apiAccountRps` / `apiAccountBurst`, 10,000 rps / 5,000 burst by default) that
 * every API in the document shares (`Kernel.apiAccount`).
 */
import { kindOf, type ApiGatewayConfig, type NodeOf } from '../../model';
import type { LiveFields, ApiGatewayLive, ApiGatewaySummary } from '../api';
import { ERROR, OK, THROTTLED, TIMEOUT, type Call, type OutcomeCode } from '../engine/call';
import type { Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type LogNormal, type Rng } from '../engine/rng';
import { PRICES } from '../pricing/prices';
import { Service, TokenBucket } from './service';
import { DeadlineQueue } from '../engine/deadlines';
import { num, ref, type LogCounter } from '../metrics/eventLog';

const RESPOND = 0;
const TIMEOUT_EV = 1;
/** The events this service schedules for itself (Service `Ev`). */
type ApiGatewayEvent = typeof RESPOND | typeof TIMEOUT_EV;
const S_WAIT = 1;
const S_RESPOND = 2;

const OVERHEAD: Record<ApiGatewayConfig['flavor'], LogNormal> = {
  http: lognormalFromMedianP99(4, 9),
  rest: lognormalFromMedianP99(10, 30),
};

export class ApiGatewayService extends Service<ApiGatewayEvent> {
  private cfg: ApiGatewayConfig;
  private readonly bucket: TokenBucket;
  private readonly rng: Rng;
  lambdaThrottled500 = 0;
  timeouts504 = 0;
  billedRequests = 0;
  private readonly deadlines: DeadlineQueue;
  private readonly logThrottle: LogCounter;
  private readonly logAccount: LogCounter;
  /** Requests refused by the shared account limit (a subset of the throttles). */
  accountThrottles = 0;
  /** One log line per throttling target, by service index. */
  private readonly log500 = new Map<number, LogCounter>();
  private readonly log504: LogCounter;

  constructor(k: Kernel, index: number, node: NodeOf<'apiGateway'>) {
    super(k, index, node, 'apiGateway');
    this.cfg = node.config;
    this.bucket = new TokenBucket(this.cfg.rateLimitRps, this.cfg.burstLimit);
    this.rng = k.rng(node.id, 'overhead');
    this.deadlines = new DeadlineQueue(
      k,
      index,
      TIMEOUT_EV,
      (c) => c.state === S_WAIT,
      (c) => this.timeout(c),
    );
    const id = node.id;
    const s = (n: number) => (n === 1 ? '' : 's');
    this.logThrottle = k.log.counter(id, 'throttle', (n) => `${ref(id)}: ${num(n)} request${s(n)} throttled (429) — ${this.faultThrottle ? 'throttle fault injected' : `rate ${num(this.cfg.rateLimitRps)} rps / burst ${num(this.cfg.burstLimit)} exceeded`}`);
    this.logAccount = k.log.counter(id, 'throttle', (n) => {
      const shared = k.apiCount > 1 ? `, shared by ${num(k.apiCount)} APIs` : '';
      return `${ref(id)}: ${num(n)} request${s(n)} throttled (429) — account limit ${num(k.apiAccount?.ratePerS ?? 0)} rps / burst ${num(k.apiAccount?.capacity ?? 0)} per Region exceeded${shared}`;
    });
    this.log504 = k.log.counter(id, 'timeout', (n) => `${ref(id)}: ${num(n)} request${s(n)} timed out (504) after ${num(this.cfg.timeoutMs)} ms`);
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
    if (this.faultThrottle || !this.bucket.has(k.nowMs, 1)) {
      this.stats.noteThrottle();
      this.logThrottle.add();
      k.note(c, 'throttled: stage rate limit reached (429)');
      k.finish(c, THROTTLED);
      return;
    }
    const account = k.apiAccount;
    if (account !== null && !account.take(k.nowMs, 1)) {
      this.stats.noteThrottle();
      this.accountThrottles++;
      this.logAccount.add();
      k.finish(c, THROTTLED);
      return;
    }
    this.bucket.take(k.nowMs, 1);
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
    this.deadlines.add(c, k.nowMs + this.cfg.timeoutMs);
    k.spawn(edge, c, c);
  }

  /**
   * The line for requests a target throttled and the gateway answered 500. Kind `throttle`:
   * end to end they count as throttled, in the words the cards use — "throttled by Lambda
   * 'getOrder' (API returned 500)" — so the total and the cards can be matched.
   */
  private counter500(target: number): LogCounter {
    let counter = this.log500.get(target);
    if (!counter) {
      const svc = this.k.services[target];
      const what = kindOf(svc.node.type).label;
      const id = this.id;
      counter = this.k.log.counter(id, 'throttle', (n) => `${ref(id)}: ${num(n)} request${n === 1 ? '' : 's'} throttled by ${what} ${ref(svc.id)} (API returned 500)`);
      this.log500.set(target, counter);
    }
    return counter;
  }

  override live(): LiveFields<ApiGatewayLive> {
    const live: LiveFields<ApiGatewayLive> = {};
    if (this.lambdaThrottled500 > 0) live.throttled500 = this.lambdaThrottled500;
    if (this.accountThrottles > 0) live.accountThrottles = this.accountThrottles;
    return live;
  }

  private respond(c: Call, outcome: OutcomeCode): void {
    c.state = S_RESPOND;
    c.causeCode = outcome;
    this.k.afterCall(c.t0, c, RESPOND);
  }

  override childDone(c: Call, outcome: OutcomeCode, child: Call): void {
    if (c.state !== S_WAIT) return;
    if (outcome === THROTTLED) {
      this.lambdaThrottled500++;
      this.counter500(child.node).add();
    }
    this.respond(c, outcome);
  }

  override onEvent(kind: ApiGatewayEvent, slot: number, gen: number): void {
    if (kind === TIMEOUT_EV) {
      this.deadlines.fire();
      return;
    }
    const c = this.k.callOf(slot, gen);
    if (c !== null && kind === RESPOND) this.k.finish(c, c.causeCode);
  }

  private timeout(c: Call): void {
    this.timeouts504++;
    this.log504.add();
    this.k.finish(c, TIMEOUT);
  }

  override freeTierUsd(monthScale: number): number {
    return Math.min(this.billedRequests * monthScale, PRICES.apiGateway.freeRequests) * PRICES.apiGateway.perRequest[this.cfg.flavor];
  }

  override summary(): ApiGatewaySummary {
    const s = this.stats;
    return {
      type: 'apiGateway',
      requests: s.requests,
      throttles: s.throttleEvents,
      errors: s.errors,
      timeouts: this.timeouts504,
      lambdaThrottled500: this.lambdaThrottled500,
      accountThrottles: this.accountThrottles,
      costUsd: this.costUsd,
    };
  }
}
