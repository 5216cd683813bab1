/** A part of a diagram lifted out for copy/paste and duplicate. */
import type { ArchEdge, ArchNode, Architecture } from './document';

export interface Fragment {
  nodes: ArchNode[];
  /** Only edges whose two ends are both in `nodes`. */
  edges: ArchEdge[];
}

export function extractFragment(doc: Architecture, nodeIds: readonly string[]): Fragment {
  const ids = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => ids.has(n.id));
  const edges = doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  // A document is JSON data: a JSON round trip is a deep copy.
  return JSON.parse(JSON.stringify({ nodes, edges })) as Fragment;
}
