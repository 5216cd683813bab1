/** Editor state that is never saved: selection, the notice line, panels, the clipboard. */
import { create } from 'zustand';
import type { Fragment } from '../model/fragment';
import { STORAGE_KEYS, browserStorage } from './storageKeys';

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
  /** The lesson panel's drawer: open, or collapsed to the right edge. */
  lessonPanelOpen: boolean;
  shortcutsOpen: boolean;
  /** The dashboard's height in pixels; null for the default share of the window. Remembered. */
  dashboardHeight: number | null;
  /** Presentation mode (for projectors): larger type on the canvas and the charts. */
  presentation: boolean;

  select: (selection: Partial<Selection>) => void;
  clearSelection: () => void;
  showNotice: (notice: Notice | null) => void;
  dismissNotice: () => void;
  requestFitView: () => void;
  setClipboard: (fragment: Fragment | null) => void;
  notePaste: () => number;
  togglePanel: (panel: Panel, open?: boolean) => void;
  setDashboardHeight: (height: number | null) => void;
  togglePresentation: (on?: boolean) => void;
}

export type Panel = 'paletteOpen' | 'inspectorOpen' | 'dashboardOpen' | 'lessonPanelOpen' | 'shortcutsOpen';

/** The workspace's layout, kept in the browser so the next visit opens the same way. */
interface Layout {
  paletteOpen: boolean;
  inspectorOpen: boolean;
  dashboardOpen: boolean;
  lessonPanelOpen: boolean;
  dashboardHeight: number | null;
}

const LAYOUT_KEY = STORAGE_KEYS.layout.key;
const DEFAULT_LAYOUT: Layout = { paletteOpen: true, inspectorOpen: true, dashboardOpen: true, lessonPanelOpen: true, dashboardHeight: null };

const storage = () => browserStorage(STORAGE_KEYS.layout.area);

/** The saved layout, field by field: anything missing or of the wrong type keeps its default. */
export function readLayout(raw: string | null): Layout {
  const layout = { ...DEFAULT_LAYOUT };
  if (!raw) return layout;
  let saved: unknown;
  try {
    saved = JSON.parse(raw);
  } catch {
    return layout;
  }
  if (typeof saved !== 'object' || saved === null) return layout;
  const record = saved as Record<string, unknown>;
  for (const key of ['paletteOpen', 'inspectorOpen', 'dashboardOpen', 'lessonPanelOpen'] as const) {
    if (typeof record[key] === 'boolean') layout[key] = record[key];
  }
  const height = record.dashboardHeight;
  if (typeof height === 'number' && Number.isFinite(height) && height > 0) layout.dashboardHeight = Math.round(height);
  return layout;
}

function saveLayout(state: EditorState): void {
  const layout: Layout = {
    paletteOpen: state.paletteOpen,
    inspectorOpen: state.inspectorOpen,
    dashboardOpen: state.dashboardOpen,
    lessonPanelOpen: state.lessonPanelOpen,
    dashboardHeight: state.dashboardHeight,
  };
  try {
    storage()?.setItem(LAYOUT_KEY, JSON.stringify(layout));
  } catch {
    // A full or blocked storage only loses the remembered layout.
  }
}

const initialLayout = readLayout(storage()?.getItem(LAYOUT_KEY) ?? null);

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
  ...initialLayout,
  shortcutsOpen: false,
  presentation: false,

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
  togglePanel: (panel, open) => {
    set((s) => ({ [panel]: open ?? !s[panel] }) as Partial<EditorState>);
    if (panel !== 'shortcutsOpen') saveLayout(get());
  },
  setDashboardHeight: (height) => {
    const next = height === null ? null : Math.round(height);
    if (next === get().dashboardHeight) return;
    set({ dashboardHeight: next });
    saveLayout(get());
  },
  togglePresentation: (on) => set((s) => ({ presentation: on ?? !s.presentation })),
}));
