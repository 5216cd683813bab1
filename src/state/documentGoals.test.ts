/** Goals through the document store: checked edits, one undo step, gone with their node. */
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from './documentStore';
import { memoryStorage } from './persistence';

const fresh = () => createDocumentStore({ storage: memoryStorage({}) });

describe('document goals', () => {
  it('are set, checked against the nodes, undone, and removed when empty', () => {
    const store = fresh();
    expect(store.getState().doc.goals).toBeUndefined();
    expect(store.getState().setGoals([{ metric: 'throttled', op: '<=', value: 0, node: 'fn' }]).ok).toBe(true);
    expect(store.getState().doc.goals).toEqual([{ metric: 'throttled', op: '<=', value: 0, node: 'fn' }]);
    const bad = store.getState().setGoals([{ metric: 'throttled', op: '<=', value: 0, node: 'nope' }]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toContain('"nope" is not the id of any node');
    store.temporal.getState().undo();
    expect(store.getState().doc.goals).toBeUndefined();
    store.getState().setGoals([{ metric: 'p99LatencyMs', op: '<=', value: 200 }]);
    store.getState().setGoals([]);
    expect('goals' in store.getState().doc).toBe(false);
  });

  it('lose the goals scoped to a deleted node and keep the others', () => {
    const store = fresh();
    store.getState().setGoals([
      { metric: 'throttled', op: '<=', value: 0, node: 'fn' },
      { metric: 'p99LatencyMs', op: '<=', value: 200 },
    ]);
    store.getState().removeElements(['fn'], []);
    expect(store.getState().doc.goals).toEqual([{ metric: 'p99LatencyMs', op: '<=', value: 200 }]);
  });
});
