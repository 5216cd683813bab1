import { beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario, type Architecture } from '../model';
import { FakeSimulation } from './fakeSimulation';
import { SimulationHost, STEP_MS, TICK_MS } from './host';
import type { FromWorker } from './protocol';

/** A host wired to a fake clock and timer queue, and the simulations it made. */
function harness(options: { problems?: string[]; durationMs?: number; costPerAdvanceMs?: number; costPerSimMs?: number } = {}) {
  let now = 0;
  const timers: { fn: () => void; at: number; id: number }[] = [];
  let nextId = 1;
  const sims: FakeSimulation[] = [];
  const replies: FromWorker[] = [];
  const host = new SimulationHost({
    createSimulation: (doc) => {
      const sim = new FakeSimulation(doc, options.durationMs);
      if (options.costPerAdvanceMs || options.costPerSimMs) {
        const advance = sim.advance.bind(sim);
        sim.advance = (until) => {
          const from = sim.simTimeMs;
          advance(until);
          now += (options.costPerAdvanceMs ?? 0) + (options.costPerSimMs ?? 0) * (sim.simTimeMs - from);
        };
      }
      sims.push(sim);
      return sim;
    },
    validate: () => options.problems ?? [],
    post: (reply) => replies.push(reply),
    now: () => now,
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.push({ fn, at: now + ms, id });
      return id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  /** Move wall time forward, firing due timers in order. */
  const elapse = (ms: number) => {
    const end = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > end) break;
      timers.shift();
      now = Math.max(now, next.at);
      next.fn();
    }
    now = Math.max(now, end);
  };
  const frames = () => replies.filter((r): r is Extract<FromWorker, { type: 'frame' }> => r.type === 'frame');
  return { host, sims, replies, frames, elapse, pending: () => timers.length };
}

describe('SimulationHost', () => {
  let doc: Architecture;
  beforeEach(() => {
    doc = defaultScenario();
  });

  it('loads a document into a fresh run and answers with an idle frame at zero', () => {
    const h = harness();
    h.host.handle({ type: 'load', doc });
    expect(h.sims).toHaveLength(1);
    expect(h.frames()).toEqual([expect.objectContaining({ run: 1, status: 'idle', frame: expect.objectContaining({ simTimeMs: 0 }) })]);
  });

  it('runs at the chosen speed and posts one frame per tick, about 20 a second', () => {
    const h = harness({ durationMs: 600_000 });
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'setSpeed', speed: 10 });
    h.host.handle({ type: 'run' });
    const before = h.frames().length;
    h.elapse(1000);
    const running = h
      .frames()
      .slice(before)
      .filter((f) => f.status === 'running');
    expect(running.length).toBeGreaterThanOrEqual(18);
    expect(running.length).toBeLessThanOrEqual(22);
    // One wall second at 10x: ten simulated seconds.
    expect(h.sims[0].simTimeMs).toBeGreaterThanOrEqual(9_000);
    expect(h.sims[0].simTimeMs).toBeLessThanOrEqual(10_500);
  });

  it('at 1x the clock follows the wall clock', () => {
    const h = harness({ durationMs: 600_000 });
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'setSpeed', speed: 1 });
    h.host.handle({ type: 'run' });
    h.elapse(2000);
    expect(h.sims[0].simTimeMs).toBeGreaterThanOrEqual(1_900);
    expect(h.sims[0].simTimeMs).toBeLessThanOrEqual(2_050);
  });

  it('at max speed keeps posting frames while it works, and stops within its budget', () => {
    const h = harness({ durationMs: 3_600_000, costPerAdvanceMs: 5 });
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'setSpeed', speed: 'max' });
    h.host.handle({ type: 'run' });
    h.elapse(1000);
    const running = h.frames().filter((f) => f.status === 'running');
    expect(running.length).toBeGreaterThanOrEqual(15);
    expect(running.length).toBeLessThanOrEqual(25);
    expect(h.sims[0].simTimeMs).toBeGreaterThan(100_000);
  });

  it('a slow simulation slows the clock rather than the frames', () => {
    const h = harness({ durationMs: 3_600_000, costPerAdvanceMs: 30 });
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'setSpeed', speed: 100 });
    h.host.handle({ type: 'run' });
    h.elapse(1000);
    const running = h.frames().filter((f) => f.status === 'running');
    expect(running.length).toBeGreaterThanOrEqual(10);
  });

  it('sizes its slices to a heavy diagram, so frames keep coming and no tick runs long', () => {
    // Two wall ms per simulated ms: a second of this diagram takes two seconds to compute.
    const h = harness({ durationMs: 3_600_000, costPerSimMs: 2 });
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'setSpeed', speed: 'max' });
    h.host.handle({ type: 'run' });
    h.elapse(2000);
    const times = h
      .frames()
      .filter((f) => f.status === 'running')
      .map((f) => f.frame.simTimeMs);
    expect(times.length).toBeGreaterThanOrEqual(15);
    // About half a simulated second per wall second, in small steps.
    expect(h.sims[0].simTimeMs).toBeGreaterThan(500);
    const steps = times.slice(1).map((t, i) => t - times[i]);
    expect(Math.max(...steps)).toBeLessThan(100);
  });

  it('pauses, then steps exactly one simulated second', () => {
    const h = harness({ durationMs: 600_000 });
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'run' });
    h.elapse(300);
    h.host.handle({ type: 'pause' });
    expect(h.frames().at(-1)?.status).toBe('paused');
    expect(h.pending()).toBe(0);
    const at = h.sims[0].simTimeMs;
    h.elapse(1000);
    expect(h.sims[0].simTimeMs).toBe(at);
    h.host.handle({ type: 'step' });
    expect(h.sims[0].simTimeMs).toBe(at + STEP_MS);
    expect(h.frames().at(-1)).toEqual(expect.objectContaining({ status: 'paused', frame: expect.objectContaining({ simTimeMs: at + STEP_MS }) }));
  });

  it('step from idle advances one second and leaves the run paused', () => {
    const h = harness();
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'step' });
    expect(h.frames().at(-1)).toEqual(expect.objectContaining({ status: 'paused', frame: expect.objectContaining({ simTimeMs: 1000 }) }));
  });

  it('finishes with a last frame, then the summary and the whole history', () => {
    const h = harness({ durationMs: 3000 });
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'setSpeed', speed: 100 });
    h.host.handle({ type: 'run' });
    h.elapse(500);
    const done = h.replies.find((r) => r.type === 'done');
    expect(done).toEqual(expect.objectContaining({ run: 1, summary: expect.objectContaining({ seed: 42 }) }));
    expect(done && done.type === 'done' && done.history).toHaveLength(3);
    const last = h.frames().at(-1)!;
    expect(last.status).toBe('done');
    expect(h.replies.indexOf(last)).toBeLessThan(h.replies.indexOf(done!));
    expect(h.pending()).toBe(0);
    // Run after the end does nothing; reset starts a new run.
    h.host.handle({ type: 'run' });
    expect(h.pending()).toBe(0);
    h.host.handle({ type: 'reset' });
    expect(h.sims).toHaveLength(2);
    expect(h.frames().at(-1)).toEqual(expect.objectContaining({ run: 2, status: 'idle' }));
  });

  it('applies a settings change mid-run without restarting', () => {
    const h = harness({ durationMs: 600_000 });
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'run' });
    h.elapse(200);
    h.host.handle({ type: 'update', doc: { ...doc, name: 'changed' } });
    expect(h.sims).toHaveLength(1);
    expect(h.sims[0].calls).toContain('update changed');
    expect(h.replies.at(-1)).toEqual(expect.objectContaining({ type: 'updated', outcome: 'applied' }));
  });

  it('restarts, still playing, when the shape changed mid-run', () => {
    const h = harness({ durationMs: 600_000 });
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'run' });
    h.elapse(200);
    h.sims[0].acceptUpdates = false;
    h.host.handle({ type: 'update', doc });
    expect(h.sims).toHaveLength(2);
    expect(h.replies).toContainEqual(expect.objectContaining({ type: 'updated', outcome: 'restarted' }));
    h.elapse(200);
    expect(h.frames().at(-1)).toEqual(expect.objectContaining({ run: 2, status: 'running' }));
  });

  it('reloads quietly when nothing has run yet', () => {
    const h = harness();
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'update', doc });
    expect(h.sims).toHaveLength(2);
    expect(h.replies.at(-1)).toEqual(expect.objectContaining({ type: 'updated', outcome: 'reloaded' }));
  });

  it('reports a document that cannot run, and keeps the run it has', () => {
    const h = harness({ problems: ['edges[0]: nope'] });
    h.host.handle({ type: 'load', doc });
    expect(h.replies.at(-1)).toEqual(expect.objectContaining({ type: 'invalid', problems: ['edges[0]: nope'] }));
    h.host.handle({ type: 'run' });
    expect(h.sims).toHaveLength(0);
  });

  it('passes faults to the running simulation', () => {
    const h = harness();
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'injectFault', fault: { kind: 'down', atS: 0, node: 'table', lengthS: 30 } });
    expect(h.sims[0].faults).toHaveLength(1);
    h.host.handle({ type: 'clearFaults', nodeId: 'table' });
    expect(h.sims[0].faults).toHaveLength(0);
  });

  it('answers a history request with every window so far', () => {
    const h = harness({ durationMs: 600_000 });
    h.host.handle({ type: 'load', doc });
    h.host.handle({ type: 'step' });
    h.host.handle({ type: 'step' });
    h.host.handle({ type: 'history' });
    expect(h.replies.at(-1)).toEqual(expect.objectContaining({ type: 'history', run: 1, windows: [expect.anything(), expect.anything()] }));
  });

  it('turns an exception in the core into an error reply and stops ticking', () => {
    const h = harness({ durationMs: 600_000 });
    h.host.handle({ type: 'load', doc });
    h.sims[0].failWith = new Error('boom');
    h.host.handle({ type: 'run' });
    h.elapse(TICK_MS * 2);
    expect(h.replies.at(-1)).toEqual(expect.objectContaining({ type: 'error', message: expect.stringContaining('boom') }));
    expect(h.pending()).toBe(0);
    // Reset recovers with the same document.
    h.host.handle({ type: 'reset' });
    expect(h.sims).toHaveLength(2);
  });
});
