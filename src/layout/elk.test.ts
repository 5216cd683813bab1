import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../model';
import { GRID, NODE_WIDTH, layoutDocument } from './elk';

describe('layoutDocument', () => {
  it('places nodes left to right along the edges, on the grid, without overlaps', async () => {
    const doc = defaultScenario();
    const moved = doc.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } }));
    const laid = await layoutDocument({ ...doc, nodes: moved });
    const x = Object.fromEntries(laid.nodes.map((n) => [n.id, n.position.x]));
    expect(x.users).toBeLessThan(x.api);
    expect(x.api).toBeLessThan(x.fn);
    expect(x.fn).toBeLessThan(x.table);
    for (const n of laid.nodes) {
      expect(n.position.x % GRID).toBe(0);
      expect(n.position.y % GRID).toBe(0);
    }
    const xs = laid.nodes.map((n) => n.position.x).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(NODE_WIDTH);
    // A new document: the input is not changed.
    expect(moved.every((n) => n.position.x === 0)).toBe(true);
    expect(laid.edges).toEqual(doc.edges);
  }, 30_000);

  it('returns an empty document as it is', async () => {
    const doc = { ...defaultScenario(), nodes: [], edges: [] };
    expect(await layoutDocument(doc)).toEqual(doc);
  });
});
