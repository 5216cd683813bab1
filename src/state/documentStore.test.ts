import { beforeEach, describe, expect, it } from 'vitest';
import { defaultScenario, parseDocumentText, validateDocument, type ArchNode } from '../model';
import { createDocumentStore } from './documentStore';
import { extractFragment } from '../model/fragment';
import { STORAGE_KEY, UNREADABLE_KEY, memoryStorage } from './persistence';

type Store = ReturnType<typeof createDocumentStore>;

function nodeOf(store: Store, id: string): ArchNode {
  const node = store.getState().doc.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

function fresh(initial: Record<string, string> = {}) {
  const storage = memoryStorage(initial);
  const store = createDocumentStore({ storage });
  return { store, storage };
}

describe('documentStore', () => {
  let store: Store;
  let storage: ReturnType<typeof memoryStorage>;

  beforeEach(() => {
    ({ store, storage } = fresh());
    store.setState(store.getInitialState(), true);
    store.temporal.getState().clear();
  });

  it('starts with the default scenario when nothing is saved', () => {
    expect(store.getState().doc).toEqual(defaultScenario());
    expect(store.getState().loadProblems).toBeNull();
  });

  it('restores a saved document and keeps an unreadable one aside', () => {
    const saved = { ...defaultScenario(), name: 'Saved' };
    expect(fresh({ [STORAGE_KEY]: JSON.stringify(saved) }).store.getState().doc.name).toBe('Saved');

    const broken = fresh({ [STORAGE_KEY]: '{"format":"serverless-sandbox","version":1,"nodes":[{"id":"x","type":"lambda","config":{"memoryMb":5}}]}' });
    expect(broken.store.getState().doc).toEqual(defaultScenario());
    expect(broken.store.getState().loadProblems?.join('\n')).toContain('memoryMb');
    expect(broken.storage.data[UNREADABLE_KEY]).toContain('"memoryMb":5');
  });

  it('autosaves every change as a document that restores to the same diagram', () => {
    store.getState().updateNodeConfig('fn', ['memoryMb'], 2048);
    const restored = parseDocumentText(storage.data[STORAGE_KEY]);
    expect(restored.ok && restored.document).toEqual(store.getState().doc);
    store.undo();
    const afterUndo = parseDocumentText(storage.data[STORAGE_KEY]);
    expect(afterUndo.ok && (afterUndo.document.nodes.find((n) => n.id === 'fn')!.config as { memoryMb: number }).memoryMb).toBe(1024);
  });

  it('updates a config value checked against its field spec; invalid values never reach the document', () => {
    expect(store.getState().updateNodeConfig('fn', ['memoryMb'], 2048)).toEqual({ ok: true });
    const refused = store.getState().updateNodeConfig('fn', ['memoryMb'], 20_000);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toContain('128–10,240 MB');
    expect(store.getState().updateNodeConfig('fn', ['memoryMb'], 1000.5).ok).toBe(false);
    expect(store.getState().updateNodeConfig('fn', ['memoryMb'], '2048').ok).toBe(false);
    expect(store.getState().updateNodeConfig('fn', ['nope'], 1).ok).toBe(false);
    expect((nodeOf(store, 'fn').config as { memoryMb: number }).memoryMb).toBe(2048);
    expect(validateDocument(store.getState().doc)).toEqual([]);
  });

  it('edits nested, nullable and union fields', () => {
    const s = store.getState();
    expect(s.updateNodeConfig('users', ['traffic', 'rps'], 120).ok).toBe(true);
    expect(s.updateNodeConfig('users', ['traffic', 'shape'], 'ramp').ok).toBe(true);
    expect(nodeOf(store, 'users').config).toMatchObject({ traffic: { shape: 'ramp', fromRps: 0, toRps: 500 } });
    expect(s.updateNodeConfig('users', ['traffic', 'shape'], 'zigzag').ok).toBe(false);
    expect(s.updateNodeConfig('fn', ['reservedConcurrency'], 50).ok).toBe(true);
    expect(s.updateNodeConfig('fn', ['reservedConcurrency'], null).ok).toBe(true);
    expect(s.updateNodeConfig('fn', ['handler', 'distribution'], 'constant').ok).toBe(true);
    expect(nodeOf(store, 'fn').config).toMatchObject({ handler: { distribution: 'constant', meanMs: 40 } });
    expect(s.updateNodeConfig('table', ['stream', 'enabled'], true).ok).toBe(true);
  });

  it('refuses a value that breaks a rule across fields, with the reason', () => {
    const result = store.getState().updateNodeConfig('fn', ['handler', 'p99Ms'], 10);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/above the mean/);
  });

  it('merges quick edits of one field into one undo step, but not edits of different fields', () => {
    const s = store.getState();
    s.updateNodeConfig('fn', ['memoryMb'], 204);
    s.updateNodeConfig('fn', ['memoryMb'], 2048);
    s.updateNodeConfig('fn', ['timeoutMs'], 5000);
    store.undo();
    expect((nodeOf(store, 'fn').config as { memoryMb: number; timeoutMs: number }).timeoutMs).toBe(3000);
    expect((nodeOf(store, 'fn').config as { memoryMb: number }).memoryMb).toBe(2048);
    store.undo();
    expect((nodeOf(store, 'fn').config as { memoryMb: number }).memoryMb).toBe(1024);
    store.redo();
    expect((nodeOf(store, 'fn').config as { memoryMb: number }).memoryMb).toBe(2048);
  });

  it('updates settings within their ranges', () => {
    const s = store.getState();
    expect(s.updateSettings({ durationS: 600 }).ok).toBe(true);
    expect(s.updateSettings({ durationS: 0 }).ok).toBe(false);
    expect(s.updateSettings({ region: 'mars-1' }).ok).toBe(false);
    expect(store.getState().doc.settings.durationS).toBe(600);
    expect(s.setDocumentInfo({ name: 'Checkout' }).ok).toBe(true);
    expect(store.getState().doc.name).toBe('Checkout');
  });

  it('refuses an account limit below what functions reserve', () => {
    store.getState().updateNodeConfig('fn', ['reservedConcurrency'], 500);
    const result = store.getState().updateSettings({ accountConcurrency: 100 });
    expect(result.ok).toBe(false);
    expect(store.getState().doc.settings.accountConcurrency).toBe(1000);
  });

  it('names a new card after its kind, moving on past a name already taken', () => {
    store.getState().renameNode(store.getState().doc.nodes[0].id, 'API Gateway 1');
    const id = store.getState().addNode('apiGateway', { x: 0, y: 0 })!;
    expect(nodeOf(store, id)?.label).toBe('API Gateway 2');
  });

  it('adds nodes with fresh ids and default config, one undo step each', () => {
    const id = store.getState().addNode('sqs', { x: 10, y: 20 });
    expect(id).toBe('sqs-1');
    expect(store.getState().addNode('sqs', { x: 0, y: 0 })).toBe('sqs-2');
    expect(nodeOf(store, 'sqs-1')).toMatchObject({ type: 'sqs', position: { x: 10, y: 20 }, config: { batchSize: 10 } });
    // A readable default name, never the internal id.
    expect(nodeOf(store, 'sqs-1')?.label).toBe('SQS 1');
    expect(nodeOf(store, 'sqs-2')?.label).toBe('SQS 2');
    store.undo();
    expect(store.getState().doc.nodes).toHaveLength(5);
  });

  it('removes nodes with their edges in one step', () => {
    store.getState().removeElements(['fn'], []);
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(['users', 'api', 'table']);
    expect(store.getState().doc.edges.map((e) => e.id)).toEqual(['e1']);
    store.undo();
    expect(store.getState().doc.edges).toHaveLength(3);
    store.getState().removeElements([], ['e1']);
    expect(store.getState().doc.edges.map((e) => e.id)).toEqual(['e2', 'e3']);
  });

  it('connects what AWS allows and refuses the rest with a reason', () => {
    const s = store.getState();
    const dax = s.addNode('dax', { x: 0, y: 0 })!;
    const refused = store.getState().connect('users', dax);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toContain('Client → DAX is not a connection AWS offers');
    expect(s.connect('fn', 'fn').ok).toBe(false);
    expect(s.connect('api', 'fn').ok).toBe(false); // already connected
    const q = s.addNode('sqs', { x: 0, y: 0 })!;
    const send = store.getState().connect('fn', q);
    expect(send.ok).toBe(true);
    expect(store.getState().doc.edges.at(-1)).not.toHaveProperty('kind');
    // A second meaning of the same pair is its own edge.
    expect(store.getState().connect('fn', q, 'onFailure').ok).toBe(true);
  });

  it('turns a table stream on when a Lambda reads it, in the same undo step', () => {
    const result = store.getState().connect('table', 'fn');
    expect(result.ok && result.info).toContain('Turned on the stream');
    expect(nodeOf(store, 'table').config).toMatchObject({ stream: { enabled: true } });
    expect(store.getState().doc.edges.at(-1)).toMatchObject({ source: 'table', target: 'fn', kind: 'stream' });
    store.undo();
    expect(nodeOf(store, 'table').config).toMatchObject({ stream: { enabled: false } });
    expect(store.getState().doc.edges).toHaveLength(3);
  });

  it('changes an edge kind among the meanings its pair allows', () => {
    const fn2 = store.getState().addNode('lambda', { x: 0, y: 0 })!;
    const connected = store.getState().connect('fn', fn2);
    if (!connected.ok) throw new Error(connected.reason);
    expect(store.getState().updateEdge(connected.edgeId, { kind: 'async' }).ok).toBe(true);
    expect(store.getState().doc.edges.at(-1)!.kind).toBe('async');
    expect(store.getState().updateEdge(connected.edgeId, { kind: 'dlq' }).ok).toBe(false);
    expect(store.getState().updateEdge(connected.edgeId, { kind: null }).ok).toBe(true);
    expect(store.getState().doc.edges.at(-1)).not.toHaveProperty('kind');
  });

  it('moves several nodes in one undo step and skips no-op moves', () => {
    const s = store.getState();
    s.moveNodes([
      { id: 'fn', position: { x: 600, y: 200 } },
      { id: 'table', position: { x: 900, y: 200 } },
    ]);
    const past = store.temporal.getState().pastStates.length;
    s.moveNodes([{ id: 'fn', position: { x: 600, y: 200 } }]);
    expect(store.temporal.getState().pastStates.length).toBe(past);
    store.undo();
    expect(nodeOf(store, 'fn').position).toEqual({ x: 560, y: 80 });
    expect(nodeOf(store, 'table').position).toEqual({ x: 840, y: 80 });
  });

  it('renames a node and clears the label when empty', () => {
    expect(store.getState().renameNode('fn', 'placeOrder').ok).toBe(true);
    expect(nodeOf(store, 'fn').label).toBe('placeOrder');
    store.getState().renameNode('fn', '');
    expect(nodeOf(store, 'fn')).not.toHaveProperty('label');
    expect(store.getState().renameNode('fn', 'x'.repeat(500)).ok).toBe(false);
  });

  it('pastes a fragment under fresh ids with its inner edges', () => {
    const fragment = extractFragment(store.getState().doc, ['api', 'fn']);
    const { nodeIds, edgeIds } = store.getState().insertFragment(fragment, { x: 32, y: 32 });
    expect(nodeIds).toEqual(['apiGateway-1', 'lambda-1']);
    expect(edgeIds).toHaveLength(1);
    expect(store.getState().doc.edges.at(-1)).toMatchObject({ source: 'apiGateway-1', target: 'lambda-1' });
    expect(nodeOf(store, 'lambda-1').position).toEqual({ x: 592, y: 112 });
    expect(validateDocument(store.getState().doc)).toEqual([]);
  });

  it('replaces the document in one step and refuses an invalid one', () => {
    const other = { ...defaultScenario(), name: 'Other', nodes: [], edges: [] };
    expect(store.getState().replaceDocument(other, 'new').ok).toBe(true);
    expect(store.getState().doc.nodes).toHaveLength(0);
    store.undo();
    expect(store.getState().doc.nodes).toHaveLength(4);
    const invalid = { ...defaultScenario(), edges: [{ id: 'x', source: 'users', target: 'nowhere' }] };
    expect(store.getState().replaceDocument(invalid).ok).toBe(false);
    expect(store.getState().doc.edges).toHaveLength(3);
  });
});

describe('documentStore.applyStep', () => {
  it('commits a lesson step: an edit as one undo step, a document as a replacement', () => {
    const { store } = fresh();
    expect(store.getState().applyStep({ kind: 'edit', node: 'fn', path: ['memoryMb'], value: 512 }, 'Less memory')).toEqual({ ok: true });
    expect((nodeOf(store, 'fn').config as { memoryMb: number }).memoryMb).toBe(512);
    const refused = store.getState().applyStep({ kind: 'edit', node: 'fn', path: ['memoryMb'], value: 5 }, 'Too little');
    expect(!refused.ok && refused.reason).toContain('128–10,240 MB');
    const replaced = store.getState().replaceCount;
    expect(store.getState().applyStep({ kind: 'document', document: { ...defaultScenario(), name: 'Step 2' } }, 'Lesson step').ok).toBe(true);
    expect(store.getState()).toMatchObject({ replaceCount: replaced + 1, replaceReason: 'Lesson step' });
    store.undo();
    expect((nodeOf(store, 'fn').config as { memoryMb: number }).memoryMb).toBe(512);
  });
});
