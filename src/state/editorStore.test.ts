import { beforeEach, describe, expect, it } from 'vitest';
import { useEditorStore } from './editorStore';

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
});
