/**
 * Every keyboard action in one list, the editor's and the simulation's: its label, its
 * shortcuts and what it runs. The toolbars, the two key handlers (the editor's in
 * useShortcuts.ts, the simulation's below), view mode's key guard and the shortcuts dialog
 * all read this list.
 */
import { useSimulationStore } from '../state/simulationStore';
import * as commands from './commands';

export interface KeyBinding {
  key: string;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  mod?: boolean;
  shift?: boolean;
  /** Matches with or without Shift (R and Shift+R both reset). */
  anyShift?: boolean;
}

/**
 * editor: handled by useShortcuts (capture phase; view mode stops all but a few).
 * simulation: handled by handleSimulationKey while the simulation toolbar is mounted; never
 * while typing, and kept in view mode.
 */
export type ActionScope = 'editor' | 'simulation';

export interface EditorAction {
  id: string;
  label: string;
  keys: KeyBinding[];
  run: () => void;
  /** Only while the canvas (not a text field) has the keyboard. */
  canvasOnly?: boolean;
  /** Left out: 'editor'. */
  scope?: ActionScope;
}

const nudge = (dx: number, dy: number) => () => commands.nudgeSelection(dx, dy);

export const ACTIONS = {
  undo: { id: 'undo', label: 'Undo', keys: [{ key: 'z', mod: true }], run: commands.undoChange },
  redo: {
    id: 'redo',
    label: 'Redo',
    keys: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    run: commands.redoChange,
  },
  delete: {
    id: 'delete',
    label: 'Delete',
    keys: [{ key: 'Delete' }, { key: 'Backspace' }],
    run: commands.deleteSelection,
    canvasOnly: true,
  },
  duplicate: { id: 'duplicate', label: 'Duplicate', keys: [{ key: 'd', mod: true }], run: commands.duplicateSelection, canvasOnly: true },
  copy: { id: 'copy', label: 'Copy', keys: [{ key: 'c', mod: true }], run: () => void commands.copySelection(), canvasOnly: true },
  paste: { id: 'paste', label: 'Paste', keys: [{ key: 'v', mod: true }], run: commands.paste, canvasOnly: true },
  selectAll: { id: 'selectAll', label: 'Select all', keys: [{ key: 'a', mod: true }], run: commands.selectAll, canvasOnly: true },
  moveLeft: { id: 'moveLeft', label: 'Move left', keys: [{ key: 'ArrowLeft' }], run: nudge(-1, 0), canvasOnly: true },
  moveRight: { id: 'moveRight', label: 'Move right', keys: [{ key: 'ArrowRight' }], run: nudge(1, 0), canvasOnly: true },
  moveUp: { id: 'moveUp', label: 'Move up', keys: [{ key: 'ArrowUp' }], run: nudge(0, -1), canvasOnly: true },
  moveDown: { id: 'moveDown', label: 'Move down', keys: [{ key: 'ArrowDown' }], run: nudge(0, 1), canvasOnly: true },
  moveLeftFar: { id: 'moveLeftFar', label: 'Move left ×10', keys: [{ key: 'ArrowLeft', shift: true }], run: nudge(-10, 0), canvasOnly: true },
  moveRightFar: { id: 'moveRightFar', label: 'Move right ×10', keys: [{ key: 'ArrowRight', shift: true }], run: nudge(10, 0), canvasOnly: true },
  moveUpFar: { id: 'moveUpFar', label: 'Move up ×10', keys: [{ key: 'ArrowUp', shift: true }], run: nudge(0, -10), canvasOnly: true },
  moveDownFar: { id: 'moveDownFar', label: 'Move down ×10', keys: [{ key: 'ArrowDown', shift: true }], run: nudge(0, 10), canvasOnly: true },
  fitView: { id: 'fitView', label: 'Fit view', keys: [{ key: '1', shift: true }], run: commands.requestFit, canvasOnly: true },
  autoLayout: { id: 'autoLayout', label: 'Auto-layout', keys: [{ key: 'l', shift: true }], run: () => void commands.runAutoLayout(), canvasOnly: true },
  newDocument: { id: 'newDocument', label: 'New', keys: [], run: commands.newDocument },
  sample: { id: 'sample', label: 'Sample', keys: [], run: commands.openSample },
  exportJson: { id: 'exportJson', label: 'Export JSON', keys: [{ key: 's', mod: true }], run: commands.exportJson },
  shortcuts: { id: 'shortcuts', label: 'Keyboard shortcuts', keys: [{ key: '?', shift: true }], run: commands.showShortcuts, canvasOnly: true },
  escape: { id: 'escape', label: 'Clear selection', keys: [{ key: 'Escape' }], run: commands.clearSelection, canvasOnly: true },
  toggleRun: {
    id: 'toggleRun',
    label: 'Run / pause the simulation',
    keys: [{ key: ' ', anyShift: true }],
    run: () => commands.pressRun(),
    scope: 'simulation',
  },
  step: { id: 'step', label: 'Step one simulated second', keys: [{ key: '.' }], run: () => useSimulationStore.getState().step(), scope: 'simulation' },
  reset: {
    id: 'reset',
    label: 'Reset the simulation',
    keys: [{ key: 'r', anyShift: true }],
    run: () => useSimulationStore.getState().reset(),
    scope: 'simulation',
  },
} satisfies Record<string, EditorAction>;

export type ActionId = keyof typeof ACTIONS;

const KEY_NAMES: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', ' ': 'Space' };

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** "Ctrl+Shift+Z" / "⌘⇧Z" for the first binding of an action. */
export function shortcutText(id: ActionId, index = 0): string {
  const binding = (ACTIONS[id] as EditorAction).keys[index];
  if (!binding) return '';
  const key = KEY_NAMES[binding.key] ?? (binding.key.length === 1 ? binding.key.toUpperCase() : binding.key);
  if (binding.key === '?') return '?';
  if (isMac) return `${binding.mod ? '⌘' : ''}${binding.shift ? '⇧' : ''}${key}`;
  return [binding.mod ? 'Ctrl' : '', binding.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** "Undo (Ctrl+Z)" for titles and tooltips. */
export function titleOf(id: ActionId): string {
  const shortcut = shortcutText(id);
  return shortcut ? `${ACTIONS[id].label} (${shortcut})` : ACTIONS[id].label;
}

export function matches(binding: KeyBinding, event: KeyboardEvent): boolean {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  // Shift+1 arrives as "!" on most layouts; compare the physical digit too.
  const digit = event.code.startsWith('Digit') ? event.code.slice(5) : null;
  const shift = binding.anyShift || event.shiftKey === Boolean(binding.shift);
  return (key === binding.key || digit === binding.key) && mod === Boolean(binding.mod) && shift && !event.altKey;
}

/** The action of `scope` a key press triggers, if any. */
export function actionFor(event: KeyboardEvent, scope: ActionScope = 'editor'): EditorAction | undefined {
  return Object.values(ACTIONS as Record<string, EditorAction>).find(
    (action) => (action.scope ?? 'editor') === scope && action.keys.some((b) => matches(b, event)),
  );
}

/** Typing in a field (or pressing Space on a focused control) is never a simulation key. */
function isTypingTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (key === ' ' && (tag === 'BUTTON' || tag === 'A' || target.getAttribute('role') === 'button')) return true;
  return false;
}

/** The simulation's key handler (window keydown, bubble phase): Space, "." and R. */
export function handleSimulationKey(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.repeat) return;
  if (isTypingTarget(event.target, event.key)) return;
  const action = actionFor(event, 'simulation');
  if (!action) return;
  event.preventDefault();
  action.run();
}
