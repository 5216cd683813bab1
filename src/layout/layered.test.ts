import { describe, expect, it } from 'vitest';
import { restoreDocument, type Architecture } from '../model';
import * as elk from './elk';
import { GRID, layeredLayout, NODE_HEIGHT, NODE_WIDTH } from './layered';

function doc(ids: string[], edges: [string, string][]): Architecture {
  const r = restoreDocument({
    format: 'serverless-sandbox',
    version: 1,
    name: 't',
    nodes: ids.map((id) => ({ id, type: id.startsWith('q') ? 'sqs' : id.startsWith('c') ? 'client' : 'lambda', config: {} })),
    edges: edges.map(([source, target], i) => ({ id: `e${i}`, source, target })),
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.document;
}

describe('layeredLayout', () => {
  it('uses the card size and grid of the elk layout', () => {
    expect([NODE_WIDTH, NODE_HEIGHT, GRID]).toEqual([elk.NODE_WIDTH, elk.NODE_HEIGHT, elk.GRID]);
  });
  it('places each node one column right of its furthest caller, on the grid, without overlaps', () => {
    const d = layeredLayout(
      doc(
        ['c', 'a', 'b', 'q', 'w'],
        [
          ['c', 'a'],
          ['a', 'q'],
          ['q', 'w'],
          ['c', 'b'],
          ['b', 'w'],
        ],
      ),
    );
    const x = Object.fromEntries(d.nodes.map((n) => [n.id, n.position.x]));
    expect(x.c).toBe(0);
    expect(x.a).toBe(x.b);
    expect(x.q).toBeGreaterThan(x.a);
    expect(x.w).toBeGreaterThan(x.q);
    const spots = new Set(d.nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(spots.size).toBe(d.nodes.length);
    for (const n of d.nodes) expect((n.position.x % GRID) + (n.position.y % GRID)).toBe(0);
  });
  it('terminates on cycles and keeps every node', () => {
    const d = layeredLayout(
      doc(
        ['a', 'b', 'q1'],
        [
          ['a', 'b'],
          ['b', 'a'],
          ['a', 'q1'],
        ],
      ),
    );
    expect(d.nodes).toHaveLength(3);
    expect(new Set(d.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(3);
  });
});
