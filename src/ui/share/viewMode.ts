/**
 * View mode's page side: links to the page, and the key guard that keeps editing keys from
 * the editor. Whether the page is in view mode is app state (state/viewMode.ts).
 */
import { VIEW_MODE } from '../../state/viewMode';
import { actionFor } from '../actions';

export { isViewMode, VIEW_MODE } from '../../state/viewMode';

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
