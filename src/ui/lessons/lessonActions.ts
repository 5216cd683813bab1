/**
 * What the lesson UI does, kept out of the components: load a lesson, apply a step's
 * change (one undo step, the field highlighted in the inspector), and run the simulation
 * again from zero.
 */
import type { Architecture } from '../../model';
import { lessonById, type Lesson, type LessonChange } from '../../lessons';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { useSimulationStore } from '../../state/simulationStore';
import { useLessonStore } from '../../state/lessonStore';
import { openInspectorForStep } from './useLessonRoom';
import type { Blueprint } from '../../blueprints';
import { cancelImport, useSamWarnings } from '../../state/importActions';

/** True while a lesson itself replaces the diagram (any other replacement ends the lesson). */
let lessonReplacing = false;

export function isLessonReplacing(): boolean {
  return lessonReplacing;
}

function replaceForLesson(doc: Architecture, reason: string) {
  lessonReplacing = true;
  try {
    return useDocumentStore.getState().replaceDocument(doc, reason);
  } finally {
    lessonReplacing = false;
  }
}

export function startLesson(lesson: Lesson): void {
  const result = replaceForLesson(lesson.document, `Lesson: ${lesson.title}`);
  const editor = useEditorStore.getState();
  if (!result.ok) {
    editor.showNotice({ kind: 'error', text: `The lesson "${lesson.title}" could not be opened.`, details: result.reason.split('\n') });
    return;
  }
  editor.clearSelection();
  clearOtherNotes();
  editor.showNotice({ kind: 'info', text: `Opened the lesson "${lesson.title}". Your previous diagram is one Undo away (Ctrl+Z).` });
  useLessonStore.getState().open(lesson.id);
  // after the lesson column has taken its place beside the canvas
  setTimeout(() => useEditorStore.getState().requestFitView(), 80);
}

/** Notes about an earlier diagram (an import's list, an import in progress) no longer apply. */
function clearOtherNotes(): void {
  cancelImport(true);
  useSamWarnings.getState().dismiss();
}

/** Open a blueprint in place of the diagram (one Undo step); any open lesson ends. */
export function openBlueprint(blueprint: Blueprint): void {
  const editor = useEditorStore.getState();
  const result = useDocumentStore.getState().replaceDocument(blueprint.document, `Blueprint: ${blueprint.title}`);
  if (!result.ok) {
    editor.showNotice({ kind: 'error', text: `The blueprint "${blueprint.title}" could not be opened.`, details: result.reason.split('\n') });
    return;
  }
  useLessonStore.getState().closeGallery();
  editor.clearSelection();
  clearOtherNotes();
  editor.showNotice({
    kind: 'info',
    text: `Opened the blueprint "${blueprint.title}". Press Run to see it work; your previous diagram is one Undo away (Ctrl+Z).`,
  });
  setTimeout(() => useEditorStore.getState().requestFitView(), 80);
}

export function applyStepChange(step: number): void {
  const { lessonId } = useLessonStore.getState();
  const change = lessonId ? lessonById(lessonId)?.steps[step]?.change : undefined;
  if (!change) return;
  const docs = useDocumentStore.getState();
  const before = docs.doc;
  const result = applyChange(change);
  const editor = useEditorStore.getState();
  if (!result.ok) {
    editor.showNotice({ kind: 'error', text: `"${change.label}" could not be applied.`, details: result.reason.split('\n') });
    return;
  }
  useLessonStore.getState().markApplied(step, { label: change.label, before, after: useDocumentStore.getState().doc });
  const sim = useSimulationStore.getState();
  useLessonStore.setState({ changedAt: { runId: sim.runId, simTimeMs: sim.simTimeMs } });
  if (change.kind === 'edit') highlightField(change.node, change.path);
  else {
    editor.clearSelection();
    setTimeout(() => useEditorStore.getState().requestFitView(), 80);
  }
}

function applyChange(change: LessonChange): { ok: true } | { ok: false; reason: string } {
  if (change.kind !== 'document') return useDocumentStore.getState().applyStep(change, change.label);
  lessonReplacing = true;
  try {
    return useDocumentStore.getState().applyStep(change, change.label);
  } finally {
    lessonReplacing = false;
  }
}

/** Select the node, open the inspector and draw the eye to the changed field. */
export function highlightField(nodeId: string, path: readonly string[]): void {
  const editor = useEditorStore.getState();
  editor.select({ nodes: [nodeId], edges: [] });
  openInspectorForStep();
  const name = `config.${path.join('.')}`;
  // The inspector renders the newly selected node on the next frame.
  let tries = 0;
  const look = () => {
    const field = document.querySelector<HTMLElement>(`[data-testid="inspector"] [name="${CSS.escape(name)}"]`);
    if (!field) {
      if (++tries < 20) requestAnimationFrame(look);
      return;
    }
    field.scrollIntoView({ block: 'center', behavior: 'smooth' });
    const row = field.closest<HTMLElement>('.field') ?? field;
    row.classList.remove('lesson-flash');
    void row.offsetWidth; // restart the animation
    row.classList.add('lesson-flash');
    setTimeout(() => row.classList.remove('lesson-flash'), 2400);
  };
  requestAnimationFrame(look);
}
