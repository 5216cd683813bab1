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

/** A compiled state's kind (Op `kind`). */
const PASS = 0;
const WAIT = 1;
const TASK = 2;
const CHOICE = 3;
const PARALLEL = 4;
const MAP = 5;

/**
 * A state of the definition as the interpreter runs it, compiled once when the run starts
 * (and when the definition changes): its kind as a number, its function's edge resolved, a
 * Map's iteration and a Choice's total weight made in advance, so running a state compares
 * no strings and makes nothing. Every field is on every op (one shape).
 */
class Op {
  constructor(
    readonly kind: number,
    /** Task, Map: the function, its task edge (undefined: no such function), Retry and Catch. */
    readonly target: string,
    readonly edge: EdgeInfo | undefined,
    readonly retry: RetrySpec | null,
    readonly canCatch: boolean,
    /** Wait: its time. */
    readonly waitMs: number,
    /** Map: iterations and how many at once; Parallel: branches and all at once. */
    readonly items: number,
    readonly limit: number,
    /** Parallel and Choice: the branches; Map: one, the iteration (the Task inside). */
    readonly branches: Op[][],
    /** Choice: the branches' weights and their sum. */
    readonly weights: number[],
    readonly totalWeight: number,
  ) {}
}
const NO_OPS: Op[][] = [];
const NO_WEIGHTS: number[] = [];
/** A definition with no steps runs one Pass. */
const EMPTY_BODY: Op[] = [new Op(PASS, '', undefined, null, false, 0, 0, 0, NO_OPS, NO_WEIGHTS, 0)];

function compile(branch: Branch, edges: Map<string, EdgeInfo>): Op[] {
  return branch.map((item) => compileStep(normaliseStep(item), edges));
}

function compileStep(step: Step, edges: Map<string, EdgeInfo>): Op {
  const task = (target: string, retry: RetrySpec | null, canCatch: boolean) =>
    new Op(TASK, target, edges.get(target), retry, canCatch, 0, 0, 0, NO_OPS, NO_WEIGHTS, 0);
  switch (step.type) {
    case 'pass':
      return EMPTY_BODY[0];
    case 'wait':
      return new Op(WAIT, '', undefined, null, false, step.seconds * 1000, 0, 0, NO_OPS, NO_WEIGHTS, 0);
    case 'task':
      return task(step.target, step.retry, step.catch);
    case 'choice': {
      let total = 0;
      for (const b of step.branches) total += b.weight;
      const branches = step.branches.map((b) => compile(b.steps, edges));
      return new Op(
        CHOICE,
        '',
        undefined,
        null,
        false,
        0,
        0,
        0,
        branches,
        step.branches.map((b) => b.weight),
        total,
      );
    }
    case 'parallel': {
      const n = step.branches.length;
      return new Op(
        PARALLEL,
        '',
        undefined,
        null,
        false,
        0,
        n,
        n,
        step.branches.map((b) => compile(b, edges)),
        NO_WEIGHTS,
        0,
      );
    }
    case 'map': {
      const limit = Math.min(step.maxConcurrency === 0 ? SFN_LIMITS.inlineMapConcurrency : step.maxConcurrency, SFN_LIMITS.inlineMapConcurrency);
      // each iteration: a transition, then the Task inside (its Retry and Catch are the Map's)
      const iteration = [task(step.target, step.retry, step.catch)];
      return new Op(MAP, step.target, undefined, null, false, 0, step.items, limit, [iteration], NO_WEIGHTS, 0);
    }
  }
}

/** What a cursor does when its pending timer fires (its `then`). */
/** The state's transition is done: run the state. */
const RUN_STEP = 0;
/** A Wait state's time is up. */
const WAIT_DONE = 1;
/** A retry's back-off is over: enter the Task again (a transition). */
const RETRY_WAIT = 2;
/** The retry's transition is done: invoke the function again. */
const RETRY_INVOKE = 3;
/** The Catch handler state's transition is done: the branch ends, caught. */
const CATCH_DONE = 4;
type Then = typeof RUN_STEP | typeof WAIT_DONE | typeof RETRY_WAIT | typeof RETRY_INVOKE | typeof CATCH_DONE;

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

/** One execution, or a Parallel or Map inside it: stopping a scope stops what runs in it. */
interface Scope {
  exec: Execution;
  parent: Scope | null;
  stopped: boolean;
}

/**
 * The interpreter's state without closures: a position in one branch (the execution's top
 * level, a Choice branch, a Parallel branch or a Map iteration), what it does when its
 * pending timer or invoke comes back, and where it reports when the branch ends: `up` (the
 * Choice state's own cursor, which continues after the Choice), `fan` (its Parallel or Map),
 * or neither (the execution ends). A cursor runs one thing at a time, so these few fields
 * are all it needs; an execution is its own top-level cursor (one object per execution).
 */
class Cursor {
  /** The branch's steps and the index of the current one. */
  i = 0;
  /** Retries of the current Task so far. */
  attempt = 0;
  then: Then = RUN_STEP;
  constructor(
    public scope: Scope,
    public steps: Op[],
    public up: Cursor | null,
    public fan: Fan | null,
  ) {}
}

/**
 * An execution, and its top-level cursor. Executions are reused (`StepFunctionsService.recycle`):
 * `refs` counts what still refers to it or to its branches (pending timers and invokes,
 * Standard transitions waiting for a token); one that has ended with none left is free.
 */
class Execution extends Cursor implements Scope {
  readonly exec: Execution = this;
  readonly parent: Scope | null = null;
  /** Ended (an execution is stopped only when it ends). */
  stopped = false;
  caught = false;
  /** Express: duration cost accrued while it runs (window by window), settled when it ends. */
  accruedUsd = 0;
  /** Express: the running list, in start order (tick accrues their duration cost). */
  prevRunning: Execution | null = null;
  nextRunning: Execution | null = null;
  refs = 0;
  /** LIVE, QUEUED (ended, no refs: free at the next event) or FREE. */
  pooled = LIVE;
  constructor(
    steps: Op[],
    public startMs: number,
    /** The StartSyncExecution call waiting for the outcome (slot, gen), or slot -1. */
    public slot: number,
    public gen: number,
    public standard: boolean,
  ) {
    super(null as unknown as Scope, steps, null, null);
    this.scope = this;
  }
}
const LIVE = 0;
const QUEUED = 1;
const FREE = 2;
/** Fills the freed places of the `ending` queue. */
const EMPTY_EXEC = new Execution(EMPTY_BODY, 0, -1, 0, false);

/** A Parallel or Map state running its branches or iterations (their scope). */
class Fan implements Scope {
  stopped = false;
  next = 0;
  finished = 0;
  constructor(
    readonly exec: Execution,
    readonly parent: Scope,
    /** The Parallel or Map state's cursor: it continues when the fan is done. */
    readonly cursor: Cursor,
    readonly n: number,
    /** Parallel: a branch each; Map: one, every iteration runs it. */
    readonly branches: Op[][],
    readonly each: boolean,
  ) {}
}

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
  /**
   * The cursors waiting for a timer (TIMER event `a`) or an invoke (its carrier's `count`),
   * by id; ids are reused through `freeIds`.
   */
  private readonly pending: (Cursor | null)[] = [];
  private readonly freeIds: number[] = [];
  private readonly taskEdges = new Map<string, EdgeInfo>();
  /** Ended executions nothing refers to any more: freed at the start of the next event, then reused. */
  private readonly ending: Execution[] = [];
  private endingCount = 0;
  private readonly freeExecs: Execution[] = [];
  /** The definition, compiled (`compile`); an empty one runs one Pass. */
  private body: Op[] = EMPTY_BODY;
  /** Express executions still running, in start order: their duration cost accrues at each window. */
  private runningFirst: Execution | null = null;
  private runningLast: Execution | null = null;
  /**
   * Express time-outs: every execution has the same limit, so deadlines come in start order
   * and the oldest running one (the head of the running list) is the next to time out. One
   * EXPIRE event is armed for it, instead of a timer event and closure per execution (at
   * 1,000 rps that was 300,000 pending events, most of the run's garbage collection).
   */
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
    this.compileDefinition();
  }

  override configure(node: NodeOf<'stepFunctions'>): void {
    super.configure(node);
    const changed = node.config.definition !== this.cfg.definition;
    this.cfg = node.config;
    if (changed) this.compileDefinition(); // running executions go on with the one they started with
  }

  private compileDefinition(): void {
    const d = this.cfg.definition;
    this.body = d.length > 0 ? compile(d, this.taskEdges) : EMPTY_BODY;
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
    const exec = this.newExecution(k.nowMs, sync ? c.slot : -1, sync ? c.gen : 0, !express);
    this.started++;
    this.running++;
    if (this.running > this.maxRunning) this.maxRunning = this.running;
    if (!express) a.openStandard++;
    if (express) {
      this.addCost(PRICES.stepFunctions.expressPerRequest);
      const last = this.runningLast;
      exec.prevRunning = last;
      if (last === null) this.runningFirst = exec;
      else last.nextRunning = exec;
      this.runningLast = exec;
    }
    if (!sync) k.afterCall(sampleLogNormal(this.rng, START_API) + this.faultAddMs, c, ACK);
    // a Standard execution's year never ends inside a run (30 days at most, from the command line): no timer for it
    if (express) {
      if (!this.expiryArmed) {
        this.expiryArmed = true;
        k.at(exec.startMs + SFN_QUOTAS.expressMaxMs, this.index, EXPIRE, 0, 0);
      }
    }
    this.advance(exec);
  }

  private newExecution(startMs: number, slot: number, gen: number, standard: boolean): Execution {
    const e = this.freeExecs.pop();
    if (e === undefined) return new Execution(this.body, startMs, slot, gen, standard);
    e.steps = this.body;
    e.i = 0;
    e.attempt = 0;
    e.then = RUN_STEP;
    e.stopped = false;
    e.caught = false;
    e.accruedUsd = 0;
    e.startMs = startMs;
    e.slot = slot;
    e.gen = gen;
    e.standard = standard;
    e.pooled = LIVE;
    return e;
  }

  /** Nothing refers to an ended execution any more: queue it to be freed. */
  private unreferenced(exec: Execution): void {
    if (exec.pooled !== LIVE) return;
    exec.pooled = QUEUED;
    this.ending[this.endingCount++] = exec;
  }

  /**
   * Free the queued executions (called as an event starts, so no frame of this service still
   * holds one); any that became referenced again since (a stopped branch's pending Wait) go
   * back to waiting for their last reference.
   */
  private recycle(): void {
    for (let i = 0; i < this.endingCount; i++) {
      const e = this.ending[i];
      this.ending[i] = EMPTY_EXEC;
      if (e.refs === 0) {
        e.pooled = FREE;
        this.freeExecs.push(e);
      } else e.pooled = LIVE;
    }
    this.endingCount = 0;
  }

  private end(exec: Execution, outcome: OutcomeCode): void {
    if (exec.stopped) return;
    const k = this.k;
    exec.stopped = true;
    this.running--;
    const durMs = k.nowMs - exec.startMs;
    this.duration.record(durMs);
    if (exec.standard) this.account.openStandard--;
    else {
      const gbS = expressBilledGbS(durMs, this.cfg.billedMemoryMb);
      this.billedGbS += gbS;
      this.addCost(gbS * PRICES.stepFunctions.expressPerGbS - exec.accruedUsd);
      const prev = exec.prevRunning;
      const next = exec.nextRunning;
      if (prev === null) this.runningFirst = next;
      else prev.nextRunning = next;
      if (next === null) this.runningLast = prev;
      else next.prevRunning = prev;
      exec.prevRunning = exec.nextRunning = null;
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
    if (exec.refs === 0) this.unreferenced(exec);
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

  /** Wait `delayMs`, then continue `cur` as its `then` says (a TIMER event). */
  private schedule(delayMs: number, cur: Cursor): void {
    this.k.after(delayMs, this.index, TIMER, this.hold(cur), 0);
  }

  /** An id for a cursor waiting for a timer or an invoke. */
  private hold(cur: Cursor): number {
    const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.pending.length;
    this.pending[id] = cur;
    cur.scope.exec.refs++;
    return id;
  }

  private release(id: number): Cursor {
    const cur = this.pending[id]!;
    this.pending[id] = null;
    this.freeIds.push(id);
    const exec = cur.scope.exec;
    if (--exec.refs === 0 && exec.stopped) this.unreferenced(exec);
    return cur;
  }

  /** Enter a state: one transition (billed for Standard, throttled by the account's bucket), then `cur.then`. */
  private transition(cur: Cursor): void {
    const scope = cur.scope;
    if (!this.alive(scope)) return;
    if (!scope.exec.standard) {
      this.enter(cur);
      return;
    }
    const a = this.account;
    // FIFO behind the transitions already waiting: no token, no transition until the bucket refills
    if (a.head === a.waiting.length && a.transitions.take(this.k.nowMs, 1)) {
      this.addCost(PRICES.stepFunctions.perTransition);
      this.enter(cur);
      return;
    }
    this.transitionThrottles++;
    this.stats.noteThrottle();
    this.logTransitionThrottle.add();
    const exec = scope.exec;
    exec.refs++;
    a.waiting.push(() => {
      if (--exec.refs === 0 && exec.stopped) this.unreferenced(exec);
      if (!this.alive(scope)) return;
      this.addCost(PRICES.stepFunctions.perTransition);
      this.enter(cur);
    });
    if (!a.drainScheduled) this.scheduleDrain();
  }

  private enter(cur: Cursor): void {
    this.transitions++;
    this.schedule(sampleLogNormal(this.rng, TRANSITION[this.cfg.workflowType]) + this.faultAddMs, cur);
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

  /** Run the branch from `cur.i`: a transition into its current state, or the branch's end. */
  private advance(cur: Cursor): void {
    if (!this.alive(cur.scope)) return;
    if (cur.i >= cur.steps.length) {
      this.branchDone(cur, OK);
      return;
    }
    cur.then = RUN_STEP;
    this.transition(cur);
  }

  /** The current state ended: the next one on OK, else the branch ends with it. */
  private stepDone(cur: Cursor, outcome: OutcomeCode | typeof CAUGHT): void {
    if (outcome === OK) {
      cur.i++;
      this.advance(cur);
    } else this.branchDone(cur, outcome);
  }

  /** A branch ended (OK, a failure, or CAUGHT): its Choice continues, its fan hears, or the execution ends. */
  private branchDone(cur: Cursor, outcome: OutcomeCode | typeof CAUGHT): void {
    if (cur.up !== null) this.stepDone(cur.up, outcome);
    else if (cur.fan !== null) this.fanChildDone(cur.fan, outcome === CAUGHT ? OK : outcome);
    else this.end(cur.scope.exec, outcome === CAUGHT ? OK : outcome);
  }

  /** The transition into the current state is done: run the state. */
  private runStep(cur: Cursor, op: Op): void {
    switch (op.kind) {
      case PASS:
        this.stepDone(cur, OK);
        return;
      case WAIT:
        cur.then = WAIT_DONE;
        this.schedule(op.waitMs, cur);
        return;
      case TASK:
        cur.attempt = 0;
        this.invoke(cur, op);
        return;
      case CHOICE: {
        const w = op.weights;
        let x = this.rng.next() * op.totalWeight;
        let chosen = w.length - 1;
        for (let j = 0; j < w.length; j++) {
          x -= w[j];
          if (x < 0 && w[j] > 0) {
            chosen = j;
            break;
          }
        }
        this.advance(new Cursor(cur.scope, op.branches[chosen], cur, null));
        return;
      }
      case PARALLEL:
        this.fanOut(cur, op.items, op.limit, op.branches, false);
        return;
      case MAP:
        this.fanOut(cur, op.items, op.limit, op.branches, true);
        return;
    }
  }

  /**
   * Run `n` branches (or Map iterations: `each`, all of them `branches[0]`), at most `limit` at
   * once; the state succeeds when all succeed, or fails with the first failure (the rest are stopped).
   */
  private fanOut(cur: Cursor, n: number, limit: number, branches: Op[][], each: boolean): void {
    if (n === 0) {
      this.stepDone(cur, OK);
      return;
    }
    const fan = new Fan(cur.scope.exec, cur.scope, cur, n, branches, each);
    const first = Math.min(n, Math.max(1, limit));
    for (let j = 0; j < first; j++) this.launch(fan);
  }

  private launch(fan: Fan): void {
    const j = fan.next++;
    this.advance(new Cursor(fan, fan.branches[fan.each ? 0 : j], null, fan));
  }

  private fanChildDone(fan: Fan, outcome: OutcomeCode): void {
    if (fan.stopped || !this.alive(fan.parent)) return;
    if (outcome !== OK) {
      fan.stopped = true;
      this.stepDone(fan.cursor, outcome);
      return;
    }
    fan.finished++;
    if (fan.finished === fan.n) this.stepDone(fan.cursor, OK);
    else if (fan.next < fan.n) this.launch(fan);
  }

  /** A Task (the cursor's current state): invoke the function; its outcome goes to `afterInvoke`. */
  private invoke(cur: Cursor, op: Op): void {
    if (!this.alive(cur.scope)) return;
    const k = this.k;
    const edge = op.edge;
    if (edge === undefined) {
      this.afterInvoke(cur, ERROR); // no such function: Lambda.ResourceNotFoundException
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
    carrier.count = this.hold(cur);
    k.spawn(edge, carrier, carrier, false);
  }

  /** The Task's invoke ended: done, a retry after its back-off, the Catch handler, or a failure. */
  private afterInvoke(cur: Cursor, outcome: OutcomeCode): void {
    if (!this.alive(cur.scope)) return;
    if (outcome === OK) {
      this.stepDone(cur, OK);
      return;
    }
    const op = cur.steps[cur.i];
    const retry = op.retry;
    if (retry !== null && cur.attempt < retry.maxAttempts) {
      cur.attempt++;
      const wait = retryDelayMs(retry, cur.attempt);
      this.retries++;
      this.logRetry.add(wait);
      cur.then = RETRY_WAIT;
      this.schedule(wait, cur);
      return;
    }
    if (op.canCatch) {
      cur.scope.exec.caught = true;
      cur.then = CATCH_DONE;
      this.transition(cur); // the Catch handler state
      return;
    }
    this.stepDone(cur, outcome === TIMEOUT ? ERROR : outcome === THROTTLED ? ERROR : outcome);
  }

  /** A cursor's timer fired (a transition's delay, a Wait, a retry's back-off). */
  private fired(cur: Cursor): void {
    switch (cur.then) {
      case RUN_STEP:
        this.runStep(cur, cur.steps[cur.i]);
        return;
      case WAIT_DONE:
        if (this.alive(cur.scope)) this.stepDone(cur, OK);
        return;
      case RETRY_WAIT:
        cur.then = RETRY_INVOKE;
        this.transition(cur);
        return;
      case RETRY_INVOKE:
        this.invoke(cur, cur.steps[cur.i]);
        return;
      case CATCH_DONE:
        this.stepDone(cur, CAUGHT);
        return;
    }
  }

  override childDone(c: Call, outcome: OutcomeCode): void {
    const cur = this.release(c.count);
    this.k.drop(c);
    this.afterInvoke(cur, outcome);
  }

  /** The armed time-out fired: end what has run 5 minutes (States.Timeout), oldest first; re-arm for the next. */
  private expire(): void {
    this.expiryArmed = false;
    const now = this.k.nowMs;
    let exec = this.runningFirst;
    while (exec !== null && exec.startMs + SFN_QUOTAS.expressMaxMs <= now) {
      this.end(exec, TIMEOUT); // takes it off the running list
      exec = this.runningFirst;
    }
    if (exec !== null) {
      this.expiryArmed = true;
      this.k.at(exec.startMs + SFN_QUOTAS.expressMaxMs, this.index, EXPIRE, 0, 0);
    }
  }

  override onEvent(kind: StepFunctionsEvent, a: number, b: number): void {
    if (this.endingCount > 0) this.recycle();
    if (kind === EXPIRE) {
      this.expire();
      return;
    }
    if (kind === TIMER) {
      this.fired(this.release(a));
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
    if (this.runningFirst === null) return;
    const p = PRICES.stepFunctions;
    const gb = Math.max(p.expressMemoryStepMb, Math.ceil(this.cfg.billedMemoryMb / p.expressMemoryStepMb) * p.expressMemoryStepMb) / 1024;
    for (let exec: Execution | null = this.runningFirst; exec !== null; exec = exec.nextRunning) {
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
