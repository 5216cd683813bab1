/**
 * The run's goals and findings for the dashboard: findings live from the windows so far
 * (refreshed once a second, like the charts), goals once the run has its summary.
 *
 * Findings read every window of every node (a few ms on a large diagram), so they are not
 * recomputed when only positions change (dragging), and the tab's badge and the panel share
 * one computation per (document, windows, summary).
 */
import { useEffect, useMemo, useState } from 'react';
import { findFindings, type Finding } from '../../analysis/findings';
import { evaluateGoals, type GoalResult } from '../../analysis/goals';
import type { Architecture } from '../../model';
import type { SimSummary, WindowSample } from '../../sim/api';
import { useDocumentStore } from '../../state/documentStore';
import { scrubWindows, type SimulationState } from '../../state/simulationStore';
import { simulationKey } from './simulationKey';
import { useThrottledSimulation } from './useThrottledSimulation';

export const RESULTS_REFRESH_MS = 1000;

interface RunView {
  status: SimulationState['status'];
  runId: number;
  summary: SimSummary | null;
  windows: WindowSample[];
}

const selectRun = (s: SimulationState): RunView => ({ status: s.status, runId: s.runId, summary: s.summary, windows: scrubWindows(s) });
const changedNow = (s: SimulationState, prev: SimulationState) =>
  s.summary !== prev.summary || s.status !== prev.status || s.runId !== prev.runId || s.history !== prev.history;

/** What findings and goals read from a document: what the simulation reads, labels, goals. */
const resultsKey = (doc: Architecture) => simulationKey(doc) + JSON.stringify([doc.nodes.map((n) => n.label ?? ''), doc.goals ?? null]);

/** The document, updated only when something the results read changes. */
function useResultsDocument(): Architecture {
  const [doc, setDoc] = useState(() => useDocumentStore.getState().doc);
  useEffect(() => {
    let key = resultsKey(useDocumentStore.getState().doc);
    setDoc(useDocumentStore.getState().doc);
    return useDocumentStore.subscribe((s) => {
      const next = resultsKey(s.doc);
      if (next === key) return;
      key = next;
      setDoc(s.doc);
    });
  }, []);
  return doc;
}

let cache: { doc: Architecture; summary: SimSummary | null; windows: WindowSample[]; findings: Finding[] } | null = null;

function findingsFor(doc: Architecture, summary: SimSummary | null, windows: WindowSample[]): Finding[] {
  if (!summary && windows.length === 0) return [];
  if (cache && cache.doc === doc && cache.summary === summary && cache.windows === windows) return cache.findings;
  const findings = findFindings({ doc, summary, windows });
  cache = { doc, summary, windows, findings };
  return findings;
}

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
  const doc = useResultsDocument();
  const findings = useMemo(() => findingsFor(doc, run.summary, run.windows), [doc, run]);
  const goals = useMemo(() => (run.summary ? evaluateGoals(doc, run.summary) : null), [doc, run.summary]);
  return { goals, findings, live: run.summary === null, hasWindows: run.windows.length > 0, summary: run.summary };
}
