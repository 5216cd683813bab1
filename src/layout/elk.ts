/**
 * Auto-layout with elkjs: layered, left to right, the way requests flow. Loaded on demand
 * (the editor's auto-layout button and SAM import use `await import('./elk')`), so the
 * ~1.5 MB layout engine never weighs on the first page load.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Architecture } from '../model';

/**
 * The node card's size and the canvas snap grid (ui/styles/canvas.css, ui/commands.ts GRID),
 * so laid-out nodes sit on the same grid a dragged node snaps to.
 */
export const NODE_WIDTH = 208;
export const NODE_HEIGHT = 104;
export const GRID = 16;

const OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '96',
  'elk.spacing.componentComponent': '64',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

let engine: InstanceType<typeof ELK> | undefined;

const snap = (v: number) => Math.round(v / GRID) * GRID;

/** A new document with every node placed; nothing else changes. */
export async function layoutDocument(doc: Architecture): Promise<Architecture> {
  if (doc.nodes.length === 0) return doc;
  engine ??= new ELK();
  const ids = new Set(doc.nodes.map((n) => n.id));
  const graph: ElkNode = {
    id: '__root__',
    layoutOptions: OPTIONS,
    children: doc.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: doc.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const laid = await engine.layout(graph);
  const at = new Map((laid.children ?? []).map((c) => [c.id, { x: snap(c.x ?? 0), y: snap(c.y ?? 0) }]));
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: at.get(n.id) ?? n.position })) };
}
