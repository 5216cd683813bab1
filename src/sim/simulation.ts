/**
 * The simulator's entry point: builds the services for a document and runs them in slices
 * (advance / step), collecting window metrics, the log, particles and the summary.
 */
import { RdsService } from './services/rds';
import { recordById, type Architecture, type Fault } from '../model';
import type { NodeLive, NodeWindow, RequestTrace, SimFrame, SimSummary, SimulationApi, SimulationOptions, Totals, WindowSample } from './api';
import { buildServices, setPoolCapacity, shapeKey } from './build';
import { Kernel, SYSTEM_FAULT_END, SYSTEM_FAULT_START, SYSTEM_WINDOW, type SystemHandler } from './engine/kernel';
import { Rng } from './engine/rng';
import { WindowSeries } from './metrics/confidence';
import { History, mergeWindows } from './metrics/history';
import { ParticleSampler } from './metrics/particles';
import { TraceRecorder, traceViews } from './metrics/traces';
import { SECONDS_PER_30_DAYS } from './pricing/prices';
import { Histogram } from './metrics/histogram';
import type { ClientService } from './services/client';
import { LambdaService } from './services/lambda';
import { SqsService } from './services/sqs';
import type { Service } from './services/service';
import { buildSummary } from './summary';
import { ref } from './metrics/eventLog';

const MAX_PENDING_WINDOWS = 3600;
/**
 * The run's guard (work and memory stay bounded whatever the document). A run stops, with
 * a notice, when one simulated second needs more events than GUARD_EVENTS_PER_S plus
 * GUARD_EVENTS_PER_REQUEST per request the clients sent in it (a loop AWS does not stop,
 * e.g. through EventBridge, or a fan-out feeding itself), when the requests and events in
 * flight multiply faster than the requests sent, when more than GUARD_LIVE_CALLS
 * requests and events are in flight or waiting at once (~200 bytes each), or when the SQS
 * queues hold more than GUARD_QUEUED_MESSAGES messages (~32 bytes each). Legitimate heavy
 * runs stay well inside: a request costs 5–30 events, a backlog drains at ≤ 1,250 batches.
 */
export const GUARD_EVENTS_PER_S = 250_000;
export const GUARD_EVENTS_PER_REQUEST = 200;
export const GUARD_LIVE_CALLS = 500_000;
/** Calls in flight may also not outgrow the requests sent so far times this (plus the edges' fan-out). */
export const GUARD_LIVE_BASE = 50_000;
export const GUARD_QUEUED_MESSAGES = 4_000_000;
/** The guard is checked every this many events (a power of two, minus one as a mask). */
const GUARD_CHECK_MASK = 0xffff;
/** A frame carries at most this many windows; more (a fast run) are merged in groups. */
const MAX_FRAME_WINDOWS = 120;
const Q_50_99 = [0.5, 0.99];
const Q_50_95_99 = [0.5, 0.95, 0.99];
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export class Simulation implements SimulationApi, SystemHandler {
  private readonly k: Kernel;
  private doc: Architecture;
  private readonly seed: number;
  private durationMs: number;
  private readonly windowMs: number;
  private readonly shape: string;
  private readonly windowHistory = new History();
  private pendingWindows: WindowSample[] = [];
  private nextWindowMs: number;
  private faultGen = 0;
  private nextFaultId = 1;
  private costAtLastWindow = 0;
  private coldAtLastWindow = 0;
  private lastWindowEndMs = 0;
  readonly series = new WindowSeries();
  private readonly qScratch: number[] = [];
  private readonly lean: boolean;
  private stoppedBy: { atS: number; reason: string } | null = null;
  private secondStartMs = 0;
  private eventsAtSecondStart = 0;
  private arrivalsAtSecondStart = 0;

  constructor(doc: Architecture, options: SimulationOptions = {}) {
    this.doc = doc;
    this.seed = options.seed ?? doc.settings.seed;
    this.durationMs = (options.durationS ?? doc.settings.durationS) * 1000;
    this.windowMs = options.windowMs ?? 1000;
    this.lean = options.lean === true;
    this.shape = shapeKey(doc);
    const k = (this.k = new Kernel(this.seed));
    k.system = this;
    buildServices(k, doc, () => this.durationMs);
    // end-to-end latency is reported for successful requests, failures apart
    k.e2e.splitFailures();
    for (const s of k.services) if (s.node.type === 'client') s.stats.splitFailures();
    if (options.particles && !this.lean)
      k.particles = new ParticleSampler(
        k.edges.map((e) => e.id),
        new Rng(this.seed, '#particles'),
      );
    if (options.traces ?? !this.lean) k.tracer = new TraceRecorder(new Rng(this.seed, '#traces'));
    for (const s of k.services) s.start();
    this.scheduleFaults(doc.faults);
    this.nextWindowMs = Math.min(this.windowMs, this.durationMs);
    k.at(this.nextWindowMs, SYSTEM_WINDOW, 0);
  }

  get simTimeMs(): number {
    return this.k.nowMs;
  }

  get endMs(): number {
    return this.durationMs;
  }

  get done(): boolean {
    return this.stoppedBy !== null || (this.k.nowMs >= this.durationMs && this.k.peekTimeMs() > this.durationMs);
  }

  /** Why the guard stopped the run early (null: it was not stopped). */
  get stopped(): { atS: number; reason: string } | null {
    return this.stoppedBy;
  }

  /** Stop the run (for good) if its work or memory ran past the guard's bounds. */
  private checkGuard(): boolean {
    const k = this.k;
    if (this.stoppedBy !== null) return true;
    if (k.nowMs - this.secondStartMs >= 1000) {
      this.secondStartMs = k.nowMs;
      this.eventsAtSecondStart = k.eventsProcessed;
      this.arrivalsAtSecondStart = k.sourceEvents;
    }
    const events = k.eventsProcessed - this.eventsAtSecondStart;
    const budget = GUARD_EVENTS_PER_S + GUARD_EVENTS_PER_REQUEST * (k.sourceEvents - this.arrivalsAtSecondStart);
    let reason: string | null = null;
    if (events > budget) {
      reason = `the work exploded: more than ${fmt(budget)} simulated events within one simulated second — a loop that AWS's recursive loop detection does not stop (EventBridge, streams, API Gateway) or a fan-out feeding itself`;
    } else if (k.pool.live > GUARD_LIVE_BASE + k.sourceEvents * (10 + 4 * k.edges.length)) {
      reason = `${fmt(k.pool.live)} requests and events in flight or waiting for ${fmt(k.sourceEvents)} requests sent — they multiply (a loop that AWS's recursive loop detection does not stop, e.g. through EventBridge, or a fan-out feeding itself)`;
    } else if (k.pool.live > GUARD_LIVE_CALLS) {
      reason = `more than ${fmt(GUARD_LIVE_CALLS)} requests and events in flight or waiting at once (memory guard) — a loop, a fan-out or a backlog that keeps growing`;
    } else {
      let queued = 0;
      for (const svc of k.services) if (svc instanceof SqsService) queued += svc.visible + svc.inFlightMessages;
      if (queued > GUARD_QUEUED_MESSAGES)
        reason = `the SQS queues hold more than ${fmt(GUARD_QUEUED_MESSAGES)} messages (memory guard) — consumers cannot keep up, or messages loop`;
    }
    if (reason === null) return false;
    const atS = Math.round(k.nowMs) / 1000;
    this.stoppedBy = { atS, reason };
    k.log.flush(k.nowMs);
    k.log.now(k.nowMs, '', 'error', `Run stopped at ${fmt(atS)} s: ${reason}. The figures so far are kept.`);
    return true;
  }

  /** Events processed so far (for benchmarks). */
  get eventsProcessed(): number {
    return this.k.eventsProcessed;
  }

  advance(untilMs: number): void {
    if (this.stoppedBy !== null) return;
    const limit = Math.min(untilMs, this.durationMs);
    const k = this.k;
    while (k.runOne(limit)) if ((k.eventsProcessed & GUARD_CHECK_MASK) === 0 && this.checkGuard()) return;
    if (limit > k.nowMs) k.nowMs = limit;
  }

  step(events: number): void {
    for (let i = 0; i < events; i++) {
      if (this.stoppedBy !== null || !this.k.runOne(this.durationMs)) break;
      if ((this.k.eventsProcessed & GUARD_CHECK_MASK) === 0) this.checkGuard();
    }
  }

  runToEnd(): void {
    this.advance(this.durationMs);
  }

  update(doc: Architecture): boolean {
    if (shapeKey(doc) !== this.shape) return false;
    const k = this.k;
    const old = this.doc;
    this.doc = doc;
    setPoolCapacity(k, doc);
    const newEnd = doc.settings.durationS * 1000;
    if (newEnd !== old.settings.durationS * 1000 && newEnd >= k.nowMs) {
      this.durationMs = newEnd;
      if (this.nextWindowMs > newEnd || this.nextWindowMs <= k.nowMs) {
        // shortened below the pending window, or lengthened after the last one closed
        this.nextWindowMs = this.nextWindowMs > newEnd ? newEnd : Math.min(k.nowMs + this.windowMs, newEnd);
        k.at(this.nextWindowMs, SYSTEM_WINDOW, 1);
      }
      for (const s of k.services) s.durationChanged();
    }
    doc.nodes.forEach((node, i) => {
      if (JSON.stringify(node.config) !== JSON.stringify(old.nodes[i].config)) k.services[i].configure(node);
    });
    if (JSON.stringify(doc.faults) !== JSON.stringify(old.faults)) {
      this.faultGen++;
      this.scheduleFaults(doc.faults.filter((f) => f.atS * 1000 >= k.nowMs));
    }
    return true;
  }

  injectFault(fault: Fault): void {
    this.startFault(fault, true);
  }

  clearFaults(nodeId: string): void {
    const svc = this.k.services.find((s) => s.id === nodeId);
    if (!svc || svc.faults.length === 0) return;
    svc.faults.length = 0;
    svc.setFaults();
    this.k.log.now(this.k.nowMs, nodeId, 'fault', `${ref(nodeId)}: faults cleared`);
  }

  private scheduleFaults(faults: Fault[]): void {
    faults.forEach((f) => {
      const i = this.doc.faults.indexOf(f);
      this.k.at(f.atS * 1000, SYSTEM_FAULT_START, 0, i, this.faultGen);
    });
  }

  private startFault(fault: Fault, manual: boolean): void {
    const k = this.k;
    const svc = k.services.find((s) => s.id === fault.node);
    if (!svc) return;
    if (fault.kind === 'cacheFlush') {
      svc.flushCache();
      return;
    }
    if (fault.kind === 'failover') {
      if (svc instanceof RdsService) svc.failover();
      return;
    }
    const lengthMs = fault.lengthS * 1000;
    const untilMs = manual && lengthMs <= 0 ? Infinity : k.nowMs + lengthMs;
    const id = this.nextFaultId++;
    svc.faults.push({ id, fault, untilMs });
    svc.setFaults();
    if (untilMs !== Infinity) k.at(untilMs, SYSTEM_FAULT_END, 0, svc.index, id);
    const what = svc.faultLabel();
    k.log.now(
      k.nowMs,
      svc.id,
      'fault',
      `${ref(svc.id)}: fault injected — ${fault.kind === 'latency' ? `+${fault.addMs} ms latency` : fault.kind === 'errors' ? `${Math.round(fault.rate * 100)}% errors` : fault.kind}${untilMs === Infinity ? ' until cleared' : ` for ${fault.lengthS} s`} (active: ${what})`,
    );
  }

  onSystemEvent(target: number, _kind: number, a: number, b: number): void {
    const k = this.k;
    if (target === SYSTEM_WINDOW) {
      if (k.nowMs === this.nextWindowMs) this.closeWindow();
      return;
    }
    if (target === SYSTEM_FAULT_START) {
      if (b === this.faultGen && this.doc.faults[a]) this.startFault(this.doc.faults[a], false);
      return;
    }
    if (target === SYSTEM_FAULT_END) {
      const svc = k.services[a];
      const i = svc.faults.findIndex((f) => f.id === b);
      if (i < 0) return;
      const [ended] = svc.faults.splice(i, 1);
      svc.setFaults();
      k.log.now(k.nowMs, svc.id, 'fault', `${ref(svc.id)}: ${ended.fault.kind} fault over`);
    }
  }

  private closeWindow(): void {
    const k = this.k;
    const now = k.nowMs;
    const spanMs = Math.max(1, now - (this.nextWindowMs === now ? this.lastWindowEndMs : now));
    this.lastWindowEndMs = now;
    for (const s of k.services) s.tick(now);
    const e2e = k.e2e;
    if (this.lean) {
      const leanCost = this.totalCost();
      this.pushSeries(e2e.wLatency.quantile(0.5), e2e.wLatency.quantile(0.99), leanCost);
      for (const s of k.services) s.stats.closeWindow(spanMs);
      if (!k.e2eShared) e2e.closeWindow(spanMs);
      k.log.flush(now);
      k.log.take();
      this.scheduleWindow(now);
      return;
    }
    const nodes = recordById<NodeWindow>();
    let coldStarts = 0;
    for (const s of k.services) {
      const st = s.stats;
      const w: NodeWindow = {
        requests: st.wRequests,
        ok: st.wOk,
        throttled: Math.max(st.wThrottled, st.wThrottleEvents),
        errors: st.wErrors,
        timeouts: st.wTimeouts,
        ...s.windowExtra(),
      };
      if (st.wLatency.count > 0) {
        const [p50, p99] = st.wLatency.quantilesInto(Q_50_99, this.qScratch);
        w.latencyMs = { p50: r4(p50), p99: r4(p99) };
      }
      if (w.coldStarts) coldStarts += w.coldStarts;
      nodes[s.id] = w;
    }
    const cost = this.totalCost();
    const q = e2e.wLatency.quantilesInto(Q_50_95_99, this.qScratch);
    const sample: WindowSample = {
      tS: now / 1000,
      requests: { ok: e2e.wOk, throttled: e2e.wThrottled, error: e2e.wErrors, timeout: e2e.wTimeouts },
      latencyMs: { mean: r4(e2e.wLatency.mean()), p50: r4(q[0]), p95: r4(q[1]), p99: r4(q[2]) },
      coldStarts,
      costUsd: cost,
      costByService: k.costs(),
      nodes,
    };
    this.pushSeries(q[0], q[2], cost);
    for (const s of k.services) s.stats.closeWindow(spanMs);
    if (!k.e2eShared) e2e.closeWindow(spanMs);
    k.log.flush(now);
    this.windowHistory.push(sample);
    this.pendingWindows.push(sample);
    if (this.pendingWindows.length > MAX_PENDING_WINDOWS) this.pendingWindows.splice(0, this.pendingWindows.length - MAX_PENDING_WINDOWS);
    this.scheduleWindow(now);
  }

  /** The window's point for the confidence intervals (end-to-end counters, before they reset). */
  private pushSeries(okP50Ms: number, okP99Ms: number, cost: number): void {
    const e2e = this.k.e2e;
    const cold = this.coldStartsTotal();
    this.series.push({
      completions: e2e.wRequests,
      ok: e2e.wOk,
      okLatencySumMs: e2e.wLatency.sumMs,
      okP50Ms,
      okP99Ms,
      throttled: e2e.wThrottled,
      errors: e2e.wErrors,
      timeouts: e2e.wTimeouts,
      coldStarts: cold - this.coldAtLastWindow,
      costUsd: cost - this.costAtLastWindow,
    });
    this.costAtLastWindow = cost;
    this.coldAtLastWindow = cold;
  }

  private coldStartsTotal(): number {
    let n = 0;
    for (const s of this.k.services) if (s.node.type === 'lambda') n += (s as LambdaService).coldStarts;
    return n;
  }

  private scheduleWindow(now: number): void {
    if (now < this.durationMs) {
      this.nextWindowMs = Math.min(now + this.windowMs, this.durationMs);
      this.k.at(this.nextWindowMs, SYSTEM_WINDOW, 0);
    }
  }

  totalCost(): number {
    let c = 0;
    for (const s of this.k.services) c += s.costUsd;
    return c;
  }

  /** 30-day projection of the cost so far, less free tiers when the document asks. */
  monthlyCost(): number {
    const elapsedS = Math.max(1, this.k.nowMs / 1000);
    const scale = SECONDS_PER_30_DAYS / elapsedS;
    let monthly = this.totalCost() * scale;
    for (const s of this.k.services) monthly += s.monthlyAdjustUsd(scale);
    if (this.doc.settings.freeTier) for (const s of this.k.services) monthly -= s.freeTierUsd(scale);
    return Math.max(0, monthly);
  }

  private nodeLive(s: Service): NodeLive {
    const st = s.stats;
    const extra = s.live();
    const fault = s.faultLabel();
    let status: NodeLive['status'] = st.lastWindowRequests === 0 ? 'idle' : 'ok';
    if (st.lastWindowProblems > 0) status = st.lastWindowProblems > 0.05 * Math.max(1, st.lastWindowRequests) ? 'trouble' : 'warning';
    if (extra.queueDepth !== undefined && extra.queueDepth > 1000 && status !== 'trouble') status = 'warning';
    // a recursive loop being stopped is trouble whatever its share of the requests
    if (s instanceof LambdaService && s.lastWindowStopped > 0) status = 'trouble';
    if (s.faultDown) status = 'trouble';
    else if (fault && status === 'ok') status = 'warning';
    return {
      type: s.node.type,
      status,
      ...(fault ? { fault } : {}),
      rps: st.lastRps,
      requests: st.requests,
      throttles: st.throttleEvents,
      errors: st.errors,
      timeouts: st.timeouts,
      ...extra,
    } as NodeLive; // each service's live() returns its own type's fields (LiveFields)
  }

  totals(): Totals {
    const e = this.k.e2e;
    let coldStarts = 0;
    for (const s of this.k.services) if (s.node.type === 'lambda') coldStarts += (s as LambdaService).coldStarts;
    return {
      requests: e.requests,
      ok: e.ok,
      throttled: e.throttled,
      errors: e.errors,
      timeouts: e.timeouts,
      coldStarts,
      p99Ms: r4(e.latencyNow().quantile(0.99)),
      failedP50Ms: r4(e.failedLatencyNow().quantile(0.5)),
      ...this.asyncTotals(),
      costUsd: this.totalCost(),
      monthlyCostUsd: this.monthlyCost(),
    };
  }

  private asyncScratch: [Histogram, Histogram] | null = null;

  /** p99 of the 202 and of completion over every asynchronous client; nothing when there are none. */
  private asyncTotals(): Pick<Totals, 'acceptP99Ms' | 'completionP99Ms'> {
    const clients = this.k.services.filter((s): s is ClientService => s.node.type === 'client' && (s as ClientService).acceptLatency.count > 0);
    if (clients.length === 0) return {};
    if (clients.length === 1)
      return { acceptP99Ms: r4(clients[0].acceptLatency.quantile(0.99)), completionP99Ms: r4(clients[0].completionLatency.quantile(0.99)) };
    const [a, c] = (this.asyncScratch ??= [new Histogram(), new Histogram()]);
    a.reset();
    c.reset();
    for (const s of clients) {
      a.merge(s.acceptLatency);
      c.merge(s.completionLatency);
    }
    return { acceptP99Ms: r4(a.quantile(0.99)), completionP99Ms: r4(c.quantile(0.99)) };
  }

  takeFrame(): SimFrame {
    const k = this.k;
    const nodes = recordById<NodeLive>();
    for (const s of k.services) nodes[s.id] = this.nodeLive(s);
    const windows = capWindows(this.pendingWindows, MAX_FRAME_WINDOWS);
    const stopped = this.stoppedBy;
    this.pendingWindows = [];
    return {
      simTimeMs: k.nowMs,
      durationMs: this.durationMs,
      done: this.done,
      totals: this.totals(),
      nodes,
      windows,
      particles: k.particles ? k.particles.take() : [],
      events: k.log.take(),
      ...(stopped ? { stopped: `Run stopped at ${fmt(stopped.atS)} s: ${stopped.reason}.` } : {}),
    };
  }

  history(): WindowSample[] {
    return this.windowHistory.all();
  }

  traces(): RequestTrace[] {
    const k = this.k;
    if (k.tracer === null) return [];
    return traceViews(
      k.tracer,
      k.services.map((s) => s.id),
      k.edges.map((e) => e.id),
    );
  }

  summary(): SimSummary {
    const s = buildSummary(this.k, this.seed, this.k.nowMs / 1000, this.totalCost(), this.monthlyCost(), this.series);
    if (this.stoppedBy) s.stopped = { ...this.stoppedBy };
    return s;
  }
}

const fmt = (x: number) => x.toLocaleString('en-US');

function capWindows(windows: WindowSample[], cap: number): WindowSample[] {
  if (windows.length <= cap) return windows;
  const group = Math.ceil(windows.length / cap);
  const out: WindowSample[] = [];
  for (let i = 0; i < windows.length; i += group) {
    let w = windows[i];
    for (let j = i + 1; j < Math.min(i + group, windows.length); j++) w = mergeWindows(w, windows[j]);
    out.push(w);
  }
  return out;
}

export function runSimulation(doc: Architecture, options: SimulationOptions = {}): SimSummary {
  const sim = new Simulation(doc, options);
  sim.runToEnd();
  return sim.summary();
}
