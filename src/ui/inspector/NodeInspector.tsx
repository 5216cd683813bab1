import { useCallback, useState } from 'react';
import { CATALOGUE, LIMITS, kindOf, type ArchNode, type Architecture } from '../../model';
import { ConnectionsSection } from './ConnectionsSection';
import { deleteSelection, duplicateSelection } from '../commands';
import { titleOf } from '../actions';
import { useDocumentStore } from '../../state/documentStore';
import { useSimulationStore } from '../../state/simulationStore';
import { ServiceIcon } from '../canvas/ServiceIcon';
import { FieldList, type Commit } from './fields';
import { FaultControls } from '../sim/FaultControls';
import { ScheduledFaults } from './ScheduledFaults';

export function NodeInspector({ node, doc }: { node: ArchNode; doc: Architecture }) {
  const updateNodeConfig = useDocumentStore((s) => s.updateNodeConfig);
  const renameNode = useDocumentStore((s) => s.renameNode);
  const kind = kindOf(node.type);
  const commit: Commit = useCallback((path, value) => updateNodeConfig(node.id, path, value), [node.id, updateNodeConfig]);

  return (
    <>
      <header className="inspector__header">
        <ServiceIcon type={node.type} size={32} />
        <div>
          <h2 className="inspector__title">{CATALOGUE[node.type].label}</h2>
          <p className="inspector__subtitle">{kind.description}</p>
        </div>
      </header>
      <div className="inspector__section">
        <div className="field">
          <div className="field__row">
            <label htmlFor="inspector-label">Name</label>
          </div>
          <input
            id="inspector-label"
            name="label"
            type="text"
            maxLength={LIMITS.labelLength}
            value={node.label ?? ''}
            placeholder={node.id}
            onChange={(e) => renameNode(node.id, e.target.value)}
          />
        </div>
        <div className="field">
          <div className="field__row">
            <label htmlFor="inspector-id">ID</label>
            <span className="field__range">read-only</span>
          </div>
          <input id="inspector-id" name="id" type="text" value={node.id} readOnly />
        </div>
        <div className="inspector__actions">
          <button type="button" className="button button--small" onClick={duplicateSelection} title={titleOf('duplicate')}>
            Duplicate
          </button>
          <button type="button" className="button button--small button--danger" onClick={deleteSelection} title={titleOf('delete')}>
            Delete
          </button>
        </div>
      </div>
      <div className="inspector__section" key={node.id}>
        <h3 className="inspector__section-title">Configuration</h3>
        <FieldList fields={kind.fields} path={[]} prefix="config" value={node.config} commit={commit} />
        <a className="inspector__docs" href={kind.docsUrl} target="_blank" rel="noreferrer">
          AWS documentation for {kind.label} ↗
        </a>
      </div>
      <ConnectionsSection node={node} doc={doc} />
      {node.type !== 'client' && <BreakIt nodeId={node.id} type={node.type} />}
    </>
  );
}

/**
 * "Break it" and scheduled incidents, last and collapsed: opened by the person, or already
 * open when this node has a live fault or a scheduled incident.
 */
function BreakIt({ nodeId, type }: { nodeId: string; type: ArchNode['type'] }) {
  const scheduled = useDocumentStore((s) => s.doc.faults.filter((f) => f.node === nodeId).length);
  const live = useSimulationStore((s) => Object.values(s.faults[nodeId] ?? {}).filter(Boolean).length);
  const [open, setOpen] = useState(scheduled > 0 || live > 0);
  const count = scheduled + live;
  return (
    <details className="inspector__section inspector__break" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="inspector__section-title inspector__summary" data-testid="break-it">
        Break it and incidents
        {count > 0 && <span className="inspector__count">{count} on</span>}
      </summary>
      <FaultControls nodeId={nodeId} />
      <ScheduledFaults nodeId={nodeId} type={type} />
    </details>
  );
}
