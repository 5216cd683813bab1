/**
 * The Share popover: the link (shown, with its length, already copied), a view-only link,
 * pictures and AWS SAM. A non-modal dialog: focus moves in, Escape or a click outside closes
 * it and focus returns to the Share button.
 */
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { SHARE_URL_WARN_CHARS } from '../../model/share';
import { ACTIONS } from '../actions';
import type { ImageKind } from './exportImage';
import { previousDiagrams, reopenPrevious } from '../../state/sharedSession';
import { VIEW_MODE } from './viewMode';

export type CopyState = { which: 'link' | 'view'; ok: boolean } | null;

interface SharePopoverProps {
  link: string;
  viewLink: string;
  copy: CopyState;
  onCopy: (which: 'link' | 'view') => void;
  onImage: (kind: ImageKind) => void;
  onImportSam: () => void;
  onExportSam: () => void;
  /** `refocus`: give the keyboard back to the Share button (not after a click elsewhere). */
  onClose: (refocus: boolean) => void;
  anchor: RefObject<HTMLElement | null>;
}

const icon = (d: string) => (
  <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
    <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
const EyeIcon = icon('M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8zM8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4z');
const ImageIcon = icon('M2.5 3.5h11v9h-11zM2.5 10.5l3-3 3 3 2-2 3 3M10.5 6.5h.01');
const UploadIcon = icon('M8 10V2M5 5l3-3 3 3M3 11v1.5A1.5 1.5 0 0 0 4.5 14h7a1.5 1.5 0 0 0 1.5-1.5V11');
const DownloadIcon = icon('M8 2v8M5 7l3 3 3-3M3 11v1.5A1.5 1.5 0 0 0 4.5 14h7a1.5 1.5 0 0 0 1.5-1.5V11');

function Item({ onClick, glyph, title, hint, testId }: { onClick: () => void; glyph: ReactNode; title: string; hint: string; testId?: string }) {
  return (
    <button type="button" className="share-item" onClick={onClick} data-testid={testId}>
      {glyph}
      <span className="share-item__text">
        <span className="share-item__title">{title}</span>
        <span className="share-item__hint">{hint}</span>
      </span>
    </button>
  );
}

/** Select all of a link but keep its start in view (the address is what people recognise). */
function selectFromStart(field: HTMLInputElement): void {
  field.setSelectionRange(0, field.value.length, 'backward');
  field.scrollLeft = 0;
}

export function SharePopover({ link, viewLink, copy, onCopy, onImage, onImportSam, onExportSam, onClose, anchor }: SharePopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const tooLong = link.length > SHARE_URL_WARN_CHARS;

  useEffect(() => {
    const field = input.current;
    if (!field) return;
    field.focus();
    selectFromStart(field);
  }, []);

  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!ref.current?.contains(target) && !anchor.current?.contains(target)) onClose(false);
    };
    document.addEventListener('pointerdown', onPointer, true);
    return () => document.removeEventListener('pointerdown', onPointer, true);
  }, [onClose, anchor]);

  const copiedText = (which: 'link' | 'view') => {
    if (copy?.which !== which) return null;
    return copy.ok ? 'Copied' : 'Press Ctrl+C to copy';
  };
  const linkStatus = copiedText('link');

  return (
    <div
      ref={ref}
      className="share-popover"
      role="dialog"
      aria-label="Share and export"
      data-testid="share-popover"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose(true);
        }
      }}
    >
      <section className="share-popover__section">
        <h2 className="share-popover__title">Share a link to this diagram</h2>
        <p className="share-popover__hint">The whole diagram, its settings and seed travel inside the link; nothing is uploaded.</p>
        <div className="share-link">
          <input
            ref={input}
            type="text"
            readOnly
            value={link}
            data-testid="share-url"
            aria-label="Share link"
            aria-describedby="share-link-length"
            onFocus={(e) => selectFromStart(e.currentTarget)}
          />
          <button type="button" className={`button${linkStatus === 'Copied' ? ' is-done' : ''}`} onClick={() => onCopy('link')} data-testid="share-copy">
            {linkStatus === 'Copied' ? 'Copied ✓' : 'Copy'}
          </button>
        </div>
        <p id="share-link-length" className="share-link__meta">
          <span data-testid="share-url-length">{link.length.toLocaleString('en-US')} characters</span>
          {linkStatus && (
            <span className={`share-link__status${copy?.ok ? '' : ' is-manual'}`} role="status" data-testid="share-copied">
              {copy?.ok ? 'Copied to the clipboard' : 'The clipboard is not available here: the link is selected, press Ctrl+C'}
            </span>
          )}
        </p>
        {tooLong && (
          <div className="share-warning" data-testid="share-too-long">
            <p>
              This link is {link.length.toLocaleString('en-US')} characters long. Browsers, e-mail and chat tools may cut links over{' '}
              {SHARE_URL_WARN_CHARS.toLocaleString('en-US')} characters; send the diagram as a file instead.
            </p>
            <button type="button" className="button button--small" onClick={ACTIONS.exportJson.run}>
              Export JSON
            </button>
          </div>
        )}
        <Item
          onClick={() => onCopy('view')}
          glyph={EyeIcon}
          title={copiedText('view') === 'Copied' ? 'View-only link copied ✓' : 'Copy view-only link'}
          hint="For a class or a page: the diagram and the simulation, no editing, large text."
          testId="share-copy-view"
        />
        {copy?.which === 'view' && !copy.ok && (
          <input
            className="share-link__fallback"
            type="text"
            readOnly
            value={viewLink}
            aria-label="View-only link"
            onFocus={(e) => e.currentTarget.select()}
            autoFocus
          />
        )}
      </section>
      {!VIEW_MODE && <EarlierDiagrams onDone={() => onClose(false)} />}
      <section className="share-popover__section">
        <h3 className="share-popover__label">Picture</h3>
        <div className="share-popover__row">
          <Item onClick={() => onImage('png')} glyph={ImageIcon} title="Download PNG" hint="For slides and documents" testId="export-png" />
          <Item onClick={() => onImage('svg')} glyph={ImageIcon} title="Download SVG" hint="Sharp at any size" testId="export-svg" />
        </div>
      </section>
      <section className="share-popover__section">
        <h3 className="share-popover__label">AWS SAM / CloudFormation</h3>
        {!VIEW_MODE && (
          <Item
            onClick={onImportSam}
            glyph={UploadIcon}
            title="Import SAM / CloudFormation template…"
            hint="YAML or JSON; replaces the diagram (undo brings it back)"
            testId="import-sam-open"
          />
        )}
        <Item
          onClick={onExportSam}
          glyph={DownloadIcon}
          title="Export SAM template"
          hint="template.yaml with functions, events, policies and concurrency"
          testId="export-sam"
        />
      </section>
    </div>
  );
}

const HistoryIcon = icon('M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2.5 2.5v2.5H5M8 5v3l2 1.5');

/** Diagrams set aside when a shared one was edited over them, newest first. */
function EarlierDiagrams({ onDone }: { onDone: () => void }) {
  const list = previousDiagrams();
  if (list.length === 0) return null;
  const when = (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? 'earlier' : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  };
  return (
    <section className="share-popover__section">
      <h3 className="share-popover__label">Kept when you edited a shared diagram</h3>
      {list.map((entry, i) => (
        <Item
          key={entry.savedAt + i}
          onClick={() => {
            onDone();
            reopenPrevious(i);
          }}
          glyph={HistoryIcon}
          title={`Reopen “${entry.name}”`}
          hint={`Set aside ${when(entry.savedAt)}`}
          testId={`reopen-previous-${i}`}
        />
      ))}
    </section>
  );
}
