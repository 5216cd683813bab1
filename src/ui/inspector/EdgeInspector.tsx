import { useState } from 'react';
import { CATALOGUE, LIMITS, edgeKindsFor, resolveEdge, type ArchEdge, type Architecture, type EdgeKind } from '../../model';
import { useDocumentStore } from '../../state/documentStore';
import { deleteSelection } from '../commands';

const KIND_NAMES: Record<EdgeKind, string> = {
  stream: 'Stream',
  dlq: 'Dead-letter queue',
  onFailure: 'On-failure destination',
  async: 'Asynchronous invoke',
  authorizer: 'Lambda authorizer',
};

export function EdgeInspector({ edge, doc }: { edge: ArchEdge; doc: Architecture }) {
  const updateEdge = useDocumentStore((s) => s.updateEdge);
  const [error, setError] = useState<string | null>(null);
  const source = doc.nodes.find((n) => n.id === edge.source);
  const target = doc.nodes.find((n) => n.id === edge.target);
  if (!source || !target) return null;
  const resolved = resolveEdge(source.type, target.type, edge.kind);
  const kinds = edgeKindsFor(source.type, target.type);
  const name = (n: typeof source) => n.label ?? n.id;

  return (
    <>
      <header className="inspector__header">
        <div>
          <h2 className="inspector__title">Connection</h2>
          <p className="inspector__subtitle">
            {name(source)} ({CATALOGUE[source.type].label}) → {name(target)} ({CATALOGUE[target.type].label})
          </p>
        </div>
      </header>
      <div className="inspector__section">
        <p className="inspector__meaning" data-testid="edge-meaning">
          {resolved.ok ? capitalise(resolved.describe) + '.' : resolved.reason}
        </p>
        {kinds.length > 1 && (
          <div className={`field${error ? ' is-invalid' : ''}`}>
            <div className="field__row">
              <label htmlFor="edge-kind">Kind</label>
            </div>
            <select
              id="edge-kind"
              name="kind"
              value={edge.kind ?? ''}
              onChange={(e) => {
                const result = updateEdge(edge.id, { kind: (e.target.value || null) as EdgeKind | null });
                setError(result.ok ? null : result.reason);
              }}
            >
              {kinds.map((k) => {
                const r = resolveEdge(source.type, target.type, k);
                return (
                  <option key={k ?? ''} value={k ?? ''}>
                    {r.ok ? capitalise(r.describe) : k ? KIND_NAMES[k] : 'Default'}
                  </option>
                );
              })}
            </select>
            {error && (
              <p className="field__error" role="alert">
                {error}
              </p>
            )}
            <p className="field__hint">Both meanings are possible between these two services; pick the one you mean.</p>
          </div>
        )}
        <div className="field">
          <div className="field__row">
            <label htmlFor="edge-label">Label</label>
          </div>
          <input
            id="edge-label"
            name="label"
            type="text"
            maxLength={LIMITS.labelLength}
            value={edge.label ?? ''}
            placeholder="optional"
            onChange={(e) => updateEdge(edge.id, { label: e.target.value })}
          />
        </div>
        <div className="field">
          <div className="field__row">
            <label htmlFor="edge-id">ID</label>
            <span className="field__range">read-only</span>
          </div>
          <input id="edge-id" name="id" type="text" value={edge.id} readOnly />
        </div>
        <button type="button" className="button button--danger" onClick={deleteSelection}>
          Delete connection
        </button>
      </div>
    </>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
