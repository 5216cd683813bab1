/**
 * The top bar's teaching entry points: the lesson gallery, the what-if comparison and
 * power tuning for the selected Lambda. The panels live here too, opened as dialogs.
 */
import { lazy, Suspense } from 'react';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { useLessonStore } from '../../state/lessonStore';
import './lessons.css';

// The lessons' documents and both panels (they bring charts) load when first opened.
const LessonGallery = lazy(() => import('./LessonGallery').then((m) => ({ default: m.LessonGallery })));
const ComparePanel = lazy(() => import('../analysis/ComparePanel').then((m) => ({ default: m.ComparePanel })));
const PowerTuningPanel = lazy(() => import('../analysis/PowerTuningPanel').then((m) => ({ default: m.PowerTuningPanel })));

/** The one selected node, if it is a Lambda. */
function useSelectedLambda(): string | null {
  const selected = useEditorStore((s) => (s.selection.nodes.length === 1 && s.selection.edges.length === 0 ? s.selection.nodes[0] : null));
  const isLambda = useDocumentStore((s) => (selected ? s.doc.nodes.some((n) => n.id === selected && n.type === 'lambda') : false));
  return isLambda ? selected : null;
}

export function TeachingActions() {
  const panel = useLessonStore((s) => s.panel);
  const galleryOpen = useLessonStore((s) => s.galleryOpen);
  const lambda = useSelectedLambda();
  const { openGallery, openPanel } = useLessonStore.getState();
  const close = () => openPanel(null);

  return (
    <div className="topbar__group teach-actions" role="toolbar" aria-label="Learn and analyse">
      <button type="button" className="button" data-testid="presets" onClick={openGallery} title="Guided lessons and ready architectures (blueprints)">
        Gallery
      </button>
      <button
        type="button"
        className="button"
        data-testid="compare"
        onClick={() => openPanel({ kind: 'compare', mode: 'edit' })}
        title="Run the diagram against a changed copy on the same seed"
      >
        Compare
      </button>
      <button
        type="button"
        className="button"
        data-testid="power-tuning"
        disabled={!lambda}
        onClick={() => lambda && openPanel({ kind: 'tuning', functionId: lambda })}
        title={lambda ? 'Sweep memory sizes for the selected function' : 'Select one Lambda function to tune its memory'}
      >
        Power tuning
      </button>
      <Suspense fallback={null}>
        {galleryOpen && <LessonGallery />}
        {panel?.kind === 'compare' && <ComparePanel open initialMode={panel.mode} onClose={close} />}
        {panel?.kind === 'tuning' && <PowerTuningPanel open functionId={panel.functionId} onClose={close} />}
      </Suspense>
    </div>
  );
}
