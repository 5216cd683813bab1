/**
 * Client: generates requests. Poisson arrivals (non-homogeneous by thinning, Lewis &
 * Shedler) or evenly spaced; each request is a read or a write (readRatio) of a key drawn
 * from a Zipf popularity. A request goes to one entry edge (chosen at random when there are
 * several) and the client records its end-to-end outcome and latency.
 * Async clients invoke a Lambda as an event; their "latency" is the time until the event is
 * finally processed (after any retries), the outcome its final fate. Apart from that they
 * keep what the caller waits for (the 202 acceptance, one hop like a Lambda's own async
 * invoke, drawn from a stream of its own so no other number moves) and the completion
 * time of every event whatever its fate (summary: acceptLatencyMs, completionLatencyMs).
 */
import type { ClientConfig, NodeOf } from '../../model';
import type { ClientSummary } from '../api';
import type { Call, OutcomeCode } from '../engine/call';
import type { Kernel } from '../engine/kernel';
import { sampleLogNormal, type Rng } from '../engine/rng';
import { Histogram } from '../metrics/histogram';
import { ZipfSampler } from '../traffic/zipf';
import { maxRate, rateAt } from '../traffic/shape';
import { Service } from './service';
import { HOP_LATENCY } from './lambda';

export class ClientService extends Service {
  private cfg: ClientConfig;
  private readonly arrivals: Rng;
  private readonly mix: Rng;
  private readonly keys: Rng;
  private zipf: ZipfSampler;
  private readonly sourceSlot: number;
  /** Poisson arrivals at a constant rate: the mean gap (ms), the common case drawn without the general path; 0 otherwise. */
  private constantGapMs = 0;
  sent = 0;
  /** Asynchronous invocations: the 202 the caller waits for, and the time to the event's final fate. */
  readonly acceptLatency = new Histogram();
  readonly completionLatency = new Histogram();
  private readonly acceptRng: Rng;
  /** Draws each request's caller, on a stream of its own so no other number moves. */
  private readonly callerRng: Rng;

  constructor(
    k: Kernel,
    index: number,
    node: NodeOf<'client'>,
    private readonly durationMs: () => number,
  ) {
    super(k, index, node, 'client');
    this.cfg = node.config;
    this.arrivals = k.rng(node.id, 'arrivals');
    this.mix = k.rng(node.id, 'mix');
    this.keys = k.rng(node.id, 'keys');
    this.acceptRng = k.rng(node.id, 'accept');
    this.callerRng = k.rng(node.id, 'callers');
    this.zipf = new ZipfSampler(this.cfg.keys, this.cfg.zipfS);
    this.sourceSlot = k.registerSource(index);
    this.derive();
  }

  private derive(): void {
    const t = this.cfg.traffic;
    this.constantGapMs = this.cfg.arrivals !== 'uniform' && t.shape === 'constant' && t.rps > 0 ? 1000 / t.rps : 0;
  }

  /** Per edge index: 1 when requests on it are asynchronous Lambda invocations. */
  private asyncEdges = new Uint8Array(0);

  override start(): void {
    this.markAsyncEdges();
    this.scheduleNext(this.k.nowMs);
  }

  private markAsyncEdges(): void {
    this.asyncEdges = new Uint8Array(this.k.edges.length);
    for (const e of this.out) this.asyncEdges[e.index] = this.cfg.invocation === 'async' && this.k.services[e.target].node.type === 'lambda' ? 1 : 0;
  }

  override configure(node: NodeOf<'client'>): void {
    const before = JSON.stringify(this.cfg.traffic) + this.cfg.arrivals;
    super.configure(node);
    this.cfg = node.config;
    this.derive();
    this.markAsyncEdges();
    if (this.zipf.n !== this.cfg.keys || this.zipf.exponent !== this.cfg.zipfS) this.zipf = new ZipfSampler(this.cfg.keys, this.cfg.zipfS);
    if (before !== JSON.stringify(this.cfg.traffic) + this.cfg.arrivals) this.scheduleNext(this.k.nowMs);
  }

  override durationChanged(): void {
    this.scheduleNext(this.k.nowMs);
  }

  private scheduleNext(fromMs: number): void {
    if (this.out.length === 0) return;
    // the same draw nextArrival makes for constant Poisson traffic, without its checks
    const t = this.constantGapMs > 0 ? fromMs + this.arrivals.exponential(this.constantGapMs) : this.nextArrival(fromMs);
    this.k.setSourceTime(this.sourceSlot, t <= this.durationMs() ? t : Infinity);
  }

  private nextArrival(fromMs: number): number {
    const traffic = this.cfg.traffic;
    const end = this.durationMs();
    if (this.cfg.arrivals === 'uniform') {
      let t = fromMs;
      for (;;) {
        const r = rateAt(traffic, t, end);
        if (r > 0) return t + 1000 / r;
        t += 100; // nothing offered now: look again a little later
        if (t > end) return Infinity;
      }
    }
    const lmax = maxRate(traffic);
    if (lmax <= 0) return Infinity;
    const meanGapMs = 1000 / lmax;
    let t = fromMs;
    if (traffic.shape === 'constant') return t + this.arrivals.exponential(meanGapMs);
    for (;;) {
      t += this.arrivals.exponential(meanGapMs);
      if (t > end) return Infinity;
      if (this.arrivals.next() * lmax <= rateAt(traffic, t, end)) return t;
    }
  }

  override onSource(): void {
    const k = this.k;
    const edge = this.out.length === 1 ? this.out[0] : this.out[this.mix.int(this.out.length)];
    // the request itself travels on the entry edge and reports back here (originDone)
    const c = k.newCall(edge, null, null);
    c.origin = this.index;
    c.isWrite = this.mix.next() >= this.cfg.readRatio;
    c.key = k.needsKeys ? this.zipf.sample(this.keys) : 1;
    c.payloadKb = this.cfg.payloadKb;
    c.caller = k.needsCallers ? this.index * 10_000_000 + this.callerRng.int(this.cfg.callers) : 0;
    c.async = this.asyncEdges[edge.index] === 1;
    if (k.tracer !== null) c.span = k.tracer.begin(this.index, edge.target, edge.index, k.nowMs);
    this.sent++;
    if (c.async) this.acceptLatency.record(sampleLogNormal(this.acceptRng, HOP_LATENCY));
    this.scheduleNext(k.nowMs);
    k.services[edge.target].call(c);
  }

  override call(c: Call): void {
    this.k.finish(c, 2); // nothing calls a client; refuse politely
  }

  override originDone(c: Call, outcome: OutcomeCode): void {
    const latencyMs = this.k.nowMs - c.startMs;
    if (!this.k.e2eShared) this.k.e2e.record(outcome, latencyMs);
    this.stats.record(outcome, latencyMs);
    if (c.async) this.completionLatency.record(latencyMs);
    if (c.span !== null) this.k.tracer!.complete(c.span.trace, outcome, this.k.nowMs);
  }

  override summary(): ClientSummary {
    const s = this.stats;
    const out: ClientSummary = {
      type: 'client',
      sent: this.sent,
      completed: s.requests,
      ok: s.ok,
      throttled: s.throttled,
      errors: s.errors,
      timeouts: s.timeouts,
    };
    if (this.acceptLatency.count > 0) {
      out.acceptLatencyMs = latencyFields(this.acceptLatency);
      out.completionLatencyMs = latencyFields(this.completionLatency);
    }
    return out;
  }
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

function latencyFields(h: Histogram): { mean: number; p50: number; p95: number; p99: number } {
  return { mean: r4(h.mean()), p50: r4(h.quantile(0.5)), p95: r4(h.quantile(0.95)), p99: r4(h.quantile(0.99)) };
}
