/**
 * Lambda (reference §1, §9.2). Environments are reused most-recently-used first, created
 * (cold start) when none is idle and every limit allows: reserved concurrency or the
 * account's unreserved pool, and the per-function scaling bucket (1,000 new environments,
 * refilled at 100 per second). Sync callers get 429 when a limit is hit; async events wait
 * and retry (lambdaAsync.ts). The handler runs its own (CPU-scaled) time, then calls each
 * downstream edge in turn; billed duration covers both, plus INIT on a cold start.
 */
import { INIT_CODE_SPREAD, initQuantiles, kindOf, restoreQuantiles, unhandled, type EdgeMeaning, type LambdaConfig, type NodeOf } from '../../model';
import type { LiveFields, LambdaLive, LambdaSummary, NodeWindow } from '../api';
import { ERROR, OK, THROTTLED, TIMEOUT, type Call, type OutcomeCode } from '../engine/call';
import type { EdgeInfo, Kernel } from '../engine/kernel';
import {
  logNormal,
  lognormalFromMeanP99,
  lognormalFromMedianP99,
  quantileAt,
  quantileCurve,
  sampleLogNormal,
  type LogNormal,
  type QuantileCurve,
  type Rng,
} from '../engine/rng';
import { Histogram } from '../metrics/histogram';
import { PRICES } from '../pricing/prices';
import { BUSY, EnvPool, INIT } from './lambdaEnvs';
import { LambdaAsync } from './lambdaAsync';
import { Service, TokenBucket } from './service';
import { DeadlineQueue } from '../engine/deadlines';
import { num, ref, type LogCounter } from '../metrics/eventLog';
import { AWS_RECURSION_LIMIT, passesOf, withPass, type LoopTrace } from '../engine/loopTrace';

// events
const INIT_DONE = 0;
const NEXT = 1;
const DONE = 2;
const FAIL = 3;
const TIMEOUT_EV = 4;
export const ASYNC_RETRY = 5;
const HOP = 6;
const TIMEOUT_SWEEP = 7;
/** The events this service schedules for itself (Service `Ev`). */
type LambdaEvent = typeof INIT_DONE | typeof NEXT | typeof DONE | typeof FAIL | typeof TIMEOUT_EV | typeof ASYNC_RETRY | typeof HOP | typeof TIMEOUT_SWEEP;

// handler distributions
const H_CONSTANT = 0;
const H_EXPONENTIAL = 1;
const H_LOGNORMAL = 2;

// call states
const S_INIT = 1;
const S_RUN = 2;
const S_WAIT = 3;
export const S_ASYNC_WAIT = 4;

/** Package-size penalty per MB of .zip code, ms (§9.2: +25 to +45 ms per MB; Node.js measurement). */
const PACKAGE_MS_PER_MB = 35;
/** INIT is capped at 10 s (§1.1). */
const INIT_CAP_MS = 10_000;
/** An unknown runtime (never in a valid document): a mid-range measured INIT. */
const FALLBACK_INIT = { p10: 120, p50: 150, p90: 200, p99: 300 };
/** SnapStart cache (Python, .NET): billed for at least 3 hours per published version (§1.6). */
const SNAP_CACHE_MIN_S = 3 * 3600;
/** How the function's own init work varies around its setting (§1.5, fitted to aws-samples load tests). */
const CODE_SPREAD: QuantileCurve = quantileCurve(INIT_CODE_SPREAD);
const SECONDS_PER_30_DAYS = 30 * 24 * 3600;
/** In-Region hop for an API acknowledgement (§9.1 assumption): median 1 ms, p99 5 ms. */
export const HOP_LATENCY: LogNormal = lognormalFromMedianP99(1, 5);
/** Scaling rate (§1.2, §9.2): 1,000 new environments per 10 s per function. */
const SCALE_BURST = 1000;
const SCALE_REFILL_PER_S = 100;
const CPU_FULL_VCPU_MB = 1769;

// the edge meanings its handler calls, declared by the kind (model/nodes/lambda.ts)
const DOWNSTREAM = new Set<EdgeMeaning>(kindOf('lambda').handlerCalls ?? []);

type ThrottleCause = 'reserved' | 'pool' | 'scaling' | 'fault';

export class LambdaService extends Service<LambdaEvent> {
  cfg: LambdaConfig;
  readonly envs = new EnvPool();
  private readonly scaling = new TokenBucket(SCALE_REFILL_PER_S, SCALE_BURST);
  private readonly rng: Rng;
  private readonly initRng: Rng;
  private handlerDist: LogNormal = logNormal(0, 0);
  /** The handler's distribution as a number (H_*), compared on every invocation instead of its name. */
  private handlerKind = H_CONSTANT;
  private handlerMeanMs = 0;
  private initCurve: QuantileCurve = quantileCurve(FALLBACK_INIT);
  /** The function's own init work (initCodeMs, .zip package size), median ms. */
  private initExtraMs = 0;
  private restoreCurve: QuantileCurve | null = null;
  /** Billed Restore Duration of the last restore sampled (sampleInit). */
  private billedRestoreMs = 0;
  /** SnapStart cache billed up to this time (-1: no cache billed now). */
  private cacheBilledToMs = -1;
  /** SnapStart cache charges so far (they do not scale with the run's length: monthlyAdjustUsd). */
  private cacheUsd = 0;
  /** INIT (or restore) durations of the cold starts. */
  readonly initDuration = new Histogram();
  /** INIT (or restore) + duration of the invocations that started cold, and of the others. */
  readonly coldInvocation = new Histogram();
  readonly warmInvocation = new Histogram();
  private cpuFactor = 1;
  private gbSPerMs = 0;
  private onDemandRate = 0;
  private pcExecRate = 0;
  private downstream: EdgeInfo[] = [];
  private accruedToMs = 0;
  readonly async: LambdaAsync;
  /**
   * Durations of the invocations that started cold; with warmInvocation (the warm ones'
   * durations) they make `duration`, so a warm invocation is recorded once, not twice.
   */
  private readonly coldDuration = new Histogram();
  private readonly durationScratch = new Histogram();

  /** Every invocation's duration (warm and cold), merged when read. */
  get duration(): Histogram {
    const h = this.durationScratch;
    h.reset();
    h.merge(this.warmInvocation);
    h.merge(this.coldDuration);
    return h;
  }
  invocations = 0;
  /** Events stopped by recursive loop detection (never invoked). */
  recursionStopped = 0;
  wRecursionStopped = 0;
  lastWindowStopped = 0;
  private readonly firstPass: LoopTrace;
  private traceIn: LoopTrace = null;
  private traceOut: LoopTrace = null;
  coldStarts = 0;
  wColdStarts = 0;
  maxConcurrency = 0;
  wMaxConcurrency = 0;
  billedGbS = 0;
  onDemandGbS = 0;
  lastThrottle: ThrottleCause | null = null;
  private readonly deadlines: DeadlineQueue;
  private readonly logThrottle: Record<ThrottleCause, LogCounter>;
  private readonly logCold: LogCounter;
  private readonly logFail: LogCounter;
  private readonly logTimeout: LogCounter;
  private readonly logDownstream: LogCounter;
  private readonly logLoop: LogCounter;

  constructor(k: Kernel, index: number, node: NodeOf<'lambda'>) {
    super(k, index, node, 'lambda');
    this.cfg = node.config;
    this.rng = k.rng(node.id, 'handler');
    this.firstPass = withPass(null, index);
    this.initRng = k.rng(node.id, 'init');
    this.async = new LambdaAsync(this, k.rng(node.id, 'async'));
    this.derive();
    this.deadlines = new DeadlineQueue(
      k,
      index,
      TIMEOUT_SWEEP,
      (c) => c.state === S_RUN || c.state === S_WAIT,
      (c) => this.timeout(c),
    );
    const id = node.id;
    const s = (n: number) => (n === 1 ? '' : 's');
    const throttled = (why: () => string) => k.log.counter(id, 'throttle', (n) => `${ref(id)}: ${num(n)} request${s(n)} throttled (429) — ${why()}`);
    this.logThrottle = {
      reserved: throttled(() => `reserved concurrency ${this.reserved} reached`),
      pool: throttled(() => `account pool exhausted (${num(k.accountPool.capacity)} unreserved, shared by every function without a reservation)`),
      scaling: throttled(() => 'scaling limit of 1,000 new environments per 10 s'),
      fault: throttled(() => 'throttle fault injected'),
    };
    this.logCold = k.log.counter(id, 'coldStart', (n, mean) => {
      const label = this.cfg.snapStart ? 'restore (SnapStart)' : 'init';
      return n === 1
        ? `${ref(id)}: cold start, ${num(mean)} ms ${label} (${this.cfg.runtime})`
        : `${ref(id)}: ${num(n)} cold starts, ${num(mean)} ms ${label} on average (${this.cfg.runtime})`;
    });
    this.logFail = k.log.counter(
      id,
      'error',
      (n) => `${ref(id)}: ${num(n)} invocation${s(n)} failed (handler error${this.faultDown ? ', function down' : ''})`,
    );
    this.logTimeout = k.log.counter(id, 'timeout', (n) => `${ref(id)}: ${num(n)} invocation${s(n)} timed out after ${num(this.cfg.timeoutMs)} ms`);
    this.logLoop = k.log.counter(
      id,
      'error',
      (n) =>
        `${ref(id)}: ${num(n)} event${s(n)} stopped — recursive loop detected (the same function ${AWS_RECURSION_LIMIT} times in one chain through SQS, SNS, S3 or Lambda; AWS Lambda recursive loop detection)`,
    );
    this.logDownstream = k.log.counter(id, 'error', (n) => `${ref(id)}: ${num(n)} invocation${s(n)} failed — a downstream call failed`);
  }

  private derive(): void {
    const c = this.cfg;
    const h = c.handler;
    if (h.distribution === 'lognormal') this.handlerDist = lognormalFromMeanP99(h.meanMs, h.p99Ms);
    this.handlerKind = h.distribution === 'constant' ? H_CONSTANT : h.distribution === 'exponential' ? H_EXPONENTIAL : H_LOGNORMAL;
    this.handlerMeanMs = h.meanMs;
    // §1.5: the runtime's measured INIT percentiles for this package type and architecture
    // (any memory size); the function's own init work adds to it, with its own spread
    const q = initQuantiles(c.runtime, c.packageType, c.architecture) ?? FALLBACK_INIT;
    this.initCurve = quantileCurve(q);
    this.initExtraMs = (c.packageType === 'zip' ? c.packageMb * PACKAGE_MS_PER_MB : 0) + c.initCodeMs;
    // §1.6: measured Restore Duration at this memory size (a tiny function restores slower than it inits)
    const rq = c.snapStart ? restoreQuantiles(c.runtime, c.memoryMb) : undefined;
    this.restoreCurve = rq ? quantileCurve(rq) : null;
    this.cpuFactor = 1 - c.cpuBound + c.cpuBound * Math.max(1, CPU_FULL_VCPU_MB / c.memoryMb);
    this.gbSPerMs = c.memoryMb / 1024 / 1000;
    this.onDemandRate = PRICES.lambda.perGbS[c.architecture];
    this.pcExecRate = PRICES.lambda.pcExecPerGbS[c.architecture];
  }

  override start(): void {
    this.downstream = this.out.filter((e) => DOWNSTREAM.has(e.meaning));
    // each environment holds its own connection to a database it queries directly (rds.ts),
    // and a proxy pins a connection to it until it ends (rdsProxy.ts)
    const dbs = this.out.filter((e) => e.meaning === 'sql').map((e) => this.k.services[e.target] as unknown as { releaseEnv(fn: number, env: number): void });
    if (dbs.length > 0)
      this.envs.onKill = (env) => {
        for (const db of dbs) db.releaseEnv(this.index, env);
      };
    this.setProvisioned(this.cfg.provisionedConcurrency);
    this.updateSnapCache();
  }

  /** Python and .NET pay for the SnapStart cache; Java does not (§1.6). */
  private get cachePaid(): boolean {
    return this.cfg.snapStart && this.restoreCurve !== null && !this.cfg.runtime.startsWith('java');
  }

  /**
   * Turning SnapStart on publishes a version whose snapshot cache is billed for at least
   * 3 hours (charged at once); past that, by the millisecond (tick). Turning it off stops it.
   */
  private updateSnapCache(): void {
    if (!this.cachePaid) {
      this.cacheBilledToMs = -1;
      return;
    }
    if (this.cacheBilledToMs >= 0) return;
    this.addCacheCost(SNAP_CACHE_MIN_S);
    this.cacheBilledToMs = this.k.nowMs + SNAP_CACHE_MIN_S * 1000;
  }

  private addCacheCost(seconds: number): void {
    const usd = (this.cfg.memoryMb / 1024) * seconds * PRICES.lambda.snapCachePerGbS;
    this.cacheUsd += usd;
    this.addCost(usd);
  }

  /**
   * The 30-day projection scales the run's cost; the cache's 3-hour minimum does not scale,
   * and a version kept all month pays its cache for the whole month.
   */
  override monthlyAdjustUsd(monthScale: number): number {
    const month = this.cachePaid ? (this.cfg.memoryMb / 1024) * SECONDS_PER_30_DAYS * PRICES.lambda.snapCachePerGbS : 0;
    return month - this.cacheUsd * monthScale;
  }

  get reserved(): number | null {
    return this.cfg.reservedConcurrency;
  }

  override configure(node: NodeOf<'lambda'>): void {
    const poolBefore = this.reserved === null;
    const inUse = this.envs.pcCount + this.envs.odInUse;
    super.configure(node);
    this.cfg = node.config;
    this.derive();
    if (poolBefore !== (this.reserved === null)) this.k.accountPool.used += poolBefore ? -inUse : inUse;
    this.setProvisioned(this.cfg.provisionedConcurrency);
    this.updateSnapCache();
  }

  private setProvisioned(target: number): void {
    const e = this.envs;
    while (e.pcCount < target) {
      e.pushIdle(e.newEnv(true, 0), this.k.nowMs);
      e.pcCount++;
      if (this.reserved === null) this.k.accountPool.used++;
    }
    while (e.pcCount > target && e.dropIdleProvisioned()) {
      if (this.reserved === null) this.k.accountPool.used--;
    }
  }

  private underLimit(): boolean {
    const r = this.reserved;
    if (r !== null) {
      if (this.envs.pcCount + this.envs.odInUse < r) return true;
      this.lastThrottle = 'reserved';
      return false;
    }
    if (this.k.accountPool.used < this.k.accountPool.capacity) return true;
    this.lastThrottle = 'pool';
    return false;
  }

  private useOnDemand(delta: number): void {
    this.envs.odInUse += delta;
    if (this.reserved === null) this.k.accountPool.used += delta;
  }

  override call(c: Call): void {
    const t = c.trace;
    if (t === null) c.trace = this.firstPass;
    else {
      if (t !== this.traceIn) {
        if (passesOf(t, this.index) >= AWS_RECURSION_LIMIT) {
          this.stopLoop(c);
          return;
        }
        // chains arriving the same way share one trace: no allocation per request
        this.traceIn = t;
        this.traceOut = withPass(t, this.index);
      }
      c.trace = this.traceOut;
    }
    if (c.async) {
      this.async.accept(c);
      return;
    }
    if (!this.tryStart(c)) this.throttleSync(c);
  }

  /**
   * AWS recursive loop detection: the chain has already passed through this function 16
   * times, so this invocation does not run. The event is not an invocation, an error or a
   * request here (counted as recursionStopped); its sender sees an error, and an
   * asynchronous event goes to the on-failure destination when there is one.
   */
  private stopLoop(c: Call): void {
    this.recursionStopped++;
    this.wRecursionStopped++;
    this.logLoop.add();
    c.loopStopped = true;
    this.k.note(c, 'stopped by recursive loop detection');
    if (c.async) this.async.stopped(c);
    else this.k.finishUnrecorded(c, ERROR);
  }

  private throttleSync(c: Call): void {
    this.noteThrottle();
    this.k.note(
      c,
      `throttled (429): ${this.lastThrottle === 'scaling' ? 'scaling rate limit' : this.lastThrottle === 'pool' ? 'account concurrency' : 'reserved concurrency'} reached`,
    );
    this.k.finish(c, THROTTLED);
  }

  noteThrottle(): void {
    this.stats.noteThrottle();
    this.logThrottle[this.lastThrottle ?? 'reserved'].add();
  }

  /** Start an invocation now if a warm environment or a new one is allowed. */
  tryStart(c: Call): boolean {
    const e = this.envs;
    const k = this.k;
    if (this.faultThrottle) {
      this.lastThrottle = 'fault';
      return false;
    }
    if (this.faultDown) {
      this.invocations++;
      this.addCost(PRICES.lambda.perRequest);
      c.state = S_RUN;
      c.env = -1;
      c.t0 = k.nowMs;
      k.afterCall(0, c, FAIL);
      return true;
    }
    let env = -1;
    let cold = false;
    if (e.pcIdle.length > 0 && e.pcCount <= (this.reserved ?? Infinity)) {
      env = e.pcIdle.pop()!;
    } else {
      if (e.idleOnDemand > 0) e.reclaim(k.nowMs, this.cfg.idleTimeoutS * 1000);
      if (!this.underLimit()) return false;
      env = e.popIdleMru();
      if (env < 0) {
        if (!this.scaling.take(k.nowMs, 1)) {
          this.lastThrottle = 'scaling';
          return false;
        }
        env = e.newEnv(false, INIT);
        cold = true;
      }
      this.useOnDemand(1);
    }
    this.invocations++;
    this.addCost(PRICES.lambda.perRequest * this.requestUnits(c));
    c.env = env;
    if (cold) {
      const initMs = this.sampleInit();
      e.initializing++;
      // SnapStart bills the Billed Restore Duration, not the snapshot restore itself (§1.6)
      e.unbilledInitMs[env] = this.restoreCurve ? this.billedRestoreMs : initMs;
      e.coldMs[env] = initMs;
      this.initDuration.record(initMs);
      this.coldStarts++;
      this.wColdStarts++;
      this.trackConcurrency();
      c.state = S_INIT;
      k.afterCall(initMs, c, INIT_DONE);
      this.logCold.add(initMs);
      this.k.noteColdStart(c, `cold start, ${Math.round(initMs)} ms init`);
    } else {
      this.runHandler(c);
    }
    return true;
  }

  private requestUnits(c: Call): number {
    if (!c.async || c.payloadKb <= PRICES.lambda.asyncFreeKb) return 1;
    return 1 + Math.ceil((c.payloadKb - PRICES.lambda.asyncFreeKb) / PRICES.lambda.asyncChunkKb);
  }

  /**
   * A cold start's INIT, or with SnapStart its Restore Duration. One normal draw places the
   * start in both measured distributions (a slow host is slow at both).
   */
  private sampleInit(): number {
    const c = this.cfg;
    const z = this.initRng.normal();
    const runtimeMs = quantileAt(this.initCurve, z);
    if (this.restoreCurve) {
      // restore charge for Python and .NET; Java restores are free (§1.6)
      if (!c.runtime.startsWith('java')) this.addCost((c.memoryMb / 1024) * PRICES.lambda.snapRestorePerGb);
      const restoreMs = quantileAt(this.restoreCurve, z);
      // Billed Restore Duration = loading the runtime (+ after-restore hooks): taken as the
      // runtime's own hello-world INIT, never more than the restore (§9.2 assumption)
      this.billedRestoreMs = Math.min(restoreMs, runtimeMs);
      return restoreMs;
    }
    const ownMs = this.initExtraMs > 0 ? this.initExtraMs * quantileAt(CODE_SPREAD, this.initRng.normal()) : 0;
    return Math.min(INIT_CAP_MS, runtimeMs + ownMs);
  }

  private trackConcurrency(): void {
    const n = this.envs.busy + this.envs.initializing;
    if (n > this.maxConcurrency) this.maxConcurrency = n;
    if (n > this.wMaxConcurrency) this.wMaxConcurrency = n;
  }

  private handlerMs(): number {
    const kind = this.handlerKind;
    let t: number;
    if (kind === H_CONSTANT) t = this.handlerMeanMs;
    else if (kind === H_EXPONENTIAL) t = this.rng.exponential(this.handlerMeanMs);
    else t = sampleLogNormal(this.rng, this.handlerDist);
    return t * this.cpuFactor + this.faultAddMs;
  }

  private runHandler(c: Call): void {
    const k = this.k;
    this.envs.state[c.env] = BUSY;
    this.envs.busy++;
    this.trackConcurrency();
    c.state = S_RUN;
    c.t0 = k.nowMs;
    c.step = 0;
    const own = this.handlerMs();
    if (c.span !== null) k.note(c, `handler ${num(Math.round(own))} ms at ${num(this.cfg.memoryMb)} MB`);
    const timeoutMs = this.cfg.timeoutMs;
    if (own >= timeoutMs) {
      k.afterCall(timeoutMs, c, TIMEOUT_EV);
      return;
    }
    const errorRate = this.cfg.errorRate + this.faultErrorRate - this.cfg.errorRate * this.faultErrorRate;
    if (errorRate > 0 && this.rng.next() < errorRate) {
      k.afterCall(own, c, FAIL);
      return;
    }
    if (this.downstream.length === 0) {
      k.afterCall(own, c, DONE);
      return;
    }
    this.deadlines.add(c, k.nowMs + timeoutMs);
    k.afterCall(own, c, NEXT);
  }

  private timeout(c: Call): void {
    this.logTimeout.add();
    if (c.span !== null) this.k.note(c, `timed out after ${num(this.cfg.timeoutMs)} ms`);
    this.complete(c, TIMEOUT);
  }

  override onEvent(kind: LambdaEvent, slot: number, gen: number): void {
    if (kind === TIMEOUT_SWEEP) {
      this.deadlines.fire();
      return;
    }
    const c = this.k.callOf(slot, gen);
    if (c === null) return;
    switch (kind) {
      case INIT_DONE:
        this.envs.initializing--;
        this.runHandler(c);
        return;
      case NEXT:
      case HOP:
        if (c.state === S_RUN) this.next(c);
        return;
      case DONE:
        this.complete(c, OK);
        return;
      case FAIL:
        this.logFail.add();
        this.complete(c, ERROR);
        return;
      case TIMEOUT_EV:
        if (c.state === S_RUN || c.state === S_WAIT) this.timeout(c);
        return;
      case ASYNC_RETRY:
        this.async.retry(c);
        return;
      default:
        unhandled(kind, 'Lambda event');
    }
  }

  private next(c: Call): void {
    const k = this.k;
    if (c.step >= this.downstream.length) {
      this.complete(c, OK);
      return;
    }
    const edge = this.downstream[c.step++];
    if (edge.meaning === 'asyncInvoke') {
      // the caller only waits for the 202 acknowledgement
      k.afterCall(sampleLogNormal(this.rng, HOP_LATENCY), c, HOP);
      k.spawn(edge, null, c, true);
      return;
    }
    c.state = S_WAIT;
    k.spawn(edge, c, c, false);
  }

  override childDone(c: Call, outcome: OutcomeCode): void {
    if (c.state !== S_WAIT) return;
    c.state = S_RUN;
    if (outcome !== OK) {
      this.logDownstream.add();
      this.complete(c, ERROR);
      return;
    }
    this.next(c);
  }

  /** End an invocation: free (or reset) its environment, bill it, report the outcome. */
  private complete(c: Call, outcome: OutcomeCode): void {
    const k = this.k;
    const e = this.envs;
    const env = c.env;
    const durMs = k.nowMs - c.t0;
    if (env >= 0) {
      e.busy--;
      const pc = e.provisioned[env] === 1;
      const billedMs = Math.ceil(durMs) + Math.ceil(e.unbilledInitMs[env]);
      e.unbilledInitMs[env] = 0;
      const gbS = billedMs * this.gbSPerMs;
      this.billedGbS += gbS;
      if (pc) this.costUsd += gbS * this.pcExecRate;
      else {
        this.onDemandGbS += gbS;
        this.costUsd += gbS * this.onDemandRate;
      }
      if (pc) {
        if (e.pcCount > this.cfg.provisionedConcurrency) {
          // provisioned concurrency was lowered while this one was busy
          e.kill(env);
          e.pcCount--;
          if (this.reserved === null) k.accountPool.used--;
        } else e.pushIdle(env, k.nowMs);
      } else {
        this.useOnDemand(-1);
        // a timeout resets the runtime: the next request on it would re-init (§1.4)
        if (outcome === TIMEOUT) e.kill(env);
        else e.pushIdle(env, k.nowMs);
      }
      if (e.coldMs[env] > 0) {
        this.coldInvocation.record(e.coldMs[env] + durMs);
        this.coldDuration.record(durMs);
        e.coldMs[env] = 0;
      } else this.warmInvocation.record(durMs);
    }
    c.env = -1;
    c.state = 0;
    if (c.async) this.async.result(c, outcome);
    else k.finish(c, outcome);
  }

  override tick(nowMs: number): void {
    this.lastWindowStopped = this.wRecursionStopped;
    this.wRecursionStopped = 0;
    const e = this.envs;
    if (e.idleOnDemand > 0) e.reclaim(nowMs, this.cfg.idleTimeoutS * 1000);
    const dtS = (nowMs - this.accruedToMs) / 1000;
    this.accruedToMs = nowMs;
    const gb = this.cfg.memoryMb / 1024;
    if (e.pcCount > 0) this.addCost(e.pcCount * gb * dtS * PRICES.lambda.pcPerGbS[this.cfg.architecture]);
    if (this.cacheBilledToMs >= 0 && nowMs > this.cacheBilledToMs) {
      this.addCacheCost((nowMs - this.cacheBilledToMs) / 1000);
      this.cacheBilledToMs = nowMs;
    }
  }

  concurrencyLimit(): number {
    return this.reserved ?? this.k.accountPool.capacity;
  }

  override freeTierUsd(monthScale: number): number {
    const p = PRICES.lambda;
    const req = Math.min(this.invocations * monthScale, p.freeRequests) * p.perRequest;
    const gbs = Math.min(this.onDemandGbS * monthScale, p.freeGbS) * p.perGbS[this.cfg.architecture];
    return req + gbs;
  }

  override live(): LiveFields<LambdaLive> {
    const e = this.envs;
    return {
      busy: e.busy,
      idleWarm: e.idleOnDemand + e.pcIdle.length,
      initializing: e.initializing,
      provisioned: e.pcCount,
      concurrencyLimit: this.concurrencyLimit(),
      coldStarts: this.coldStarts,
      asyncQueueDepth: this.async.waiting,
      recursionStopped: this.recursionStopped,
      duplicates: this.duplicateDeliveries,
    };
  }

  override windowExtra(): Partial<NodeWindow> {
    const out = {
      busy: Math.max(this.wMaxConcurrency, this.envs.busy + this.envs.initializing),
      concurrencyLimit: this.concurrencyLimit(),
      coldStarts: this.wColdStarts,
    };
    this.wColdStarts = 0;
    this.wMaxConcurrency = 0;
    return out;
  }

  override summary(): LambdaSummary {
    const d = this.duration;
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return {
      type: 'lambda',
      invocations: this.invocations,
      throttles: this.stats.throttleEvents,
      errors: this.stats.errors,
      timeouts: this.stats.timeouts,
      coldStarts: this.coldStarts,
      maxConcurrency: this.maxConcurrency,
      billedGbS: Math.round(this.billedGbS * 1000) / 1000,
      costUsd: this.costUsd,
      durationMs: { mean: r2(d.mean()), p50: r2(d.quantile(0.5)), p95: r2(d.quantile(0.95)), p99: r2(d.quantile(0.99)) },
      asyncRetries: this.async.retries,
      asyncToFailure: this.async.failed,
      recursionStopped: this.recursionStopped,
      duplicates: this.duplicateDeliveries,
    };
  }
}
