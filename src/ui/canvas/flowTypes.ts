import type { Edge, Node } from '@xyflow/react';
import type { ArchEdge, ArchNode, EdgeMeaning, NodeType } from '../../model';

/** Each node type is its own literal, so `type` discriminates in React Flow callbacks. */
export type ServiceFlowNode = {
  [T in NodeType]: Node<{ node: Extract<ArchNode, { type: T }> }, T>;
}[NodeType];

export type ServiceFlowEdge = Edge<{ edge: ArchEdge; meaning: EdgeMeaning | null }>;
