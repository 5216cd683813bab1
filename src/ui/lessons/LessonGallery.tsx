/** The eleven lessons as cards; choosing one loads its diagram and opens its steps. */
import { LESSONS } from '../../lessons';
import { Dialog } from './Dialog';
import { startLesson } from './lessonActions';
import { useLessonStore } from './lessonStore';

export function LessonGallery() {
  const open = useLessonStore((s) => s.galleryOpen);
  const close = useLessonStore((s) => s.closeGallery);
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Lessons"
      subtitle="Each lesson replaces the diagram with a ready scenario — your current diagram stays one Undo away."
      className="lesson-gallery"
    >
      <ol className="lesson-grid">
        {LESSONS.map((lesson, i) => (
          <li key={lesson.id}>
            <button type="button" className="lesson-card" data-testid={`preset-${lesson.id}`} onClick={() => startLesson(lesson)}>
              <span className="lesson-card__number">{i + 1}</span>
              <span className="lesson-card__title">{lesson.title}</span>
              <span className="lesson-card__summary">{lesson.summary}</span>
              <span className="lesson-card__myth">
                <span className="lesson-card__myth-label">Myth</span> {lesson.misconception}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </Dialog>
  );
}
