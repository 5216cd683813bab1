import { describe, expect, it } from 'vitest';
import { getAt, setAt } from './valuePath';

describe('getAt / setAt', () => {
  const doc = { nodes: [{ id: 'fn', config: { handler: { meanMs: 50 } } }], name: 'x' };

  it('reads nested values through objects and arrays; undefined off the path', () => {
    expect(getAt(doc, ['nodes', 0, 'config', 'handler', 'meanMs'])).toBe(50);
    expect(getAt(doc, ['nodes', 1, 'config'])).toBeUndefined();
    expect(getAt(doc, ['name', 'length', 'x'])).toBeUndefined();
    expect(getAt(doc, [])).toBe(doc);
  });

  it('writes a copy, leaving the original and untouched branches as they were', () => {
    const next = setAt(doc, ['nodes', 0, 'config', 'handler', 'meanMs'], 80);
    expect(getAt(next, ['nodes', 0, 'config', 'handler', 'meanMs'])).toBe(80);
    expect(doc.nodes[0].config.handler.meanMs).toBe(50);
    expect(Array.isArray(next.nodes)).toBe(true);
    expect(next.name).toBe('x');
  });

  it('creates missing objects on the way', () => {
    expect(setAt({}, ['stream', 'enabled'], true)).toEqual({ stream: { enabled: true } });
    expect(setAt(undefined, ['a'], 1)).toEqual({ a: 1 });
  });
});
