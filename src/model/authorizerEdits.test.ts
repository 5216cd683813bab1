/** An API's authorizer edge follows its setting, as a state machine's task edges follow its definition. */
import { describe, expect, it } from 'vitest';
import * as edits from './edits';
import { restoreDocument } from './restore';
import type { Architecture } from './document';

function doc(authorizer?: Record<string, unknown>): Architecture {
  const r = restoreDocument({
    format: 'serverless-sandbox',
    version: 1,
    name: 't',
    settings: {},
    nodes: [
      { id: 'api', type: 'apiGateway', label: 'Orders API', position: { x: 0, y: 0 }, config: authorizer ? { authorizer } : {} },
      { id: 'orders', type: 'lambda', label: 'Orders', position: { x: 200, y: 0 }, config: {} },
      { id: 'auth', type: 'lambda', label: 'Check token', position: { x: 200, y: 200 }, config: {} },
    ],
    edges: [{ id: 'e1', source: 'api', target: 'orders' }],
    faults: [],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.document;
}

const authEdges = (d: Architecture) => d.edges.filter((e) => e.kind === 'authorizer').map((e) => `${e.source}>${e.target}`);

describe('authorizer edges', () => {
  it('an old document without an authorizer loads unchanged', () => {
    const d = doc();
    expect(d.nodes[0].type === 'apiGateway' && d.nodes[0].config.authorizer).toEqual({ type: 'none' });
    expect(d.edges).toHaveLength(1);
  });

  it('choosing a Lambda authorizer picks the first function, and the edge follows the choice', () => {
    const r = edits.updateNodeConfig(doc(), 'api', ['authorizer', 'type'], 'lambda');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(authEdges(r.doc)).toEqual(['api>orders']);
    expect(r.info).toContain('Orders');
    const other = edits.updateNodeConfig(r.doc, 'api', ['authorizer', 'function'], 'auth');
    expect(other.ok && authEdges(other.doc)).toEqual(['api>auth']);
    // the proxy integration stays
    expect(other.ok && other.doc.edges.some((e) => e.source === 'api' && e.target === 'orders' && e.kind === undefined)).toBe(true);
    const off = other.ok ? edits.updateNodeConfig(other.doc, 'api', ['authorizer', 'type'], 'iam') : null;
    expect(off?.ok && authEdges(off.doc)).toEqual([]);
  });

  it('refuses a function that is not a Lambda', () => {
    const r = edits.updateNodeConfig(doc(), 'api', ['authorizer'], { type: 'lambda', function: 'api' });
    expect(r.ok).toBe(false);
  });

  it('drawing an authorizer edge sets the authorizer; deleting it or the function removes it', () => {
    const c = edits.connect(doc(), 'api', 'auth', 'authorizer');
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const api = c.doc.nodes[0];
    expect(api.type === 'apiGateway' && api.config.authorizer).toMatchObject({ type: 'lambda', function: 'auth', cacheTtlS: 300 });
    const edgeGone = edits.removeElements(c.doc, [], [c.edgeId]);
    const fnGone = edits.removeElements(c.doc, ['auth'], []);
    if (!edgeGone.ok || !fnGone.ok) throw new Error('removing never fails');
    expect(edgeGone.doc.nodes[0].type === 'apiGateway' && edgeGone.doc.nodes[0].config.authorizer).toEqual({ type: 'none' });
    expect(fnGone.doc.nodes[0].type === 'apiGateway' && fnGone.doc.nodes[0].config.authorizer).toEqual({ type: 'none' });
    expect(authEdges(fnGone.doc)).toEqual([]);
  });

  it('a document naming an authorizer function gets its edge on load', () => {
    expect(authEdges(doc({ type: 'lambda', function: 'auth' }))).toEqual(['api>auth']);
  });
});
