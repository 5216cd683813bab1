/**
 * What the editor's actions do: thin guards around one store action each. Shortcuts and
 * labels for them live in actions.ts.
 */
import { defaultScenario, parseDocumentText, type Architecture, type NodeType, type Position } from '../model';
import { useDocumentStore } from '../state/documentStore';
import { useEditorStore } from '../state/editorStore';
import { extractFragment } from '../state/fragment';

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
  openDocument({ ...current, name: 'Untitled architecture', description: undefined, nodes: [], edges: [], faults: [] }, 'new');
  editor().showNotice({ kind: 'info', text: 'New empty diagram. Undo (Ctrl+Z) brings the previous one back.' });
}

export function openSample(): void {
  if (openDocument(defaultScenario(), 'sample')) editor().showNotice({ kind: 'info', text: 'Opened the sample: client → API Gateway → Lambda → DynamoDB.' });
}

export function fileNameFor(name: string): string {
  const base = name.trim().replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'architecture';
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

export async function importFile(file: File): Promise<void> {
  const text = await file.text();
  const result = parseDocumentText(text);
  if (!result.ok) {
    editor().showNotice({
      kind: 'error',
      text: `${file.name} could not be opened (${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}); your diagram is unchanged.`,
      details: result.errors,
    });
    return;
  }
  if (openDocument(result.document, `import ${file.name}`)) {
    const extra = result.warnings.length ? ` Note: ${result.warnings.join('; ')}.` : '';
    editor().showNotice({ kind: 'info', text: `Opened ${file.name}.${extra}` });
  }
}

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
