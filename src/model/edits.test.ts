import { describe, expect, it } from 'vitest';
import { defaultScenario } from './defaultScenario';
import type { Architecture, ArchNode } from './document';
import * as edits from './edits';
import { extractFragment } from './fragment';
import { validateDocument } from './restore';

function node(doc: Architecture, id: string): ArchNode {
  const found = doc.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

const results = new WeakMap<Architecture, object>();

/** The document an edit made; fails the test with its problems when it was refused. */
function applied<E extends object>(edit: edits.Edit<E>): Architecture & { readonly __extra?: E } {
  if (!edit.ok) throw new Error(`refused: ${edit.problems.join('; ')}`);
  results.set(edit.doc, edit);
  return edit.doc;
}

/** What the edit that made `doc` reported besides the document (new ids, info). */
function resultOf<E extends object>(doc: Architecture & { readonly __extra?: E }): E {
  return results.get(doc) as E;
}

function problems(edit: edits.Edit<object>): string {
  expect(edit.ok).toBe(false);
  return edit.ok ? '' : edit.problems.join('\n');
}

describe('model edits', () => {
  it('never mutate the document they are given', () => {
    const doc = defaultScenario();
    const before = JSON.stringify(doc);
    applied(edits.updateNodeConfig(doc, 'fn', ['memoryMb'], 2048));
    applied(edits.addNode(doc, 'sqs', { x: 0, y: 0 }));
    applied(edits.connect(doc, 'table', 'fn'));
    applied(edits.removeElements(doc, ['fn'], []));
    applied(edits.moveNodes(doc, [{ id: 'fn', position: { x: 1, y: 2 } }]));
    applied(edits.renameNode(doc, 'fn', 'placeOrder'));
    applied(edits.insertFragment(doc, extractFragment(doc, ['api', 'fn']), { x: 32, y: 32 }));
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('update a field by path, nested and union fields included', () => {
    const doc = defaultScenario();
    expect((node(applied(edits.updateNodeConfig(doc, 'fn', ['memoryMb'], 2048)), 'fn').config as { memoryMb: number }).memoryMb).toBe(2048);
    const rps = applied(edits.updateNodeConfig(doc, 'users', ['traffic', 'rps'], 120));
    expect(node(rps, 'users').config).toMatchObject({ traffic: { rps: 120 } });
    // Switching a union's variant gives the new variant's defaults.
    const ramp = applied(edits.updateNodeConfig(doc, 'users', ['traffic', 'shape'], 'ramp'));
    expect(node(ramp, 'users').config).toMatchObject({ traffic: { shape: 'ramp', fromRps: 0, toRps: 500 } });
  });

  it('refuse a bad field edit with a problem naming what is allowed', () => {
    const doc = defaultScenario();
    expect(problems(edits.updateNodeConfig(doc, 'fn', ['memoryMb'], 20_000))).toContain('128–10,240 MB');
    expect(problems(edits.updateNodeConfig(doc, 'fn', ['nope'], 1))).toContain('"nope" is not a setting of this service');
    expect(problems(edits.updateNodeConfig(doc, 'ghost', ['memoryMb'], 1024))).toContain('there is no node "ghost"');
    expect(problems(edits.updateNodeConfig(doc, 'fn', [], 1))).toContain('no field named');
    expect(problems(edits.updateNodeConfig(doc, 'users', ['traffic', 'shape'], 'zigzag'))).toMatch(/must be one of/);
    // A rule across fields: p99 below the mean.
    expect(problems(edits.updateNodeConfig(doc, 'fn', ['handler', 'p99Ms'], 10))).toMatch(/above the mean/);
  });

  it('add a node with a fresh id, default config and a readable name', () => {
    const doc = applied(edits.addNode(defaultScenario(), 'sqs', { x: 10.4, y: 2e9 }));
    expect(resultOf(doc).nodeId).toBe('sqs-1');
    expect(node(doc, 'sqs-1')).toMatchObject({ label: 'SQS 1', position: { x: 10, y: 1e6 }, config: { batchSize: 10 } });
    expect(resultOf(applied(edits.addNode(doc, 'sqs', { x: 0, y: 0 }))).nodeId).toBe('sqs-2');
    expect(problems(edits.addNode(defaultScenario(), 'mainframe' as never, { x: 0, y: 0 }))).toContain('not a service the sandbox knows');
  });

  it('connect what AWS allows, turning a read stream on, and refuse the rest with a reason', () => {
    const doc = defaultScenario();
    const stream = applied(edits.connect(doc, 'table', 'fn'));
    expect(resultOf(stream)).toMatchObject({ edgeId: 'e4', info: expect.stringContaining('Turned on the stream') });
    expect(node(stream, 'table').config).toMatchObject({ stream: { enabled: true } });
    expect(stream.edges.at(-1)).toMatchObject({ source: 'table', target: 'fn', kind: 'stream' });

    expect(problems(edits.connect(doc, 'table', 'api'))).toContain('is not a connection AWS offers');
    expect(problems(edits.connect(doc, 'fn', 'fn'))).toContain('cannot connect to itself');
    expect(problems(edits.connect(doc, 'api', 'fn'))).toContain('is already connected');
    expect(problems(edits.connect(doc, 'api', 'ghost'))).toContain('Both ends');
  });

  it('change an edge kind and label, and refuse a meaning the pair does not have', () => {
    const withFn = applied(edits.addNode(defaultScenario(), 'lambda', { x: 0, y: 0 }));
    const joined = applied(edits.connect(withFn, 'fn', resultOf(withFn).nodeId));
    const asyncEdge = applied(edits.updateEdge(joined, resultOf(joined).edgeId, { kind: 'async', label: 'fire and forget' }));
    expect(asyncEdge.edges.at(-1)).toMatchObject({ kind: 'async', label: 'fire and forget' });
    expect(problems(edits.updateEdge(joined, resultOf(joined).edgeId, { kind: 'dlq' }))).not.toBe('');
    expect(problems(edits.updateEdge(joined, 'nope', { label: 'x' }))).toContain('there is no edge "nope"');
    expect(problems(edits.updateEdge(joined, resultOf(joined).edgeId, { label: 'x'.repeat(500) }))).toContain('longer than');
  });

  it('remove nodes with their edges, faults and goals; removing nothing changes nothing', () => {
    let doc = applied(edits.setFaults(defaultScenario(), [{ kind: 'down', node: 'fn', atS: 10, lengthS: 5 }]));
    doc = applied(
      edits.setGoals(doc, [
        { metric: 'errors', op: '==', value: 0, node: 'fn' },
        { metric: 'throttled', op: '==', value: 0 },
      ]),
    );
    const removed = applied(edits.removeElements(doc, ['fn'], []));
    expect(removed.nodes.map((n) => n.id)).toEqual(['users', 'api', 'table']);
    expect(removed.edges.map((e) => e.id)).toEqual(['e1']);
    expect(removed.faults).toEqual([]);
    expect(removed.goals).toEqual([{ metric: 'throttled', op: '==', value: 0 }]);
    const none = edits.removeElements(doc, ['ghost'], ['nope']);
    expect(none.ok && none.changed).toBe(false);
    expect(none.ok && none.doc).toBe(doc);
  });

  it('refuse faults and goals the schema refuses, and settings out of range', () => {
    const doc = defaultScenario();
    expect(problems(edits.setFaults(doc, [{ kind: 'down', node: 'fn', atS: -5, lengthS: 5 }]))).toMatch(/0 or more/);
    expect(problems(edits.setGoals(doc, [{ metric: 'speed' as never, op: '<', value: 1 }]))).toContain('is not a goal metric');
    expect(applied(edits.setGoals(doc, [])).goals).toBeUndefined();
    expect(applied(edits.updateSettings(doc, { durationS: 600 })).settings.durationS).toBe(600);
    expect(problems(edits.updateSettings(doc, { durationS: 0 }))).not.toBe('');
    expect(problems(edits.updateSettings(doc, { warp: 9 } as never))).toContain('"warp" is not a document setting');
    // Below what the functions reserve: a rule across nodes.
    const reserved = applied(edits.updateNodeConfig(doc, 'fn', ['reservedConcurrency'], 500));
    expect(problems(edits.updateSettings(reserved, { accountConcurrency: 100 }))).not.toBe('');
  });

  it('rename a node, clearing the name when blank, and refuse over-long names', () => {
    const doc = defaultScenario();
    expect(node(applied(edits.renameNode(doc, 'fn', 'placeOrder')), 'fn').label).toBe('placeOrder');
    expect(node(applied(edits.renameNode(doc, 'fn', '  ')), 'fn')).not.toHaveProperty('label');
    expect(problems(edits.renameNode(doc, 'fn', 'x'.repeat(500)))).toContain('longer than');
    expect(problems(edits.renameNode(doc, 'ghost', 'x'))).toContain('there is no node');
    expect(problems(edits.setDocumentInfo(doc, { name: 'n'.repeat(500) }))).toContain('longer than');
  });

  it('move nodes with rounded coordinates; a move to where a node already is changes nothing', () => {
    const doc = defaultScenario();
    const moved = applied(edits.moveNodes(doc, [{ id: 'fn', position: { x: 600.6, y: 200 } }]));
    expect(node(moved, 'fn').position).toEqual({ x: 601, y: 200 });
    const same = edits.moveNodes(moved, [{ id: 'fn', position: { x: 601, y: 200 } }]);
    expect(same.ok && same.changed).toBe(false);
  });

  it('insert a fragment under fresh ids with its inner edges', () => {
    const doc = defaultScenario();
    const pasted = applied(edits.insertFragment(doc, extractFragment(doc, ['api', 'fn']), { x: 32, y: 32 }));
    expect(resultOf(pasted).nodeIds).toEqual(['apiGateway-1', 'lambda-1']);
    expect(resultOf(pasted).edgeIds).toHaveLength(1);
    expect(pasted.edges.at(-1)).toMatchObject({ source: 'apiGateway-1', target: 'lambda-1' });
    expect(validateDocument(pasted)).toEqual([]);
    expect(problems(edits.insertFragment(doc, { nodes: [], edges: [] }, { x: 0, y: 0 }))).toContain('nothing to add');
  });

  it('refuse a paste that breaks a rule across nodes, with the rule', () => {
    // Two functions reserving 500 each leave less than the 100 the account keeps unreserved.
    const doc = applied(edits.updateNodeConfig(defaultScenario(), 'fn', ['reservedConcurrency'], 500));
    const pasted = edits.insertFragment(doc, extractFragment(doc, ['fn']), { x: 32, y: 32 });
    expect(problems(pasted)).toMatch(/concurrency/i);
  });

  it('apply a lesson step: a config edit or a prepared document, refusing an invalid one', () => {
    const doc = defaultScenario();
    const edited = applied(edits.applyStep(doc, { kind: 'edit', node: 'fn', path: ['memoryMb'], value: 512 }));
    expect((node(edited, 'fn').config as { memoryMb: number }).memoryMb).toBe(512);
    expect(problems(edits.applyStep(doc, { kind: 'edit', node: 'fn', path: ['memoryMb'], value: 5 }))).toContain('128–10,240 MB');
    const other = { ...doc, name: 'Prepared', nodes: [], edges: [] };
    expect(applied(edits.applyStep(doc, { kind: 'document', document: other })).name).toBe('Prepared');
    const broken = { ...doc, edges: [{ id: 'x', source: 'users', target: 'nowhere' }] };
    expect(problems(edits.applyStep(doc, { kind: 'document', document: broken }))).toContain('nowhere');
  });
});
