import { useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useDocumentStore } from '../../state/documentStore';
import { ShareActions } from '../share/ShareActions';
import { SimToolbar } from '../sim/SimToolbar';
import { TeachingActions } from '../lessons/TeachingActions';
import { ACTIONS, titleOf, type ActionId } from '../actions';
import { importFile } from '../commands';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useEditorStore } from '../../state/editorStore';
import { VIEW_MODE } from '../share/viewMode';

/**
 * A toolbar button for an action. With `glyph` it shows icon and label, and only the icon
 * when the window is narrow; with `icon` it is always an icon button.
 */
/** What each button does, for its tooltip (the label alone says little on an icon). */
const TIPS: Partial<Record<ActionId, string>> = {
  newDocument: 'start an empty diagram',
  sample: 'open the example diagram (Orders API)',
  exportJson: 'download the diagram as a document file',
  undo: 'take back the last change',
  redo: 'do again what was taken back',
  autoLayout: 'arrange the cards left to right, following the connections',
  shortcuts: 'every keyboard shortcut',
};

function tooltipOf(id: ActionId): string {
  const tip = TIPS[id];
  const title = titleOf(id);
  if (!tip) return title;
  const shortcut = title.slice(ACTIONS[id].label.length);
  return `${ACTIONS[id].label}: ${tip}${shortcut}`;
}

function ActionButton({
  id,
  icon,
  glyph,
  disabled,
  testId,
  short,
}: {
  id: ActionId;
  icon?: ReactNode;
  glyph?: ReactNode;
  disabled?: boolean;
  testId?: string;
  short?: string;
}) {
  const action = ACTIONS[id];
  const kind = icon ? ' button--icon' : glyph ? ' button--collapsible' : '';
  return (
    <button
      type="button"
      className={`button${kind}`}
      onClick={action.run}
      title={tooltipOf(id)}
      aria-label={action.label}
      disabled={disabled}
      data-testid={testId}
    >
      {icon ?? (
        <>
          {glyph}
          <span className="button__label">{short ?? action.label}</span>
        </>
      )}
    </button>
  );
}

const svg = (d: string) => (
  <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
    <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

const UndoIcon = svg('M6 4 3 7l3 3M3.5 7H10a3 3 0 0 1 0 6H8');
const RedoIcon = svg('m10 4 3 3-3 3M12.5 7H6a3 3 0 0 0 0 6h2');
const NewIcon = svg('M9 2H4.5A1.5 1.5 0 0 0 3 3.5v9A1.5 1.5 0 0 0 4.5 14h7a1.5 1.5 0 0 0 1.5-1.5V6L9 2zM9 2v4h4M8 8v4M6 10h4');
// A flask: "a sample to try", nothing like the boxes-and-arrows of Auto-layout.
const SampleIcon = svg('M6 2h4M6.75 2v4.25L3.2 12.4A1.1 1.1 0 0 0 4.15 14h7.7a1.1 1.1 0 0 0 .95-1.6L9.25 6.25V2M4.6 10h6.8');
const ImportIcon = svg('M8 2v8M5 7l3 3 3-3M3 11v1.5A1.5 1.5 0 0 0 4.5 14h7a1.5 1.5 0 0 0 1.5-1.5V11');
const ExportIcon = svg('M8 10V2M5 5l3-3 3 3M3 11v1.5A1.5 1.5 0 0 0 4.5 14h7a1.5 1.5 0 0 0 1.5-1.5V11');
const LayoutIcon = svg('M2 3h4v4H2zM10 3h4v4h-4zM10 10h4v4h-4zM6 5h4M8 5v7h2');

export function TopBar() {
  const name = useDocumentStore((s) => s.doc.name);
  const canUndo = useStore(useDocumentStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useDocumentStore.temporal, (s) => s.futureStates.length > 0);
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <header className="topbar">
      <div className="topbar__brand">
        <img src="/favicon.svg" alt="" width="20" height="20" />
        <span className="topbar__product">Serverless Sandbox</span>
        <span className="topbar__divider" aria-hidden="true">
          /
        </span>
        <span className="topbar__doc" title={name}>
          {name || 'Untitled architecture'}
        </span>
      </div>
      <div className="topbar__group" role="toolbar" aria-label="Document">
        <ActionButton id="newDocument" glyph={NewIcon} />
        <ActionButton id="sample" glyph={SampleIcon} />
        <div className="import" data-testid="import">
          <button
            type="button"
            className="button button--collapsible"
            onClick={() => fileInput.current?.click()}
            title="Import a file: a diagram (.json) or an AWS SAM / CloudFormation template (.yaml, .json). You can also drop it on the canvas."
            aria-label="Import"
          >
            {ImportIcon}
            <span className="button__label">Import</span>
          </button>
          <input
            ref={fileInput}
            className="visually-hidden"
            type="file"
            tabIndex={-1}
            accept=".json,.yaml,.yml,.template,application/json,application/yaml,text/yaml"
            aria-label="Import a diagram or a SAM / CloudFormation template"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
        <ActionButton id="exportJson" glyph={ExportIcon} testId="export-json" short="Export" />
        <ShareActions />
      </div>
      <div className="topbar__group" role="toolbar" aria-label="Edit">
        <ActionButton id="undo" icon={UndoIcon} disabled={!canUndo} />
        <ActionButton id="redo" icon={RedoIcon} disabled={!canRedo} />
        <ActionButton id="autoLayout" glyph={LayoutIcon} />
        <ActionButton id="shortcuts" icon={<span aria-hidden="true">?</span>} />
      </div>
      <ShortcutsDialog />
      <TeachingActions />
      {VIEW_MODE && <PresentationToggle />}
      <div className="topbar__spacer" />
      <div className="topbar__sim">
        <SimToolbar />
      </div>
    </header>
  );
}

/** For projectors: the canvas and the charts only, in larger type. */
function PresentationToggle() {
  const on = useEditorStore((s) => s.presentation);
  const toggle = useEditorStore((s) => s.togglePresentation);
  return (
    <button
      type="button"
      className={`button presentation-toggle${on ? ' is-on' : ''}`}
      aria-pressed={on}
      data-testid="presentation"
      onClick={() => toggle()}
      title={
        on
          ? 'Leave presentation: show the event log and the usual type size again'
          : 'Presentation: the canvas and the charts only, in larger type, for a projector'
      }
    >
      {svg('M2 3h12v8H2zM8 11v2.5M5.5 14h5')}
      <span>Presentation</span>
    </button>
  );
}
