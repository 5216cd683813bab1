/**
 * What the editor's actions do: thin guards around one store action each. Shortcuts and
 * labels for them live in actions.ts.
 */
import { addEntryClients, defaultScenario, hasTrafficSource, type Architecture, type NodeType, type Position } from '../model';
import { useDocumentStore } from '../state/documentStore';
import { useEditorStore } from '../state/editorStore';
import { useSimulationStore } from '../state/simulationStore';
import { useLessonStore } from '../state/lessonStore';
import { useSharedSession } from '../state/sharedSession';
import { extractFragment } from '../model/fragment';
import { cancelImport, useSamWarnings } from '../state/importActions';

export const GRID = 16;
const PASTE_OFFSET = 2 * GRID;

const docState = () => useDocumentStore.getState();
const editor = () => useEditorStore.getState();

export function snap(p: Position): Position {
  return { x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID };
}

export function addNodeAt(type: NodeType, position: Position): void {
  const id = docState().addNode(type, snap(position));
  if (id) editor().select({ nodes: [id], edges: [] });
  else editor().showNotice({ kind: 'error', text: 'The diagram has as many nodes as the sandbox simulates; remove one first.' });
}

export function deleteSelection(): void {
  const { nodes, edges } = editor().selection;
  if (!nodes.length && !edges.length) return;
  docState().removeElements(nodes, edges);
  editor().clearSelection();
}

export function copySelection(): boolean {
  const { nodes } = editor().selection;
  if (!nodes.length) return false;
  editor().setClipboard(extractFragment(docState().doc, nodes));
  return true;
}

export function paste(): void {
  const clipboard = editor().clipboard;
  if (!clipboard) return;
  const count = editor().notePaste();
  const offset = count * PASTE_OFFSET;
  const { nodeIds, edgeIds } = docState().insertFragment(clipboard, { x: offset, y: offset });
  if (nodeIds.length) editor().select({ nodes: nodeIds, edges: edgeIds });
}

export function duplicateSelection(): void {
  const { nodes } = editor().selection;
  if (!nodes.length) return;
  const { nodeIds, edgeIds } = docState().insertFragment(extractFragment(docState().doc, nodes), { x: PASTE_OFFSET, y: PASTE_OFFSET });
  if (nodeIds.length) editor().select({ nodes: nodeIds, edges: edgeIds });
}

export function nudgeSelection(dx: number, dy: number): void {
  const { nodes } = editor().selection;
  if (!nodes.length) return;
  const ids = new Set(nodes);
  const moves = docState()
    .doc.nodes.filter((n) => ids.has(n.id))
    .map((n) => ({ id: n.id, position: { x: n.position.x + dx * GRID, y: n.position.y + dy * GRID } }));
  docState().moveNodes(moves);
}

export function selectAll(): void {
  const doc = docState().doc;
  editor().select({ nodes: doc.nodes.map((n) => n.id), edges: doc.edges.map((e) => e.id) });
}

function openDocument(doc: Architecture, reason: string): boolean {
  const result = docState().replaceDocument(doc, reason);
  if (!result.ok) {
    editor().showNotice({ kind: 'error', text: 'That document breaks a rule of the model:', details: result.reason.split('\n') });
    return false;
  }
  editor().clearSelection();
  editor().requestFitView();
  return true;
}

export function newDocument(): void {
  const current = docState().doc;
  // A new diagram starts clean: no import in progress, no notes about an earlier one, no link bar.
  cancelImport(true);
  useSamWarnings.getState().dismiss();
  useSharedSession.getState().hideBanner();
  openDocument({ ...current, name: 'Untitled architecture', description: undefined, nodes: [], edges: [], faults: [] }, 'new');
  editor().showNotice({ kind: 'info', text: 'New empty diagram. Undo (Ctrl+Z) brings the previous one back.' });
}

export function openSample(): void {
  if (openDocument(defaultScenario(), 'sample')) editor().showNotice({ kind: 'info', text: 'Opened the sample: client → API Gateway → Lambda → DynamoDB.' });
}

export function fileNameFor(name: string): string {
  const base =
    name
      .trim()
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'architecture';
  return `${base}.json`;
}

export function exportJson(): void {
  const doc = docState().doc;
  const blob = new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFor(doc.name);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Import any file a person has (state/importActions.ts). */
export { importFile } from '../state/importActions';

export async function autoLayout(): Promise<void> {
  const { layoutDocument } = await import('../layout/elk');
  const before = docState().doc;
  const laidOut = await layoutDocument(before);
  if (docState().doc !== before) return; // edited meanwhile: keep the person's change
  docState().moveNodes(laidOut.nodes.map((n) => ({ id: n.id, position: n.position })));
  editor().requestFitView();
}

export function undoChange(): void {
  useDocumentStore.undo();
}

export function redoChange(): void {
  useDocumentStore.redo();
}

export function requestFit(): void {
  editor().requestFitView();
}

export function clearSelection(): void {
  editor().clearSelection();
}

export async function runAutoLayout(): Promise<void> {
  try {
    await autoLayout();
  } catch (e) {
    editor().showNotice({ kind: 'error', text: `Auto-layout failed: ${(e as Error).message}` });
  }
}

export function showShortcuts(): void {
  editor().togglePanel('shortcutsOpen', true);
}

/** The reason given when Run's "Add a client" changes the diagram (a lesson stays open for it). */
export const ADD_TRAFFIC_REASON = 'Add traffic';

/**
 * The Run button and Space: pause a running simulation; otherwise play. A finished run, or
 * one that a lesson's change has made stale, starts again from zero. A diagram with nothing
 * that sends requests says so, with a one-click client, instead of running to zeros.
 */
export function pressRun(): void {
  const sim = useSimulationStore.getState();
  if (sim.status === 'running') {
    sim.pause();
    return;
  }
  if (sim.problems.length > 0 || sim.status === 'error') return;
  const doc = docState().doc;
  if (!hasTrafficSource(doc)) {
    const { added } = addEntryClients(doc, { anyCallable: true });
    editor().showNotice({
      kind: 'info',
      text: added.length
        ? 'Nothing sends requests in this diagram, so a run would show zeros. Add a client that calls where requests enter?'
        : 'Nothing sends requests in this diagram. Add a Client from the palette and connect it to an API, a distribution or a function.',
      action: added.length
        ? { label: added.length === 1 ? 'Add a client' : `Add ${added.length} clients`, run: addClientsAndRun, testId: 'add-traffic' }
        : undefined,
    });
    return;
  }
  if (sim.status === 'done' || lessonRunIsStale(sim.runId, sim.simTimeMs)) {
    restartRun();
    return;
  }
  sim.run();
}

/** A lesson change applied during this run: its numbers mix before and after. */
function lessonRunIsStale(runId: number, simTimeMs: number): boolean {
  const changed = useLessonStore.getState().changedAt;
  return changed !== null && changed.runId === runId && changed.simTimeMs > 0 && simTimeMs > 0;
}

/** Longer than the bridge's edit debounce, so a reset reloads the latest document. */
const SETTLE_MS = 200;

/** Back to zero with the current document, then play once the worker confirms the reset. */
export function restartRun(): void {
  setTimeout(() => {
    const sim = useSimulationStore.getState();
    const runId = sim.runId;
    let stop = () => {};
    const timer = setTimeout(() => stop(), 5000);
    stop = useSimulationStore.subscribe((s) => {
      if (s.runId === runId || s.status !== 'idle') return;
      stop();
      clearTimeout(timer);
      s.run();
    });
    sim.reset();
  }, SETTLE_MS);
}

/** Give the diagram's entry points a client (one Undo step), then run. */
export function addClientsAndRun(): void {
  const { document, added } = addEntryClients(docState().doc, { anyCallable: true });
  if (!added.length) return;
  const result = docState().replaceDocument(document, ADD_TRAFFIC_REASON);
  if (!result.ok) {
    editor().showNotice({ kind: 'error', text: 'The client could not be added.', details: result.reason.split('\n') });
    return;
  }
  editor().select({ nodes: [added[0].clientId], edges: [] });
  editor().showNotice({ kind: 'info', text: `${added.map((a) => a.note).join(' ')} Undo (Ctrl+Z) takes ${added.length === 1 ? 'it' : 'them'} away.` });
  editor().requestFitView();
  restartRun();
}
