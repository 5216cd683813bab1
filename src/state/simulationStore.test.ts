import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogEvent } from '../sim/api';
import { fakeFrame, fakeWindow } from '../worker/fakeSimulation';
import { fromWorker, type RunStatus } from '../worker/protocol';
import {
  MAX_EVENTS,
  MAX_PARTICLES,
  MAX_WINDOWS,
  ZERO_TOTALS,
  resetSimulationStore,
  scrubWindows,
  useSimulationStore,
  type RecoverablePort,
} from './simulationStore';

const store = () => useSimulationStore.getState();
const LAMBDA_IDLE = {
  idleWarm: 0,
  initializing: 0,
  provisioned: 0,
  concurrencyLimit: 1000,
  coldStarts: 0,
  asyncQueueDepth: 0,
  recursionStopped: 0,
  duplicates: 0,
};

function frame(run: number, simTimeMs: number, status: RunStatus = 'running', over: Parameters<typeof fakeFrame>[1] = {}) {
  return fromWorker({ type: 'frame', run, status, speed: 10, frame: fakeFrame(simTimeMs, over) });
}

function event(tMs: number): LogEvent {
  return { tMs, node: 'fn', kind: 'coldStart', message: `fn: cold start at ${tMs}` };
}

function fakePort(): RecoverablePort & { calls: string[] } {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      calls.push([name, ...args.map((a) => JSON.stringify(a))].join(' '));
  return {
    calls,
    load: record('load'),
    run: record('run'),
    pause: record('pause'),
    step: record('step'),
    reset: record('reset'),
    setSpeed: record('setSpeed'),
    update: record('update'),
    injectFault: record('injectFault'),
    clearFaults: record('clearFaults'),
    requestHistory: record('requestHistory'),
    dispose: record('dispose'),
    recover: record('recover'),
  };
}

describe('simulationStore', () => {
  beforeEach(() => resetSimulationStore());

  it('starts empty and idle', () => {
    expect(store()).toMatchObject({ status: 'idle', simTimeMs: 0, totals: ZERO_TOTALS, windows: [], events: [], summary: null });
  });

  it('applies a frame with one set', () => {
    const listener = vi.fn();
    const unsubscribe = useSimulationStore.subscribe(listener);
    store().receive(
      frame(1, 2000, 'running', {
        windows: [fakeWindow(1), fakeWindow(2)],
        events: [event(100)],
        nodes: { fn: { type: 'lambda', status: 'ok', rps: 5, requests: 10, throttles: 0, errors: 0, timeouts: 0, ...LAMBDA_IDLE, busy: 2 } },
      }),
      1234,
    );
    unsubscribe();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store()).toMatchObject({
      status: 'running',
      runId: 1,
      simTimeMs: 2000,
      durationMs: 10_000,
      totals: expect.objectContaining({ requests: 20 }),
      nodes: { fn: expect.objectContaining({ busy: 2 }) },
      lastReplyAt: 1234,
      frameSeq: 1,
    });
    expect(store().windows.map((w) => w.tS)).toEqual([1, 2]);
    expect(store().events).toEqual([expect.objectContaining({ id: 0, tMs: 100 })]);
  });

  it('keeps the guard’s stop notice for the rest of the run, and a new run starts without it', () => {
    store().receive(frame(1, 1000));
    expect(store().stopped).toBeNull();
    store().receive(frame(1, 2000, 'running', { stopped: 'Run stopped at 2 s: too much work' }));
    store().receive(frame(1, 2000, 'done'));
    expect(store().stopped).toBe('Run stopped at 2 s: too much work');
    store().receive(frame(2, 500));
    expect(store().stopped).toBeNull();
  });

  it('appends windows and events across frames and records the particles’ span', () => {
    store().receive(frame(1, 1000, 'running', { windows: [fakeWindow(1)], events: [event(1)] }));
    store().receive(
      frame(1, 3000, 'running', {
        windows: [fakeWindow(2), fakeWindow(3)],
        events: [event(2), event(3)],
        particles: [{ edge: 'e1', atMs: 2500, outcome: 'ok' }],
      }),
    );
    expect(store().windows.map((w) => w.tS)).toEqual([1, 2, 3]);
    expect(store().events.map((e) => e.id)).toEqual([0, 1, 2]);
    expect(store().particleSpan).toEqual({ fromMs: 1000, toMs: 3000 });
    expect(store().particles).toHaveLength(1);
  });

  it('keeps windows, events and particles bounded whatever arrives', () => {
    for (let i = 0; i < 30; i++) {
      const windows = Array.from({ length: 50 }, (_, k) => fakeWindow(i * 50 + k + 1));
      const events = Array.from({ length: 40 }, (_, k) => event(i * 40 + k));
      store().receive(frame(1, (i + 1) * 50_000, 'running', { windows, events }));
    }
    expect(store().windows).toHaveLength(MAX_WINDOWS);
    expect(store().windows.at(-1)?.tS).toBe(1500);
    expect(store().events).toHaveLength(MAX_EVENTS);
    expect(store().events.at(-1)?.tMs).toBe(1199);
    const particles = Array.from({ length: MAX_PARTICLES * 3 }, (_, k) => ({ edge: 'e1', atMs: k, outcome: 'ok' as const }));
    store().receive(frame(1, 2_000_000, 'running', { particles }));
    expect(store().particles).toHaveLength(MAX_PARTICLES);
  });

  it('clears the series when a new run starts', () => {
    store().receive(frame(1, 5000, 'running', { windows: [fakeWindow(5)], events: [event(1)] }));
    store().receive(fromWorker({ type: 'done', run: 1, summary: { seed: 1 } as never, history: [fakeWindow(5)], traces: [] }));
    store().receive(frame(2, 0, 'idle'));
    expect(store()).toMatchObject({ runId: 2, status: 'idle', simTimeMs: 0, windows: [], events: [], summary: null, history: null, traces: null });
  });

  it('takes the summary and the history at the end, ignoring a stale run', () => {
    store().receive(frame(2, 3000, 'done'));
    store().receive(fromWorker({ type: 'done', run: 1, summary: { seed: 1 } as never, history: [], traces: [] }));
    expect(store().summary).toBeNull();
    const history = [fakeWindow(1), fakeWindow(2), fakeWindow(3)];
    store().receive(fromWorker({ type: 'done', run: 2, summary: { seed: 7 } as never, history, traces: [] }));
    expect(store()).toMatchObject({ status: 'done', summary: { seed: 7 }, history });
    expect(scrubWindows(store())).toBe(history);
  });

  it('turns a restart caused by a shape change into a notice, and the others into none', () => {
    expect(store().receive(fromWorker({ type: 'updated', outcome: 'restarted' })).notice).toMatch(/started again/);
    expect(store().receive(fromWorker({ type: 'updated', outcome: 'applied' })).notice).toBeUndefined();
  });

  it('remembers why the document cannot run, and will not run it', () => {
    const port = fakePort();
    store().bindPort(port);
    store().receive(fromWorker({ type: 'invalid', problems: ['edges[0]: bad'] }));
    store().run();
    expect(port.calls).toEqual([]);
    expect(store().status).toBe('idle');
  });

  it('sends commands to the port and shows the new status at once', () => {
    const port = fakePort();
    store().bindPort(port);
    store().run();
    expect(store().status).toBe('running');
    store().toggleRun();
    expect(store().status).toBe('paused');
    store().step();
    store().setSpeed('max');
    store().reset();
    expect(port.calls).toEqual(['run', 'pause', 'requestHistory', 'step', 'setSpeed "max"', 'reset']);
    expect(store().speed).toBe('max');
  });

  it('a worker error shows a message and reset starts a fresh worker', () => {
    const port = fakePort();
    store().bindPort(port);
    store().receive(frame(1, 4000, 'running', { windows: [fakeWindow(4)] }));
    store().receive(fromWorker({ type: 'error', message: 'The simulation stopped: boom' }));
    expect(store()).toMatchObject({ status: 'error', error: expect.stringContaining('boom') });
    store().run();
    expect(port.calls).toEqual([]);
    store().reset();
    expect(port.calls).toEqual(['recover']);
    expect(store()).toMatchObject({ status: 'idle', error: null, windows: [] });
  });

  it('keeps live faults per node and restarts the remaining ones when one is switched off', () => {
    const port = fakePort();
    store().bindPort(port);
    store().setFault('table', 'down', true);
    store().setFault('table', 'latency', { addMs: 250 });
    expect(store().faults.table).toEqual({ down: true, latency: { addMs: 250 } });
    port.calls.length = 0;
    store().setFault('table', 'down', null);
    expect(store().faults.table).toEqual({ latency: { addMs: 250 } });
    expect(port.calls).toEqual(['clearFaults "table"', expect.stringMatching(/^injectFault .*"kind":"latency".*"addMs":250/)]);
    store().setFault('table', 'latency', null);
    expect(store().faults.table).toBeUndefined();
  });

  it('a live frame ends any look-back', () => {
    store().receive(frame(1, 3000, 'paused', { windows: [fakeWindow(1), fakeWindow(2), fakeWindow(3)] }));
    store().scrubTo(1);
    expect(store().scrubIndex).toBe(1);
    store().receive(frame(1, 3050, 'running'));
    expect(store().scrubIndex).toBeNull();
  });
});
