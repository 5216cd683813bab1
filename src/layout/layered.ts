/**
 * A quick layered layout, linear in nodes and edges: columns by distance from the nodes
 * nobody calls (left to right, the way requests flow), rows in document order. The template
 * import worker uses it so an import never waits for the ~1.5 MB layout engine; the
 * Auto-layout button (elk.ts) refines it on request.
 */
import type { Architecture } from '../model';

/** The card size and grid of elk.ts (not imported: that would bring the layout engine along; a test keeps them equal). */
export const NODE_WIDTH = 208;
export const NODE_HEIGHT = 104;
export const GRID = 16;

const COL = NODE_WIDTH + 96;
const ROW = NODE_HEIGHT + 48;
const snap = (v: number) => Math.round(v / GRID) * GRID;

export function layeredLayout(doc: Architecture): Architecture {
  const index = new Map<string, number>();
  doc.nodes.forEach((n, i) => index.set(n.id, i));
  const out: number[][] = doc.nodes.map(() => []);
  const indegree = new Array<number>(doc.nodes.length).fill(0);
  for (const e of doc.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    out[s].push(t);
    indegree[t]++;
  }
  // Kahn's order gives each node the longest path from a source; nodes left in cycles keep the
  // column of the first predecessor that reached them.
  const column = new Array<number>(doc.nodes.length).fill(0);
  const left = [...indegree];
  const queue: number[] = [];
  left.forEach((d, i) => d === 0 && queue.push(i));
  const seen = new Array<boolean>(doc.nodes.length).fill(false);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    seen[v] = true;
    for (const t of out[v]) {
      column[t] = Math.max(column[t], column[v] + 1);
      if (--left[t] === 0) queue.push(t);
    }
  }
  const rows = new Map<number, number>();
  const nodes = doc.nodes.map((n, i) => {
    const c = seen[i] ? column[i] : Math.max(column[i], 1);
    const r = rows.get(c) ?? 0;
    rows.set(c, r + 1);
    return { ...n, position: { x: snap(c * COL), y: snap(r * ROW) } };
  });
  return { ...doc, nodes };
}
