/**
 * Power tuning for the selected Lambda: the same traffic and seed at several memory sizes,
 * each run in a background worker; average duration and cost per invocation by memory,
 * the cheapest, fastest and balanced sizes marked, and the chosen one applied in one click.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import type { Architecture } from '../../model';
import { chooseMemory, DEFAULT_POWER_VALUES, parsePowerValues, pointFromSummary, withMemory, type TuningPoint } from '../../analysis/powerTuning';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { Dialog } from '../lessons/Dialog';
import { highlightField } from '../lessons/lessonActions';
import { formatMs } from '../sim/format';
import { formatMicroUsd } from './powerTuningFormat';
import { ProgressBar } from './ProgressBar';
import { useAnalysisRuns } from './useAnalysisRuns';
import './analysis.css';

const PowerTuningChart = lazy(() => import('./PowerTuningChart'));

interface Sweep {
  functionId: string;
  points: TuningPoint[];
}

export function PowerTuningPanel({ open, onClose, functionId }: { open: boolean; onClose(): void; functionId: string | null }) {
  const label = useDocumentStore((s) => s.doc.nodes.find((n) => n.id === functionId)?.label);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Power tuning${label ? ` — ${label}` : ''}`}
      subtitle="The same traffic and seed at each memory size: how long it takes and what it costs."
      className="tuning-dialog"
    >
      {functionId && <TuningBody functionId={functionId} onClose={onClose} />}
    </Dialog>
  );
}

function TuningBody({ functionId, onClose }: { functionId: string; onClose(): void }) {
  const doc = useDocumentStore((s) => s.doc);
  const currentMb = (doc.nodes.find((n) => n.id === functionId)?.config as { memoryMb?: number } | undefined)?.memoryMb;
  const [text, setText] = useState(DEFAULT_POWER_VALUES.join(', '));
  const [weight, setWeight] = useState(0.5);
  const [sweep, setSweep] = useState<Sweep | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const { runAll, progress, running, error } = useAnalysisRuns();
  const parsed = parsePowerValues(text);
  const usable = useMemo(() => sweep?.points.filter((p) => p.invocations > 0) ?? [], [sweep]);
  const choice = useMemo(() => (usable.length > 0 ? chooseMemory(usable, weight) : null), [usable, weight]);
  const chosen = picked ?? choice?.balanced.memoryMb ?? null;

  const run = async () => {
    if (!parsed.ok) return;
    const values = parsed.values;
    let docs: Architecture[];
    try {
      docs = values.map((mb) => withMemory(doc, functionId, mb));
    } catch (e) {
      useEditorStore.getState().showNotice({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
      return;
    }
    const results = await runAll(docs);
    if (!results) return;
    setPicked(null);
    setSweep({ functionId, points: results.map((r, i) => pointFromSummary(r.summary, functionId, values[i])) });
  };

  const apply = () => {
    if (chosen === null) return;
    const result = useDocumentStore.getState().updateNodeConfig(functionId, ['memoryMb'], chosen);
    const editor = useEditorStore.getState();
    if (!result.ok) {
      editor.showNotice({ kind: 'error', text: `Memory could not be set to ${chosen} MB.`, details: result.reason.split('\n') });
      return;
    }
    editor.showNotice({ kind: 'info', text: `Memory set to ${chosen.toLocaleString('en-US')} MB. Undo (Ctrl+Z) takes it back.` });
    onClose();
    highlightField(functionId, ['memoryMb']);
  };

  const tag = (mb: number) =>
    choice
      ? [choice.fastest.memoryMb === mb && 'fastest', choice.cheapest.memoryMb === mb && 'cheapest', choice.balanced.memoryMb === mb && 'balanced'].filter(Boolean).join(', ')
      : '';

  return (
    <div className="tuning">
      <div className="tuning__controls">
        <div className="tuning__field">
          <label htmlFor="tuning-values">Memory sizes (MB)</label>
          <input
            id="tuning-values"
            type="text"
            name="powerValues"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={parsed.ok ? undefined : 'true'}
            aria-describedby="tuning-values-hint"
          />
          {parsed.ok ? (
            <p id="tuning-values-hint" className="analysis-hint">
              {parsed.values.length} sizes, 128–10,240 MB; now {currentMb?.toLocaleString('en-US') ?? '—'} MB.
            </p>
          ) : (
            <p id="tuning-values-hint" role="alert" className="analysis-error">
              {parsed.error}
            </p>
          )}
        </div>
        <div className="tuning__field tuning__weight">
          <label htmlFor="tuning-weight">
            Balanced: speed <span aria-hidden="true">←</span> {weight.toFixed(2)} <span aria-hidden="true">→</span> cost
          </label>
          <input
            id="tuning-weight"
            type="range"
            name="balancedWeight"
            min={0}
            max={1}
            step={0.05}
            value={weight}
            onChange={(e) => {
              setWeight(Number(e.target.value));
              setPicked(null);
            }}
          />
          <p className="analysis-hint">0 favours speed only, 1 cost only.</p>
        </div>
        <div className="tuning__run">
          <button type="button" className="button button--primary" data-testid="power-tuning-run" onClick={run} disabled={running || !parsed.ok}>
            {running ? 'Running…' : sweep ? 'Run the sweep again' : 'Run the sweep'}
          </button>
        </div>
      </div>
      {progress && <ProgressBar progress={progress} label="Power tuning runs" />}
      {error && (
        <p role="alert" className="analysis-error">
          {error}
        </p>
      )}
      {sweep && choice ? (
        <>
          <Suspense fallback={<div className="tuning-chart tuning-chart--loading">Loading the chart…</div>}>
            <PowerTuningChart points={usable} choice={choice} />
          </Suspense>
          <table className="tuning-table" data-testid="power-tuning-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Choose</span>
                </th>
                <th scope="col">Memory</th>
                <th scope="col">Avg duration</th>
                <th scope="col">Cost / 1M invocations</th>
                <th scope="col">Errors</th>
                <th scope="col">Pick</th>
              </tr>
            </thead>
            <tbody>
              {sweep.points.map((p) => (
                <tr key={p.memoryMb} data-memory={p.memoryMb} data-tags={tag(p.memoryMb) || undefined} aria-selected={chosen === p.memoryMb}>
                  <td>
                    <input
                      type="radio"
                      name="tuning-choice"
                      aria-label={`${p.memoryMb} MB`}
                      checked={chosen === p.memoryMb}
                      disabled={p.invocations === 0}
                      onChange={() => setPicked(p.memoryMb)}
                    />
                  </td>
                  <td>{p.memoryMb.toLocaleString('en-US')} MB</td>
                  <td>{p.invocations > 0 ? formatMs(p.avgDurationMs) : '—'}</td>
                  <td>{p.invocations > 0 ? formatMicroUsd(p.costPerInvocationUsd) : '—'}</td>
                  <td>{p.errors.toLocaleString('en-US')}</td>
                  <td>
                    {tag(p.memoryMb)
                      .split(', ')
                      .filter(Boolean)
                      .map((t) => (
                        <span key={t} className={`tuning-tag tuning-tag--${t}`}>
                          {t}
                        </span>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="tuning__apply">
            <button type="button" className="button button--primary" data-testid="power-tuning-apply" onClick={apply} disabled={chosen === null || chosen === currentMb}>
              Apply {chosen?.toLocaleString('en-US')} MB
            </button>
            <span className="analysis-hint">
              {chosen === currentMb ? 'Already the function’s memory.' : 'Sets the function’s memory (one Undo step).'} Cost per invocation is the function’s whole bill for the run — requests, duration, billed INIT, any provisioned concurrency — over its invocations.
            </span>
          </div>
        </>
      ) : (
        !running && <div className="analysis-placeholder"><p>Choose the sizes, then run the sweep.</p></div>
      )}
    </div>
  );
}
