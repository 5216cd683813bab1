/**
 * Code at the edge, attached to a CloudFront node at its four trigger points (reference §7.2).
 *
 * - CloudFront Functions: viewer request and viewer response only; JavaScript, no network,
 *   sub-millisecond (the configured time, capped at 1 ms of compute); no cold start, no
 *   concurrency limit worth modelling (AWS: millions of requests per second). $0.10 per
 *   million invocations, 2 million free a month.
 * - Lambda@Edge: all four triggers; Node.js or Python on x86_64; replicated from us-east-1 and
 *   run in the Regional edge cache nearest the viewer, with its own execution environments:
 *   a run takes a warm idle environment or starts a new one (a cold start, INIT drawn from
 *   lambda-perf's Node.js 22 / Python 3.13 x86_64 zip figures, §1.5) while the Region's
 *   concurrency allows, else CloudFront answers 503 (a throttle). Environments idle longer
 *   than IDLE_MS are reclaimed, as Lambda does. Viewer triggers time out at 5 s, origin
 *   triggers at 30 s (an error, 502/503 for the viewer); a timed-out run's environment is
 *   reset, as Lambda resets one (§1.4), so it does not come back warm. Billed $0.60 per million requests
 *   plus $0.00005001 per GB-second rounded up to 1 ms, INIT included (Lambda bills INIT for
 *   zip functions since August 2025, §1.7); no free tier.
 *
 * One Region serves the viewers (a single edge location, as the CloudFront model has).
 * Environment bookkeeping is exact but needs no events: a run's length is known when it
 * starts, so busy environments sit in a min-heap by the time they free up and are moved to
 * an idle stack (most recently freed on top) when the clock passes that time; timed-out runs
 * sit in a second heap and are dropped when they end (their environment was reset).
 */
import { initQuantiles } from '../../model';
import { quantileAt, quantileCurve, type QuantileCurve, type Rng } from '../engine/rng';

export type TriggerPoint = 'viewerRequest' | 'viewerResponse' | 'originRequest' | 'originResponse';

export const EDGE_PRICES = {
  /** §7.2: CloudFront Functions $0.10 per 1 M invocations; 2 M free a month. */
  cloudfrontFunctionPerInvocation: 0.1 / 1e6,
  cloudfrontFunctionFreeInvocations: 2e6,
  /** §7.2: Lambda@Edge $0.60 per 1 M requests and $0.00005001 per GB-s, 1 ms metering; no free tier. */
  lambdaEdgePerRequest: 0.6 / 1e6,
  lambdaEdgePerGbS: 0.00005001,
};

/** §7.2: Lambda@Edge time limits per trigger. */
export const VIEWER_TIMEOUT_MS = 5000;
export const ORIGIN_TIMEOUT_MS = 30_000;
/** Idle environments are reclaimed after this long (as for Lambda, §1.4: about 10 minutes). */
export const IDLE_MS = 600_000;

/**
 * INIT of a trivial Lambda@Edge function: the same measured lambda-perf percentiles as a
 * Lambda's for the runtime, .zip on x86_64 (§1.5; Node.js 22 p50 145 ms, p99 218 ms; Python
 * 3.13 93 ms, 186 ms), drawn as Lambda draws them (`quantileAt` of one normal draw).
 */
const INIT: Record<string, QuantileCurve> = {
  'nodejs22.x': quantileCurve(initQuantiles('nodejs22.x', 'zip', 'x86_64')!),
  'python3.13': quantileCurve(initQuantiles('python3.13', 'zip', 'x86_64')!),
};

export interface EdgeRun {
  /** How long the run takes (INIT + handler), ms; 0 for a refused run. */
  durationMs: number;
  cold: boolean;
  initMs: number;
  /** 'throttled': no environment could be started (503); 'timeout': ran past the trigger's limit. */
  refused: 'throttled' | 'timeout' | null;
  costUsd: number;
}

/** The Lambda@Edge environments of one distribution's serving Region. */
export class LambdaEdgePool {
  /** Busy environments' free-at times (binary min-heaps): runs that end normally, and runs that
   * timed out, whose environment is reset and so does not come back warm (§1.4). */
  private busy: number[] = [];
  private resetting: number[] = [];
  /** Idle environments' freed-at times, oldest first (reclaimed from the front). */
  private idle: number[] = [];
  private idleHead = 0;
  coldStarts = 0;
  throttles = 0;
  timeouts = 0;
  invocations = 0;
  maxBusy = 0;

  constructor(private readonly rng: Rng) {}

  get busyCount(): number {
    return this.busy.length + this.resetting.length;
  }

  get warmCount(): number {
    return this.idle.length - this.idleHead;
  }

  /** One Lambda@Edge run starting now at a trigger point. */
  run(nowMs: number, runtime: string, memoryMb: number, handlerMeanMs: number, concurrency: number, timeoutMs: number): EdgeRun {
    this.settle(nowMs);
    let cold = false;
    if (this.idle.length > this.idleHead) {
      this.idle.pop();
    } else if (this.busyCount < concurrency) {
      cold = true;
    } else {
      this.throttles++;
      return { durationMs: 0, cold: false, initMs: 0, refused: 'throttled', costUsd: 0 };
    }
    this.invocations++;
    const initMs = cold ? quantileAt(INIT[runtime] ?? INIT['nodejs22.x'], this.rng.normal()) : 0;
    if (cold) this.coldStarts++;
    const handlerMs = this.rng.exponential(handlerMeanMs);
    let durationMs = initMs + handlerMs;
    let refused: EdgeRun['refused'] = null;
    if (durationMs > timeoutMs) {
      durationMs = timeoutMs;
      refused = 'timeout';
      this.timeouts++;
    }
    pushHeap(refused === 'timeout' ? this.resetting : this.busy, nowMs + durationMs);
    if (this.busyCount > this.maxBusy) this.maxBusy = this.busyCount;
    const billedMs = Math.ceil(durationMs);
    const costUsd = EDGE_PRICES.lambdaEdgePerRequest + (memoryMb / 1024) * (billedMs / 1000) * EDGE_PRICES.lambdaEdgePerGbS;
    return { durationMs, cold, initMs, refused, costUsd };
  }

  /** Move environments whose run has ended to the idle stack; reclaim the long-idle ones. */
  private settle(nowMs: number): void {
    const b = this.busy;
    while (b.length > 0 && b[0] <= nowMs) this.idle.push(popHeap(b));
    const r = this.resetting;
    while (r.length > 0 && r[0] <= nowMs) popHeap(r);
    while (this.idleHead < this.idle.length && nowMs - this.idle[this.idleHead] > IDLE_MS) this.idleHead++;
    if (this.idleHead > 1024 && this.idleHead * 2 > this.idle.length) {
      this.idle = this.idle.slice(this.idleHead);
      this.idleHead = 0;
    }
  }
}

function pushHeap(b: number[], t: number): void {
  b.push(t);
  let i = b.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (b[p] <= t) break;
    b[i] = b[p];
    i = p;
  }
  b[i] = t;
}

function popHeap(b: number[]): number {
  const top = b[0];
  const last = b.pop()!;
  if (b.length > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= b.length) break;
      const r = l + 1;
      const m = r < b.length && b[r] < b[l] ? r : l;
      if (b[m] >= last) break;
      b[i] = b[m];
      i = m;
    }
    b[i] = last;
  }
  return top;
}
