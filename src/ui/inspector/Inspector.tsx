/** The right panel: the selected node or edge, several selected, or the document. */
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { deleteSelection, duplicateSelection } from '../commands';
import { titleOf } from '../actions';
import { EdgeInspector } from './EdgeInspector';
import { NodeInspector } from './NodeInspector';
import { SettingsInspector } from './SettingsInspector';

export function Inspector() {
  const doc = useDocumentStore((s) => s.doc);
  const selection = useEditorStore((s) => s.selection);
  const nodes = doc.nodes.filter((n) => selection.nodes.includes(n.id));
  const edges = doc.edges.filter((e) => selection.edges.includes(e.id));

  let body;
  if (nodes.length === 1 && edges.length === 0) body = <NodeInspector node={nodes[0]} doc={doc} key={nodes[0].id} />;
  else if (edges.length === 1 && nodes.length === 0) body = <EdgeInspector edge={edges[0]} doc={doc} key={edges[0].id} />;
  else if (nodes.length + edges.length > 1) {
    body = (
      <>
        <header className="inspector__header">
          <div>
            <h2 className="inspector__title">{describeCount(nodes.length, edges.length)} selected</h2>
            <p className="inspector__subtitle">Drag to move them together, or use the arrow keys (Shift for bigger steps).</p>
          </div>
        </header>
        <div className="inspector__section inspector__actions">
          {nodes.length > 0 && (
            <button type="button" className="button" onClick={duplicateSelection} title={titleOf('duplicate')}>
              Duplicate
            </button>
          )}
          <button type="button" className="button button--danger" onClick={deleteSelection} title={titleOf('delete')}>
            Delete
          </button>
        </div>
      </>
    );
  } else body = <SettingsInspector doc={doc} />;

  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      {body}
    </aside>
  );
}

function describeCount(nodes: number, edges: number): string {
  const parts = [];
  if (nodes) parts.push(`${nodes} service${nodes === 1 ? '' : 's'}`);
  if (edges) parts.push(`${edges} connection${edges === 1 ? '' : 's'}`);
  return parts.join(' and ');
}
