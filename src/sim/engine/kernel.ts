/**
 * The simulation kernel: clock, future-event list, call pool and the handler table. The
 * clock moves only when an event is popped. Services call each other directly through
 * `spawn` (a child call on an edge) and hear back through `childDone`; a call that is
 * finished notifies its parent, unless the parent has moved on (timed out) since.
 */
import type { EdgeMeaning } from '../../model';
import { CalendarQueue } from './calendarQueue';
import { Call, CallPool, type OutcomeCode } from './call';
import { Rng } from './rng';
import { EventLog } from '../metrics/eventLog';
import { ParticleSampler } from '../metrics/particles';
import type { Service, TokenBucket } from '../services/service';
import { NodeStats } from '../metrics/nodeStats';
import type { Span, TraceRecorder } from '../metrics/traces';

export interface EdgeInfo {
  index: number;
  id: string;
  source: number;
  target: number;
  meaning: EdgeMeaning;
}

/** Event targets below zero belong to the kernel's host (windows, faults). */
export const SYSTEM_WINDOW = -1;
export const SYSTEM_FAULT_START = -2;
export const SYSTEM_FAULT_END = -3;

export interface SystemHandler {
  onSystemEvent(target: number, kind: number, a: number, b: number): void;
}

export class Kernel {
  nowMs = 0;
  readonly queue = new CalendarQueue(4096);
  readonly pool = new CallPool();
  readonly services: Service[] = [];
  /**
   * Each service's counters by index (services[i].stats): a load from one array of one class,
   * where `services[i].stats` is a property load over every service class (megamorphic).
   */
  readonly nodeStats: NodeStats[] = [];
  readonly edges: EdgeInfo[] = [];
  readonly log = new EventLog();
  particles: ParticleSampler | null = null;
  /** Sampled traces of single requests (null: not recorded). */
  tracer: TraceRecorder | null = null;
  eventsProcessed = 0;
  /** Client arrivals processed so far (the run's guard scales its work budget by them). */
  sourceEvents = 0;
  system: SystemHandler | null = null;
  /** End-to-end outcomes and latency, as every client saw them. */
  e2e = new NodeStats();
  /** With a single client, e2e is that client's own counters (recorded once, not twice). */
  e2eShared = false;
  /** Lambda concurrency shared by functions without reserved concurrency. */
  readonly accountPool = { capacity: 1000, used: 0 };
  /** API Gateway's account-and-Region throttle, shared by every API (§2); set by build. */
  apiAccount: TokenBucket | null = null;
  /** How many API Gateway nodes share `apiAccount` (for the log line). */
  apiCount = 0;

  constructor(readonly seed: number) {}

  /** An independent random stream for one node and purpose. */
  rng(nodeId: string, purpose: string): Rng {
    return new Rng(this.seed, nodeId, purpose);
  }

  at(timeMs: number, target: number, kind: number, a = 0, b = 0): void {
    this.queue.push(timeMs, target, kind, a, b);
  }

  after(delayMs: number, target: number, kind: number, a = 0, b = 0): void {
    this.queue.push(this.nowMs + delayMs, target, kind, a, b);
  }

  /** Schedule an event for a call, checked against its generation when it fires. */
  afterCall(delayMs: number, c: Call, kind: number): void {
    this.queue.push(this.nowMs + delayMs, c.node, kind, c.slot, c.gen);
  }

  callOf(slot: number, gen: number): Call | null {
    return this.pool.get(slot, gen);
  }

  /** A new call along `edge`, inheriting the request's identity from `from`. */
  newCall(edge: EdgeInfo, parent: Call | null, from: Call | null): Call {
    const c = this.pool.acquire();
    c.node = edge.target;
    c.edge = edge.index;
    c.parent = parent;
    c.parentGen = parent ? parent.gen : 0;
    c.startMs = this.nowMs;
    if (from) {
      c.isWrite = from.isWrite;
      c.key = from.key;
      c.caller = from.caller;
      c.payloadKb = from.payloadKb;
      c.trace = from.trace;
    } else {
      c.isWrite = false;
      c.key = 0;
      c.caller = 0;
      c.payloadKb = 1;
      c.trace = null;
    }
    // a pooled call's span is already null (CallPool.release clears it): only a traced request's hop stores one
    const via = from ?? parent;
    if (via !== null && via.span !== null) c.span = this.tracer!.child(via.span, c.node, edge.index, this.nowMs);
    return c;
  }

  /**
   * Create a call on `edge` and hand it to its target. The target may finish it (and so
   * notify `parent`) before this returns: callers make this their last step.
   */
  spawn(edge: EdgeInfo, parent: Call | null, from: Call | null, async = false): void {
    const c = this.newCall(edge, parent, from);
    c.async = async;
    this.services[edge.target].call(c);
  }

  /** Finish a call: record it at its node, notify its parent, recycle it. */
  finish(c: Call, outcome: OutcomeCode): void {
    this.nodeStats[c.node].record(outcome, this.nowMs - c.startMs);
    if (c.span !== null) endSpan(c.span, this.nowMs, outcome);
    if (this.particles !== null && c.edge >= 0) this.particles.offer(c.edge, c.startMs, outcome);
    const p = c.parent;
    if (p !== null) {
      if (p.gen === c.parentGen) this.services[p.node].childDone(p, outcome, c);
    } else if (c.origin >= 0) this.services[c.origin].originDone(c, outcome);
    this.pool.release(c);
  }

  /**
   * Finish a call that never ran at its node (a Lambda stopping a recursive loop): its
   * parent or client hears `outcome`, but the node records nothing — it is not a request,
   * an invocation or an error there.
   */
  finishUnrecorded(c: Call, outcome: OutcomeCode): void {
    if (c.span !== null) endSpan(c.span, this.nowMs, outcome);
    const p = c.parent;
    if (p !== null) {
      if (p.gen === c.parentGen) this.services[p.node].childDone(p, outcome, c);
    } else if (c.origin >= 0) this.services[c.origin].originDone(c, outcome);
    this.pool.release(c);
  }

  /** Release a call without recording it (absorbed internally, e.g. a batch carrier). */
  drop(c: Call): void {
    if (c.span !== null) endSpan(c.span, this.nowMs, 0);
    this.pool.release(c);
  }

  /** Add a note to a traced hop ("cold start, 412 ms init", "cache hit"); free when untraced. */
  note(c: Call, text: string): void {
    if (c.span !== null) c.span.note(text);
  }

  /** Mark a traced request as having met a cold start somewhere on its path. */
  noteColdStart(c: Call, text: string): void {
    if (c.span === null) return;
    c.span.note(text);
    c.span.trace.coldStart = true;
  }

  /** Cost so far by service kind (costUsd.byService), summed from the nodes. */
  costs(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.services) if (s.costUsd > 0 || s.costKey !== 'client') out[s.costKey] = (out[s.costKey] ?? 0) + s.costUsd;
    return out;
  }

  /** Do requests need keys (caches, stream shards)? If not, clients skip drawing them. */
  needsKeys = true;
  /** Does any API have a Lambda authorizer (its cache is keyed by caller)? If not, clients skip drawing callers. */
  needsCallers = false;

  // Sources (clients) keep their next arrival outside the heap: the kernel compares the
  // earliest one with the heap's top, which saves a push and a pop per request.
  private readonly sourceTimes: number[] = [];
  private readonly sourceOwners: number[] = [];
  private nextSourceMs = Infinity;
  private nextSource = -1;

  registerSource(serviceIndex: number): number {
    this.sourceTimes.push(Infinity);
    this.sourceOwners.push(serviceIndex);
    return this.sourceTimes.length - 1;
  }

  setSourceTime(slot: number, timeMs: number): void {
    this.sourceTimes[slot] = timeMs;
    if (this.sourceTimes.length === 1) {
      this.nextSourceMs = timeMs;
      this.nextSource = timeMs < Infinity ? 0 : -1;
      return;
    }
    let best = Infinity;
    let who = -1;
    const t = this.sourceTimes;
    for (let i = 0; i < t.length; i++) {
      if (t[i] < best) {
        best = t[i];
        who = i;
      }
    }
    this.nextSourceMs = best;
    this.nextSource = who;
  }

  /** Time of the next event of any kind, or Infinity. */
  peekTimeMs(): number {
    return Math.min(this.queue.peekTimeMs(), this.nextSourceMs);
  }

  /** Pop and run one event at or before `limitMs`; false when there is none. */
  runOne(limitMs: number): boolean {
    const q = this.queue;
    const heapMs = q.size > 0 ? q.peekTimeMs() : Infinity;
    if (this.nextSourceMs < heapMs) {
      const t = this.nextSourceMs;
      if (t > limitMs) return false;
      this.nowMs = t;
      this.eventsProcessed++;
      this.sourceEvents++;
      const slot = this.nextSource;
      this.setSourceTime(slot, Infinity);
      this.services[this.sourceOwners[slot]].onSource();
      return true;
    }
    if (heapMs > limitMs) return false;
    q.pop();
    this.nowMs = q.topTimeMs;
    this.eventsProcessed++;
    const target = q.topTarget;
    if (target >= 0) this.services[target].onEvent(q.topKind, q.topA, q.topB);
    else this.system!.onSystemEvent(target, q.topKind, q.topA, q.topB);
    return true;
  }
}

function endSpan(s: Span, nowMs: number, outcome: OutcomeCode): void {
  if (s.outcome >= 0) return;
  s.endMs = nowMs;
  s.outcome = outcome;
}
