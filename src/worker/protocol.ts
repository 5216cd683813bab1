/**
 * The messages between the page and the simulation worker. Versioned so that a stale worker
 * (an old tab's cached chunk) is refused with a clear message instead of misbehaving.
 *
 * The page sends commands; the worker answers with frames (at most ~20 a second, bounded in
 * size whatever the traffic) and with a few one-off replies. Everything here is plain
 * structured-clone data.
 */
import type { Architecture, Fault } from '../model';
import type { RequestTrace, SimFrame, SimSummary, WindowSample } from '../sim/api';

export const PROTOCOL_VERSION = 1;

/** Wall time between frames while running: at most ~20 frames a second. */
export const FRAME_INTERVAL_MS = 50;

/** Simulated seconds per wall second; 'max' runs as fast as the worker can. */
export type Speed = 1 | 10 | 100 | 'max';
export const SPEEDS: readonly Speed[] = [1, 10, 100, 'max'];

/** What the worker is doing. 'idle': loaded, clock at zero. */
export type RunStatus = 'idle' | 'running' | 'paused' | 'done';

export type Command =
  /** Start a new run of this document (any run in progress is dropped). */
  | { type: 'load'; doc: Architecture }
  | { type: 'run' }
  | { type: 'pause' }
  /** Advance one simulated second, then pause. */
  | { type: 'step' }
  /** Back to the clock at zero with the current document. */
  | { type: 'reset' }
  | { type: 'setSpeed'; speed: Speed }
  /** The document changed; applied mid-run where meaningful, otherwise the run restarts. */
  | { type: 'update'; doc: Architecture }
  | { type: 'injectFault'; fault: Fault }
  | { type: 'clearFaults'; nodeId: string }
  /** Ask for every window so far (the scrubber). */
  | { type: 'history' };

export type ToWorker = Command & { v: typeof PROTOCOL_VERSION };

export type Reply =
  /** `run` numbers each fresh Simulation: a new number means the clock went back to zero. */
  | { type: 'frame'; run: number; status: RunStatus; speed: Speed; frame: SimFrame }
  /**
   * After 'update': 'applied' to the running simulation from this moment; 'reloaded' quietly
   * (no run in progress, or the run had ended); 'restarted' because the graph's shape changed
   * mid-run (the page tells the person).
   */
  | { type: 'updated'; outcome: 'applied' | 'reloaded' | 'restarted' }
  /** The document cannot be simulated as it stands; the previous run (if any) carries on. */
  | { type: 'invalid'; problems: string[] }
  /** Every window so far, and the request traces kept so far (sim.traces()). */
  | { type: 'history'; run: number; windows: WindowSample[]; traces: RequestTrace[] }
  /** Sent once when the run reaches its end, after the last frame. */
  | { type: 'done'; run: number; summary: SimSummary; history: WindowSample[]; traces: RequestTrace[] }
  /** The simulation failed; the worker stays alive but the run is over until a load or reset. */
  | { type: 'error'; message: string };

export type FromWorker = Reply & { v: typeof PROTOCOL_VERSION };

const COMMAND_TYPES: ReadonlySet<string> = new Set(['load', 'run', 'pause', 'step', 'reset', 'setSpeed', 'update', 'injectFault', 'clearFaults', 'history']);
const REPLY_TYPES: ReadonlySet<string> = new Set(['frame', 'updated', 'invalid', 'history', 'done', 'error']);

export function toWorker(command: Command): ToWorker {
  return { ...command, v: PROTOCOL_VERSION };
}

export function fromWorker(reply: Reply): FromWorker {
  return { ...reply, v: PROTOCOL_VERSION };
}

export function isSpeed(value: unknown): value is Speed {
  return SPEEDS.includes(value as Speed);
}

/** Shape check at the boundary: the version, a known type and the fields each type needs. */
export function parseCommand(data: unknown): { ok: true; command: ToWorker } | { ok: false; reason: string } {
  const reason = checkEnvelope(data, COMMAND_TYPES);
  if (reason) return { ok: false, reason };
  const msg = data as ToWorker;
  switch (msg.type) {
    case 'load':
    case 'update':
      if (!isObject(msg.doc) || !Array.isArray(msg.doc.nodes)) return { ok: false, reason: `${msg.type}: missing document` };
      break;
    case 'setSpeed':
      if (!isSpeed(msg.speed)) return { ok: false, reason: `setSpeed: ${String(msg.speed)} is not one of 1, 10, 100, max` };
      break;
    case 'injectFault':
      if (!isObject(msg.fault) || typeof msg.fault.node !== 'string') return { ok: false, reason: 'injectFault: missing fault' };
      break;
    case 'clearFaults':
      if (typeof msg.nodeId !== 'string') return { ok: false, reason: 'clearFaults: missing nodeId' };
      break;
  }
  return { ok: true, command: msg };
}

export function parseReply(data: unknown): { ok: true; reply: FromWorker } | { ok: false; reason: string } {
  const reason = checkEnvelope(data, REPLY_TYPES);
  return reason ? { ok: false, reason } : { ok: true, reply: data as FromWorker };
}

function checkEnvelope(data: unknown, types: ReadonlySet<string>): string | null {
  if (!isObject(data)) return 'not a message object';
  if (data.v !== PROTOCOL_VERSION) return `protocol version ${String(data.v)}; this page speaks version ${PROTOCOL_VERSION}`;
  if (typeof data.type !== 'string' || !types.has(data.type)) return `unknown message type ${String(data.type)}`;
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
