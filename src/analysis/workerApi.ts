/**
 * What the analysis worker offers, as a type both sides import: the pool (main thread)
 * and the worker entry (worker/analysis.worker.ts) never import each other.
 */
import type { Architecture } from '../model';
import type { BatchResult } from './batch';

export interface AnalysisWorkerApi {
  /** Run one document to its end (optionally on another seed). */
  run(doc: Architecture, seed?: number): BatchResult;
}
