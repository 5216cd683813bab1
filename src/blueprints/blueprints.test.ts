import { describe, expect, it } from 'vitest';
import { restoreDocument, validateDocument } from '../model';
import { runToCompletion } from '../analysis/batch';
import { BLUEPRINTS } from './index';

describe('blueprints', () => {
  it('at least eight, with unique ids and a sentence on when to use each', () => {
    expect(BLUEPRINTS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(BLUEPRINTS.map((b) => b.id)).size).toBe(BLUEPRINTS.length);
    for (const b of BLUEPRINTS) expect(b.when, b.id).toMatch(/^[A-Z].{30,}\.$/);
  });

  for (const b of BLUEPRINTS) {
    it(`${b.id}: a valid document that simulates with requests and no problems`, () => {
      const restored = restoreDocument(JSON.parse(JSON.stringify(b.document)));
      expect(restored.ok, restored.ok ? '' : restored.errors.join('\n')).toBe(true);
      expect(validateDocument(b.document)).toEqual([]);
      const { summary } = runToCompletion(b.document);
      const invocations = Object.values(summary.nodes).reduce((n, x) => n + (((x as Record<string, unknown>).invocations as number) ?? 0), 0);
      expect(invocations, 'functions invoked').toBeGreaterThan(0);
      expect(summary.requests.total, 'requests').toBeGreaterThan(0);
      if (b.id === 'scheduled-dlq') expect((summary.nodes.failed as Record<string, number>).sent, 'failed runs kept').toBeGreaterThan(0);
      // every function on the path does work
      for (const n of b.document.nodes.filter((x) => x.type === 'lambda')) {
        expect((summary.nodes[n.id] as Record<string, number>).invocations, `${n.label} invoked`).toBeGreaterThan(0);
      }
    });
  }
});
