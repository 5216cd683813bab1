/**
 * The live simulation as the page sees it: the latest frame's numbers, bounded series of
 * windows for the charts, a bounded event log, the run's status and speed. Never persisted.
 *
 * Each reply from the worker is applied with one `set`. Commands (run, pause, ...) go to a
 * port bound by the UI (ui/sim/useSimulationBridge.ts), so this file knows no Worker.
 */
import { create } from 'zustand';
import type { Fault } from '../model';
import type { LogEvent, NodeLive, Particle, RequestTrace, SimSummary, Totals, WindowSample } from '../sim/api';
import type { FromWorker, RunStatus, Speed } from '../worker/protocol';
import type { SimulationPort } from '../worker/simulationClient';

/** Windows kept for the live charts (ten simulated minutes at one-second windows). */
export const MAX_WINDOWS = 600;
/** Events kept for the log. */
export const MAX_EVENTS = 500;
/** Particles kept from one frame for the canvas. */
export const MAX_PARTICLES = 400;

export type SimStatus = RunStatus | 'error';

export type LiveFaultKind = 'down' | 'latency' | 'errors' | 'throttle';

/** A fault the person switched on from the inspector (not part of the document). */
export interface LiveFaults {
  down?: true;
  latency?: { addMs: number };
  errors?: { rate: number };
  throttle?: true;
}

export interface LoggedEvent extends LogEvent {
  /** Stable key for the list; increases with arrival. */
  id: number;
}

export interface SimulationData {
  status: SimStatus;
  speed: Speed;
  /** Which fresh simulation the data belongs to (the worker counts them). */
  runId: number;
  simTimeMs: number;
  durationMs: number;
  totals: Totals;
  nodes: Record<string, NodeLive>;
  windows: WindowSample[];
  /** Requests seen crossing edges in the last frame, and the simulated span they cover. */
  particles: Particle[];
  particleSpan: { fromMs: number; toMs: number };
  events: LoggedEvent[];
  nextEventId: number;
  /** After the run ends: the same summary as the command-line simulator. */
  summary: SimSummary | null;
  /** Every window of the run (when paused or done), for the scrubber. */
  history: WindowSample[] | null;
  /** Sampled request traces (when paused or done): the slowest, throttled, cold-start ones and a sample. */
  traces: RequestTrace[] | null;
  /** Index into the scrubber's windows being looked at; null follows the live edge. */
  scrubIndex: number | null;
  /** Why the document cannot be simulated, when it cannot. */
  problems: string[];
  error: string | null;
  /** Set when the run's guard stopped the run early (work or memory past its bounds): why. */
  stopped: string | null;
  faults: Record<string, LiveFaults>;
  /** Frames applied since the page opened (animation keys off it). */
  frameSeq: number;
  /** Wall time of the last reply, for the watchdog. */
  lastReplyAt: number;
}

export interface SimulationActions {
  /** Apply one reply from the worker. Returns what the UI should tell the person, if anything. */
  receive(reply: FromWorker, now?: number): { notice?: string };
  fail(message: string): void;
  bindPort(port: RecoverablePort | null): void;
  run(): void;
  pause(): void;
  toggleRun(): void;
  step(): void;
  reset(): void;
  setSpeed(speed: Speed): void;
  setFault(nodeId: string, kind: LiveFaultKind, value: LiveFaults[LiveFaultKind] | null): void;
  flushCache(nodeId: string): void;
  /** An RDS node's writer fails over now (the `failover` fault, started at once). */
  failover(nodeId: string): void;
  scrubTo(index: number | null): void;
}

/** The worker port plus a way to start a fresh worker after a crash. */
export interface RecoverablePort extends SimulationPort {
  recover(): void;
}

export type SimulationState = SimulationData & SimulationActions;

export const ZERO_TOTALS: Totals = {
  requests: 0,
  ok: 0,
  throttled: 0,
  errors: 0,
  timeouts: 0,
  coldStarts: 0,
  p99Ms: 0,
  costUsd: 0,
  monthlyCostUsd: 0,
};

/** Shared, so a frame that changes nothing here does not wake the toolbar. */
const NO_PROBLEMS: string[] = [];

/** A fault started from the inspector lasts until it is switched off. */
const UNTIL_CLEARED_S = 86_400;

function freshRun(runId: number): Partial<SimulationData> {
  return {
    runId,
    simTimeMs: 0,
    totals: ZERO_TOTALS,
    nodes: {},
    windows: [],
    particles: [],
    particleSpan: { fromMs: 0, toMs: 0 },
    events: [],
    summary: null,
    history: null,
    traces: null,
    scrubIndex: null,
    stopped: null,
    faults: {},
  };
}

const initialData: SimulationData = {
  status: 'idle',
  speed: 10,
  runId: 0,
  simTimeMs: 0,
  durationMs: 0,
  totals: ZERO_TOTALS,
  nodes: {},
  windows: [],
  particles: [],
  particleSpan: { fromMs: 0, toMs: 0 },
  events: [],
  nextEventId: 0,
  summary: null,
  history: null,
  traces: null,
  scrubIndex: null,
  problems: NO_PROBLEMS,
  error: null,
  stopped: null,
  faults: {},
  frameSeq: 0,
  lastReplyAt: 0,
};

let port: RecoverablePort | null = null;

function appendBounded<T>(list: T[], more: T[], max: number): T[] {
  if (more.length === 0) return list;
  if (more.length >= max) return more.slice(more.length - max);
  const keep = Math.max(0, list.length + more.length - max);
  return keep === 0 ? list.concat(more) : list.slice(keep).concat(more);
}

function faultFor(nodeId: string, kind: LiveFaultKind, value: LiveFaults[LiveFaultKind]): Fault {
  const base = { atS: 0, node: nodeId, lengthS: UNTIL_CLEARED_S };
  if (kind === 'latency') return { ...base, kind, addMs: (value as { addMs: number }).addMs };
  if (kind === 'errors') return { ...base, kind, rate: (value as { rate: number }).rate };
  return { ...base, kind };
}

export const useSimulationStore = create<SimulationState>()((set, get) => ({
  ...initialData,

  receive(reply, now = Date.now()) {
    const state = get();
    switch (reply.type) {
      case 'frame': {
        const { frame } = reply;
        const newRun = reply.run !== state.runId;
        const prior = newRun ? ({ ...state, ...freshRun(reply.run) } as SimulationState) : state;
        const running = reply.status === 'running';
        let nextEventId = state.nextEventId;
        const logged = frame.events.map((e) => ({ ...e, id: nextEventId++ }));
        set({
          ...(newRun ? freshRun(reply.run) : {}),
          status: reply.status,
          speed: reply.speed,
          simTimeMs: frame.simTimeMs,
          durationMs: frame.durationMs,
          totals: frame.totals,
          nodes: frame.nodes,
          windows: appendBounded(prior.windows, frame.windows, MAX_WINDOWS),
          particles: frame.particles.length > MAX_PARTICLES ? frame.particles.slice(0, MAX_PARTICLES) : frame.particles,
          particleSpan: { fromMs: prior.simTimeMs, toMs: frame.simTimeMs },
          events: appendBounded(prior.events, logged, MAX_EVENTS),
          nextEventId,
          // A live frame makes an earlier look-back stale.
          history: running ? null : prior.history,
          traces: running ? null : prior.traces,
          scrubIndex: running ? null : prior.scrubIndex,
          problems: NO_PROBLEMS,
          error: null,
          stopped: frame.stopped ?? prior.stopped,
          frameSeq: state.frameSeq + 1,
          lastReplyAt: now,
        });
        return {};
      }
      case 'done':
        if (reply.run !== state.runId) return {};
        set({ status: 'done', summary: reply.summary, history: reply.history, traces: reply.traces ?? [], lastReplyAt: now });
        return {};
      case 'history':
        if (reply.run !== state.runId) return {};
        set({ history: reply.windows, traces: reply.traces ?? [], lastReplyAt: now });
        return {};
      case 'updated':
        set({ lastReplyAt: now, problems: NO_PROBLEMS });
        return reply.outcome === 'restarted'
          ? { notice: 'The diagram changed shape (a node or connection was added, removed or retyped), so the run started again from zero.' }
          : {};
      case 'invalid':
        set({ problems: reply.problems, lastReplyAt: now });
        return {};
      case 'error':
        set({ status: 'error', error: reply.message, lastReplyAt: now });
        return {};
    }
  },

  fail(message) {
    set({ status: 'error', error: message });
  },

  bindPort(next) {
    port = next;
  },

  run() {
    const { status, problems } = get();
    if (status === 'running' || status === 'done' || status === 'error' || problems.length > 0) return;
    port?.run();
    // Shown at once; the worker's next frame confirms it. The watchdog counts from here.
    set({ status: 'running', lastReplyAt: Date.now(), history: null, traces: null, scrubIndex: null });
  },

  pause() {
    if (get().status !== 'running') return;
    port?.pause();
    set({ status: 'paused' });
    port?.requestHistory();
  },

  toggleRun() {
    if (get().status === 'running') get().pause();
    else get().run();
  },

  step() {
    const { status, problems } = get();
    if (status === 'done' || status === 'error' || problems.length > 0) return;
    port?.step();
    if (status === 'running') set({ status: 'paused' });
  },

  reset() {
    if (get().status === 'error') {
      set({ ...freshRun(get().runId), status: 'idle', error: null });
      port?.recover();
      return;
    }
    port?.reset();
  },

  setSpeed(speed) {
    set({ speed });
    port?.setSpeed(speed);
  },

  setFault(nodeId, kind, value) {
    const current = get().faults[nodeId] ?? {};
    const next: LiveFaults = { ...current };
    if (value === null) delete next[kind];
    else (next as Record<string, unknown>)[kind] = value;
    // The engine clears a node's faults together; the remaining ones are started again.
    port?.clearFaults(nodeId);
    for (const [k, v] of Object.entries(next) as [LiveFaultKind, LiveFaults[LiveFaultKind]][]) {
      port?.injectFault(faultFor(nodeId, k, v));
    }
    const faults = { ...get().faults };
    if (Object.keys(next).length === 0) delete faults[nodeId];
    else faults[nodeId] = next;
    set({ faults });
  },

  flushCache(nodeId) {
    port?.injectFault({ kind: 'cacheFlush', atS: 0, node: nodeId });
  },

  failover(nodeId) {
    port?.injectFault({ kind: 'failover', atS: 0, node: nodeId });
  },

  scrubTo(index) {
    set({ scrubIndex: index });
  },
}));

/** The windows the scrubber moves over: the whole run when known, the live tail otherwise. */
export function scrubWindows(state: Pick<SimulationData, 'history' | 'windows'>): WindowSample[] {
  return state.history ?? state.windows;
}

/** For tests: back to the state of a freshly opened page. */
export function resetSimulationStore(): void {
  port = null;
  useSimulationStore.setState(initialData);
}
