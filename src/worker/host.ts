/**
 * The worker's run loop, kept free of worker globals so that it runs under test with a fake
 * clock and a fake simulation. simulation.worker.ts only wires it to `self`.
 *
 * One tick every TICK_MS of wall time: advance the simulated clock by the wall time elapsed
 * times the speed (in slices, so that a heavy second never blocks the worker for long), then
 * post one frame. Frames therefore arrive at most ~20 a second whatever the speed.
 */
import type { Architecture, Fault } from '../model';
import type { SimulationApi, SimulationOptions } from '../sim/api';
import { FRAME_INTERVAL_MS, fromWorker, type Command, type Reply, type RunStatus, type Speed } from './protocol';

export const TICK_MS = FRAME_INTERVAL_MS;
/** Wall time a tick may spend simulating before it posts what it has. */
export const TICK_BUDGET_MS = 35;
/** Wall time counted at most per tick, so a throttled background tab does not leap ahead. */
const MAX_ELAPSED_MS = 250;
/** One press of Step. */
export const STEP_MS = 1000;
/** Wall time one advance() call should take, so a heavy diagram still yields ~20 frames a second. */
const SLICE_WALL_MS = 8;
/** Assumed until measured: cautious, so the first slice of a heavy diagram is small. */
const INITIAL_COST = 0.5;

export interface HostDeps {
  createSimulation(doc: Architecture, options: SimulationOptions): SimulationApi;
  /** Messages for the document, empty when it can be simulated. */
  validate(doc: Architecture): string[];
  post(reply: ReturnType<typeof fromWorker>): void;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export class SimulationHost {
  private sim: SimulationApi | null = null;
  private doc: Architecture | null = null;
  private run = 0;
  private status: RunStatus = 'idle';
  private speed: Speed = 10;
  private timer: unknown = null;
  private lastTickAt = 0;
  /** Measured wall ms per simulated ms (moving average), to size the slices. */
  private cost = INITIAL_COST;

  constructor(private readonly deps: HostDeps) {}

  handle(command: Command): void {
    try {
      this.dispatch(command);
    } catch (e) {
      this.fail(e);
    }
  }

  private dispatch(command: Command): void {
    switch (command.type) {
      case 'load':
        this.load(command.doc);
        return;
      case 'run':
        this.start();
        return;
      case 'pause':
        if (this.status === 'running') this.setStatus('paused');
        return;
      case 'step':
        this.step();
        return;
      case 'reset':
        if (this.doc) this.load(this.doc);
        return;
      case 'setSpeed':
        this.speed = command.speed;
        this.lastTickAt = this.deps.now();
        if (this.sim) this.postFrame();
        return;
      case 'update':
        this.update(command.doc);
        return;
      case 'injectFault':
        if (this.sim && !this.sim.done) this.sim.injectFault(command.fault as Fault);
        return;
      case 'clearFaults':
        if (this.sim && !this.sim.done) this.sim.clearFaults(command.nodeId);
        return;
      case 'history':
        if (this.sim) this.send({ type: 'history', run: this.run, windows: this.sim.history(), traces: this.sim.traces() });
        return;
    }
  }

  private load(doc: Architecture): void {
    this.stopTimer();
    this.doc = doc;
    const problems = this.deps.validate(doc);
    if (problems.length > 0) {
      this.sim = null;
      this.status = 'idle';
      this.send({ type: 'invalid', problems });
      return;
    }
    this.sim = this.deps.createSimulation(doc, { particles: true });
    this.cost = INITIAL_COST;
    this.run += 1;
    this.status = 'idle';
    this.postFrame();
  }

  private update(doc: Architecture): void {
    const problems = this.deps.validate(doc);
    if (problems.length > 0) {
      // Keep the last good document and run; the editor shows what is wrong.
      this.send({ type: 'invalid', problems });
      return;
    }
    const inProgress = this.sim !== null && !this.sim.done && this.sim.simTimeMs > 0;
    if (inProgress && this.sim!.update(doc)) {
      this.doc = doc;
      this.send({ type: 'updated', outcome: 'applied' });
      return;
    }
    const wasRunning = this.status === 'running';
    this.load(doc);
    this.send({ type: 'updated', outcome: inProgress ? 'restarted' : 'reloaded' });
    // A restart caused by an edit keeps playing if it was playing: the person is watching.
    if (inProgress && wasRunning) this.start();
  }

  private start(): void {
    if (!this.sim) {
      if (this.doc) this.load(this.doc);
      if (!this.sim) return;
    }
    if (this.sim.done || this.status === 'running') return;
    this.lastTickAt = this.deps.now();
    this.setStatus('running');
    this.schedule(0);
  }

  private step(): void {
    if (!this.sim || this.sim.done) return;
    this.stopTimer();
    this.sim.advance(this.sim.simTimeMs + STEP_MS);
    this.status = this.sim.done ? 'done' : 'paused';
    this.postFrame();
    if (this.sim.done) this.finish();
  }

  private tick = (): void => {
    this.timer = null;
    if (this.status !== 'running' || !this.sim) return;
    try {
      const startedAt = this.deps.now();
      const sim = this.sim;
      const target = this.speed === 'max' ? sim.endMs : sim.simTimeMs + Math.min(MAX_ELAPSED_MS, Math.max(0, startedAt - this.lastTickAt)) * this.speed;
      // Slices sized from what the last ones cost: a second of a quiet diagram in one go, a
      // few milliseconds of a 100,000 rps one, so the budget is checked often.
      while (!sim.done && sim.simTimeMs < target && this.deps.now() - startedAt < TICK_BUDGET_MS) {
        const slice = Math.max(1, Math.min(1000, SLICE_WALL_MS / this.cost));
        const from = sim.simTimeMs;
        const before = this.deps.now();
        sim.advance(Math.min(target, from + slice));
        const advanced = sim.simTimeMs - from;
        if (advanced > 0) this.cost = 0.7 * this.cost + 0.3 * Math.max(1e-6, (this.deps.now() - before) / advanced);
      }
      this.lastTickAt = startedAt;
      if (sim.done) {
        this.status = 'done';
        this.postFrame();
        this.finish();
        return;
      }
      this.postFrame();
      const spent = this.deps.now() - startedAt;
      // Always yield a little so commands (pause, edits) are read between ticks.
      this.schedule(Math.max(4, TICK_MS - spent));
    } catch (e) {
      this.fail(e);
    }
  };

  private finish(): void {
    this.stopTimer();
    if (!this.sim) return;
    this.send({ type: 'done', run: this.run, summary: this.sim.summary(), history: this.sim.history(), traces: this.sim.traces() });
  }

  private setStatus(status: RunStatus): void {
    this.status = status;
    if (status !== 'running') this.stopTimer();
    this.postFrame();
  }

  private postFrame(): void {
    if (!this.sim) return;
    this.send({ type: 'frame', run: this.run, status: this.status, speed: this.speed, frame: this.sim.takeFrame() });
  }

  private schedule(ms: number): void {
    this.stopTimer();
    this.timer = this.deps.setTimer(this.tick, ms);
  }

  private stopTimer(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  private fail(e: unknown): void {
    this.stopTimer();
    this.sim = null;
    this.status = 'idle';
    const message = e instanceof Error ? e.message : String(e);
    this.send({ type: 'error', message: `The simulation stopped: ${message}` });
  }

  private send(reply: Reply): void {
    this.deps.post(fromWorker(reply));
  }
}
