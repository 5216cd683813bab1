/** Every shortcut of the editor, read from the one action list. */
import { useEffect, useRef } from 'react';
import { useEditorStore } from '../../state/editorStore';
import { ACTIONS, shortcutText, type ActionId } from '../actions';

const ROWS: { label: string; ids: ActionId[] }[] = [
  { label: 'Undo', ids: ['undo'] },
  { label: 'Redo', ids: ['redo'] },
  { label: 'Delete the selection', ids: ['delete'] },
  { label: 'Duplicate', ids: ['duplicate'] },
  { label: 'Copy / paste', ids: ['copy', 'paste'] },
  { label: 'Select all', ids: ['selectAll'] },
  { label: 'Move the selection', ids: ['moveLeft', 'moveRight', 'moveUp', 'moveDown'] },
  { label: 'Move ×10', ids: ['moveLeftFar', 'moveRightFar', 'moveUpFar', 'moveDownFar'] },
  { label: 'Fit view', ids: ['fitView'] },
  { label: 'Auto-layout', ids: ['autoLayout'] },
  { label: 'Export JSON', ids: ['exportJson'] },
  { label: 'Clear the selection', ids: ['escape'] },
  { label: 'This list', ids: ['shortcuts'] },
  { label: ACTIONS.toggleRun.label, ids: ['toggleRun'] },
  { label: ACTIONS.step.label, ids: ['step'] },
  { label: ACTIONS.reset.label, ids: ['reset'] },
];

export function ShortcutsDialog() {
  const open = useEditorStore((s) => s.shortcutsOpen);
  const toggle = useEditorStore((s) => s.togglePanel);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcuts-title" onClose={() => toggle('shortcutsOpen', false)}>
      <header className="dialog__header">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <button type="button" className="notice__close" aria-label="Close" onClick={() => toggle('shortcutsOpen', false)}>
          ×
        </button>
      </header>
      <table className="shortcuts">
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>
                {row.ids
                  .flatMap((id) => ACTIONS[id].keys.map((_, i) => shortcutText(id, i)))
                  .map((text, i) => (
                    <kbd key={i}>{text}</kbd>
                  ))}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Add a service</th>
            <td>
              <kbd>Tab</kbd> to it in the palette, <kbd>Enter</kbd>
            </td>
          </tr>
          <tr>
            <th scope="row">Select several</th>
            <td>
              <kbd>Shift</kbd>+click, or <kbd>Shift</kbd>+drag a box
            </td>
          </tr>
        </tbody>
      </table>
    </dialog>
  );
}
