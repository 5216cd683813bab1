/** A state machine's task edges follow its definition through every edit (model/nodes/stepFunctions.ts). */
import { describe, expect, it } from 'vitest';
import { validateDocument, type Branch } from '../model';
import { createDocumentStore } from './documentStore';
import { memoryStorage } from './persistence';

function setup() {
  const store = createDocumentStore({ storage: memoryStorage({}) });
  const s = () => store.getState();
  const machine = s().addNode('stepFunctions', { x: 0, y: 0 })!;
  const a = s().addNode('lambda', { x: 200, y: 0 })!;
  const b = s().addNode('lambda', { x: 200, y: 200 })!;
  const definition = () => (s().doc.nodes.find((n) => n.id === machine)!.config as { definition: Branch }).definition;
  const taskEdges = () =>
    s()
      .doc.edges.filter((e) => e.source === machine)
      .map((e) => e.target)
      .sort();
  return { store, s, machine, a, b, definition, taskEdges };
}

describe('state machine edits', () => {
  it('drawing an edge to a function adds a Task step; editing the definition adds and drops edges', () => {
    const { s, machine, a, b, definition, taskEdges } = setup();
    const r = s().connect(machine, a);
    expect(r.ok).toBe(true);
    expect(r.ok && r.info).toMatch(/Added a step .*Task →/);
    expect(definition()).toEqual([{ type: 'task', target: a, retry: null, catch: false }]);
    expect(taskEdges()).toEqual([a]);
    expect(s().connect(machine, a).ok).toBe(false); // already a task

    expect(s().updateNodeConfig(machine, ['definition'], [{ type: 'parallel', branches: [[a], [b]] }]).ok).toBe(true);
    expect(taskEdges()).toEqual([a, b].sort());
    expect(s().updateNodeConfig(machine, ['definition'], [{ type: 'wait', seconds: 5 }, b]).ok).toBe(true);
    expect(taskEdges()).toEqual([b]);
    expect(validateDocument(s().doc)).toEqual([]);
  });

  it('refuses a step whose target is not a Lambda, saying so', () => {
    const { s, machine } = setup();
    const r = s().updateNodeConfig(machine, ['definition'], [{ type: 'task', target: 'nope' }]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/"nope" is not the id of any node/);
  });

  it('deleting a function or its task edge takes its steps out of the definition', () => {
    const { s, machine, a, b, definition, taskEdges } = setup();
    s().updateNodeConfig(
      machine,
      ['definition'],
      [a, { type: 'map', target: b, items: 3, maxConcurrency: 0, retry: null, catch: false }, { type: 'wait', seconds: 1 }],
    );
    s().removeElements([b], []);
    expect(definition()).toEqual([a, { type: 'wait', seconds: 1 }]);
    expect(taskEdges()).toEqual([a]);
    const edge = s().doc.edges.find((e) => e.source === machine && e.target === a)!;
    s().removeElements([], [edge.id]);
    expect(definition()).toEqual([{ type: 'wait', seconds: 1 }]);
    expect(taskEdges()).toEqual([]);
    expect(validateDocument(s().doc)).toEqual([]);
  });
});
