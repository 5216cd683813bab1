import { describe, expect, it } from 'vitest';
import { addEntryClients, entryPoints, hasTrafficSource } from './entryTraffic';
import { restoreDocument } from './restore';
import type { Architecture } from './document';

function doc(nodes: [string, string, Record<string, unknown>?][], edges: [string, string, string?][]): Architecture {
  const result = restoreDocument({
    format: 'serverless-sandbox',
    version: 1,
    name: 't',
    nodes: nodes.map(([id, type, config], i) => ({ id, type, label: id.toUpperCase(), position: { x: 400 + i * 10, y: i * 200 }, config: config ?? {} })),
    edges: edges.map(([source, target, kind], i) => ({ id: `e${i}`, source, target, ...(kind ? { kind } : {}) })),
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.document;
}

describe('traffic for entry points', () => {
  it('an API nobody calls gets a sync client at 20 rps, connected straight to it', () => {
    const d = doc(
      [
        ['api', 'apiGateway'],
        ['fn', 'lambda'],
      ],
      [['api', 'fn']],
    );
    expect(hasTrafficSource(d)).toBe(false);
    const { document, added } = addEntryClients(d);
    expect(added).toHaveLength(1);
    expect(added[0].entryId).toBe('api');
    expect(added[0].note).toContain('API');
    const client = document.nodes.find((n) => n.id === added[0].clientId)!;
    expect(client.type).toBe('client');
    expect(client.label).toBe('Traffic for API');
    expect(client.config).toMatchObject({ invocation: 'sync', traffic: { shape: 'constant', rps: 20 } });
    expect(document.edges.some((e) => e.source === client.id && e.target === 'api')).toBe(true);
    expect(client.position.x).toBeLessThan(d.nodes[0].position.x);
    expect(hasTrafficSource(document)).toBe(true);
    expect(restoreDocument(document).ok).toBe(true);
    // the input is left as it was
    expect(d.nodes).toHaveLength(2);
  });

  it('an API already called, a DLQ and a bare queue are not entry points', () => {
    const d = doc(
      [
        ['users', 'client'],
        ['api', 'apiGateway'],
        ['fn', 'lambda'],
        ['q', 'sqs'],
        ['dlq', 'sqs'],
        ['lonely', 'sqs'],
      ],
      [
        ['users', 'api'],
        ['api', 'fn'],
        ['fn', 'q'],
        ['q', 'dlq', 'dlq'],
      ],
    );
    expect(entryPoints(d)).toEqual([]);
    expect(addEntryClients(d).document).toBe(d);
    expect(hasTrafficSource(d)).toBe(true);
  });

  it('a queue and a topic fed from outside get a client calling them with the SDK; a bucket gets a producer function', () => {
    const d = doc(
      [
        ['q', 'sqs'],
        ['worker', 'lambda'],
        ['topic', 'sns'],
        ['sub', 'lambda'],
        ['bucket', 's3'],
        ['thumbs', 'lambda'],
      ],
      [
        ['q', 'worker'],
        ['topic', 'sub'],
        ['bucket', 'thumbs'],
      ],
    );
    const { document, added } = addEntryClients(d);
    expect(added.map((a) => a.entryId)).toEqual(['q', 'topic', 'bucket']);
    for (const a of added.slice(0, 2)) {
      expect(a.producerId).toBeUndefined();
      expect(document.edges.some((e) => e.source === a.clientId && e.target === a.entryId)).toBe(true);
    }
    for (const a of added.slice(2)) {
      expect(a.producerId).toBeDefined();
      expect(document.edges.some((e) => e.source === a.clientId && e.target === a.producerId)).toBe(true);
      expect(document.edges.some((e) => e.source === a.producerId && e.target === a.entryId)).toBe(true);
      const client = document.nodes.find((n) => n.id === a.clientId)!;
      expect(client.config).toMatchObject({ invocation: 'async' });
    }
    const uploader = document.nodes.find((n) => n.id === added[2].clientId)!;
    expect(uploader.config).toMatchObject({ readRatio: 0 });
    expect(restoreDocument(document).ok).toBe(true);
  });

  it('a schedule with a target is a traffic source by itself; an unconnected client is not', () => {
    expect(
      hasTrafficSource(
        doc(
          [
            ['tick', 'eventbridge', { schedule: 'rate(1 minute)' }],
            ['fn', 'lambda'],
          ],
          [['tick', 'fn']],
        ),
      ),
    ).toBe(true);
    expect(
      hasTrafficSource(
        doc(
          [
            ['rule', 'eventbridge', { schedule: null }],
            ['fn', 'lambda'],
          ],
          [['rule', 'fn']],
        ),
      ),
    ).toBe(false);
    expect(
      hasTrafficSource(
        doc(
          [
            ['users', 'client'],
            ['fn', 'lambda'],
          ],
          [],
        ),
      ),
    ).toBe(false);
  });

  it('ids stay unique when the obvious one is taken', () => {
    const d = doc(
      [
        ['traffic-api', 'lambda'],
        ['api', 'apiGateway'],
        ['fn', 'lambda'],
      ],
      [['api', 'fn']],
    );
    const { document, added } = addEntryClients(d);
    expect(added[0].clientId).toBe('traffic-api-2');
    expect(new Set(document.nodes.map((n) => n.id)).size).toBe(document.nodes.length);
  });

  it('stops at the node limit instead of making an invalid document', () => {
    const nodes: [string, string][] = [];
    const edges: [string, string][] = [];
    for (let i = 0; i < 150; i++) {
      nodes.push([`api${i}`, 'apiGateway'], [`fn${i}`, 'lambda']);
      edges.push([`api${i}`, `fn${i}`]);
    }
    const { document, added } = addEntryClients(doc(nodes, edges));
    expect(document.nodes.length).toBe(300);
    expect(added).toHaveLength(0);
  });
});

describe("the Run button's offer", () => {
  it('with no entry point, anyCallable gives the first uncalled function a client', () => {
    const d = doc(
      [
        ['fn', 'lambda'],
        ['table', 'dynamodb'],
      ],
      [['fn', 'table']],
    );
    expect(addEntryClients(d).added).toEqual([]);
    const { document, added } = addEntryClients(d, { anyCallable: true });
    expect(added.map((a) => a.entryId)).toEqual(['fn']);
    expect(document.edges.some((e) => e.source === added[0].clientId && e.target === 'fn')).toBe(true);
    expect(hasTrafficSource(document)).toBe(true);
    expect(restoreDocument(document).ok).toBe(true);
  });
  it('an empty diagram has nothing to offer', () => {
    expect(addEntryClients(doc([], []), { anyCallable: true }).added).toEqual([]);
  });
});
