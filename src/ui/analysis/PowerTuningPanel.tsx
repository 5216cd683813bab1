/**
 * Power tuning for the selected Lambda: the same traffic and seed at several memory sizes
 * (and always the current one, the yardstick), each run in a background worker; per size
 * average duration, success share, throttles, timeouts, errors and cost per successful
 * call; the cheapest, fastest and balanced sizes marked among the eligible ones (a size
 * that throttles, times out or fails beyond the current size says why it is not), and the
 * chosen one applied in one click.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import type { Architecture } from '../../model';
import {
  chooseMemory,
  DEFAULT_POWER_VALUES,
  ineligibility,
  parsePowerValues,
  picksOf,
  pointFromSummary,
  withMemory,
  type TuningPoint,
} from '../../analysis/powerTuning';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { Dialog } from '../lessons/Dialog';
import { highlightField } from '../lessons/lessonActions';
import { formatCount, formatMs } from '../sim/format';
import { formatMicroUsd } from './powerTuningFormat';
import { ProgressBar } from './ProgressBar';
import { useAnalysisRuns } from './useAnalysisRuns';
import './analysis.css';

const PowerTuningChart = lazy(() => import('./PowerTuningChart'));

interface Sweep {
  functionId: string;
  points: TuningPoint[];
  /** The function's memory when the sweep ran: the yardstick for eligibility. */
  currentMb: number | null;
}

function shareText(ratio: number): string {
  const pct = ratio * 100;
  return `${pct.toFixed(pct >= 99.95 || pct <= 0.05 ? 0 : pct >= 99 ? 2 : 1)}%`;
}

export function PowerTuningPanel({ open, onClose, functionId }: { open: boolean; onClose(): void; functionId: string | null }) {
  const label = useDocumentStore((s) => s.doc.nodes.find((n) => n.id === functionId)?.label);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Power tuning${label ? ` — ${label}` : ''}`}
      subtitle="The same traffic and seed at each memory size: how long it takes, whether it succeeds, and what a success costs."
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
  const current = useMemo(() => sweep?.points.find((p) => p.memoryMb === sweep.currentMb) ?? null, [sweep]);
  const reasons = useMemo(() => new Map(sweep?.points.map((p) => [p.memoryMb, ineligibility(p, current)]) ?? []), [sweep, current]);
  const usable = useMemo(() => sweep?.points.filter((p) => p.invocations > 0) ?? [], [sweep]);
  const eligible = useMemo(() => sweep?.points.filter((p) => reasons.get(p.memoryMb)?.length === 0) ?? [], [sweep, reasons]);
  const choice = useMemo(() => (eligible.length > 0 ? chooseMemory(eligible, weight, current?.memoryMb) : null), [eligible, weight, current]);
  const chosen = picked ?? choice?.balanced.memoryMb ?? null;

  const run = async () => {
    if (!parsed.ok) return;
    // the current size always runs too: it is what the others are held to
    const now = typeof currentMb === 'number' ? currentMb : null;
    const values = now === null || parsed.values.includes(now) ? parsed.values : [...parsed.values, now].sort((a, b) => a - b);
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
    setSweep({ functionId, currentMb: now, points: results.map((r, i) => pointFromSummary(r.summary, functionId, values[i])) });
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

  const tags = (mb: number) => picksOf(choice, mb);

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
              {parsed.values.length} sizes, 128–10,240 MB; now {currentMb?.toLocaleString('en-US') ?? '—'} MB (always run, as the yardstick).
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
      {sweep ? (
        <>
          {!choice && (
            <p role="alert" className="analysis-error">
              No size is eligible: none succeeded at all. Look at the function’s timeout, concurrency and errors first.
            </p>
          )}
          {choice && (
            <Suspense fallback={<div className="tuning-chart tuning-chart--loading">Loading the chart…</div>}>
              <PowerTuningChart points={usable.filter((p) => Number.isFinite(p.costPerSuccessUsd))} choice={choice} />
            </Suspense>
          )}
          <table className="tuning-table" data-testid="power-tuning-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Choose</span>
                </th>
                <th scope="col">Memory</th>
                <th scope="col">Avg duration</th>
                <th scope="col" title="Calls that succeeded ÷ calls the function finished">
                  Success
                </th>
                <th scope="col">Throttles</th>
                <th scope="col">Timeouts</th>
                <th scope="col">Errors</th>
                <th scope="col" title="The function’s whole bill for the run over its successful calls">
                  Cost / 1M successful
                </th>
                <th scope="col">Pick</th>
              </tr>
            </thead>
            <tbody>
              {sweep.points.map((p) => {
                const picks = tags(p.memoryMb);
                const why = reasons.get(p.memoryMb) ?? [];
                const isCurrent = p.memoryMb === sweep.currentMb;
                return (
                  <tr
                    key={p.memoryMb}
                    data-testid="power-tuning-row"
                    data-memory-mb={p.memoryMb}
                    data-pick={picks.join(' ')}
                    data-eligible={why.length === 0}
                    aria-selected={chosen === p.memoryMb}
                  >
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
                    <td className="tuning-table__memory">{p.memoryMb.toLocaleString('en-US')} MB</td>
                    <td>{p.invocations > 0 ? formatMs(p.avgDurationMs) : '—'}</td>
                    <td data-tone={p.completed > 0 && p.successShare < (current?.successShare ?? 1) ? 'bad' : undefined}>
                      {p.completed > 0 ? shareText(p.successShare) : '—'}
                    </td>
                    <td data-tone={p.throttles > 0 ? 'warn' : undefined}>{formatCount(p.throttles)}</td>
                    <td data-tone={p.timeouts > 0 ? 'bad' : undefined}>{formatCount(p.timeouts)}</td>
                    <td data-tone={p.errors > 0 ? 'bad' : undefined}>{formatCount(p.errors)}</td>
                    <td>{Number.isFinite(p.costPerSuccessUsd) ? formatMicroUsd(p.costPerSuccessUsd) : '—'}</td>
                    <td className="tuning-table__pick">
                      {picks.map((t) => (
                        <span key={t} className={`tuning-tag tuning-tag--${t}`}>
                          {t}
                        </span>
                      ))}
                      {isCurrent && <span className="tuning-tag tuning-tag--now">now</span>}
                      {why.length > 0 && <span className="tuning-why">not eligible — {why.join('; ')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="tuning__apply">
            <button
              type="button"
              className="button button--primary"
              data-testid="power-tuning-apply"
              onClick={apply}
              disabled={chosen === null || chosen === currentMb}
            >
              Apply {chosen?.toLocaleString('en-US')} MB
            </button>
            <span className="analysis-hint">
              {chosen === currentMb ? 'Already the function’s memory.' : 'Sets the function’s memory (one Undo step).'} Cost per successful call is the
              function’s whole bill for the run — requests, duration, billed INIT, any provisioned concurrency — over the calls that succeeded. A size that
              throttles, times out or fails more than the current size is never picked.
            </span>
          </div>
        </>
      ) : (
        !running && (
          <div className="analysis-placeholder">
            <p>Choose the sizes, then run the sweep.</p>
          </div>
        )
      )}
    </div>
  );
}
