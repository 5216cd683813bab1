/** Per-node counts by outcome and latency, cumulative and for the current window. */
import type { OutcomeCode } from '../engine/call';
import { Histogram } from './histogram';

/** Weight of the newest window in the live request rate. */
const RPS_SMOOTHING = 0.3;

export class NodeStats {
  // cumulative
  requests = 0;
  ok = 0;
  throttled = 0;
  errors = 0;
  timeouts = 0;
  /** Throttle events (each rejected attempt, including ones later retried). */
  throttleEvents = 0;
  /** Latency of completed windows; `latencyNow()` adds the open window. */
  private readonly closedLatency = new Histogram();
  private scratch: Histogram | null = null;
  // current window
  wRequests = 0;
  wOk = 0;
  wThrottled = 0;
  wErrors = 0;
  wTimeouts = 0;
  wThrottleEvents = 0;
  readonly wLatency = new Histogram();
  /**
   * Origins (clients, and the end-to-end counters) keep the latency of failed requests
   * apart: `wLatency` / `latencyNow()` then hold successful requests only and
   * `wFailLatency` / `failedLatencyNow()` the rest (spec: "Summary: what succeeded").
   */
  wFailLatency: Histogram | null = null;
  private closedFailLatency: Histogram | null = null;
  /**
   * Requests per second, smoothed over the last few windows (exponential, weight 0.3 on the
   * newest): a Poisson count per one-second window jumps by ±√λ, which made the live figure
   * flicker; this settles within ~5 windows of a real change.
   */
  lastRps = 0;
  private windowsClosed = 0;
  lastTrouble = 0;
  lastWindowRequests = 0;
  lastWindowProblems = 0;

  record(outcome: OutcomeCode, latencyMs: number): void {
    this.requests++;
    this.wRequests++;
    if (outcome === 0) {
      this.ok++;
      this.wOk++;
    } else if (outcome === 1) {
      this.throttled++;
      this.wThrottled++;
    } else if (outcome === 2) {
      this.errors++;
      this.wErrors++;
    } else {
      this.timeouts++;
      this.wTimeouts++;
    }
    if (outcome !== 0 && this.wFailLatency !== null) this.wFailLatency.record(latencyMs);
    else this.wLatency.record(latencyMs);
  }

  /** Keep failed requests' latency apart from now on (call before anything is recorded). */
  splitFailures(): void {
    this.wFailLatency ??= new Histogram();
    this.closedFailLatency ??= new Histogram();
  }

  /** Latency of every failed request so far (empty unless `splitFailures()`). */
  failedLatencyNow(): Histogram {
    const closed = (this.closedFailLatency ??= new Histogram());
    const open = this.wFailLatency;
    if (open === null || open.count === 0) return closed;
    const h = (this.failScratch ??= new Histogram());
    h.reset();
    h.merge(closed);
    h.merge(open);
    return h;
  }
  private failScratch: Histogram | null = null;

  noteThrottle(n = 1): void {
    this.throttleEvents += n;
    this.wThrottleEvents += n;
  }

  /** Every latency recorded so far — successful ones only after `splitFailures()` (merges the open window into a copy). */
  latencyNow(): Histogram {
    if (this.wLatency.count === 0) return this.closedLatency;
    const h = (this.scratch ??= new Histogram());
    h.reset();
    h.merge(this.closedLatency);
    h.merge(this.wLatency);
    return h;
  }

  /** Close the window: remember its rate and trouble, reset window counters. */
  closeWindow(windowMs: number): void {
    const rate = (this.wRequests * 1000) / windowMs;
    this.lastRps = this.windowsClosed++ === 0 ? rate : this.lastRps + RPS_SMOOTHING * (rate - this.lastRps);
    this.lastWindowRequests = this.wRequests;
    this.lastWindowProblems = Math.max(this.wThrottled + this.wErrors + this.wTimeouts, this.wThrottleEvents);
    this.wRequests = 0;
    this.wOk = 0;
    this.wThrottled = 0;
    this.wErrors = 0;
    this.wTimeouts = 0;
    this.wThrottleEvents = 0;
    this.closedLatency.merge(this.wLatency);
    this.wLatency.reset();
    if (this.wFailLatency !== null) {
      this.closedFailLatency!.merge(this.wFailLatency);
      this.wFailLatency.reset();
    }
  }
}
