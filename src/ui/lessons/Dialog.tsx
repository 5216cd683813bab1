/**
 * A modal dialog on the native <dialog> element: focus is trapped and restored by the
 * browser, Escape closes it, and the page behind is inert.
 */
import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  onClose(): void;
  title: string;
  /** A line under the title. */
  subtitle?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Dialog({ open, onClose, title, subtitle, className, testId, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // One listener for the dialog's whole life: a re-render during the key's dispatch (the
  // editor clears the selection on Escape) must not swap it for one the browser skips.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    if (!open) return;
    // The editor's window-level shortcuts (capture phase) may take Escape before the dialog
    // sees it; a listener on the same phase still runs.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`teach-dialog${className ? ` ${className}` : ''}`}
      aria-label={title}
      data-testid={testId}
      onClose={onClose}
      onClick={(e) => {
        // a click on the backdrop (the dialog element itself, outside its content) closes it
        if (e.target === e.currentTarget) onClose();
      }}
    >
      {open && (
        <div className="teach-dialog__frame">
          <header className="teach-dialog__head">
            <div>
              <h2 className="teach-dialog__title">{title}</h2>
              {subtitle && <p className="teach-dialog__subtitle">{subtitle}</p>}
            </div>
            <button type="button" className="teach-close" onClick={onClose} aria-label="Close">
              ×
            </button>
          </header>
          <div className="teach-dialog__body">{children}</div>
        </div>
      )}
    </dialog>
  );
}
