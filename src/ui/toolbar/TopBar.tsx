import { useRef } from 'react';
import { useStore } from 'zustand';
import { useDocumentStore } from '../../state/documentStore';
import { ShareActions } from '../share/ShareActions';
import { SimToolbar } from '../sim/SimToolbar';
import { TeachingActions } from '../lessons/TeachingActions';
import { ACTIONS, titleOf, type ActionId } from '../actions';
import { importFile } from '../commands';
import { ShortcutsDialog } from './ShortcutsDialog';

function ActionButton({ id, icon, disabled, testId }: { id: ActionId; icon?: React.ReactNode; disabled?: boolean; testId?: string }) {
  const action = ACTIONS[id];
  return (
    <button type="button" className={`button${icon ? ' button--icon' : ''}`} onClick={action.run} title={titleOf(id)} aria-label={action.label} disabled={disabled} data-testid={testId}>
      {icon ?? action.label}
    </button>
  );
}

const UndoIcon = (
  <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
    <path d="M6 4 3 7l3 3M3.5 7H10a3 3 0 0 1 0 6H8" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
const RedoIcon = (
  <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
    <path d="m10 4 3 3-3 3M12.5 7H6a3 3 0 0 0 0 6h2" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

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
        <ActionButton id="newDocument" />
        <ActionButton id="sample" />
        <div className="import" data-testid="import">
          <button type="button" className="button" onClick={() => fileInput.current?.click()} title="Import a document (.json)">
            Import
          </button>
          <input
            ref={fileInput}
            className="visually-hidden"
            type="file"
            tabIndex={-1}
            accept=".json,application/json"
            aria-label="Import a document file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
        <ActionButton id="exportJson" testId="export-json" />
        <ShareActions />
      </div>
      <div className="topbar__group" role="toolbar" aria-label="Edit">
        <ActionButton id="undo" icon={UndoIcon} disabled={!canUndo} />
        <ActionButton id="redo" icon={RedoIcon} disabled={!canRedo} />
        <ActionButton id="autoLayout" />
        <ActionButton id="shortcuts" icon={<span aria-hidden="true">?</span>} />
      </div>
      <ShortcutsDialog />
      <TeachingActions />
      <div className="topbar__spacer" />
      <div className="topbar__sim">
        <SimToolbar />
      </div>
    </header>
  );
}
