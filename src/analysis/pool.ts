/**
 * Main-thread side of the analysis workers: a small pool (one worker per core, at most 2
 * here) that runs independent documents in parallel and reports progress.
 */
import { wrap, type Remote } from 'comlink';
import type { Architecture } from '../model';
import type { AnalysisWorkerApi } from './workerApi';
import type { BatchResult } from './batch';

export interface AnalysisPool {
  runAll(docs: readonly Architecture[], onProgress?: (done: number, total: number) => void): Promise<BatchResult[]>;
  dispose(): void;
}

export function createAnalysisPool(size = Math.min(2, Math.max(1, navigator.hardwareConcurrency || 1))): AnalysisPool {
  const workers = Array.from({ length: size }, () => new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), { type: 'module' }));
  const remotes: Remote<AnalysisWorkerApi>[] = workers.map((w) => wrap<AnalysisWorkerApi>(w));
  return {
    async runAll(docs, onProgress) {
      const results: BatchResult[] = new Array(docs.length);
      let next = 0;
      let done = 0;
      onProgress?.(0, docs.length);
      await Promise.all(
        remotes.map(async (remote) => {
          while (next < docs.length) {
            const i = next++;
            results[i] = await remote.run(docs[i]);
            done++;
            onProgress?.(done, docs.length);
          }
        }),
      );
      return results;
    },
    dispose() {
      for (const w of workers) w.terminate();
    },
  };
}
