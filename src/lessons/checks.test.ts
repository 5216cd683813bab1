/**
 * Every lesson check is a real predicate: on the simulated numbers it passes at its step
 * (after the step's change), and — for a change step — fails on the numbers from before
 * the change, unless the lesson's point is that the number does not move.
 */
import { describe, expect, it } from 'vitest';
import { runToCompletion } from '../analysis/batch';
import { Simulation } from '../sim';
import type { Architecture } from '../model';
import { evaluateCheck, numbersFromLive, numbersFromSummary, type LessonCheck, type RunNumbers } from './checks';
import { LESSONS, withEdit } from './index';

/** Checks that hold before their change too: the lesson shows that this number stays put. */
const HOLDS_BEFORE = new Set(['cold-starts:1']);

function stageDocs(id: string): Architecture[] {
  const lesson = LESSONS.find((l) => l.id === id)!;
  let doc = lesson.document;
  return lesson.steps.map((step) => {
    const c = step.change;
    if (c) doc = c.kind === 'document' ? c.document : withEdit(doc, c.node, c.path, c.value);
    return doc;
  });
}

describe('lesson checks', () => {
  it('every lesson has at least one check, on a step with a change, and says what was learnt', () => {
    for (const lesson of LESSONS) {
      expect(
        lesson.steps.some((s) => s.check && s.change),
        lesson.id,
      ).toBe(true);
      expect(lesson.learnt.length, lesson.id).toBeGreaterThan(40);
    }
  });

  for (const lesson of LESSONS) {
    it(`${lesson.id}: each check passes after its step and fails before its change`, () => {
      const docs = stageDocs(lesson.id);
      const cache = new Map<Architecture, RunNumbers>();
      const numbers = (doc: Architecture) => {
        if (!cache.has(doc)) cache.set(doc, numbersFromSummary(runToCompletion(doc).summary));
        return cache.get(doc)!;
      };
      lesson.steps.forEach((step, i) => {
        if (!step.check) return;
        const after = evaluateCheck(step.check, numbers(docs[i]));
        expect(after.status, `${lesson.id} step ${i + 1} "${step.check.label}" measured ${after.value}`).toBe('pass');
        if (step.change && !HOLDS_BEFORE.has(`${lesson.id}:${i}`)) {
          const beforeDoc = i === 0 ? lesson.document : docs[i - 1];
          const before = evaluateCheck(step.check, numbers(beforeDoc));
          expect(before.status, `${lesson.id} step ${i + 1} before its change, measured ${before.value}`).toBe('fail');
        }
      });
    });
  }
});

describe('deciding while the run plays', () => {
  const zero: RunNumbers = { done: false, totals: { requests: 10, throttled: 0, errors: 0, timeouts: 0, coldStarts: 0, p99Ms: 50 }, nodes: {} };
  const atMostZero: LessonCheck = { label: 'x', measure: { of: 'total', field: 'throttled' }, op: '<=', value: 0 };
  const someCold: LessonCheck = { label: 'y', measure: { of: 'total', field: 'coldStarts' }, op: '>', value: 0 };
  const fastP99: LessonCheck = { label: 'z', measure: { of: 'p99Ms' }, op: '<', value: 100 };

  it('a count under a ceiling fails at once when exceeded, and passes only at the end', () => {
    expect(evaluateCheck(atMostZero, zero).status).toBe('pending');
    expect(evaluateCheck(atMostZero, { ...zero, totals: { ...zero.totals, throttled: 1 } }).status).toBe('fail');
    expect(evaluateCheck(atMostZero, { ...zero, done: true }).status).toBe('pass');
  });
  it('a count over a floor passes as soon as reached', () => {
    expect(evaluateCheck(someCold, zero).status).toBe('pending');
    expect(evaluateCheck(someCold, { ...zero, totals: { ...zero.totals, coldStarts: 3 } }).status).toBe('pass');
    expect(evaluateCheck(someCold, { ...zero, done: true }).status).toBe('fail');
  });
  it('a percentile is decided at the end; a run with no requests proves nothing', () => {
    expect(evaluateCheck(fastP99, zero).status).toBe('pending');
    expect(evaluateCheck(fastP99, { ...zero, done: true }).status).toBe('pass');
    expect(evaluateCheck(fastP99, { ...zero, done: true, totals: { ...zero.totals, requests: 0 } }).status).toBe('fail');
    expect(evaluateCheck(atMostZero, { ...zero, done: true, totals: { ...zero.totals, requests: 0 } }).status).toBe('fail');
  });

  it('live frames give the same verdict as the summary for the reserved-concurrency lesson', () => {
    const lesson = LESSONS.find((l) => l.id === 'reserved-concurrency')!;
    const check = lesson.steps[2].check!;
    const sim = new Simulation(lesson.document, {});
    sim.advance(20_000);
    const frame = sim.takeFrame();
    const live = numbersFromLive(frame.totals, frame.nodes, sim.history(), false);
    expect(evaluateCheck(check, live).status).toBe('fail'); // throttled already, decided early
  });
});
