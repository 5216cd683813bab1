/**
 * worker_threads entry (dist-cli/run-worker.cjs) of `runAll` in parallel.ts: runs the tasks it
 * is sent, one at a time, and posts back progress and each result (structured clone).
 */
import { parentPort } from 'node:worker_threads';
import { runTask, type RunTask } from './parallel';

const port = parentPort;
if (!port) throw new Error('run-worker: not started as a worker thread');
port.on('message', ({ i, task }: { i: number; task: RunTask }) => {
  try {
    const result = runTask(task, (progress) => {
      if (progress < 1) port.postMessage({ i, progress });
    });
    port.postMessage({ i, result });
  } catch (e) {
    port.postMessage({ i, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
