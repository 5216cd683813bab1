/**
 * Batch runs for what-if comparison and power tuning: each call runs one document to the
 * end and returns its summary and a down-sampled history. Several of these workers may run
 * side by side (one per core).
 */
import { expose } from 'comlink';
import type { Architecture } from '../model';
import { runToCompletion, type BatchResult } from '../analysis/batch';
import type { AnalysisWorkerApi } from '../analysis/workerApi';

const api: AnalysisWorkerApi = {
  run(doc: Architecture, seed?: number): BatchResult {
    return runToCompletion(doc, seed);
  },
};

expose(api);
