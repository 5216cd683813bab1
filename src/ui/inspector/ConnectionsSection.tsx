/**
 * A node's connections, and a keyboard way to add one: the canvas needs a pointer to drag
 * from handle to handle, this list does not.
 */
import { CATALOGUE, allowedTargets, type ArchNode, type Architecture } from '../../model';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';

const nameOf = (n: ArchNode) => n.label ?? n.id;

export function ConnectionsSection({ node, doc }: { node: ArchNode; doc: Architecture }) {
  const connect = useDocumentStore((s) => s.connect);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const edges = doc.edges.filter((e) => e.source === node.id || e.target === node.id);
  const targetTypes = new Set(allowedTargets(node.type));
  const candidates = doc.nodes.filter((n) => n.id !== node.id && targetTypes.has(n.type));

  const onConnect = (targetId: string) => {
    if (!targetId) return;
    const result = connect(node.id, targetId);
    const editor = useEditorStore.getState();
    if (!result.ok) editor.showNotice({ kind: 'error', text: result.reason });
    else editor.showNotice(result.info ? { kind: 'info', text: result.info } : null);
  };

  return (
    <div className="inspector__section">
      <h3 className="inspector__section-title">Connections</h3>
      {edges.length === 0 && <p className="field__hint">None yet.</p>}
      {edges.length > 0 && (
        <ul className="connections">
          {edges.map((e) => {
            const outgoing = e.source === node.id;
            const other = byId.get(outgoing ? e.target : e.source);
            return (
              <li key={e.id}>
                <button type="button" className="connections__item" onClick={() => useEditorStore.getState().select({ nodes: [], edges: [e.id] })}>
                  <span className="connections__dir" aria-label={outgoing ? 'to' : 'from'}>
                    {outgoing ? '→' : '←'}
                  </span>
                  <span>{other ? nameOf(other) : e.id}</span>
                  {e.kind && <span className="connections__kind">{e.kind}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {candidates.length > 0 && (
        <div className="field">
          <div className="field__row">
            <label htmlFor="connect-to">Connect to</label>
          </div>
          <select id="connect-to" name="connectTo" value="" onChange={(e) => onConnect(e.target.value)}>
            <option value="">Choose a service…</option>
            {candidates.map((n) => (
              <option key={n.id} value={n.id}>
                {nameOf(n)} ({CATALOGUE[n.type].label})
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
