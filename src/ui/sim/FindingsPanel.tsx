/**
 * What the run means: the document's goals with their verdicts, the findings (each a button
 * that selects its node and moves the scrubber to its moment), and the run's downloads.
 */
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import type { Finding } from '../../analysis/findings';
import { formatMetric, goalLabel, labeller } from '../../analysis/goals';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { scrubWindows, useSimulationStore } from '../../state/simulationStore';
import { downloadRunCsv, downloadRunReport } from './runExport';
import { useRunResults } from './useRunResults';
import './results.css';

/** Select the finding's node; when the run can be looked back at, move there. */
function showFinding(f: Finding): void {
  if (f.node && useDocumentStore.getState().doc.nodes.some((n) => n.id === f.node)) useEditorStore.getState().select({ nodes: [f.node], edges: [] });
  const sim = useSimulationStore.getState();
  if (f.atS === undefined || (sim.status !== 'paused' && sim.status !== 'done')) return;
  const windows = scrubWindows(sim);
  const i = windows.findIndex((w) => w.tS >= f.atS!);
  if (i >= 0) sim.scrubTo(i);
}

const SEVERITY_WORDS: Record<Finding['severity'], string> = { problem: 'Problem', warning: 'Worth a look', info: 'Note' };

/** How many problems and failed goals the run has, on the Findings tab (its own re-renders). */
export function FindingsBadge() {
  const { findings, goals } = useRunResults();
  const attention = findings.filter((f) => f.severity === 'problem').length + (goals?.filter((g) => !g.pass).length ?? 0);
  if (attention === 0) return null;
  return (
    <span className="sim-tab-count" aria-label={`${attention} need attention`}>
      {attention}
    </span>
  );
}

export function FindingsPanel() {
  const results = useRunResults();
  const doc = useDocumentStore((s) => s.doc);
  const flow = useReactFlow();
  const [busy, setBusy] = useState(false);
  const label = labeller(doc);
  const { goals, findings, live } = results;
  const docGoals = doc.goals ?? [];
  const failed = goals?.filter((g) => !g.pass).length ?? 0;

  const report = async () => {
    setBusy(true);
    try {
      await downloadRunReport(flow);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sim-results">
      <section className="sim-results-goals" data-testid="goals" aria-label="Goals">
        <header className="sim-results-head">
          <h4>Goals</h4>
          <span className="sim-results-note">
            {docGoals.length === 0
              ? 'none set'
              : goals
                ? failed
                  ? `${failed} of ${goals.length} failed`
                  : `all ${goals.length} passed`
                : 'measured when the run finishes'}
          </span>
        </header>
        {docGoals.length === 0 ? (
          <p className="sim-results-empty">
            Add goals in the document settings (click an empty spot of the canvas): “p99 latency ≤ 200 ms”, “throttled = 0”. Each run checks them.
          </p>
        ) : (
          <ul className="sim-goal-list">
            {docGoals.map((goal, i) => {
              const result = goals?.[i];
              const status = result ? (result.pass ? 'pass' : 'fail') : 'pending';
              return (
                <li key={i} className="sim-goal" data-testid="goal" data-status={status}>
                  <span className="sim-goal-mark" aria-hidden="true">
                    {status === 'pass' ? '✓' : status === 'fail' ? '✗' : '…'}
                  </span>
                  <span className="sim-goal-label">{goalLabel(goal, label)}</span>
                  <span className="sim-goal-measured">
                    {result ? (
                      <>
                        {result.pass ? 'passed' : 'failed'}: {formatMetric(goal.metric, result.measured)}
                      </>
                    ) : (
                      'pending'
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="sim-results-findings" data-testid="findings" aria-label="Findings">
        <header className="sim-results-head">
          <h4>Findings</h4>
          <span className="sim-results-note">{findings.length === 0 ? '' : live ? 'so far (live)' : 'whole run'}</span>
          <span className="sim-results-actions">
            <button
              type="button"
              className="sim-btn sim-btn-small"
              data-testid="export-csv"
              disabled={!results.hasWindows}
              title="The run's windows (system, each node, cost by service) as CSV"
              onClick={downloadRunCsv}
            >
              Export CSV
            </button>
            <button
              type="button"
              className="sim-btn sim-btn-small"
              data-testid="export-report"
              disabled={!results.summary || busy}
              title={results.summary ? 'A one-page report: diagram, settings, goals, findings, summary (HTML)' : 'Available when a run has finished'}
              onClick={report}
            >
              {busy ? 'Preparing…' : 'Report'}
            </button>
          </span>
        </header>
        {findings.length === 0 ? (
          <p className="sim-results-empty">Run the simulation: findings appear here as it goes.</p>
        ) : (
          <ul className="sim-finding-list">
            {findings.map((f, i) => (
              <li key={`${f.kind}-${f.node ?? ''}-${i}`}>
                <button
                  type="button"
                  className="sim-finding"
                  data-testid="finding"
                  data-kind={f.kind}
                  data-severity={f.severity}
                  data-node={f.node}
                  onClick={() => showFinding(f)}
                  title={f.node ? 'Select it on the canvas and look at the moment' : undefined}
                >
                  <span className="sim-finding-kind">{SEVERITY_WORDS[f.severity]}</span>
                  <span className="sim-finding-title">{f.title}</span>
                  <span className="sim-finding-detail">{f.detail}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
