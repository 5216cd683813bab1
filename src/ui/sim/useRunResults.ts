/**
 * The run's goals and findings for the dashboard: findings live from the windows so far
 * (refreshed once a second, like the charts), goals once the run has its summary.
 */
import { useMemo } from 'react';
import { findFindings, type Finding } from '../../analysis/findings';
import { evaluateGoals, type GoalResult } from '../../analysis/goals';
import type { SimSummary, WindowSample } from '../../sim/api';
import { useDocumentStore } from '../../state/documentStore';
import { scrubWindows, type SimulationState } from '../../state/simulationStore';
import { useThrottledSimulation } from './useThrottledSimulation';

export const RESULTS_REFRESH_MS = 1000;

interface RunView {
  status: SimulationState['status'];
  runId: number;
  summary: SimSummary | null;
  windows: WindowSample[];
}

const selectRun = (s: SimulationState): RunView => ({ status: s.status, runId: s.runId, summary: s.summary, windows: scrubWindows(s) });
const changedNow = (s: SimulationState, prev: SimulationState) => s.summary !== prev.summary || s.status !== prev.status || s.runId !== prev.runId || s.history !== prev.history;

export interface RunResults {
  /** Null until the run has finished (goals are measured on the whole run). */
  goals: GoalResult[] | null;
  findings: Finding[];
  live: boolean;
  hasWindows: boolean;
  summary: SimSummary | null;
}

export function useRunResults(): RunResults {
  const run = useThrottledSimulation(selectRun, RESULTS_REFRESH_MS, changedNow);
  const doc = useDocumentStore((s) => s.doc);
  const findings = useMemo(() => (run.summary || run.windows.length > 0 ? findFindings({ doc, summary: run.summary, windows: run.windows }) : []), [doc, run]);
  const goals = useMemo(() => (run.summary ? evaluateGoals(doc, run.summary) : null), [doc, run.summary]);
  return { goals, findings, live: run.summary === null, hasWindows: run.windows.length > 0, summary: run.summary };
}
