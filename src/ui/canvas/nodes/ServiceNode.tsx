/**
 * The card every service shares: icon, label, and the settings its kind says matter most.
 * Target handle on the left, source handle on the right.
 */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { kindOf, type ArchNode } from '../../../model';
import { NodeLiveBadge } from '../../sim/NodeLiveBadge';
import { ServiceIcon } from '../ServiceIcon';
import type { ServiceFlowNode } from '../flowTypes';

/**
 * React Flow re-renders a node on every pointer move of its drag (its props carry the
 * position); the card itself depends only on the document node and the selection, so it is
 * memoised on those and a drag redraws none of it (the summary formats numbers, which is
 * not free).
 */
function ServiceNodeFrame({ id, data, selected }: NodeProps<ServiceFlowNode>) {
  return <Card id={id} node={data.node} selected={selected} />;
}

const Card = memo(function ServiceNodeCard({ id, node, selected }: { id: string; node: ArchNode; selected: boolean | undefined }) {
  const kind = kindOf(node.type);
  const summary = kind.summary(node.config as never);
  const hasTarget = node.type !== 'client';
  return (
    <div className={`service-node${selected ? ' is-selected' : ''}`}>
      {hasTarget && <Handle type="target" position={Position.Left} aria-label={`Connect into ${node.label ?? node.id}`} />}
      <div className="service-node__head">
        <ServiceIcon type={node.type} size={28} />
        <div className="service-node__titles">
          <div className="service-node__label" title={node.label ?? node.id}>
            {node.label ?? node.id}
          </div>
          <div className="service-node__kind">{kind.label}</div>
        </div>
      </div>
      {summary.length > 0 && (
        <ul className="service-node__summary">
          {summary.slice(0, 3).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <NodeLiveBadge nodeId={id} />
      <Handle type="source" position={Position.Right} aria-label={`Connect from ${node.label ?? node.id}`} />
    </div>
  );
});

export const ServiceNode = memo(ServiceNodeFrame);
