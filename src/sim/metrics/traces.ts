/**
 * Traces of single requests, like an X-Ray trace: every hop a sampled request made (each
 * node it reached, when, for how long, its outcome, retries, cache hits and cold starts).
 *
 * Cheap by construction: only a sampled request carries a span (`Call.span`); every other
 * call pays one null check. Sampling is deterministic and uses no random stream the rest
 * of the run draws from, so tracing changes no other number. Per client, about
 * TRACES_PER_SECOND requests of every simulated second are traced, evenly spread (every
 * n-th arrival, n from the previous second's arrivals). Of the traced requests that finish,
 * a bounded set is kept: a uniform reservoir over the run, plus the notable ones — the
 * slowest successful requests and a reservoir each of throttled, failed, timed-out and
 * cold-start requests. Memory stays bounded whatever the run's length.
 *
 * A traced request's trace goes on through queues and streams: the batch a consumer receives
 * with its message (SQS) or record (DynamoDB Streams, Kinesis) is a hop under the send or the
 * write — from when the message became visible (its wait in the queue or shard) to the batch's
 * outcome — with the consumer's invocations, and each retry, under it.
 */
import { OUTCOME_NAME, type OutcomeCode } from '../engine/call';
import type { RequestTrace, TraceReason } from '../api';
import type { Rng } from '../engine/rng';

/** Requests traced per client and simulated second (before the kept set is chosen). */
export const TRACES_PER_SECOND = 20;
/** A trace records at most this many hops (a fan-out or a retry storm is cut, with a note). */
export const MAX_SPANS = 64;
/** Uniform reservoir of finished traces. */
export const SAMPLE_TRACES = 30;
/** Kept per notable kind (slowest, throttled, error, timeout, cold start). */
export const NOTABLE_TRACES = 5;

/** A wait in words for a hop's note: "240 ms", "3.4 s". */
export function waitText(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export class Span {
  endMs = NaN;
  /** -1: not finished yet. */
  outcome: OutcomeCode | -1 = -1;
  notes: string[] | null = null;
  constructor(
    readonly trace: Trace,
    readonly index: number,
    readonly parent: number,
    readonly node: number,
    readonly edge: number,
    readonly startMs: number,
  ) {}

  /** Close the hop (the first close wins: a later one is ignored). */
  end(nowMs: number, outcome: OutcomeCode): void {
    if (this.outcome >= 0) return;
    this.endMs = nowMs;
    this.outcome = outcome;
  }

  note(text: string): void {
    if (this.notes === null) this.notes = [text];
    else if (this.notes.length < 8 && !this.notes.includes(text)) this.notes.push(text);
  }
}

export class Trace {
  readonly spans: Span[] = [];
  endMs = NaN;
  /** -1: not finished yet. */
  outcome: OutcomeCode | -1 = -1;
  coldStart = false;
  truncated = false;
  constructor(
    readonly id: number,
    readonly client: number,
    readonly startMs: number,
  ) {}
}

/**
 * Per client: which of this simulated second's arrivals is traced next. The arrival path
 * reads it on every request (one comparison of the clock, one of a counter); everything
 * else happens once per traced request or once per second.
 */
class Cadence {
  /** The current second, from which `endMs` follows (-2 before the first arrival). */
  second = -2;
  /** Start of the next second, simulated ms: the first arrival at or after it starts a new second. */
  endMs = -Infinity;
  /** Arrivals so far this second. */
  arrivals = 0;
  /** Every how many arrivals one is traced this second. */
  every = 1;
  /** The arrival (counted from 0 this second) traced next; -1: none left this second. */
  next = -1;
}

export class TraceRecorder {
  private nextId = 1;
  /** By client index. */
  private readonly cadence: Cadence[] = [];
  private finished = 0;
  private readonly sample: Trace[] = [];
  private readonly slowest: Trace[] = [];
  private readonly notable: Record<'throttled' | 'error' | 'timeout' | 'coldStart', { seen: number; kept: Trace[] }> = {
    throttled: { seen: 0, kept: [] },
    error: { seen: 0, kept: [] },
    timeout: { seen: 0, kept: [] },
    coldStart: { seen: 0, kept: [] },
  };

  constructor(private readonly rng: Rng) {}

  /** A client sends a request at `nowMs` on `edge` to `node`: its root span, or null when not sampled. */
  begin(client: number, node: number, edge: number, nowMs: number): Span | null {
    // kept small: this runs for every request, the rest only for traced ones or once a second
    const c = this.cadence[client] ?? this.addCadence(client);
    if (nowMs >= c.endMs) this.newSecond(c, nowMs);
    if (c.arrivals++ !== c.next) return null;
    return this.start(c, client, node, edge, nowMs);
  }

  private addCadence(client: number): Cadence {
    while (this.cadence.length <= client) this.cadence.push(new Cadence());
    return this.cadence[client];
  }

  /** The first arrival of a new second: spread its traces over as many arrivals as the last second had. */
  private newSecond(c: Cadence, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    c.every = second === c.second + 1 ? Math.max(1, Math.floor(c.arrivals / TRACES_PER_SECOND)) : 1;
    c.second = second;
    c.endMs = (second + 1) * 1000;
    c.arrivals = 0;
    c.next = 0;
  }

  /** Arrival `c.next` of this second is traced (it is the n-th, n a multiple of `every`, at most TRACES_PER_SECOND of them). */
  private start(c: Cadence, client: number, node: number, edge: number, nowMs: number): Span {
    c.next += c.every;
    if (c.next >= c.every * TRACES_PER_SECOND) c.next = -1;
    const t = new Trace(this.nextId++, client, nowMs);
    const s = new Span(t, 0, -1, node, edge, nowMs);
    t.spans.push(s);
    return s;
  }

  /**
   * A hop made on behalf of a traced request (null when the trace is full). Also a batch a
   * queue or stream consumer received with the request's message or record in it: it may
   * start (`nowMs`: when the message became visible) after the request itself finished.
   */
  child(parent: Span, node: number, edge: number, nowMs: number): Span | null {
    const t = parent.trace;
    if (t.spans.length >= MAX_SPANS) {
      t.truncated = true;
      return null;
    }
    const s = new Span(t, t.spans.length, parent.index, node, edge, nowMs);
    t.spans.push(s);
    return s;
  }

  /** The traced request's client heard its outcome: decide whether the trace is kept. */
  complete(t: Trace, outcome: OutcomeCode, nowMs: number): void {
    t.endMs = nowMs;
    t.outcome = outcome;
    this.finished++;
    reservoir(this.sample, SAMPLE_TRACES, this.finished, t, this.rng);
    if (outcome === 0) this.keepSlowest(t);
    const kind = outcome === 1 ? 'throttled' : outcome === 2 ? 'error' : outcome === 3 ? 'timeout' : null;
    if (kind !== null) this.offer(kind, t);
    if (t.coldStart) this.offer('coldStart', t);
  }

  private offer(kind: 'throttled' | 'error' | 'timeout' | 'coldStart', t: Trace): void {
    const n = this.notable[kind];
    n.seen++;
    reservoir(n.kept, NOTABLE_TRACES, n.seen, t, this.rng);
  }

  private keepSlowest(t: Trace): void {
    const latency = t.endMs - t.startMs;
    const s = this.slowest;
    if (s.length < NOTABLE_TRACES) {
      s.push(t);
    } else {
      let min = 0;
      for (let i = 1; i < s.length; i++) if (s[i].endMs - s[i].startMs < s[min].endMs - s[min].startMs) min = i;
      if (latency <= s[min].endMs - s[min].startMs) return;
      s[min] = t;
    }
  }

  /** Every kept trace once, with the reasons it was kept, slowest-first within each reason. */
  kept(): { trace: Trace; reasons: TraceReason[] }[] {
    const byId = new Map<number, { trace: Trace; reasons: TraceReason[] }>();
    const add = (list: Trace[], reason: TraceReason) => {
      for (const t of list) {
        const e = byId.get(t.id);
        if (e === undefined) byId.set(t.id, { trace: t, reasons: [reason] });
        else if (!e.reasons.includes(reason)) e.reasons.push(reason);
      }
    };
    const slowFirst = (list: Trace[]) => [...list].sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs));
    add(slowFirst(this.slowest), 'slowest');
    add(slowFirst(this.notable.throttled.kept), 'throttled');
    add(slowFirst(this.notable.error.kept), 'error');
    add(slowFirst(this.notable.timeout.kept), 'timeout');
    add(slowFirst(this.notable.coldStart.kept), 'coldStart');
    add(
      [...this.sample].sort((a, b) => a.startMs - b.startMs),
      'sample',
    );
    return [...byId.values()];
  }
}

/** Algorithm R: keep a uniform sample of `size` from the `seen` items offered so far. */
function reservoir<T>(kept: T[], size: number, seen: number, item: T, rng: Rng): void {
  if (kept.length < size) {
    kept.push(item);
    return;
  }
  const j = rng.int(seen);
  if (j < size) kept[j] = item;
}

/** The kept traces as plain data, nodes and edges by id, times from each request's start. */
export function traceViews(recorder: TraceRecorder, nodeIds: readonly string[], edgeIds: readonly string[]): RequestTrace[] {
  return recorder.kept().map(({ trace: t, reasons }) => ({
    id: t.id,
    clientId: nodeIds[t.client],
    sentAtMs: round3(t.startMs),
    latencyMs: round3(t.endMs - t.startMs),
    outcome: t.outcome === -1 ? 'error' : OUTCOME_NAME[t.outcome],
    reasons,
    truncated: t.truncated,
    hops: t.spans.map((s) => ({
      nodeId: nodeIds[s.node],
      edgeId: edgeIds[s.edge],
      parent: s.parent,
      startMs: round3(s.startMs - t.startMs),
      durationMs: Number.isNaN(s.endMs) ? null : round3(s.endMs - s.startMs),
      outcome: s.outcome === -1 ? null : OUTCOME_NAME[s.outcome],
      notes: s.notes === null ? [] : [...s.notes],
    })),
  }));
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
