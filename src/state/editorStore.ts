/** Editor state that is never saved: selection, the notice line, panels, the clipboard. */
import { create } from 'zustand';
import type { Fragment } from './fragment';

export interface Selection {
  nodes: string[];
  edges: string[];
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /** A list under the sentence, e.g. every problem of an imported file. */
  details?: string[];
  /** One button after the text, e.g. "Add a client". */
  action?: { label: string; run: () => void; testId?: string };
}

export interface EditorState {
  selection: Selection;
  notice: Notice | null;
  /** Bumped to ask the canvas to fit the diagram into view. */
  fitViewRequest: number;
  clipboard: Fragment | null;
  /** How many times the clipboard has been pasted, to offset each paste. */
  pasteCount: number;
  paletteOpen: boolean;
  inspectorOpen: boolean;
  dashboardOpen: boolean;
  shortcutsOpen: boolean;

  select: (selection: Partial<Selection>) => void;
  clearSelection: () => void;
  showNotice: (notice: Notice | null) => void;
  dismissNotice: () => void;
  requestFitView: () => void;
  setClipboard: (fragment: Fragment | null) => void;
  notePaste: () => number;
  togglePanel: (panel: 'paletteOpen' | 'inspectorOpen' | 'dashboardOpen' | 'shortcutsOpen', open?: boolean) => void;
}

const EMPTY: Selection = { nodes: [], edges: [] };

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export const useEditorStore = create<EditorState>()((set, get) => ({
  selection: EMPTY,
  notice: null,
  fitViewRequest: 0,
  clipboard: null,
  pasteCount: 0,
  paletteOpen: true,
  inspectorOpen: true,
  dashboardOpen: true,
  shortcutsOpen: false,

  select: (partial) => {
    const current = get().selection;
    const next = { nodes: partial.nodes ?? current.nodes, edges: partial.edges ?? current.edges };
    if (sameIds(next.nodes, current.nodes) && sameIds(next.edges, current.edges)) return;
    set({ selection: next });
  },
  clearSelection: () => {
    if (get().selection.nodes.length || get().selection.edges.length) set({ selection: EMPTY });
  },
  showNotice: (notice) => set({ notice }),
  dismissNotice: () => set({ notice: null }),
  requestFitView: () => set((s) => ({ fitViewRequest: s.fitViewRequest + 1 })),
  setClipboard: (clipboard) => set({ clipboard, pasteCount: 0 }),
  notePaste: () => {
    const count = get().pasteCount + 1;
    set({ pasteCount: count });
    return count;
  },
  togglePanel: (panel, open) => set((s) => ({ [panel]: open ?? !s[panel] }) as Partial<EditorState>),
}));
