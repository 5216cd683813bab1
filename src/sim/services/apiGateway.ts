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
 * Authorizers (reference §2.1): IAM (SigV4) and Cognito/JWT are checked by the gateway
 * itself (a small assumed latency, no invocation, no extra price); a Lambda authorizer is a
 * real invocation of the function on the `authorizer` edge, on a miss of the result cache
 * keyed by caller (`Call.caller`) with the TTL `cacheTtlS`. A cached result (allow or deny)
 * skips the function. The function's error, its 10 s authorizer timeout or a throttle is
 * answered 500; a deny 403. A caller that sends no token (`missingTokenShare` of them, Lambda
 * and Cognito authorizers) is answered 401 by the gateway itself, without invoking the
 * authorizer. Requests that fail authorization are not billed.
 * Edge-optimized endpoints add the hop through CloudFront's edge (§9.3).
 */
import { kindOf, type ApiGatewayConfig, type NodeOf } from '../../model';
import type { LiveFields, ApiGatewayLive, ApiGatewaySummary } from '../api';
import { ERROR, OK, THROTTLED, TIMEOUT, type Call, type OutcomeCode } from '../engine/call';
import type { EdgeInfo, Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type LogNormal, type Rng } from '../engine/rng';
import { PRICES } from '../pricing/prices';
import { Service, TokenBucket } from './service';
import { DeadlineQueue } from '../engine/deadlines';
import { num, ref, type LogCounter } from '../metrics/eventLog';

const RESPOND = 0;
const TIMEOUT_EV = 1;
const AUTH_TIMEOUT_EV = 2;
/** The events this service schedules for itself (Service `Ev`). */
type ApiGatewayEvent = typeof RESPOND | typeof TIMEOUT_EV | typeof AUTH_TIMEOUT_EV;
const S_WAIT = 1;
const S_RESPOND = 2;
const S_AUTH = 3;

/** A Lambda authorizer must answer within 10 s (API Gateway quotas, §2.1). */
export const AUTHORIZER_TIMEOUT_MS = 10_000;

/** The gateway's own checks (assumptions, §9.3): SigV4 signature and IAM policy; a JWT's signature against cached keys. */
const GATEWAY_AUTH: Record<'iam' | 'cognito', LogNormal> = {
  iam: lognormalFromMedianP99(2, 6),
  cognito: lognormalFromMedianP99(1, 3),
};
/** Edge-optimized: the request enters at CloudFront's nearest edge and rides on to the Region (assumption, §9.3). */
const EDGE_HOP = lognormalFromMedianP99(5, 20);
const EDGE_PROCESSING_MS = 1;

/** Whether the authorizer denies this caller: the same callers always, `share` of them (a hash of the caller). */
export function deniesCaller(caller: number, share: number): boolean {
  if (share <= 0) return false;
  return (Math.imul(caller + 1, 0x9e3779b1) >>> 0) / 4294967296 < share;
}

/** Whether this caller sends no token: `share` of the callers, always the same ones (a hash of the caller independent of `deniesCaller`'s). */
export function lacksToken(caller: number, share: number): boolean {
  if (share <= 0) return false;
  let h = Math.imul(caller ^ 0x632be5ab, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296 < share;
}

const OVERHEAD: Record<ApiGatewayConfig['flavor'], LogNormal> = {
  http: lognormalFromMedianP99(4, 9),
  rest: lognormalFromMedianP99(10, 30),
};

export class ApiGatewayService extends Service<ApiGatewayEvent> {
  private cfg: ApiGatewayConfig;
  private readonly bucket: TokenBucket;
  private readonly rng: Rng;
  /** Authorizer and edge-hop latency, on a stream of their own so no other number moves. */
  private readonly authRng: Rng;
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
  /** The integration edges (every outgoing edge but the authorizer's). */
  private integrations: EdgeInfo[] = [];
  private authEdge: EdgeInfo | null = null;
  private readonly authDeadlines: DeadlineQueue;
  /** Caller -> when its cached authorizer result expires (ms); negative: a cached deny. */
  private readonly authCache = new Map<number, number>();
  authCacheHits = 0;
  authCacheMisses = 0;
  /** Answered 500: the authorizer failed or timed out (errors) or was throttled (throttles). */
  authErrors500 = 0;
  authThrottled500 = 0;
  authDenied403 = 0;
  /** Answered 401: the caller sent no token, the authorizer was not called. */
  unauthorized401 = 0;
  private readonly logUnauthorized: LogCounter;
  private readonly logAuthError: LogCounter;
  private readonly logAuthThrottle: LogCounter;
  private readonly logAuthDenied: LogCounter;

  constructor(k: Kernel, index: number, node: NodeOf<'apiGateway'>) {
    super(k, index, node, 'apiGateway');
    this.cfg = node.config;
    this.bucket = new TokenBucket(this.cfg.rateLimitRps, this.cfg.burstLimit);
    this.rng = k.rng(node.id, 'overhead');
    this.authRng = k.rng(node.id, 'authorizer');
    this.deadlines = new DeadlineQueue(
      k,
      index,
      TIMEOUT_EV,
      (c) => c.state === S_WAIT,
      (c) => this.timeout(c),
    );
    const id = node.id;
    const s = (n: number) => (n === 1 ? '' : 's');
    this.logThrottle = k.log.counter(
      id,
      'throttle',
      (n) =>
        `${ref(id)}: ${num(n)} request${s(n)} throttled (429) — ${this.faultThrottle ? 'throttle fault injected' : `rate ${num(this.cfg.rateLimitRps)} rps / burst ${num(this.cfg.burstLimit)} exceeded`}`,
    );
    this.logAccount = k.log.counter(id, 'throttle', (n) => {
      const shared = k.apiCount > 1 ? `, shared by ${num(k.apiCount)} APIs` : '';
      return `${ref(id)}: ${num(n)} request${s(n)} throttled (429) — account limit ${num(k.apiAccount?.ratePerS ?? 0)} rps / burst ${num(k.apiAccount?.capacity ?? 0)} per Region exceeded${shared}`;
    });
    this.log504 = k.log.counter(id, 'timeout', (n) => `${ref(id)}: ${num(n)} request${s(n)} timed out (504) after ${num(this.cfg.timeoutMs)} ms`);
    this.authDeadlines = new DeadlineQueue(
      k,
      index,
      AUTH_TIMEOUT_EV,
      (c) => c.state === S_AUTH,
      (c) => this.authFailed(c, ERROR, 'authorizer timed out (10 s)'),
    );
    const fn = () => (this.authEdge ? ref(k.services[this.authEdge.target].id) : 'its authorizer');
    this.logAuthError = k.log.counter(id, 'error', (n) => `${ref(id)}: ${num(n)} request${s(n)} failed (500) — authorizer ${fn()} failed or timed out`);
    this.logAuthThrottle = k.log.counter(id, 'throttle', (n) => `${ref(id)}: ${num(n)} request${s(n)} throttled by authorizer ${fn()} (API returned 500)`);
    this.logAuthDenied = k.log.counter(id, 'error', (n) => `${ref(id)}: ${num(n)} request${s(n)} denied (403) by authorizer ${fn()}`);
    this.logUnauthorized = k.log.counter(
      id,
      'error',
      (n) =>
        `${ref(id)}: ${num(n)} request${s(n)} unauthorized (401) — no token sent${this.cfg.authorizer.type === 'lambda' ? `; authorizer ${fn()} not invoked` : ''}`,
    );
  }

  override start(): void {
    this.integrations = this.out.filter((e) => e.meaning !== 'authorizer');
    this.authEdge = this.out.find((e) => e.meaning === 'authorizer') ?? null;
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
    c.t0 = sampleLogNormal(this.rng, OVERHEAD[this.cfg.flavor]) + this.faultAddMs;
    if (this.cfg.endpointType === 'edge') c.t0 += EDGE_PROCESSING_MS + sampleLogNormal(this.authRng, EDGE_HOP);
    const auth = this.cfg.authorizer;
    if ((auth.type === 'lambda' || auth.type === 'cognito') && lacksToken(c.caller, auth.missingTokenShare)) {
      this.unauthorized401++;
      this.logUnauthorized.add();
      k.note(c, auth.type === 'lambda' ? 'no token: 401 Unauthorized (the authorizer is not invoked)' : 'no token: 401 Unauthorized');
      this.respond(c, ERROR);
      return;
    }
    if (auth.type === 'iam' || auth.type === 'cognito') c.t0 += sampleLogNormal(this.authRng, GATEWAY_AUTH[auth.type]);
    if (auth.type === 'lambda' && this.authEdge !== null) {
      const cached = auth.cacheTtlS > 0 ? this.authCache.get(c.caller) : undefined;
      if (cached !== undefined && Math.abs(cached) > k.nowMs) {
        this.authCacheHits++;
        k.note(c, cached < 0 ? 'authorizer: cached deny (403)' : 'authorizer: cache hit');
        if (cached < 0) {
          this.deny(c);
          return;
        }
      } else {
        this.authCacheMisses++;
        k.note(c, auth.cacheTtlS > 0 ? 'authorizer: cache miss, invoking it' : 'authorizer: no cache (TTL 0), invoking it');
        c.state = S_AUTH;
        this.authDeadlines.add(c, k.nowMs + AUTHORIZER_TIMEOUT_MS);
        k.spawn(this.authEdge, c, c);
        return;
      }
    }
    this.integrate(c);
  }

  /** Past authorization: bill the request and hand it to an integration. */
  private integrate(c: Call): void {
    const k = this.k;
    this.billedRequests++;
    const units = this.cfg.flavor === 'http' ? Math.max(1, Math.ceil(c.payloadKb / PRICES.apiGateway.httpMeterKb)) : 1;
    this.addCost(units * PRICES.apiGateway.perRequest[this.cfg.flavor]);
    if (this.faultErrorRate > 0 && this.rng.next() < this.faultErrorRate) {
      this.respond(c, ERROR);
      return;
    }
    const targets = this.integrations;
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
      counter = this.k.log.counter(
        id,
        'throttle',
        (n) => `${ref(id)}: ${num(n)} request${n === 1 ? '' : 's'} throttled by ${what} ${ref(svc.id)} (API returned 500)`,
      );
      this.log500.set(target, counter);
    }
    return counter;
  }

  override live(): LiveFields<ApiGatewayLive> {
    const live: LiveFields<ApiGatewayLive> = {};
    if (this.lambdaThrottled500 > 0) live.throttled500 = this.lambdaThrottled500;
    if (this.accountThrottles > 0) live.accountThrottles = this.accountThrottles;
    if (this.cfg.authorizer.type === 'lambda') {
      live.authCacheHits = this.authCacheHits;
      live.authCacheMisses = this.authCacheMisses;
    }
    const failures = this.authErrors500 + this.authThrottled500;
    if (failures > 0) live.authFailures = failures;
    if (this.authDenied403 > 0) live.authDenied = this.authDenied403;
    if (this.unauthorized401 > 0) live.authUnauthorized = this.unauthorized401;
    return live;
  }

  /** 403: the authorizer's (possibly cached) policy denies this caller. Not billed. */
  private deny(c: Call): void {
    this.authDenied403++;
    this.logAuthDenied.add();
    this.respond(c, ERROR);
  }

  /** 500 (a throttle keeps its outcome end to end, as behind a proxy integration): not billed. */
  private authFailed(c: Call, outcome: OutcomeCode, why: string): void {
    if (outcome === THROTTLED) {
      this.authThrottled500++;
      this.logAuthThrottle.add();
    } else {
      this.authErrors500++;
      this.logAuthError.add();
    }
    if (c.span !== null) this.k.note(c, `${why} → 500`);
    this.respond(c, outcome === THROTTLED ? THROTTLED : ERROR);
  }

  private authorized(c: Call, outcome: OutcomeCode): void {
    const auth = this.cfg.authorizer;
    if (outcome !== OK) {
      this.authFailed(c, outcome, outcome === THROTTLED ? 'authorizer throttled' : outcome === TIMEOUT ? 'authorizer timed out' : 'authorizer failed');
      return;
    }
    const denied = auth.type === 'lambda' && deniesCaller(c.caller, auth.deniedShare);
    if (auth.type === 'lambda' && auth.cacheTtlS > 0) {
      const until = this.k.nowMs + auth.cacheTtlS * 1000;
      this.authCache.set(c.caller, denied ? -until : until);
    }
    if (denied) {
      this.k.note(c, 'authorizer: deny (403)');
      this.deny(c);
      return;
    }
    this.integrate(c);
  }

  private respond(c: Call, outcome: OutcomeCode): void {
    c.state = S_RESPOND;
    c.causeCode = outcome;
    this.k.afterCall(c.t0, c, RESPOND);
  }

  override childDone(c: Call, outcome: OutcomeCode, child: Call): void {
    if (c.state === S_AUTH) {
      c.state = 0;
      this.authorized(c, outcome);
      return;
    }
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
    if (kind === AUTH_TIMEOUT_EV) {
      this.authDeadlines.fire();
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
      ...(this.cfg.authorizer.type === 'lambda'
        ? {
            authorizerCacheHits: this.authCacheHits,
            authorizerCacheMisses: this.authCacheMisses,
            authorizerErrors500: this.authErrors500,
            authorizerThrottled500: this.authThrottled500,
            authorizerDenied403: this.authDenied403,
          }
        : {}),
      ...((this.cfg.authorizer.type === 'lambda' || this.cfg.authorizer.type === 'cognito') &&
      (this.cfg.authorizer.missingTokenShare > 0 || this.unauthorized401 > 0)
        ? { unauthorized401: this.unauthorized401 }
        : {}),
      costUsd: this.costUsd,
    };
  }
}
