/**
 * Independent runs (replications, sweep variants) spread over worker threads — one per core
 * (`os.availableParallelism()`), or `workers` — with results in task order. Each run is a
 * pure function of its document, seed and duration, so the results equal a serial run's
 * exactly; `workers: 1` runs them here, one after another (the reference the tests compare
 * against).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { Architecture } from '../model';
import { Simulation, type SimSummary, type WindowSample } from '../sim';

export interface RunTask {
  doc: Architecture;
  seed?: number;
  durationS: number;
  /** Keep the windows (CSV, report); otherwise the run stays lean (summary only). */
  keepWindows: boolean;
}

export interface RunResult {
  summary: SimSummary;
  windows: WindowSample[];
}

/** One run, to the end. `onSlice(done)` after each tenth of the simulated time. */
export function runTask(task: RunTask, onSlice?: (fraction: number) => void): RunResult {
  const sim = new Simulation(task.doc, { ...(task.seed !== undefined ? { seed: task.seed } : {}), durationS: task.durationS, lean: !task.keepWindows });
  const slices = 10;
  for (let i = 1; i <= slices && !sim.done; i++) {
    sim.advance((sim.endMs * i) / slices);
    onSlice?.(i / slices);
  }
  return { summary: sim.summary(), windows: task.keepWindows ? sim.history() : [] };
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** The worker entry beside this module: dist-cli/run-worker.cjs in the bundle. */
function workerFile(): string | undefined {
  const file = fileURLToPath(new URL('./run-worker.cjs', import.meta.url));
  return existsSync(file) ? file : undefined;
}

/**
 * Starts a worker on `file` through vm.Script with V8's code cache (`file`.cache, written by
 * the first worker that finds none), as scripts/cli.cjs starts the main bundle: each thread
 * skips compiling the simulator.
 */
const CACHED_LOADER = `
const { readFileSync, writeFileSync, renameSync } = require('node:fs');
const { Script } = require('node:vm');
const Module = require('node:module');
const { workerData } = require('node:worker_threads');
const file = workerData.file;
const cacheFile = file + '.cache';
let cachedData;
try { cachedData = readFileSync(cacheFile); } catch { cachedData = undefined; }
const script = new Script(Module.wrap(readFileSync(file, 'utf8').replace(/^#!.*/, '')), { filename: file, cachedData });
const module = { exports: {}, filename: file, id: file, loaded: false };
script.runInThisContext()(module.exports, Module.createRequire(file), module, file, require('node:path').dirname(file));
if (cachedData === undefined || script.cachedDataRejected) {
  try { const tmp = cacheFile + '.' + process.pid + '.' + require('node:worker_threads').threadId; writeFileSync(tmp, script.createCachedData()); renameSync(tmp, cacheFile); } catch {}
}
`;

export interface ParallelOptions {
  /** Threads to use (default: one per core); 1 = run here, serially. */
  workers?: number;
  /** Called as runs progress: `done` is finished runs plus the running ones' fractions. */
  onProgress?: (done: number, total: number) => void;
}

/** Runs every task; results in task order, identical to running them one by one. */
export async function runAll(tasks: readonly RunTask[], options: ParallelOptions = {}): Promise<RunResult[]> {
  const size = Math.min(tasks.length, Math.max(1, Math.floor(options.workers ?? defaultWorkers())));
  const file = size > 1 ? workerFile() : undefined;
  const fractions = new Float64Array(tasks.length);
  const report = () =>
    options.onProgress?.(
      fractions.reduce((a, b) => a + b, 0),
      tasks.length,
    );
  if (!file) {
    // serial: one thread (asked for, a single task, or no worker entry — e.g. under tsx)
    return tasks.map((t, i) => {
      const r = runTask(t, (f) => {
        fractions[i] = f;
        report();
      });
      return r;
    });
  }
  const results: RunResult[] = new Array(tasks.length);
  let next = 0;
  const one = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      const start = () => {
        if (next >= tasks.length) return resolve();
        const i = next++;
        worker.postMessage({ i, task: tasks[i] });
      };
      worker.on('message', (m: { i: number; progress?: number; result?: RunResult; error?: string }) => {
        if (m.error !== undefined) return reject(new Error(m.error));
        if (m.progress !== undefined) {
          fractions[m.i] = m.progress;
          report();
          return;
        }
        results[m.i] = m.result as RunResult;
        start();
      });
      worker.on('error', reject);
      start();
    });
  // loaded here, not imported at the top: node:worker_threads pulls in Node's worker and stream
  // internals, start-up cost that a single run (every plain `simulate`) never needs
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const workers = Array.from({ length: size }, () => new Worker(CACHED_LOADER, { eval: true, workerData: { file } }));
  try {
    await Promise.all(workers.map(one));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
