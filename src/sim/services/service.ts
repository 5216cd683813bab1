/**
 * What every simulated AWS service shares: its node, its counters, its outgoing edges, its
 * active faults and its cost. One subclass per service, one file each.
 */
import type { ArchNode, EdgeMeaning, Fault } from '../../model';
import type { AnyLiveFields, NodeSummary, NodeWindow } from '../api';
import { ERROR, THROTTLED, type Call, type OutcomeCode } from '../engine/call';
import type { Rng } from '../engine/rng';
import type { EdgeInfo, Kernel } from '../engine/kernel';
import { NodeStats } from '../metrics/nodeStats';

export interface ActiveFault {
  id: number;
  fault: Fault;
  /** Infinity: until cleared. */
  untilMs: number;
}

/**
 * `Ev`: this service's own event codes (a union of its constants), the `kind` of the events
 * it schedules at its own index and receives in `onEvent`.
 */
export abstract class Service<Ev extends number = number> {
  readonly stats = new NodeStats();
  /** Outgoing edges in document order. */
  readonly out: EdgeInfo[] = [];
  costUsd = 0;
  /**
   * Deliveries of records or events this handler had already processed (at-least-once):
   * a whole batch returned for one bad record, a stream batch retried, an async retry after
   * a handler error. Counted where the delivery is decided; shown for Lambda handlers.
   */
  duplicateDeliveries = 0;
  // combined effect of the active faults
  faultDown = false;
  faultThrottle = false;
  faultAddMs = 0;
  faultErrorRate = 0;
  readonly faults: ActiveFault[] = [];

  constructor(
    readonly k: Kernel,
    readonly index: number,
    public node: ArchNode,
    /** Key of this service in costUsd.byService. */
    readonly costKey: string,
  ) {
    k.nodeStats[index] = this.stats;
  }

  get id(): string {
    return this.node.id;
  }

  /** A call arrives at this node. */
  abstract call(c: Call): void;

  /** A child call this node made has finished. */
  childDone(_c: Call, _outcome: OutcomeCode, _child: Call): void {}

  onEvent(_kind: Ev, _a: number, _b: number): void {}

  /** The run's end moved (settings.durationS changed mid-run). */
  durationChanged(): void {}

  /** This node's turn as a traffic source (Kernel.registerSource). */
  onSource(): void {}

  /** A request this node originated (a client's) has its final outcome. */
  originDone(_c: Call, _outcome: OutcomeCode): void {}

  /** Settings changed mid-run (same node type and edges). */
  configure(node: ArchNode): void {
    this.node = node;
  }

  /** Called at each window boundary: accrue time-based costs, housekeeping. */
  tick(_nowMs: number): void {}

  /** Called when the run starts, after every service exists. */
  start(): void {}

  flushCache(): void {}

  addCost(usd: number): void {
    this.costUsd += usd;
  }

  /** Added to the run's cost scaled to 30 days, for charges that do not scale with run time (a minimum). */
  monthlyAdjustUsd(_monthScale: number): number {
    return 0;
  }

  /** Monthly free-tier saving, given the factor that scales the run to 30 days. */
  freeTierUsd(_monthScale: number): number {
    return 0;
  }

  /** The fields this node type adds to the live state's base (api.ts `LiveFields`); none by default. */
  live(): Partial<AnyLiveFields> {
    return {};
  }

  windowExtra(): Partial<NodeWindow> {
    return {};
  }

  abstract summary(): NodeSummary;

  edgesWith(meaning: EdgeMeaning): EdgeInfo[] {
    return this.out.filter((e) => e.meaning === meaning);
  }

  setFaults(): void {
    this.faultDown = false;
    this.faultThrottle = false;
    this.faultAddMs = 0;
    this.faultErrorRate = 0;
    for (const { fault } of this.faults) {
      if (fault.kind === 'down') this.faultDown = true;
      else if (fault.kind === 'throttle') this.faultThrottle = true;
      else if (fault.kind === 'latency') this.faultAddMs += fault.addMs;
      else if (fault.kind === 'errors') this.faultErrorRate = 1 - (1 - this.faultErrorRate) * (1 - fault.rate);
    }
  }

  /**
   * For a service whose only failures are injected ones: finish `c` as the active fault says
   * (down, or an error drawn with `rng` -> error; throttle -> throttled) and return true;
   * false when the call goes on.
   */
  protected refuseByFault(c: Call, rng: Rng): boolean {
    if (this.faultDown || (this.faultErrorRate > 0 && rng.next() < this.faultErrorRate)) {
      this.k.note(c, this.faultDown ? 'failed: node down (injected fault)' : 'failed: injected error');
      this.k.finish(c, ERROR);
      return true;
    }
    if (this.faultThrottle) {
      this.stats.noteThrottle();
      this.k.note(c, 'throttled (injected fault)');
      this.k.finish(c, THROTTLED);
      return true;
    }
    return false;
  }

  faultLabel(): string | undefined {
    if (this.faults.length === 0) return undefined;
    return this.faults
      .map(({ fault }) =>
        fault.kind === 'latency' ? `latency +${fault.addMs} ms` : fault.kind === 'errors' ? `errors ${Math.round(fault.rate * 100)}%` : fault.kind,
      )
      .join(', ');
  }
}

/** Token bucket: `rate` tokens per second up to `capacity`, refilled lazily. */
/** The AWS SDK's standard retry mode (§3.1): full jitter, exponential from 1 s, capped at 20 s. */
const SDK_BASE_MS = 1000;
const SDK_CAP_MS = 20_000;

/** The back-off before SDK retry number `attempt` (1 = the first retry). */
export function sdkBackoffMs(rng: Rng, attempt: number): number {
  return rng.next() * Math.min(SDK_CAP_MS, SDK_BASE_MS * 2 ** (attempt - 1));
}

export class TokenBucket {
  tokens: number;
  private lastMs = 0;

  constructor(
    public ratePerS: number,
    public capacity: number,
  ) {
    this.tokens = capacity;
  }

  refill(nowMs: number): void {
    if (nowMs > this.lastMs) {
      this.tokens = Math.min(this.capacity, this.tokens + ((nowMs - this.lastMs) * this.ratePerS) / 1000);
      this.lastMs = nowMs;
    }
  }

  /** Whether `n` tokens are there now, without taking them. */
  has(nowMs: number, n: number): boolean {
    this.refill(nowMs);
    return this.tokens >= n;
  }

  take(nowMs: number, n: number): boolean {
    this.refill(nowMs);
    if (this.tokens >= n) {
      this.tokens -= n;
      return true;
    }
    return false;
  }
}
