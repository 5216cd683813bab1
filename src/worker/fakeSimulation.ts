/**
 * A stand-in for the simulation core in worker and store tests: a clock that moves when told,
 * one window per simulated second, and a record of what it was asked.
 */
import type { Architecture, Fault } from '../model';
import type { RequestTrace, SimFrame, SimSummary, SimulationApi, WindowSample } from '../sim/api';

export function fakeWindow(tS: number, ok = 10): WindowSample {
  return {
    tS,
    requests: { ok, throttled: 0, error: 0, timeout: 0 },
    latencyMs: { mean: 50, p50: 40, p95: 90, p99: 120 },
    coldStarts: 0,
    costUsd: tS * 0.001,
    costByService: { lambda: tS * 0.0006, apiGateway: tS * 0.0004 },
    nodes: {},
  };
}

export function fakeFrame(simTimeMs: number, over: Partial<SimFrame> = {}): SimFrame {
  return {
    simTimeMs,
    durationMs: 10_000,
    done: false,
    totals: {
      requests: simTimeMs / 100,
      ok: simTimeMs / 100,
      throttled: 0,
      errors: 0,
      timeouts: 0,
      coldStarts: 1,
      p99Ms: 120,
      costUsd: 0.01,
      monthlyCostUsd: 20,
    },
    nodes: {},
    windows: [],
    particles: [],
    events: [],
    ...over,
  };
}

export class FakeSimulation implements SimulationApi {
  simTimeMs = 0;
  readonly endMs: number;
  calls: string[] = [];
  faults: Fault[] = [];
  /** What update() answers. */
  acceptUpdates = true;
  /** Throw from advance() when set. */
  failWith: Error | null = null;
  private lastFrameMs = 0;

  constructor(
    readonly doc: Architecture,
    durationMs = 10_000,
  ) {
    this.endMs = durationMs;
  }

  get done(): boolean {
    return this.simTimeMs >= this.endMs;
  }
  advance(untilMs: number): void {
    if (this.failWith) throw this.failWith;
    this.calls.push(`advance ${untilMs}`);
    this.simTimeMs = Math.min(this.endMs, untilMs);
  }
  step(): void {
    this.calls.push('step');
  }
  runToEnd(): void {
    this.simTimeMs = this.endMs;
  }
  update(doc: Architecture): boolean {
    this.calls.push(`update ${doc.name}`);
    return this.acceptUpdates;
  }
  injectFault(fault: Fault): void {
    this.faults.push(fault);
  }
  clearFaults(nodeId: string): void {
    this.faults = this.faults.filter((f) => f.node !== nodeId);
  }
  takeFrame(): SimFrame {
    const windows: WindowSample[] = [];
    for (let s = Math.floor(this.lastFrameMs / 1000) + 1; s * 1000 <= this.simTimeMs; s++) windows.push(fakeWindow(s));
    this.lastFrameMs = this.simTimeMs;
    return fakeFrame(this.simTimeMs, { durationMs: this.endMs, done: this.done, windows });
  }
  history(): WindowSample[] {
    const out: WindowSample[] = [];
    for (let s = 1; s * 1000 <= this.simTimeMs; s++) out.push(fakeWindow(s));
    return out;
  }
  traces(): RequestTrace[] {
    return [];
  }
  summary(): SimSummary {
    return {
      seed: 42,
      durationS: this.endMs / 1000,
      requests: { total: 100, ok: 100, throttled: 0, errors: 0, timeouts: 0, successShare: 1 },
      latencyMs: { mean: 50, p50: 40, p95: 90, p99: 120, max: 300 },
      failedLatencyMs: { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 },
      costUsd: { total: 0.01, monthly: 20, byService: { lambda: 0.006, apiGateway: 0.004 } },
      nodes: {},
    };
  }
}
