/**
 * A lesson step's own check, live: pending until the run decides it, then passed or
 * failed, with the measured number. Only a run that started after the step's change counts.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { evaluateCheck, formatMeasured, numbersFromLive, numbersFromSummary, type CheckStatus, type LessonCheck } from '../../lessons/checks';
import { useSimulationStore } from '../../state/simulationStore';
import { useLessonStore } from '../../state/lessonStore';
import { useLessonProgress } from '../../state/lessonProgress';

interface StepCheckProps {
  lessonId: string;
  step: number;
  check: LessonCheck;
  /** The step has a change and it is not (or no longer) in the diagram. */
  changeMissing: boolean;
}

export function StepCheck({ lessonId, step, check, changeMissing }: StepCheckProps) {
  const changedAt = useLessonStore((s) => s.changedAt);
  const { status, simTimeMs, runId, totals, nodes, windows, summary } = useSimulationStore(
    useShallow((s) => ({ status: s.status, simTimeMs: s.simTimeMs, runId: s.runId, totals: s.totals, nodes: s.nodes, windows: s.windows, summary: s.summary })),
  );
  const stale = changedAt !== null && changedAt.runId === runId && changedAt.simTimeMs > 0 && simTimeMs > 0;
  const started = simTimeMs > 0 || status === 'done';

  let result: { status: CheckStatus; value: number | null } = { status: 'pending', value: null };
  let hint: string;
  if (changeMissing) hint = 'Apply the change above, then run.';
  else if (stale) hint = 'This run started before the change: press Run to start again from zero.';
  else if (!started) hint = 'Press Run to check.';
  else {
    const numbers = status === 'done' && summary ? numbersFromSummary(summary) : numbersFromLive(totals, nodes, windows, false);
    result = evaluateCheck(check, numbers);
    hint =
      result.status === 'pending'
        ? `Now ${formatMeasured(check, result.value)}; decided as the run goes on.`
        : `Measured: ${formatMeasured(check, result.value)}.`;
    if (result.status === 'fail') hint += status === 'done' ? ' Not this time — see what differs, or run again.' : '';
  }

  const passed = result.status === 'pass';
  useEffect(() => {
    if (passed) useLessonProgress.getState().markPassed(lessonId, step);
  }, [passed, lessonId, step]);

  return (
    <div className="lesson-check" data-testid="lesson-check" data-status={result.status} role="status" aria-live="polite">
      <span className="lesson-check__icon" aria-hidden="true">
        {result.status === 'pass' ? '✓' : result.status === 'fail' ? '✗' : '…'}
      </span>
      <div className="lesson-check__body">
        <p className="lesson-check__label">
          <span className="visually-hidden">{result.status === 'pass' ? 'Passed: ' : result.status === 'fail' ? 'Not met: ' : 'Check: '}</span>
          {check.label}
        </p>
        <p className="lesson-check__hint">{hint}</p>
      </div>
    </div>
  );
}
