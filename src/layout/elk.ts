/**
 * Auto-layout on demand: a left-to-right layered layout by elkjs (Eclipse Layout Kernel).
 * Loaded with a dynamic import only, so elkjs stays out of the initial bundle.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Architecture } from '../model';

/** The node card's size on the canvas (ui/styles/canvas.css). */
const NODE_WIDTH = 208;
const NODE_HEIGHT = 104;
const GRID = 16;

const snap = (v: number) => Math.round(v / GRID) * GRID;

export async function layoutDocument(doc: Architecture): Promise<Architecture> {
  if (doc.nodes.length === 0) return doc;
  const elk = new ELK();
  const ids = new Set(doc.nodes.map((n) => n.id));
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'SPLINES',
      'elk.layered.spacing.nodeNodeBetweenLayers': '96',
      'elk.spacing.nodeNode': '48',
      'elk.spacing.componentComponent': '64',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: doc.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: doc.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions = new Map((graph.children ?? []).map((c) => [c.id, { x: snap(c.x ?? 0), y: snap(c.y ?? 0) }]));
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
}
