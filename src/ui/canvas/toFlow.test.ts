import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../model';
import { toFlow } from './toFlow';

describe('toFlow', () => {
  const doc = defaultScenario();

  it('derives one React Flow node per document node, typed by its service', () => {
    const { nodes } = toFlow(doc);
    expect(nodes.map((n) => [n.id, n.type])).toEqual([
      ['users', 'client'],
      ['api', 'apiGateway'],
      ['fn', 'lambda'],
      ['table', 'dynamodb'],
    ]);
    expect(nodes[2].data.node).toBe(doc.nodes[2]);
    expect(nodes[2].position).toEqual({ x: 560, y: 80 });
  });

  it('marks the selection, keeps measured sizes and shows drag positions', () => {
    const { nodes, edges } = toFlow(doc, {
      selection: { nodes: ['fn'], edges: ['e1'] },
      measured: { fn: { width: 208, height: 104 } },
      dragging: { fn: { x: 1, y: 2 } },
    });
    const fn = nodes.find((n) => n.id === 'fn')!;
    expect(fn.selected).toBe(true);
    expect(fn.measured).toEqual({ width: 208, height: 104 });
    expect(fn.position).toEqual({ x: 1, y: 2 });
    expect(nodes.find((n) => n.id === 'api')!.selected).toBe(false);
    expect(edges.find((e) => e.id === 'e1')!.selected).toBe(true);
  });

  it('reuses the flow node of an unchanged document node', () => {
    const first = toFlow(doc).nodes;
    const moved = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'fn' ? { ...n, position: { x: 0, y: 0 } } : n)) };
    const second = toFlow(moved).nodes;
    expect(second[0]).toBe(first[0]);
    expect(second[2]).not.toBe(first[2]);
    expect(second[2].position).toEqual({ x: 0, y: 0 });
    const selected = toFlow(moved, { selection: { nodes: ['users'], edges: [] }, measured: {}, dragging: {} }).nodes;
    expect(selected[0]).not.toBe(first[0]);
    expect(selected[0].selected).toBe(true);
  });

  it('derives edges with their meaning and labels the non-default kinds', () => {
    const withStream = {
      ...doc,
      edges: [...doc.edges, { id: 'e4', source: 'table', target: 'fn', kind: 'stream' as const }],
    };
    const { edges } = toFlow(withStream);
    expect(edges.map((e) => [e.source, e.target])).toEqual([
      ['users', 'api'],
      ['api', 'fn'],
      ['fn', 'table'],
      ['table', 'fn'],
    ]);
    expect(edges[1].data?.meaning).toBe('proxy');
    expect(edges[1].label).toBeUndefined();
    expect(edges[3].label).toBe('stream');
    expect(edges[3].className).toBe('edge-kind-stream');
  });
  it('gives React Flow the same edge objects during a drag, and new ones when the selection or the edge changes', () => {
    const view = { selection: { nodes: [], edges: [] }, measured: {}, dragging: {} };
    const first = toFlow(doc, view).edges;
    const dragged = toFlow(doc, { ...view, dragging: { fn: { x: 9, y: 9 } } }).edges;
    expect(dragged).toBe(first); // the same array, so React Flow keeps its edge lookups
    const moved = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'fn' ? { ...n, position: { x: 9, y: 9 } } : n)) };
    expect(toFlow(moved, view).edges).toBe(first); // the drop commits the position: still the same edges
    const selected = toFlow(doc, { ...view, selection: { nodes: [], edges: ['e1'] } }).edges;
    expect(selected.find((e) => e.id === 'e1')).not.toBe(first.find((e) => e.id === 'e1'));
    expect(selected.find((e) => e.id === 'e1')!.selected).toBe(true);
    expect(selected.find((e) => e.id === 'e2')).toBe(first.find((e) => e.id === 'e2'));
    const relabelled = { ...doc, edges: doc.edges.map((e) => (e.id === 'e2' ? { ...e, label: 'reads' } : e)) };
    const after = toFlow(relabelled, view).edges.find((e) => e.id === 'e2')!;
    expect(after).not.toBe(first.find((e) => e.id === 'e2'));
    expect(after.label).toBe('reads');
  });
});
