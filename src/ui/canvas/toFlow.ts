/**
 * The one adapter from the architecture document (the source of truth) to what React Flow
 * draws. Nothing else builds React Flow nodes or edges.
 */
import { MarkerType } from '@xyflow/react';
import { resolveEdge, type ArchEdge, type ArchNode, type Architecture, type EdgeKind, type NodeType, type Position } from '../../model';
import type { Selection } from '../../state/editorStore';
import type { ServiceFlowEdge, ServiceFlowNode } from './flowTypes';

export interface FlowView {
  selection: Selection;
  /** Sizes React Flow measured, kept so nodes stay visible between renders. */
  measured: Readonly<Record<string, { width: number; height: number }>>;
  /** Positions of nodes being dragged right now; committed to the document on drop. */
  dragging: Readonly<Record<string, Position>>;
}

export const EMPTY_VIEW: FlowView = { selection: { nodes: [], edges: [] }, measured: {}, dragging: {} };

const KIND_LABEL: Record<EdgeKind, string> = {
  stream: 'stream',
  dlq: 'DLQ',
  onFailure: 'on failure',
  async: 'async',
  authorizer: 'authorizer',
};

/**
 * Flow nodes built for a document node, reused while nothing about it changes, so React Flow
 * re-renders only the cards that did (an edit, a drag or a selection touches one or two).
 */
const nodeCache = new WeakMap<ArchNode, ServiceFlowNode>();

export function toFlowNodes(doc: Architecture, view: FlowView): ServiceFlowNode[] {
  const selected = new Set(view.selection.nodes);
  return doc.nodes.map((node) => {
    const position = view.dragging[node.id] ?? node.position;
    const isSelected = selected.has(node.id);
    const size = view.measured[node.id];
    const cached = nodeCache.get(node);
    if (
      cached &&
      cached.position.x === position.x &&
      cached.position.y === position.y &&
      cached.selected === isSelected &&
      cached.measured?.width === size?.width &&
      cached.measured?.height === size?.height
    ) {
      return cached;
    }
    const flowNode = {
      id: node.id,
      type: node.type,
      position,
      data: { node },
      selected: isSelected,
      ariaLabel: `${node.label ?? node.id} (${node.type})`,
    } as ServiceFlowNode;
    if (size) flowNode.measured = size;
    nodeCache.set(node, flowNode);
    return flowNode;
  });
}

/**
 * Flow edges likewise: a drag re-renders the document's nodes but not its edges, so the same
 * edge objects go back to React Flow and only the edges of the moved node redraw. When every
 * edge object is the one given last time, so is the array: React Flow compares the array,
 * and a new one makes it rebuild its connection lookups for all edges (during a drag, on
 * every pointer move).
 */
const edgeCache = new WeakMap<ArchEdge, { edge: ServiceFlowEdge; sourceType?: string; targetType?: string }>();
let lastEdges: ServiceFlowEdge[] = [];

export function toFlowEdges(doc: Architecture, view: FlowView): ServiceFlowEdge[] {
  const edges = flowEdges(doc, view);
  if (edges.length === lastEdges.length && edges.every((edge, i) => edge === lastEdges[i])) return lastEdges;
  return (lastEdges = edges);
}

function flowEdges(doc: Architecture, view: FlowView): ServiceFlowEdge[] {
  const selected = new Set(view.selection.edges);
  const types = new Map(doc.nodes.map((n) => [n.id, n.type]));
  return doc.edges.map((edge) => {
    const sourceType = types.get(edge.source);
    const targetType = types.get(edge.target);
    const cached = edgeCache.get(edge);
    if (cached && cached.sourceType === sourceType && cached.targetType === targetType && cached.edge.selected === selected.has(edge.id)) return cached.edge;
    const flowEdge = flowEdgeOf(edge, sourceType, targetType, selected.has(edge.id));
    edgeCache.set(edge, { edge: flowEdge, sourceType, targetType });
    return flowEdge;
  });
}

function flowEdgeOf(edge: ArchEdge, sourceType: NodeType | undefined, targetType: NodeType | undefined, isSelected: boolean): ServiceFlowEdge {
  const resolved = sourceType && targetType ? resolveEdge(sourceType, targetType, edge.kind) : null;
  const meaning = resolved?.ok ? resolved.meaning : null;
  const kindLabel = edge.kind ? KIND_LABEL[edge.kind] : undefined;
  const text = [edge.label, kindLabel].filter(Boolean).join(' · ');
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    selected: isSelected,
    data: { edge, meaning },
    className: edge.kind ? `edge-kind-${edge.kind}` : undefined,
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    ...(text ? { label: text } : {}),
  };
}

export function toFlow(doc: Architecture, view: FlowView = EMPTY_VIEW): { nodes: ServiceFlowNode[]; edges: ServiceFlowEdge[] } {
  return { nodes: toFlowNodes(doc, view), edges: toFlowEdges(doc, view) };
}
