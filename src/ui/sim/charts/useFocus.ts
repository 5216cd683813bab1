import { useDocumentStore } from '../../../state/documentStore';
import { useEditorStore } from '../../../state/editorStore';
import type { Focus } from './series';

/** The one selected node the charts follow, or null for the whole system. */
export function useFocus(): Focus | null {
  const nodeId = useEditorStore((s) => (s.selection.nodes.length === 1 ? s.selection.nodes[0] : null));
  const type = useDocumentStore((s) => (nodeId ? s.doc.nodes.find((n) => n.id === nodeId)?.type : undefined));
  // A plain client says nothing the system view does not; keep the system view for it.
  if (!nodeId || !type || type === 'client') return null;
  return focusOf(nodeId, type);
}

const cache = new Map<string, Focus>();
/** Same object for the same node, so memoised charts do not redraw for nothing. */
function focusOf(nodeId: string, type: string): Focus {
  const key = `${type}\u0000${nodeId}`;
  let focus = cache.get(key);
  if (!focus) {
    if (cache.size > 200) cache.clear();
    focus = { nodeId, type };
    cache.set(key, focus);
  }
  return focus;
}
