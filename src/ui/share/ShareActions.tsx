/**
 * Sharing in the top bar: the Share button (copies a link to the diagram and opens the
 * popover with pictures and AWS SAM), the SAM file input, and the bars it shows over the
 * canvas (a shared diagram on screen; what a SAM import left out). See README.md.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNodesInitialized, useReactFlow, type ReactFlowInstance } from '@xyflow/react';
import { shareUrl } from '../../model/share';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { copyText } from './clipboard';
import { exportImage, type ImageKind } from './exportImage';
import { importFile } from '../commands';
import { exportSamTemplate } from './samActions';
import { SamWarnings } from './SamWarnings';
import { SharedBanner } from './SharedBanner';
import { SharePopover, type CopyState } from './SharePopover';
import { appBaseUrl, VIEW_MODE } from './viewMode';
import './share.css';

const ShareIcon = (
  <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
    <path
      d="M11.5 5.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM4.5 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM11.5 14.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM6.3 9l3.4 2M9.7 5 6.3 7"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  </svg>
);

export function ShareActions() {
  const doc = useDocumentStore((s) => s.doc);
  const flow = useReactFlow();
  const [open, setOpen] = useState(false);
  const [copy, setCopy] = useState<CopyState>(null);
  const button = useRef<HTMLButtonElement>(null);
  const samInput = useRef<HTMLInputElement>(null);
  useViewModeFit(flow);

  // Encoding deflates the whole document: only while the popover is open.
  const link = useMemo(() => (open ? shareUrl(appBaseUrl(), doc) : ''), [open, doc]);
  const viewLink = useMemo(() => (link ? `${appBaseUrl()}?view=1${link.slice(link.indexOf('#'))}` : ''), [link]);

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);

  const copyLink = useCallback(async (which: 'link' | 'view', url: string) => {
    setCopy(null);
    const ok = await copyText(url);
    setCopy({ which, ok });
  }, []);

  const onShare = () => {
    if (open) {
      setOpen(false);
      return;
    }
    setOpen(true);
    void copyLink('link', shareUrl(appBaseUrl(), useDocumentStore.getState().doc));
  };

  const onImage = async (kind: ImageKind) => {
    setOpen(false);
    try {
      const problem = await exportImage(kind, flow, useDocumentStore.getState().doc);
      if (problem) useEditorStore.getState().showNotice({ kind: 'error', text: problem });
    } catch (e) {
      useEditorStore
        .getState()
        .showNotice({ kind: 'error', text: `The ${kind.toUpperCase()} could not be made: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  return (
    <div className="share-menu">
      {VIEW_MODE && <ViewModeBadge />}
      <button
        ref={button}
        type="button"
        className={`button button--collapsible${open ? ' is-open' : ''}`}
        data-testid="share"
        aria-haspopup="dialog"
        aria-expanded={open}
        title="Share a link, download a picture, import or export AWS SAM"
        aria-label="Share"
        onClick={onShare}
      >
        {ShareIcon}
        <span className="button__label">Share</span>
      </button>
      {open && (
        <SharePopover
          link={link}
          viewLink={viewLink}
          copy={copy}
          onCopy={(which) => void copyLink(which, which === 'link' ? link : viewLink)}
          onImage={(kind) => void onImage(kind)}
          onImportSam={() => {
            samInput.current?.click();
            close(true);
          }}
          onExportSam={() => {
            setOpen(false);
            void exportSamTemplate();
          }}
          onClose={close}
          anchor={button}
        />
      )}
      <input
        ref={samInput}
        className="visually-hidden"
        type="file"
        tabIndex={-1}
        accept=".yaml,.yml,.json,.template,application/json,application/yaml,text/yaml"
        aria-label="Import a SAM or CloudFormation template"
        data-testid="import-sam"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <SharedBanner />
      <SamWarnings />
    </div>
  );
}

/** In view mode: what this page is, and a way to open the diagram in the editor. */
function ViewModeBadge() {
  const doc = useDocumentStore((s) => s.doc);
  const editorLink = useMemo(() => shareUrl(appBaseUrl(), doc), [doc]);
  return (
    <span className="view-badge">
      <span className="view-badge__pill">View only</span>
      <a className="view-badge__link" href={editorLink} target="_blank" rel="noopener noreferrer">
        Open in the editor
      </a>
    </span>
  );
}

/**
 * View mode fills the room: the diagram is fitted again once measured, after a new diagram
 * and on resize, closer than the editor's fit (which keeps cards at most 125%).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function useViewModeFit(flow: ReactFlowInstance<any, any>): void {
  const initialized = useNodesInitialized();
  const replaceCount = useDocumentStore((s) => s.replaceCount);
  useEffect(() => {
    if (!VIEW_MODE || !initialized) return;
    const fit = () => void flow.fitView({ padding: 0.12, maxZoom: 1.8, duration: 200 });
    // After the canvas' own fit (one frame after a new diagram).
    const timer = setTimeout(fit, 300);
    window.addEventListener('resize', fit);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('resize', fit);
    };
  }, [initialized, replaceCount, flow]);
}
