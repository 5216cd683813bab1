/**
 * The page's side of the simulation worker: starts it, sends typed commands and hands
 * replies to one listener. It knows nothing of React or stores (state/ wires it up).
 */
import type { Architecture, Fault } from '../model';
import { parseReply, toWorker, type Command, type FromWorker, type Speed } from './protocol';

export interface SimulationClientEvents {
  onReply(reply: FromWorker): void;
  /** The worker threw outside a run, failed to load, or sent something unreadable. */
  onCrash(message: string): void;
}

/** The commands the page can give; what the store calls. */
export interface SimulationPort {
  load(doc: Architecture): void;
  run(): void;
  pause(): void;
  step(): void;
  reset(): void;
  setSpeed(speed: Speed): void;
  update(doc: Architecture): void;
  injectFault(fault: Fault): void;
  clearFaults(nodeId: string): void;
  requestHistory(): void;
  dispose(): void;
}

export type WorkerFactory = () => Worker;

const defaultFactory: WorkerFactory = () => new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module', name: 'simulation' });

export class SimulationClient implements SimulationPort {
  private worker: Worker | null;

  constructor(
    private readonly events: SimulationClientEvents,
    factory: WorkerFactory = defaultFactory,
  ) {
    this.worker = factory();
    this.worker.onmessage = (event: MessageEvent<unknown>) => {
      const parsed = parseReply(event.data);
      if (parsed.ok) this.events.onReply(parsed.reply);
      else this.events.onCrash(`The simulation sent a message this page cannot read (${parsed.reason}).`);
    };
    this.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.events.onCrash(`The simulation crashed: ${event.message || 'the worker could not start'}.`);
    };
    this.worker.onmessageerror = () => this.events.onCrash('The simulation sent a message that could not be read.');
  }

  load(doc: Architecture): void {
    this.send({ type: 'load', doc });
  }
  run(): void {
    this.send({ type: 'run' });
  }
  pause(): void {
    this.send({ type: 'pause' });
  }
  step(): void {
    this.send({ type: 'step' });
  }
  reset(): void {
    this.send({ type: 'reset' });
  }
  setSpeed(speed: Speed): void {
    this.send({ type: 'setSpeed', speed });
  }
  update(doc: Architecture): void {
    this.send({ type: 'update', doc });
  }
  injectFault(fault: Fault): void {
    this.send({ type: 'injectFault', fault });
  }
  clearFaults(nodeId: string): void {
    this.send({ type: 'clearFaults', nodeId });
  }
  requestHistory(): void {
    this.send({ type: 'history' });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private send(command: Command): void {
    this.worker?.postMessage(toWorker(command));
  }
}
