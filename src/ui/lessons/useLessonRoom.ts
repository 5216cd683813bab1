/**
 * Room for a lesson's results on a narrow window (below 1500 px: 1280x800, 1440x900). The
 * lesson column takes its place beside the canvas, so the palette and the inspector fold to
 * their edge strips while the lesson is open; closing the lesson brings back what it folded.
 * A step's change opens the inspector to show the changed field; the next run folds it again,
 * so the canvas and the charts keep their width while the run plays.
 *
 * The same room for a wide diagram opened from the gallery or a file: when the fit would shrink
 * its cards below legible (under 0.6×), the palette and the inspector fold to their strips.
 */
import { useEffect } from 'react';
import type { Architecture } from '../../model';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { useLessonStore } from '../../state/lessonStore';
import { useSimulationStore } from '../../state/simulationStore';

/** Below this width, a lesson column and the inspector together leave the canvas too little. */
export const LESSON_ROOM_WIDTH = 1500;

const isNarrow = () => typeof window !== 'undefined' && window.innerWidth < LESSON_ROOM_WIDTH;

/** Below this fit zoom a card's text is too small to read (9 px type at 0.6× is ~5 px). */
export const LEGIBLE_ZOOM = 0.6;
/** A card's size on the canvas at zoom 1 (ServiceNode), and the fit's padding on both sides. */
const CARD = { width: 208, height: 120 };
const FIT_PADDING = { x: 110, y: 64 };

/** The zoom a fit gives `doc` in a canvas of `size` (as React Flow's fitView, without its cap). */
export function fitZoomFor(doc: Pick<Architecture, 'nodes'>, size: { width: number; height: number }): number {
  if (doc.nodes.length === 0) return Infinity;
  const xs = doc.nodes.map((n) => n.position.x);
  const ys = doc.nodes.map((n) => n.position.y);
  const width = Math.max(...xs) - Math.min(...xs) + CARD.width;
  const height = Math.max(...ys) - Math.min(...ys) + CARD.height;
  return Math.min((size.width - FIT_PADDING.x) / width, (size.height - FIT_PADDING.y) / height);
}

/** Reasons of replaceDocument() for a diagram the person opened from the gallery or a file. */
const OPENED = /^(Blueprint: |import )/;

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
      useDocumentStore.subscribe((s, prev) => {
        if (s.replaceCount === prev.replaceCount || !OPENED.test(s.replaceReason ?? '') || !isNarrow()) return;
        const canvas = document.querySelector('.app__canvas')?.getBoundingClientRect();
        if (!canvas || fitZoomFor(s.doc, canvas) >= LEGIBLE_ZOOM) return;
        const editor = useEditorStore.getState();
        if (editor.paletteOpen) editor.togglePanel('paletteOpen', false);
        if (editor.inspectorOpen) editor.togglePanel('inspectorOpen', false);
      }),
    [],
  );

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
