import { useEffect } from 'react';
import { actionFor } from './actions';

/** True when the key belongs to a text field (typing, native undo inside the field). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'file', 'range', 'color'].includes(type);
}

/** Whether focus sits in a control where arrows and Delete have their own meaning. */
function isControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (isTyping(target)) return true;
  return Boolean(target.closest('button, a, input, select, [role="menu"], [role="listbox"], [role="separator"], .palette'));
}

/**
 * The window-level keyboard handler. Capture phase, so the editor's own meaning of a key
 * (one undo step per arrow press, 10× with Shift) wins over React Flow's built-in handling.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = actionFor(event);
      if (!action) return;
      if (isTyping(event.target)) return;
      if (action.canvasOnly && isControl(event.target)) return;
      // Copying text the person selected on the page stays the browser's job.
      if (action.id === 'copy' && window.getSelection()?.toString()) return;
      event.preventDefault();
      event.stopPropagation();
      action.run();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
