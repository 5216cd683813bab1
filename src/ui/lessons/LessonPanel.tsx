/**
 * The open lesson as a card in the canvas' lower-right corner: the current step's idea,
 * what to watch, its one-click change, and the way back to zero to see the effect.
 */
import { useEffect } from 'react';
import { LESSONS, lessonById, type LessonChange } from '../../lessons';
import { getAt } from '../../model';
import { useEditorStore } from '../../state/editorStore';
import { useDocumentStore } from '../../state/documentStore';
import { useSimulationStore } from '../../state/simulationStore';
import { applyStepChange, highlightField, isLessonReplacing, startLesson } from './lessonActions';
import { restartRun } from '../commands';
import { StepCheck } from './StepCheck';
import { useLessonProgress } from '../../state/lessonProgress';
import { useLessonStore } from '../../state/lessonStore';
import { ADD_TRAFFIC_REASON } from '../commands';
import './lessons.css';

export function LessonPanel() {
  const lessonId = useLessonStore((s) => s.lessonId);
  const step = useLessonStore((s) => s.step);
  const applied = useLessonStore((s) => s.applied);
  const finished = useLessonStore((s) => s.finished);
  const simStatus = useSimulationStore((s) => s.status);
  const lesson = lessonId ? lessonById(lessonId) : undefined;
  // Another diagram opened (New, Sample, Import, a link…) ends the lesson: its steps no longer apply.
  useEffect(
    () =>
      useDocumentStore.subscribe((state, prev) => {
        if (
          state.replaceCount !== prev.replaceCount &&
          !isLessonReplacing() &&
          state.replaceReason !== 'Use the what-if variant' &&
          state.replaceReason !== ADD_TRAFFIC_REASON
        ) {
          useLessonStore.getState().close();
        }
      }),
    [],
  );
  // The column narrows the canvas once it is in place (it loads on first use): fit again then.
  useEffect(() => {
    if (!lessonId) return;
    const id = requestAnimationFrame(() => useEditorStore.getState().requestFitView());
    return () => cancelAnimationFrame(id);
  }, [lessonId]);
  const change = lesson?.steps[step]?.change;
  // an edit undone (or changed by hand) is no longer applied
  const stillThere = useDocumentStore((s) => (change?.kind === 'edit' ? JSON.stringify(valueAt(s.doc.nodes, change)) === JSON.stringify(change.value) : true));
  if (!lesson) return null;
  const { goTo, close, openGallery } = useLessonStore.getState();
  const current = lesson.steps[step];
  const isApplied = applied.includes(step) && stillThere;
  const last = step === lesson.steps.length - 1;
  const number = LESSONS.indexOf(lesson) + 1;
  const next = LESSONS[number];
  const finishLesson = () => {
    useLessonProgress.getState().markFinished(lesson.id);
    useLessonStore.getState().finish();
  };
  if (finished) return <FinishedLesson number={number} title={lesson.title} learnt={lesson.learnt} next={next?.id} onClose={close} onGallery={openGallery} />;

  return (
    <aside className="lesson-panel" aria-label={`Lesson ${number}: ${lesson.title}`}>
      <header className="lesson-panel__head">
        <div className="lesson-panel__heading">
          <span className="panel-title">
            Lesson {number} of {LESSONS.length}
          </span>
          <h2 className="lesson-panel__title">{lesson.title}</h2>
        </div>
        <button type="button" className="teach-close" onClick={close} aria-label="Close the lesson">
          ×
        </button>
      </header>
      <ol className="lesson-steps-dots" aria-label="Steps">
        {lesson.steps.map((s, i) => (
          <li key={i}>
            <button
              type="button"
              className="lesson-dot"
              aria-current={i === step ? 'step' : undefined}
              data-done={applied.includes(i) ? 'true' : undefined}
              onClick={() => goTo(i)}
              title={`Step ${i + 1}: ${s.title}`}
              aria-label={`Step ${i + 1}: ${s.title}`}
            />
          </li>
        ))}
        <li className="lesson-steps-count">
          Step {step + 1} of {lesson.steps.length}
        </li>
      </ol>
      <section className="lesson-step" data-testid="lesson-step" aria-live="polite">
        <h3 className="lesson-step__title">{current.title}</h3>
        <p className="lesson-step__text">{current.text}</p>
        <p className="lesson-step__watch">
          <strong>Watch:</strong> {current.watch}
        </p>
      </section>
      {change && (
        <div className="lesson-change" data-applied={isApplied ? 'true' : undefined}>
          <button
            type="button"
            className="button button--primary"
            data-testid="lesson-apply"
            onClick={() => applyStepChange(step)}
            disabled={isApplied}
            title={
              isApplied
                ? 'Applied — Undo (Ctrl+Z) takes it back'
                : change.kind === 'edit'
                  ? 'Change the field for you (one Undo step)'
                  : 'Replace the diagram (one Undo step)'
            }
          >
            {isApplied && <span aria-hidden="true">✓</span>}
            {change.label}
          </button>
          {change.kind === 'edit' && !isApplied && (
            <button type="button" className="button button--ghost button--small" onClick={() => highlightField(change.node, change.path)}>
              Show me the field
            </button>
          )}
          {isApplied && (
            <p className="lesson-change__note">
              Applied.{' '}
              <button type="button" className="lesson-link" data-testid="lesson-rerun" onClick={restartRun}>
                Run again from zero
              </button>{' '}
              to see the effect{simStatus === 'running' ? ' from the start' : ''}, or{' '}
              <button
                type="button"
                className="lesson-link"
                data-testid="lesson-compare"
                onClick={() => useLessonStore.getState().openPanel({ kind: 'compare', mode: 'lesson' })}
              >
                compare before and after
              </button>
              .
            </p>
          )}
        </div>
      )}
      {current.check && (
        <StepCheck key={`${lesson.id}:${step}`} lessonId={lesson.id} step={step} check={current.check} changeMissing={Boolean(change) && !isApplied} />
      )}
      <footer className="lesson-panel__nav">
        <button type="button" className="button button--small" onClick={() => goTo(step - 1)} disabled={step === 0}>
          Back
        </button>
        <button type="button" className="button button--ghost button--small" onClick={openGallery}>
          All lessons
        </button>
        {last ? (
          <button type="button" className="button button--small button--primary" onClick={finishLesson} data-testid="lesson-finish">
            Finish
          </button>
        ) : (
          <button type="button" className="button button--small" data-testid="lesson-next" onClick={() => goTo(step + 1)}>
            Next
          </button>
        )}
      </footer>
    </aside>
  );
}

function valueAt(nodes: readonly { id: string; config: unknown }[], change: Extract<LessonChange, { kind: 'edit' }>): unknown {
  return getAt(nodes.find((n) => n.id === change.node)?.config, change.path);
}

interface FinishedProps {
  number: number;
  title: string;
  learnt: string;
  next: string | undefined;
  onClose(): void;
  onGallery(): void;
}

/** The end of a lesson: what was learnt, and the next lesson. */
function FinishedLesson({ number, title, learnt, next, onClose, onGallery }: FinishedProps) {
  const nextLesson = next ? lessonById(next) : undefined;
  const done = useLessonProgress((s) => Object.keys(s.finished).filter((id) => lessonById(id)).length);
  return (
    <aside className="lesson-panel lesson-panel--finished" aria-label={`Lesson ${number} finished`} data-testid="lesson-finished">
      <header className="lesson-panel__head">
        <div className="lesson-panel__heading">
          <span className="panel-title">
            Lesson {number} finished · {done} of {LESSONS.length} done
          </span>
          <h2 className="lesson-panel__title">
            <span className="lesson-finished__tick" aria-hidden="true">
              ✓
            </span>{' '}
            {title}
          </h2>
        </div>
        <button type="button" className="teach-close" onClick={onClose} aria-label="Close the lesson">
          ×
        </button>
      </header>
      <section className="lesson-step">
        <h3 className="lesson-step__title">What you learnt</h3>
        <p className="lesson-step__text" data-testid="lesson-learnt">
          {learnt}
        </p>
      </section>
      {nextLesson && (
        <section className="lesson-next">
          <span className="panel-title">Next</span>
          <p className="lesson-next__title">{nextLesson.title}</p>
          <p className="lesson-next__summary">{nextLesson.summary}</p>
          <button type="button" className="button button--primary" data-testid="lesson-start-next" onClick={() => startLesson(nextLesson)}>
            Start lesson {number + 1}
          </button>
        </section>
      )}
      <footer className="lesson-panel__nav">
        <button type="button" className="button button--ghost button--small" onClick={onGallery}>
          All lessons
        </button>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </footer>
    </aside>
  );
}
