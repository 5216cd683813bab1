/**
 * A call: one request being handled by one node. Pooled and reused (no garbage per
 * request on the hot path); events refer to a call by (slot, gen), and a call's generation
 * changes every time it is released, so a late event for a finished call is ignored.
 */
import type { Outcome } from '../api';
import type { LoopTrace } from './loopTrace';
import type { Span } from '../metrics/traces';

/**
 * What became of a call, as the engine carries it: a small integer (no allocation, stored in
 * typed arrays); `OUTCOME_NAME` gives the name frames, traces and the summary use.
 */
export const OUTCOME = { OK: 0, THROTTLED: 1, ERROR: 2, TIMEOUT: 3 } as const;
export type OutcomeCode = (typeof OUTCOME)[keyof typeof OUTCOME];
export const OK = OUTCOME.OK;
export const THROTTLED = OUTCOME.THROTTLED;
export const ERROR = OUTCOME.ERROR;
export const TIMEOUT = OUTCOME.TIMEOUT;
export const OUTCOME_NAME: Readonly<Record<OutcomeCode, Outcome>> = { 0: 'ok', 1: 'throttled', 2: 'error', 3: 'timeout' };

export class Call {
  gen = 0;
  /** Service index handling this call. */
  node = -1;
  /** Edge index the call arrived through (-1: generated at the node). */
  edge = -1;
  parent: Call | null = null;
  parentGen = 0;
  /** The client that sent this request and waits for its outcome (-1: none, or a parent call does). */
  origin = -1;
  /** Arrival at this node, simulated ms. */
  startMs = 0;
  isWrite = false;
  key = 0;
  /** Which of the client's distinct callers (tokens) sent the request (authorizer caches key by it). */
  caller = 0;
  payloadKb = 1;
  /** Passes through each function in this event's chain (recursive loop detection, loopTrace.ts). */
  trace: LoopTrace = null;
  /** This hop of a traced request (metrics/traces.ts); null for the untraced majority. */
  span: Span | null = null;
  /** A Lambda refused this call as part of a recursive loop (its parent sees an error). */
  loopStopped = false;
  /** An asynchronous (event) invocation of a Lambda. */
  async = false;
  // scratch owned by the service handling the call
  state = 0;
  attempt = 0;
  step = 0;
  env = -1;
  count = 1;
  t0 = 0;
  t1 = 0;
  causeCode: OutcomeCode = OK;
  readonly batch: number[] = [];

  constructor(readonly slot: number) {}
}

export class CallPool {
  readonly calls: Call[] = [];
  private free: Call[] = [];
  live = 0;

  acquire(): Call {
    this.live++;
    const c = this.free.pop();
    if (c) return c;
    const fresh = new Call(this.calls.length);
    this.calls.push(fresh);
    return fresh;
  }

  release(c: Call): void {
    c.gen = (c.gen + 1) | 0;
    c.parent = null;
    c.origin = -1;
    c.edge = -1;
    c.async = false;
    c.state = 0;
    c.attempt = 0;
    c.step = 0;
    c.env = -1;
    c.count = 1;
    c.causeCode = 0;
    c.trace = null;
    c.span = null;
    c.loopStopped = false;
    if (c.batch.length > 0) c.batch.length = 0;
    this.live--;
    this.free.push(c);
  }

  /** The call in `slot` if it still has generation `gen`, else null. */
  get(slot: number, gen: number): Call | null {
    const c = this.calls[slot];
    return c !== undefined && c.gen === gen ? c : null;
  }
}
