/**
 * Step Functions (reference §11): a state machine runs its definition (model/nodes/stepFunctions.ts)
 * once per execution.
 *
 * - Starts: an API Gateway integration on an Express machine waits for the execution
 *   (StartSyncExecution) and answers with its outcome; every other start (API Gateway on a
 *   Standard machine, a Lambda handler, an EventBridge rule or schedule) is StartExecution:
 *   the caller waits only for the API's answer (log-normal median 25 ms, p99 80 ms, §11.6) and
 *   the execution goes on by itself. Starts draw on the account's token buckets (§11.3):
 *   Standard StartExecution 1,300 burst / 300 per s; Express 6,000 / 6,000 per s (StartExecution
 *   and StartSyncExecution each). An empty bucket refuses the start (ThrottlingException:
 *   outcome throttled). At most 1,000,000 Standard executions are open at once.
 * - Every state entered is one state transition (a Parallel or Map state itself, each state in
 *   its branches or iterations, each retry, a Catch handler). Standard transitions draw on the
 *   account's bucket (5,000 burst / 5,000 per s): a transition with no token waits for one
 *   (the execution slows down, it does not fail) and counts as throttled. Express has no
 *   transition quota. Each transition takes a modelled scheduling delay (§11.6).
 * - Task: a synchronous Lambda invoke. A failure (error, throttle or timeout of the function)
 *   is retried as Retry says — the n-th retry waits intervalS × backoffRate^(n−1) — then goes
 *   to Catch (a handler state; the branch ends and the execution succeeds) or fails the
 *   execution. Map: one iteration per item, at most min(maxConcurrency, 40) at once (inline
 *   mode); Retry and Catch are those of the task inside. Parallel and Map fail as soon as one
 *   branch or iteration fails (the others are stopped). Choice follows one branch, drawn by weight.
 * - Express executions end with States.Timeout after 5 minutes (outcome timeout); Standard
 *   ones after a year. Delivery: Standard exactly-once; Express asynchronous at-least-once,
 *   synchronous at-most-once (duplicate executions are not drawn, only stated). A failed
 *   synchronous execution reaches its caller as an error (AWS answers 200 with status
 *   FAILED; an API usually maps it to a 5xx, §11.6).
 * - Price (§11.4): Standard $0.025 per 1,000 transitions; Express $1.00 per million requests
 *   plus duration (rounded up to 100 ms) × memory (64 MB chunks) at $0.00001667 per GB-s.
 */
import { normaliseStep, SFN_LIMITS, type Branch, type NodeOf, type RetrySpec, type Step, type StepFunctionsConfig } from '../../model';
import type { LiveFields, StepFunctionsLive, StepFunctionsSummary } from '../api';
import { ERROR, OK, THROTTLED, TIMEOUT, type Call, type OutcomeCode } from '../engine/call';
import type { EdgeInfo, Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type LogNormal, type Rng } from '../engine/rng';
import { Histogram } from '../metrics/histogram';
import { num, ref, type LogCounter } from '../metrics/eventLog';
import { PRICES } from '../pricing/prices';
import { Service, TokenBucket } from './service';

const TIMER = 0;
const ACK = 1;
const DRAIN = 2;
/** The oldest running Express execution may have reached the 5-minute limit (one timer for all). */
const EXPIRE = 3;
/** The events this service schedules for itself (Service `Ev`). */
type StepFunctionsEvent = typeof TIMER | typeof ACK | typeof DRAIN | typeof EXPIRE;
const NOOP = () => {};
/** A branch ended through a Catch: it stops there and counts as succeeded. */
const CAUGHT = 9;

/** §11.3: account quotas (us-east-1), shared by every state machine of the account. */
export const SFN_QUOTAS = {
  standardStart: { bucket: 1_300, refillPerS: 300 },
  expressStart: { bucket: 6_000, refillPerS: 6_000 },
  expressSyncStart: { bucket: 6_000, refillPerS: 6_000 },
  standardTransitions: { bucket: 5_000, refillPerS: 5_000 },
  standardOpenExecutions: 1_000_000,
  expressMaxMs: 5 * 60_000,
  standardMaxMs: 365 * 86_400_000,
} as const;

/** §11.6 (modelling choice): the API's answer to a start, and the scheduling delay of one transition. */
const START_API = lognormalFromMedianP99(25, 80);
const TRANSITION: Record<StepFunctionsConfig['workflowType'], LogNormal> = {
  standard: lognormalFromMedianP99(20, 60),
  express: lognormalFromMedianP99(5, 20),
};

interface AccountBuckets {
  standardStart: TokenBucket;
  expressStart: TokenBucket;
  expressSyncStart: TokenBucket;
  transitions: TokenBucket;
  /** Standard transitions waiting for a token, first come first served. */
  waiting: (() => void)[];
  /** Index of the first still waiting in `waiting`. */
  head: number;
  drainScheduled: boolean;
  openStandard: number;
}
/** One set of buckets per run (per kernel): quotas are per account and Region. */
const ACCOUNTS = new WeakMap<Kernel, AccountBuckets>();
function accountOf(k: Kernel): AccountBuckets {
  let a = ACCOUNTS.get(k);
  if (!a) {
    const q = SFN_QUOTAS;
    a = {
      standardStart: new TokenBucket(q.standardStart.refillPerS, q.standardStart.bucket),
      expressStart: new TokenBucket(q.expressStart.refillPerS, q.expressStart.bucket),
      expressSyncStart: new TokenBucket(q.expressSyncStart.refillPerS, q.expressSyncStart.bucket),
      transitions: new TokenBucket(q.standardTransitions.refillPerS, q.standardTransitions.bucket),
      waiting: [],
      head: 0,
      drainScheduled: false,
      openStandard: 0,
    };
    ACCOUNTS.set(k, a);
  }
  return a;
}

/** One execution, or a branch or iteration inside it: stopping a scope stops what runs in it. */
interface Scope {
  exec: Execution;
  parent: Scope | null;
  stopped: boolean;
}
interface Execution extends Scope {
  startMs: number;
  /** The StartSyncExecution call waiting for the outcome (slot, gen), or slot -1. */
  slot: number;
  gen: number;
  standard: boolean;
  transitions: number;
  caught: boolean;
  ended: boolean;
  /** A time-out timer's id (0: none; Express time-outs wait in the service's `expiring` FIFO instead). */
  timer: number;
  /** Express: duration cost accrued while it runs (window by window), settled when it ends. */
  accruedUsd: number;
}

/** A step's end: its outcome, or CAUGHT (a Catch handled it). */
type Done = (outcome: OutcomeCode | typeof CAUGHT) => void;

/** The wait before retry `n` (1-based): intervalS × backoffRate^(n−1), in ms (ASL Retry). */
export function retryDelayMs(retry: RetrySpec, n: number): number {
  return retry.intervalS * Math.pow(retry.backoffRate, n - 1) * 1000;
}

/** Express billing (§11.4): duration rounded up to 100 ms, memory in 64 MB chunks. */
export function expressBilledGbS(durationMs: number, memoryMb: number): number {
  const p = PRICES.stepFunctions;
  const ms = Math.max(p.expressDurationStepMs, Math.ceil(durationMs / p.expressDurationStepMs - 1e-9) * p.expressDurationStepMs);
  const mb = Math.max(p.expressMemoryStepMb, Math.ceil(memoryMb / p.expressMemoryStepMb) * p.expressMemoryStepMb);
  return (ms / 1000) * (mb / 1024);
}

export class StepFunctionsService extends Service<StepFunctionsEvent> {
  private cfg: StepFunctionsConfig;
  private readonly rng: Rng;
  private readonly account: AccountBuckets;
  private readonly timers = new Map<number, () => void>();
  private readonly invokes = new Map<number, (outcome: OutcomeCode) => void>();
  private nextId = 1;
  private readonly taskEdges = new Map<string, EdgeInfo>();
  /** Express executions still running: their duration cost accrues at each window. */
  private readonly expressRunning = new Set<Execution>();
  /**
   * Express time-outs: every execution has the same limit, so deadlines come in start order.
   * Running executions wait in this FIFO (ended ones leave from the head as they end) and one
   * EXPIRE event is armed for the oldest, instead of a timer event and closure per execution
   * (at 1,000 rps that was 300,000 pending events, most of the run's garbage collection).
   */
  private expiring: Execution[] = [];
  private expiringHead = 0;
  private expiryArmed = false;
  // counters
  started = 0;
  succeeded = 0;
  failed = 0;
  timedOut = 0;
  caught = 0;
  startThrottles = 0;
  transitions = 0;
  transitionThrottles = 0;
  retries = 0;
  running = 0;
  maxRunning = 0;
  billedGbS = 0;
  private readonly duration = new Histogram();
  private readonly logStartThrottle: LogCounter;
  private readonly logTransitionThrottle: LogCounter;
  private readonly logRetry: LogCounter;
  private readonly logFailed: LogCounter;
  private readonly logTimeout: LogCounter;

  constructor(k: Kernel, index: number, node: NodeOf<'stepFunctions'>) {
    super(k, index, node, 'stepFunctions');
    this.cfg = node.config;
    this.rng = k.rng(node.id, 'stepFunctions');
    this.account = accountOf(k);
    const id = node.id;
    const s = (n: number) => (n === 1 ? '' : 's');
    this.logStartThrottle = k.log.counter(
      id,
      'throttle',
      (n) =>
        `${ref(id)}: ${num(n)} execution start${s(n)} throttled — the account's ${this.cfg.workflowType === 'express' ? 'Express' : 'Standard'} StartExecution quota (${this.cfg.workflowType === 'express' ? '6,000 per s' : '300 per s, burst 1,300'}) reached`,
    );
    this.logTransitionThrottle = k.log.counter(
      id,
      'throttle',
      (n) => `${ref(id)}: ${num(n)} state transition${s(n)} throttled — the account's 5,000 per s quota reached; executions slow down`,
    );
    this.logRetry = k.log.counter(id, 'retry', (n, mean) => `${ref(id)}: ${num(n)} task${s(n)} retried (mean wait ${num(mean)} ms)`);
    this.logFailed = k.log.counter(id, 'error', (n) => `${ref(id)}: ${num(n)} execution${s(n)} failed — a task failed after its retries, with no Catch`);
    this.logTimeout = k.log.counter(
      id,
      'timeout',
      (n) => `${ref(id)}: ${num(n)} execution${s(n)} timed out (States.Timeout) — an Express workflow runs at most 5 minutes`,
    );
  }

  override start(): void {
    for (const e of this.out) if (e.meaning === 'task') this.taskEdges.set(this.k.services[e.target].id, e);
  }

  override configure(node: NodeOf<'stepFunctions'>): void {
    super.configure(node);
    this.cfg = node.config;
  }

  // ---- starts ----

  override call(c: Call): void {
    const k = this.k;
    if (this.refuseByFault(c, this.rng)) return;
    const express = this.cfg.workflowType === 'express';
    const fromApi = c.edge >= 0 && k.services[k.edges[c.edge].source].node.type === 'apiGateway';
    const sync = express && fromApi;
    const a = this.account;
    const bucket = !express ? a.standardStart : sync ? a.expressSyncStart : a.expressStart;
    if (!bucket.take(k.nowMs, 1)) {
      this.startThrottles++;
      this.stats.noteThrottle();
      this.logStartThrottle.add();
      k.finish(c, THROTTLED);
      return;
    }
    if (!express && a.openStandard >= SFN_QUOTAS.standardOpenExecutions) {
      k.finish(c, ERROR); // ExecutionLimitExceeded
      return;
    }
    const exec: Execution = {
      exec: null as unknown as Execution,
      parent: null,
      stopped: false,
      startMs: k.nowMs,
      slot: sync ? c.slot : -1,
      gen: sync ? c.gen : 0,
      standard: !express,
      transitions: 0,
      caught: false,
      ended: false,
      timer: 0,
      accruedUsd: 0,
    };
    exec.exec = exec;
    this.started++;
    this.running++;
    if (this.running > this.maxRunning) this.maxRunning = this.running;
    if (!express) a.openStandard++;
    if (express) {
      this.addCost(PRICES.stepFunctions.expressPerRequest);
      this.expressRunning.add(exec);
    }
    if (!sync) k.afterCall(sampleLogNormal(this.rng, START_API) + this.faultAddMs, c, ACK);
    // a Standard execution's year never ends inside a run (one day at most): no timer for it
    if (express) {
      this.expiring.push(exec);
      if (!this.expiryArmed) {
        this.expiryArmed = true;
        k.at(exec.startMs + SFN_QUOTAS.expressMaxMs, this.index, EXPIRE, 0, 0);
      }
    }
    const definition = this.cfg.definition;
    const body: Branch = definition.length > 0 ? definition : [{ type: 'pass' }];
    this.runSteps(exec, body, 0, (outcome) => this.end(exec, outcome === CAUGHT ? OK : outcome));
  }

  private end(exec: Execution, outcome: OutcomeCode): void {
    if (exec.ended) return;
    const k = this.k;
    exec.ended = true;
    exec.stopped = true;
    if (exec.timer) this.timers.delete(exec.timer);
    this.running--;
    const durMs = k.nowMs - exec.startMs;
    this.duration.record(durMs);
    if (exec.standard) this.account.openStandard--;
    else {
      const gbS = expressBilledGbS(durMs, this.cfg.billedMemoryMb);
      this.billedGbS += gbS;
      this.addCost(gbS * PRICES.stepFunctions.expressPerGbS - exec.accruedUsd);
      this.expressRunning.delete(exec);
      this.dropEnded();
    }
    if (outcome === OK) {
      this.succeeded++;
      if (exec.caught) this.caught++;
    } else if (outcome === TIMEOUT) {
      this.timedOut++;
      this.logTimeout.add();
    } else {
      this.failed++;
      this.logFailed.add();
    }
    if (exec.slot >= 0) {
      const c = k.callOf(exec.slot, exec.gen);
      if (c !== null) k.finish(c, outcome);
    }
  }

  // ---- the interpreter ----

  private alive(scope: Scope): boolean {
    for (let s: Scope | null = scope; s !== null; s = s.parent) if (s.stopped) return false;
    return true;
  }

  private schedule(delayMs: number, fn: () => void): number {
    const id = this.nextId++;
    this.timers.set(id, fn);
    this.k.after(delayMs, this.index, TIMER, id, 0);
    return id;
  }

  /** Enter a state: one transition (billed for Standard, throttled by the account's bucket), then `then`. */
  private transition(scope: Scope, then: () => void): void {
    if (!this.alive(scope)) return;
    const exec = scope.exec;
    const enter = () => {
      this.transitions++;
      exec.transitions++;
      this.schedule(sampleLogNormal(this.rng, TRANSITION[this.cfg.workflowType]) + this.faultAddMs, then);
    };
    if (!exec.standard) {
      enter();
      return;
    }
    const a = this.account;
    const go = () => {
      if (!this.alive(scope)) return;
      this.addCost(PRICES.stepFunctions.perTransition);
      enter();
    };
    // FIFO behind the transitions already waiting: no token, no transition until the bucket refills
    if (a.head === a.waiting.length && a.transitions.take(this.k.nowMs, 1)) {
      go();
      return;
    }
    this.transitionThrottles++;
    this.stats.noteThrottle();
    this.logTransitionThrottle.add();
    a.waiting.push(go);
    if (!a.drainScheduled) this.scheduleDrain();
  }

  /** Let waiting transitions through as the account's bucket refills (one timer per account). */
  private scheduleDrain(): void {
    const a = this.account;
    a.drainScheduled = true;
    const b = a.transitions;
    b.refill(this.k.nowMs);
    this.k.after(Math.max(1, ((1 - b.tokens) / b.ratePerS) * 1000), this.index, DRAIN, 0, 0);
  }

  private drain(): void {
    const a = this.account;
    a.drainScheduled = false;
    const b = a.transitions;
    while (a.head < a.waiting.length && b.take(this.k.nowMs, 1)) {
      const go = a.waiting[a.head];
      a.waiting[a.head++] = NOOP;
      go();
    }
    if (a.head > 1024 && a.head * 2 > a.waiting.length) {
      a.waiting.splice(0, a.head);
      a.head = 0;
    }
    if (a.head < a.waiting.length) this.scheduleDrain();
  }

  private runSteps(scope: Scope, steps: Branch, i: number, done: Done): void {
    if (!this.alive(scope)) return;
    if (i >= steps.length) {
      done(OK);
      return;
    }
    const step = normaliseStep(steps[i]);
    this.transition(scope, () =>
      this.runStep(scope, step, (outcome) => {
        if (outcome === OK) this.runSteps(scope, steps, i + 1, done);
        else done(outcome);
      }),
    );
  }

  private runStep(scope: Scope, step: Step, done: Done): void {
    switch (step.type) {
      case 'pass':
        done(OK);
        return;
      case 'wait':
        this.schedule(step.seconds * 1000, () => {
          if (this.alive(scope)) done(OK);
        });
        return;
      case 'task':
        this.invoke(scope, step.target, step.retry, step.catch, 0, done);
        return;
      case 'choice': {
        let total = 0;
        for (const b of step.branches) total += b.weight;
        let x = this.rng.next() * total;
        let chosen = step.branches[step.branches.length - 1];
        for (const b of step.branches) {
          x -= b.weight;
          if (x < 0 && b.weight > 0) {
            chosen = b;
            break;
          }
        }
        this.runSteps(scope, chosen.steps, 0, done);
        return;
      }
      case 'parallel':
        this.fanOut(
          scope,
          step.branches.length,
          step.branches.length,
          (child, j, finish) => this.runSteps(child, step.branches[j], 0, (o) => finish(o === CAUGHT ? OK : o)),
          done,
        );
        return;
      case 'map': {
        const limit = Math.min(step.maxConcurrency === 0 ? SFN_LIMITS.inlineMapConcurrency : step.maxConcurrency, SFN_LIMITS.inlineMapConcurrency);
        this.fanOut(
          scope,
          step.items,
          limit,
          (child, _j, finish) => this.transition(child, () => this.invoke(child, step.target, step.retry, step.catch, 0, (o) => finish(o === CAUGHT ? OK : o))),
          done,
        );
        return;
      }
    }
  }

  /**
   * Run `n` branches, at most `limit` at once; done(OK) when all succeed, or the first failure
   * (the rest are stopped).
   */
  private fanOut(scope: Scope, n: number, limit: number, run: (child: Scope, j: number, finish: Done) => void, done: Done): void {
    if (n === 0) {
      done(OK);
      return;
    }
    const group: Scope = { exec: scope.exec, parent: scope, stopped: false };
    let next = 0;
    let finished = 0;
    const launch = () => {
      const j = next++;
      const child: Scope = { exec: scope.exec, parent: group, stopped: false };
      run(child, j, (outcome) => {
        if (group.stopped || !this.alive(scope)) return;
        if (outcome !== OK) {
          group.stopped = true;
          done(outcome);
          return;
        }
        finished++;
        if (finished === n) done(OK);
        else if (next < n) launch();
      });
    };
    const first = Math.min(n, Math.max(1, limit));
    for (let j = 0; j < first; j++) launch();
  }

  /** A Task: invoke the function; retry, catch or fail as the step says. */
  private invoke(scope: Scope, target: string, retry: RetrySpec | null, canCatch: boolean, attempt: number, done: Done): void {
    if (!this.alive(scope)) return;
    const k = this.k;
    const edge = this.taskEdges.get(target);
    const after = (outcome: OutcomeCode) => {
      if (!this.alive(scope)) return;
      if (outcome === OK) {
        done(OK);
        return;
      }
      if (retry !== null && attempt < retry.maxAttempts) {
        const wait = retryDelayMs(retry, attempt + 1);
        this.retries++;
        this.logRetry.add(wait);
        this.schedule(wait, () => this.transition(scope, () => this.invoke(scope, target, retry, canCatch, attempt + 1, done)));
        return;
      }
      if (canCatch) {
        scope.exec.caught = true;
        this.transition(scope, () => done(CAUGHT)); // the Catch handler state
        return;
      }
      done(outcome === TIMEOUT ? ERROR : outcome === THROTTLED ? ERROR : outcome);
    };
    if (!edge) {
      after(ERROR); // no such function: Lambda.ResourceNotFoundException
      return;
    }
    const carrier = k.pool.acquire();
    carrier.node = this.index;
    carrier.edge = -1;
    carrier.parent = null;
    carrier.startMs = k.nowMs;
    carrier.isWrite = true;
    carrier.key = this.rng.int(1 << 30);
    carrier.payloadKb = 1;
    carrier.trace = null;
    const id = this.nextId++;
    carrier.count = id;
    this.invokes.set(id, after);
    k.spawn(edge, carrier, carrier, false);
  }

  override childDone(c: Call, outcome: OutcomeCode): void {
    const fn = this.invokes.get(c.count);
    this.invokes.delete(c.count);
    this.k.drop(c);
    if (fn) fn(outcome);
  }

  /** Ended executions leave the head of the time-out FIFO; the array is compacted now and then. */
  private dropEnded(): void {
    const q = this.expiring;
    let h = this.expiringHead;
    while (h < q.length && q[h].ended) h++;
    if (h === q.length) {
      q.length = 0;
      h = 0;
    } else if (h > 1024 && h * 2 > q.length) {
      q.copyWithin(0, h);
      q.length -= h;
      h = 0;
    }
    this.expiringHead = h;
  }

  /** The armed time-out fired: end what has run 5 minutes (States.Timeout), re-arm for the next. */
  private expire(): void {
    this.expiryArmed = false;
    const now = this.k.nowMs;
    const q = this.expiring;
    while (this.expiringHead < q.length) {
      const exec = q[this.expiringHead];
      if (exec.ended) {
        this.expiringHead++;
        continue;
      }
      if (exec.startMs + SFN_QUOTAS.expressMaxMs > now) break;
      this.expiringHead++;
      this.end(exec, TIMEOUT);
    }
    this.dropEnded();
    if (this.expiringHead < q.length) {
      this.expiryArmed = true;
      this.k.at(q[this.expiringHead].startMs + SFN_QUOTAS.expressMaxMs, this.index, EXPIRE, 0, 0);
    }
  }

  override onEvent(kind: StepFunctionsEvent, a: number, b: number): void {
    if (kind === EXPIRE) {
      this.expire();
      return;
    }
    if (kind === TIMER) {
      const fn = this.timers.get(a);
      if (fn) {
        this.timers.delete(a);
        fn();
      }
      return;
    }
    if (kind === DRAIN) {
      this.drain();
      return;
    }
    if (kind === ACK) {
      const c = this.k.callOf(a, b);
      if (c !== null) this.k.finish(c, OK);
    }
  }

  /**
   * The cost so far includes the duration Express executions have run up to now (unrounded);
   * the rest of their rounded duration is added when each ends, so a finished execution is
   * billed exactly as AWS bills it and the 30-day projection is not flattered by the ones
   * still running at the end of the run.
   */
  override tick(nowMs: number): void {
    if (this.expressRunning.size === 0) return;
    const p = PRICES.stepFunctions;
    const gb = Math.max(p.expressMemoryStepMb, Math.ceil(this.cfg.billedMemoryMb / p.expressMemoryStepMb) * p.expressMemoryStepMb) / 1024;
    for (const exec of this.expressRunning) {
      const usd = ((nowMs - exec.startMs) / 1000) * gb * p.expressPerGbS;
      if (usd > exec.accruedUsd) {
        this.addCost(usd - exec.accruedUsd);
        exec.accruedUsd = usd;
      }
    }
  }

  override freeTierUsd(monthScale: number): number {
    if (this.cfg.workflowType !== 'standard') return 0;
    return Math.min(this.transitions * monthScale, PRICES.stepFunctions.freeTransitions) * PRICES.stepFunctions.perTransition;
  }

  override live(): LiveFields<StepFunctionsLive> {
    return {
      executionsRunning: this.running,
      transitions: this.transitions,
      transitionThrottles: this.transitionThrottles,
      startThrottles: this.startThrottles,
    };
  }

  override summary(): StepFunctionsSummary {
    const d = this.duration;
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const express = this.cfg.workflowType === 'express';
    return {
      type: 'stepFunctions',
      workflowType: this.cfg.workflowType,
      delivery: express ? 'atLeastOnce (asynchronous) / atMostOnce (synchronous)' : 'exactlyOnce',
      executions: this.started,
      succeeded: this.succeeded,
      failed: this.failed,
      timedOut: this.timedOut,
      caught: this.caught,
      running: this.running,
      maxRunning: this.maxRunning,
      startThrottles: this.startThrottles,
      transitions: this.transitions,
      transitionThrottles: this.transitionThrottles,
      retries: this.retries,
      billedGbS: Math.round(this.billedGbS * 1e4) / 1e4,
      durationMs: { mean: r2(d.mean()), p50: r2(d.quantile(0.5)), p95: r2(d.quantile(0.95)), p99: r2(d.quantile(0.99)) },
      costUsd: this.costUsd,
    };
  }
}
