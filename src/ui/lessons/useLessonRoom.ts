/**
 * Room for a lesson's results on a narrow window (below 1500 px: 1280x800, 1440x900). The
 * lesson column takes its place beside the canvas, so the palette and the inspector fold to
 * their edge strips while the lesson is open; closing the lesson brings back what it folded.
 * A step's change opens the inspector to show the changed field; the next run folds it again,
 * so the canvas and the charts keep their width while the run plays.
 */
import { useEffect } from 'react';
import { useEditorStore } from '../../state/editorStore';
import { useLessonStore } from '../../state/lessonStore';
import { useSimulationStore } from '../../state/simulationStore';

/** Below this width, a lesson column and the inspector together leave the canvas too little. */
export const LESSON_ROOM_WIDTH = 1500;

const isNarrow = () => typeof window !== 'undefined' && window.innerWidth < LESSON_ROOM_WIDTH;

/** What the open lesson folded, so closing it can bring them back. */
const folded = { paletteOpen: false, inspectorOpen: false };
/** The inspector was opened by a lesson step to show its field (folded again at the next run). */
let openedForStep = false;

function fold(panel: 'paletteOpen' | 'inspectorOpen'): void {
  const editor = useEditorStore.getState();
  if (!editor[panel]) return;
  editor.togglePanel(panel, false);
  folded[panel] = true;
}

/** Open the inspector to show a field a lesson step changed. */
export function openInspectorForStep(): void {
  const editor = useEditorStore.getState();
  if (editor.inspectorOpen) return;
  editor.togglePanel('inspectorOpen', true);
  openedForStep = true;
}

export function useLessonRoom(): void {
  const lessonId = useLessonStore((s) => s.lessonId);
  useEffect(() => {
    const editor = useEditorStore.getState();
    if (lessonId === null) {
      for (const panel of ['paletteOpen', 'inspectorOpen'] as const) {
        if (folded[panel] && !editor[panel]) editor.togglePanel(panel, true);
        folded[panel] = false;
      }
      openedForStep = false;
      return;
    }
    editor.togglePanel('lessonPanelOpen', true);
    if (!isNarrow()) return;
    fold('paletteOpen');
    fold('inspectorOpen');
  }, [lessonId]);

  useEffect(
    () =>
      useSimulationStore.subscribe((s, prev) => {
        if (s.status !== 'running' || prev.status === 'running' || !openedForStep) return;
        openedForStep = false;
        if (useLessonStore.getState().lessonId !== null && isNarrow()) fold('inspectorOpen');
      }),
    [],
  );
}
