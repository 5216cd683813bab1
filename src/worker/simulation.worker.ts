/// <reference lib="webworker" />
/**
 * The simulation's worker entry: a thin switch from messages to the run loop (host.ts).
 * The simulation never runs on the page's main thread.
 */
import { validateDocument } from '../model';
import { Simulation } from '../sim';
import { SimulationHost } from './host';
import { fromWorker, parseCommand } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const host = new SimulationHost({
  createSimulation: (doc, options) => new Simulation(doc, options),
  validate: validateDocument,
  post: (reply) => scope.postMessage(reply),
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

scope.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = parseCommand(event.data);
  if (!parsed.ok) {
    scope.postMessage(fromWorker({ type: 'error', message: `The page and the simulation disagree: ${parsed.reason}. Reload the page.` }));
    return;
  }
  host.handle(parsed.command);
};
