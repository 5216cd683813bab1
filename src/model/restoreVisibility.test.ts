import { describe, expect, it } from 'vitest';
import { restoreDocument, validateDocument, type Architecture } from '.';

const raw = (visibilityTimeoutS: number, timeoutMs: number) => ({
  format: 'serverless-sandbox',
  version: 1,
  name: 'old',
  settings: {},
  nodes: [
    { id: 'q', type: 'sqs', label: 'Orders queue', config: { visibilityTimeoutS } },
    { id: 'fn', type: 'lambda', label: 'worker', config: { timeoutMs } },
  ],
  edges: [{ id: 'e1', source: 'q', target: 'fn' }],
});

describe('a queue mapped to a function with a longer timeout (AWS refuses the mapping)', () => {
  it('an old saved document still opens: the visibility timeout is raised, with a note naming both', () => {
    const input = raw(30, 60_000);
    const r = restoreDocument(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const q = r.document.nodes.find((n) => n.id === 'q') as Extract<Architecture['nodes'][number], { type: 'sqs' }>;
    expect(q.config.visibilityTimeoutS).toBe(60);
    expect(r.warnings[0]).toMatch(/"Orders queue": visibility timeout raised from 30 s to 60 s, the timeout of "worker"/);
    // the input object is not changed
    expect(input.nodes[0].config.visibilityTimeoutS).toBe(30);
  });

  it('an edit that breaks the rule is refused with a clear message', () => {
    const r = restoreDocument(raw(30, 20_000));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.some((w) => w.includes('raised'))).toBe(false);
    const doc = structuredClone(r.document) as Architecture;
    const fn = doc.nodes.find((n) => n.id === 'fn') as Extract<Architecture['nodes'][number], { type: 'lambda' }>;
    fn.config.timeoutMs = 45_000;
    expect(validateDocument(doc).join('\n')).toMatch(
      /AWS refuses this event source mapping: the function timeout of "fn" \(45 s\) exceeds the visibility timeout of queue "q" \(30 s\)/,
    );
  });
});
