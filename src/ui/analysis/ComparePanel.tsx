/**
 * What-if comparison: the current diagram against a copy with a few settings changed (or
 * the diagram before and after the last lesson change), both run to the end on the same
 * seed off the main thread; a table of differences, overlaid charts, and one click to keep
 * the variant.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import type { Architecture } from '../../model';
import type { BatchResult } from '../../analysis/batch';
import { compareSummaries } from '../../analysis/compare';
import { knobKey, setKnob, variantKnobs } from '../../analysis/knobs';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { Dialog } from '../lessons/Dialog';
import { useLessonStore } from '../../state/lessonStore';
import { CompareTable } from './CompareTable';
import { ProgressBar } from './ProgressBar';
import { useAnalysisRuns } from './useAnalysisRuns';
import { VariantEditor } from './VariantEditor';
import './analysis.css';

const CompareCharts = lazy(() => import('./CompareCharts'));

type Mode = 'edit' | 'lesson';

interface Result {
  base: BatchResult;
  variant: BatchResult;
  variantDoc: Architecture;
  key: string;
}

/** Apply the typed values to a copy of the base; errors by knob. */
function buildVariant(base: Architecture, edits: Record<string, string>) {
  const errors: Record<string, string> = {};
  let doc = base;
  for (const knob of variantKnobs(base)) {
    const key = knobKey(knob);
    const text = edits[key];
    if (text === undefined) continue;
    const trimmed = text.trim();
    const value = trimmed === '' ? (knob.nullable ? null : NaN) : Number(trimmed);
    if (value !== null && (!Number.isFinite(value) || value < knob.min || value > knob.max)) {
      errors[key] =
        `${knob.nodeLabel} ${knob.label}: enter a number from ${knob.min.toLocaleString('en-US')} to ${knob.max.toLocaleString('en-US')}${knob.nullLabel ? `, or leave it empty for ${knob.nullLabel}` : ''}`;
      continue;
    }
    const next = setKnob(doc, knob, value);
    if (next.ok) doc = next.doc;
    else errors[key] = `${knob.nodeLabel} ${knob.label}: ${next.error}`;
  }
  return { doc, errors };
}

export function ComparePanel({ open, onClose, initialMode = 'edit' }: { open: boolean; onClose(): void; initialMode?: Mode }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="What-if comparison"
      subtitle="Two variants, the same seed and traffic, run to the end side by side."
      className="compare-dialog"
    >
      <CompareBody onClose={onClose} initialMode={initialMode} />
    </Dialog>
  );
}

function CompareBody({ onClose, initialMode }: { onClose(): void; initialMode: Mode }) {
  const current = useDocumentStore((s) => s.doc);
  const lastChange = useLessonStore((s) => s.lastChange);
  const [mode, setMode] = useState<Mode>(initialMode);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Result | null>(null);
  const { runAll, progress, running, error } = useAnalysisRuns();

  const lessonMode = mode === 'lesson' && lastChange !== null;
  const base = lessonMode ? lastChange.before : current;
  const knobs = useMemo(() => variantKnobs(current), [current]);
  const built = useMemo(() => (lessonMode ? { doc: lastChange.after, errors: {} } : buildVariant(current, edits)), [lessonMode, lastChange, current, edits]);
  const errorList = Object.values(built.errors);
  const key = JSON.stringify([base, built.doc]);
  const stale = result !== null && result.key !== key;
  const rows = useMemo(() => (result ? compareSummaries(result.base.summary, result.variant.summary) : null), [result]);

  const run = async () => {
    const variantDoc = built.doc;
    const results = await runAll([base, variantDoc]);
    if (results) setResult({ base: results[0], variant: results[1], variantDoc, key });
  };

  // Opened from a lesson's "compare before and after": the question is already asked.
  const autoRan = useRef(false);
  useEffect(() => {
    if (autoRan.current || initialMode !== 'lesson' || !lastChange) return;
    autoRan.current = true;
    void run();
  });

  const useVariant = () => {
    if (!result) return;
    const outcome = useDocumentStore.getState().replaceDocument(result.variantDoc, 'Use the what-if variant');
    const editor = useEditorStore.getState();
    if (!outcome.ok) {
      editor.showNotice({ kind: 'error', text: 'The variant could not be used.', details: outcome.reason.split('\n') });
      return;
    }
    editor.showNotice({ kind: 'info', text: 'The variant is now your diagram. Undo (Ctrl+Z) brings the previous one back.' });
    onClose();
  };

  const seed = base.settings.seed;
  return (
    <div className="compare">
      <section className="compare__variant" aria-label="Variant">
        <div className="segmented" role="radiogroup" aria-label="What to compare">
          <label>
            <input type="radio" name="compare-mode" checked={!lessonMode} onChange={() => setMode('edit')} />
            Current vs an edited copy
          </label>
          <label title={lastChange ? undefined : 'Apply a change in a lesson first'}>
            <input type="radio" name="compare-mode" checked={lessonMode} disabled={!lastChange} onChange={() => setMode('lesson')} />
            Before vs after the last lesson change
          </label>
        </div>
        {lessonMode ? (
          <p className="compare__lesson-change">
            Base: the diagram before <strong>“{lastChange.label}”</strong>. Variant: the diagram after it.
          </p>
        ) : (
          <>
            <p className="analysis-hint">Change any value in the Variant column; the base is your current diagram.</p>
            <VariantEditor
              knobs={knobs}
              edits={edits}
              errors={built.errors}
              onEdit={(k, text) =>
                setEdits((e) => {
                  const next = { ...e };
                  if (text === null) delete next[k];
                  else next[k] = text;
                  return next;
                })
              }
            />
          </>
        )}
        {errorList.length > 0 && (
          <p role="alert" className="analysis-error">
            {errorList[0]}
          </p>
        )}
        <div className="compare__actions">
          <button type="button" className="button button--primary" data-testid="compare-run" onClick={run} disabled={running || errorList.length > 0}>
            {running ? 'Running…' : result ? 'Run comparison again' : 'Run comparison'}
          </button>
          <span className="analysis-hint">
            Seed {seed}, {base.settings.durationS} s simulated each, in background workers.
          </span>
        </div>
        {progress && <ProgressBar progress={progress} label="Comparison runs" />}
        {error && (
          <p role="alert" className="analysis-error">
            {error}
          </p>
        )}
      </section>
      <section className="compare__result" aria-label="Result" aria-busy={running}>
        {result && rows ? (
          <>
            {stale && <p className="analysis-stale">The variant has changed since this run — run the comparison again.</p>}
            <CompareTable rows={rows} />
            <Suspense fallback={<div className="compare-charts compare-charts--loading">Loading charts…</div>}>
              <CompareCharts base={result.base.history} variant={result.variant.history} />
            </Suspense>
            <div className="compare__use">
              <button type="button" className="button" data-testid="compare-use-variant" onClick={useVariant}>
                Use variant
              </button>
              <span className="analysis-hint">Makes the variant your diagram (one Undo step).</span>
            </div>
          </>
        ) : (
          <div className="analysis-placeholder">
            <p>{running ? 'Running both variants…' : 'Set the variant, then run the comparison.'}</p>
          </div>
        )}
      </section>
    </div>
  );
}
