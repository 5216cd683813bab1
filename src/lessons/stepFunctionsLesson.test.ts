/**
 * "Express workflows are always cheaper": the lesson's effect, run in the simulator. The
 * Step Functions cost of each stage is compared with the other workflow type on the same
 * document, so the verdict (which type is cheaper) is checked where the answer is known
 * from AWS's price formulas (docs/aws-reference.md §11.4).
 */
import { describe, expect, it } from 'vitest';
import type { Architecture } from '../model';
import { runToCompletion } from '../analysis/batch';
import { lessonById, withEdit } from './index';

function stages(): Architecture[] {
  const lesson = lessonById('express-cheaper')!;
  const docs = [lesson.document];
  for (const step of lesson.steps) {
    const c = step.change;
    if (!c) continue;
    const last = docs[docs.length - 1];
    docs.push(c.kind === 'document' ? c.document : withEdit(last, c.node, c.path, c.value));
  }
  return docs;
}

/** Step Functions cost of the run, USD. */
function cost(doc: Architecture): number {
  return runToCompletion(doc).summary.costUsd.byService.stepFunctions ?? 0;
}

/** The same document with orders arriving only in the first 100 s: every execution ends within the run. */
function finishing(doc: Architecture): Architecture {
  return withEdit(doc, 'shop', ['traffic'], { shape: 'spike', baseRps: 0, peakRps: 10, atS: 0, lengthS: 100 });
}

/** Step Functions cost per execution, every execution finished, USD. */
function perExecution(doc: Architecture): number {
  const s = runToCompletion(finishing(doc)).summary;
  const f = s.nodes.orders as unknown as { executions: number; running: number };
  expect(f.running).toBe(0);
  return (s.costUsd.byService.stepFunctions ?? 0) / f.executions;
}

const GB_S = 0.00001667;
const SIXTEENTH = 64 / 1024;

describe('lesson 12: Express workflows are not always cheaper', () => {
  const [standardLong, expressLong, expressShort, expressBig] = stages();
  const standardShort = withEdit(expressShort, 'orders', ['workflowType'], 'standard');

  it('has its four stages', () => {
    expect(stages()).toHaveLength(4);
  });

  it('as the lesson runs: Express costs more with the 2-minute wait, far less with 10 s, more again with 512 MB', () => {
    const sLong = cost(standardLong);
    const eLong = cost(expressLong);
    const eShort = cost(expressShort);
    const sShort = cost(standardShort);
    const eBig = cost(expressBig);
    expect(eLong).toBeGreaterThan(1.5 * sLong);
    expect(eShort * 4).toBeLessThan(sShort);
    expect(eShort * 5).toBeLessThan(eLong);
    expect(eBig).toBeGreaterThan(sShort);
  });

  it('per finished execution, the prices are the AWS formulas', () => {
    // Standard: 3 state transitions at $0.025 per 1,000, whatever the wait
    expect(perExecution(standardLong)).toBeCloseTo(3 * 0.000025, 9);
    expect(perExecution(standardShort)).toBeCloseTo(3 * 0.000025, 9);
    // Express: $1 per million + duration (1 s + wait + 1 s + transitions and hops, rounded up to 100 ms) × 64 MB
    const long = perExecution(expressLong);
    expect(long).toBeGreaterThan(1e-6 + 122.1 * SIXTEENTH * GB_S);
    expect(long).toBeLessThan(1e-6 + 122.6 * SIXTEENTH * GB_S);
    const short = perExecution(expressShort);
    expect(short).toBeGreaterThan(1e-6 + 12.1 * SIXTEENTH * GB_S);
    expect(short).toBeLessThan(1e-6 + 12.6 * SIXTEENTH * GB_S);
    // 512 MB: eight 64 MB chunks
    const big = perExecution(expressBig);
    expect(big - 1e-6).toBeCloseTo(8 * (short - 1e-6), 8);
  });
});
