/**
 * The gallery: the lessons (with the learner's progress) and the ready blueprints.
 * Choosing a lesson loads its diagram and opens its steps; a blueprint opens its diagram.
 */
import { useState } from 'react';
import { BLUEPRINTS } from '../../blueprints';
import { LESSONS } from '../../lessons';
import { Dialog } from './Dialog';
import { openBlueprint, startLesson } from './lessonActions';
import { useLessonStore } from '../../state/lessonStore';
import { useLessonProgress } from '../../state/lessonProgress';

type Tab = 'lessons' | 'blueprints';

export function LessonGallery() {
  const open = useLessonStore((s) => s.galleryOpen);
  const close = useLessonStore((s) => s.closeGallery);
  const finished = useLessonProgress((s) => s.finished);
  const [tab, setTab] = useState<Tab>('lessons');
  const done = LESSONS.filter((l) => finished[l.id]).length;
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Lessons and blueprints"
      subtitle="Lessons walk through one AWS behaviour each; blueprints are ready architectures to start from. Either replaces the diagram — yours stays one Undo away."
      className="lesson-gallery"
      testId="gallery"
    >
      <div className="gallery-tabs" role="tablist" aria-label="Gallery">
        <button
          type="button"
          role="tab"
          className="gallery-tab"
          aria-selected={tab === 'lessons'}
          onClick={() => setTab('lessons')}
          data-testid="gallery-lessons"
        >
          Lessons <span className="gallery-tab__count">{done > 0 ? `${done} of ${LESSONS.length} done` : LESSONS.length}</span>
        </button>
        <button
          type="button"
          role="tab"
          className="gallery-tab"
          aria-selected={tab === 'blueprints'}
          onClick={() => setTab('blueprints')}
          data-testid="gallery-blueprints"
        >
          Blueprints <span className="gallery-tab__count">{BLUEPRINTS.length}</span>
        </button>
      </div>
      {tab === 'lessons' ? (
        <ol className="lesson-grid" role="tabpanel" aria-label="Lessons">
          {LESSONS.map((lesson, i) => (
            <li key={lesson.id}>
              <button
                type="button"
                className="lesson-card"
                data-testid={`preset-${lesson.id}`}
                data-done={finished[lesson.id] ? 'true' : undefined}
                onClick={() => startLesson(lesson)}
              >
                <span className="lesson-card__number" aria-hidden={finished[lesson.id] ? 'true' : undefined}>
                  {finished[lesson.id] ? '✓' : i + 1}
                </span>
                <span className="lesson-card__title">
                  {lesson.title}
                  {finished[lesson.id] && <span className="visually-hidden"> (done)</span>}
                </span>
                <span className="lesson-card__summary">{lesson.summary}</span>
                <span className="lesson-card__myth">
                  <span className="lesson-card__myth-label">Myth</span> {lesson.misconception}
                </span>
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <ul className="lesson-grid" role="tabpanel" aria-label="Blueprints">
          {BLUEPRINTS.map((bp) => (
            <li key={bp.id}>
              <button type="button" className="lesson-card blueprint-card" data-testid={`blueprint-${bp.id}`} onClick={() => openBlueprint(bp)}>
                <span className="lesson-card__title">{bp.title}</span>
                <span className="blueprint-card__shape">{bp.shape}</span>
                <span className="lesson-card__summary">
                  <span className="blueprint-card__when">When:</span> {bp.when}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
