/**
 * Accounting invariants over random valid documents (fast-check): whatever the diagram, a
 * summary adds up — per node errors + timeouts ≤ invocations, outcomes add up to what was
 * completed, no NaN, no negative cost — and ids named after object built-ins
 * (`__proto__`, `constructor`, `toString`) are ordinary node ids everywhere.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Architecture } from '../model';
import { arbitraryDocument, TRICKY_IDS } from '../sam/testing/arbitraryDocument';
import { Simulation } from './simulation';
import type { SimSummary } from './api';

vi.setConfig({ testTimeout: 120_000 });

/** Short, light runs: the invariants do not depend on length or load. */
function shortened(doc: Architecture): Architecture {
  const d = structuredClone(doc);
  d.settings.durationS = 20;
  for (const n of d.nodes) {
    if (n.type === 'client') {
      const t = n.config.traffic;
      if (t.shape === 'constant') t.rps = Math.min(t.rps, 200);
    }
  }
  return d;
}

function problems(s: SimSummary, doc: Architecture): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.push(`${path} is ${v}`);
      if (/cost/i.test(path) && v < 0) out.push(`${path} is negative (${v})`);
    } else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(s, 'summary');
  const r = s.requests;
  if (r.ok + r.throttled + r.errors + r.timeouts !== r.total) out.push(`requests: ${JSON.stringify(r)} do not add up`);
  for (const node of doc.nodes) {
    if (!Object.prototype.hasOwnProperty.call(s.nodes, node.id)) {
      out.push(`node ${node.id} missing from the summary`);
      continue;
    }
    const n = s.nodes[node.id] as unknown as Record<string, number>;
    if (s.nodes[node.id].type !== node.type) out.push(`node ${node.id} has type ${s.nodes[node.id].type}`);
    if (node.type === 'lambda' && n.errors + n.timeouts > n.invocations)
      out.push(`${node.id}: errors ${n.errors} + timeouts ${n.timeouts} > invocations ${n.invocations}`);
    if (node.type === 'client' && n.ok + n.throttled + n.errors + n.timeouts !== n.completed)
      out.push(`${node.id}: outcomes do not add up to completed ${n.completed}`);
  }
  if (Object.keys(s.nodes).length !== doc.nodes.length) out.push(`summary has ${Object.keys(s.nodes).length} nodes, the document ${doc.nodes.length}`);
  return out;
}

describe('summary invariants over random documents', () => {
  it('every summary adds up (per node and end to end), no NaN, no negative cost; frames keep every node', () => {
    fc.assert(
      fc.property(arbitraryDocument(8, { trickyIds: true }), (raw) => {
        const doc = shortened(raw);
        const sim = new Simulation(doc, { particles: true });
        sim.advance(10_000);
        const frame = sim.takeFrame();
        for (const node of doc.nodes) expect(Object.prototype.hasOwnProperty.call(frame.nodes, node.id), node.id).toBe(true);
        sim.runToEnd();
        const s = sim.summary();
        expect(problems(s, doc)).toEqual([]);
        // JSON (the CLI, the share of results) keeps the tricky ids too
        const back = JSON.parse(JSON.stringify(s)) as SimSummary;
        for (const node of doc.nodes) expect(Object.prototype.hasOwnProperty.call(back.nodes, node.id), node.id).toBe(true);
        for (const w of sim.history()) expect(Object.keys(w.nodes).length).toBe(doc.nodes.length);
      }),
      { numRuns: 40, seed: 1414 },
    );
  });

  it('ids __proto__, constructor and toString are ordinary ids in the summary, frames and history', () => {
    fc.assert(
      fc.property(arbitraryDocument(6, { trickyIds: true, minNodes: 3 }), (raw) => {
        const doc = shortened(raw);
        const sim = new Simulation(doc);
        for (let t = 1000; t <= 20_000; t += 1000) sim.advance(t);
        const s = sim.summary();
        for (const id of TRICKY_IDS) {
          const node = doc.nodes.find((n) => n.id === id);
          if (node) expect((s.nodes[id] as { type: string }).type).toBe(node.type);
        }
        expect(Object.getPrototypeOf(s.nodes)).toBe(null);
        expect(problems(s, doc)).toEqual([]);
      }),
      { numRuns: 25, seed: 99 },
    );
  });
});
