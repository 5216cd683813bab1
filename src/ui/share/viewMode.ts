/**
 * View mode (`?view=1`) for classrooms and embedding: the diagram and the simulation, no
 * editing panels, nothing autosaved. Read once at start-up; a page opens in one mode.
 */
import { actionFor } from '../actions';

export function isViewMode(search: string): boolean {
  const value = new URLSearchParams(search).get('view');
  return value !== null && value !== '0' && value.toLowerCase() !== 'false';
}

export const VIEW_MODE = typeof location !== 'undefined' && isViewMode(location.search);

/** The page's address without query or fragment (where links point). */
export function appBaseUrl(): string {
  return `${location.origin}${location.pathname}`;
}

/** Editor actions that change nothing, so view mode keeps them. */
const VIEW_ACTIONS = new Set(['fitView', 'escape', 'copy']);

function isFormControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && Boolean(target.closest('input, select, textarea, [contenteditable="true"]'));
}

/**
 * In view mode, editing keys (delete, paste, undo, arrows that move cards...) never reach
 * the editor: this window capture listener is installed before the editor's own, so it
 * runs first and stops them. Simulation keys and the browser's own keys pass.
 */
export function installViewModeKeyGuard(): void {
  if (!VIEW_MODE) return;
  window.addEventListener(
    'keydown',
    (event) => {
      if (isFormControl(event.target)) return;
      const action = actionFor(event);
      if (!action || VIEW_ACTIONS.has(action.id)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    },
    true,
  );
}
