/**
 * Main-thread side of the analysis workers: a pool of one Web Worker per core
 * (`navigator.hardwareConcurrency`, at most 16) that runs independent documents in parallel
 * and reports progress. Each run depends only on its document and seed, so the results are
 * the same whatever the pool's size.
 */
import { wrap, type Remote } from 'comlink';
import type { Architecture } from '../model';
import type { AnalysisWorkerApi } from './workerApi';
import type { BatchResult } from './batch';

export interface AnalysisPool {
  runAll(docs: readonly Architecture[], onProgress?: (done: number, total: number) => void): Promise<BatchResult[]>;
  dispose(): void;
}

export const MAX_POOL = 16;

export function createAnalysisPool(size = Math.min(MAX_POOL, Math.max(1, navigator.hardwareConcurrency || 1))): AnalysisPool {
  // started on demand: never more workers than documents in a batch
  const workers: Worker[] = [];
  const remotes: Remote<AnalysisWorkerApi>[] = [];
  const grow = (count: number) => {
    while (workers.length < Math.min(size, count)) {
      const w = new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), { type: 'module' });
      workers.push(w);
      remotes.push(wrap<AnalysisWorkerApi>(w));
    }
  };
  return {
    async runAll(docs, onProgress) {
      const results: BatchResult[] = new Array(docs.length);
      let next = 0;
      let done = 0;
      onProgress?.(0, docs.length);
      grow(docs.length);
      await Promise.all(
        remotes.slice(0, Math.min(remotes.length, Math.max(1, docs.length))).map(async (remote) => {
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
