import { useCallback } from 'react';
import { LIMITS, settingsFields, type Architecture, type Settings } from '../../model';
import { useDocumentStore } from '../../state/documentStore';
import { FieldList, type Commit } from './fields';
import { GoalsEditor } from './GoalsEditor';

export function SettingsInspector({ doc }: { doc: Architecture }) {
  const updateSettings = useDocumentStore((s) => s.updateSettings);
  const setDocumentInfo = useDocumentStore((s) => s.setDocumentInfo);
  const commit: Commit = useCallback((path, value) => updateSettings({ [path[0]]: value } as Partial<Settings>), [updateSettings]);
  return (
    <>
      <header className="inspector__header">
        <div>
          <h2 className="inspector__title">Document</h2>
          <p className="inspector__subtitle">
            {doc.nodes.length} service{doc.nodes.length === 1 ? '' : 's'} · {doc.edges.length} connection{doc.edges.length === 1 ? '' : 's'}. Select a service
            or connection to configure it.
          </p>
        </div>
      </header>
      <div className="inspector__section">
        <div className="field">
          <div className="field__row">
            <label htmlFor="doc-name">Name</label>
          </div>
          <input
            id="doc-name"
            name="name"
            type="text"
            maxLength={LIMITS.nameLength}
            value={doc.name}
            onChange={(e) => setDocumentInfo({ name: e.target.value })}
          />
        </div>
        <div className="field">
          <div className="field__row">
            <label htmlFor="doc-description">Description</label>
          </div>
          <textarea
            id="doc-description"
            name="description"
            rows={3}
            maxLength={4000}
            value={doc.description ?? ''}
            placeholder="optional"
            onChange={(e) => setDocumentInfo({ description: e.target.value })}
          />
        </div>
      </div>
      <div className="inspector__section">
        <h3 className="inspector__section-title">Simulation settings</h3>
        <FieldList fields={settingsFields} path={[]} prefix="settings" value={doc.settings} commit={commit} />
      </div>
      <div className="inspector__section">
        <GoalsEditor doc={doc} />
      </div>
    </>
  );
}
