import { beforeEach, describe, expect, it } from 'vitest';
import { readLayout, useEditorStore } from './editorStore';

describe('editorStore', () => {
  beforeEach(() => useEditorStore.setState(useEditorStore.getInitialState(), true));

  it('selects nodes and edges and clears the selection', () => {
    useEditorStore.getState().select({ nodes: ['a', 'b'] });
    useEditorStore.getState().select({ edges: ['e1'] });
    expect(useEditorStore.getState().selection).toEqual({ nodes: ['a', 'b'], edges: ['e1'] });
    const before = useEditorStore.getState().selection;
    useEditorStore.getState().select({ nodes: ['a', 'b'] });
    expect(useEditorStore.getState().selection).toBe(before);
    useEditorStore.getState().clearSelection();
    expect(useEditorStore.getState().selection).toEqual({ nodes: [], edges: [] });
  });

  it('shows and dismisses a notice', () => {
    useEditorStore.getState().showNotice({ kind: 'error', text: 'No.', details: ['a'] });
    expect(useEditorStore.getState().notice).toEqual({ kind: 'error', text: 'No.', details: ['a'] });
    useEditorStore.getState().dismissNotice();
    expect(useEditorStore.getState().notice).toBeNull();
  });

  it('counts pastes since the last copy and toggles panels', () => {
    useEditorStore.getState().setClipboard({ nodes: [], edges: [] });
    expect(useEditorStore.getState().notePaste()).toBe(1);
    expect(useEditorStore.getState().notePaste()).toBe(2);
    useEditorStore.getState().setClipboard({ nodes: [], edges: [] });
    expect(useEditorStore.getState().notePaste()).toBe(1);
    useEditorStore.getState().togglePanel('dashboardOpen');
    expect(useEditorStore.getState().dashboardOpen).toBe(false);
    useEditorStore.getState().requestFitView();
    expect(useEditorStore.getState().fitViewRequest).toBe(1);
  });

  it('reads a saved layout field by field, keeping defaults for anything missing or wrong', () => {
    expect(readLayout(null)).toMatchObject({ inspectorOpen: true, dashboardHeight: null });
    expect(readLayout('not json')).toMatchObject({ paletteOpen: true });
    expect(readLayout(JSON.stringify({ inspectorOpen: false, dashboardHeight: 512.4, paletteOpen: 'no' }))).toEqual({
      paletteOpen: true,
      inspectorOpen: false,
      dashboardOpen: true,
      lessonPanelOpen: true,
      dashboardHeight: 512,
    });
    expect(readLayout(JSON.stringify({ dashboardHeight: -5 })).dashboardHeight).toBeNull();
  });

  it('remembers the dashboard height and the drawers in local storage', () => {
    const items = new Map<string, string>();
    const localStorage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    Object.defineProperty(globalThis, 'localStorage', { value: localStorage, configurable: true });
    useEditorStore.getState().setDashboardHeight(480);
    useEditorStore.getState().togglePanel('inspectorOpen', false);
    const saved = readLayout(localStorage.getItem('serverless-sandbox:layout'));
    expect(saved).toMatchObject({ dashboardHeight: 480, inspectorOpen: false });
    Reflect.deleteProperty(globalThis, 'localStorage');
  });
});
