/**
 * Batch runs from a panel: a worker pool created on first use and ended with the panel,
 * progress as "done of total", and an error in words when a run fails.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Architecture } from '../../model';
import type { BatchResult } from '../../analysis/batch';
import { createAnalysisPool, type AnalysisPool } from '../../analysis/pool';

export interface RunProgress {
  done: number;
  total: number;
}

export function useAnalysisRuns() {
  const pool = useRef<AnalysisPool | null>(null);
  const generation = useRef(0);
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () => () => {
      generation.current++;
      pool.current?.dispose();
      pool.current = null;
    },
    [],
  );

  /** Resolves with the results, or null when the runs failed or were superseded. */
  const runAll = useCallback(async (docs: readonly Architecture[]): Promise<BatchResult[] | null> => {
    const mine = ++generation.current;
    setError(null);
    setProgress({ done: 0, total: docs.length });
    pool.current ??= createAnalysisPool();
    try {
      const results = await pool.current.runAll(docs, (done, total) => {
        if (generation.current === mine) setProgress({ done, total });
      });
      if (generation.current !== mine) return null;
      setProgress(null);
      return results;
    } catch (e) {
      if (generation.current !== mine) return null;
      setProgress(null);
      setError(`The runs failed: ${e instanceof Error ? e.message : String(e)}`);
      pool.current?.dispose();
      pool.current = null;
      return null;
    }
  }, []);

  return { runAll, progress, running: progress !== null, error };
}
