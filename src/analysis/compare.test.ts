/** What-if comparison: the same seed repeats exactly; the table's numbers move the right way. */
import { describe, expect, it } from 'vitest';
import { lessonById, withEdit } from '../lessons';
import { runToCompletion } from './batch';
import { compareSummaries } from './compare';
import { knobKey, setKnob, variantKnobs } from './knobs';

const reserved = lessonById('reserved-concurrency')!.document;

describe('compareSummaries', () => {
  it('the same document on the same seed gives identical summaries: every delta is 0', () => {
    const a = runToCompletion(reserved).summary;
    const b = runToCompletion(structuredClone(reserved)).summary;
    expect(b).toEqual(a);
    const rows = compareSummaries(a, b);
    expect(rows.map((r) => r.key)).toEqual(['p50', 'p99', 'throttled', 'errors', 'timeouts', 'coldStarts', 'monthly']);
    for (const row of rows) {
      expect(row.delta, row.key).toBe(0);
      expect(row.base, row.key).toBe(row.variant);
    }
    // the base throttles, so the ratio is defined for that row
    expect(rows.find((r) => r.key === 'throttled')!.ratio).toBe(0);
  });

  it('a variant with more reserved concurrency throttles less', () => {
    const base = runToCompletion(reserved).summary;
    const variant = runToCompletion(withEdit(reserved, 'orders', ['reservedConcurrency'], 50)).summary;
    const rows = compareSummaries(base, variant);
    const throttled = rows.find((r) => r.key === 'throttled')!;
    expect(throttled.base).toBeGreaterThan(1000);
    expect(throttled.variant).toBeLessThan(throttled.base);
    expect(throttled.delta).toBe(throttled.variant - throttled.base);
    expect(throttled.ratio).toBeCloseTo(throttled.delta / throttled.base, 12);
    // placeOrder itself stops throttling; the asynchronous emails (unchanged) still wait
    expect((variant.nodes.orders as unknown as { throttles: number }).throttles).toBe(0);
  });

  it('counts cold starts over every function and reads cost per month', () => {
    const base = runToCompletion(lessonById('provisioned-concurrency')!.document).summary;
    const variant = runToCompletion(withEdit(lessonById('provisioned-concurrency')!.document, 'fn', ['provisionedConcurrency'], 10)).summary;
    const rows = compareSummaries(base, variant);
    const cold = rows.find((r) => r.key === 'coldStarts')!;
    expect(cold.base).toBeGreaterThan(0);
    expect(cold.variant).toBe(0);
    expect(cold.ratio).toBe(-1);
    const monthly = rows.find((r) => r.key === 'monthly')!;
    expect(monthly.base).toBe(base.costUsd.monthly);
    // provisioned concurrency is billed whether used or not
    expect(monthly.delta).toBeGreaterThan(0);
  });

  it('has no ratio when the base is 0', () => {
    const s = runToCompletion(lessonById('memory-is-cpu')!.document).summary;
    const row = compareSummaries(s, s).find((r) => r.key === 'throttled')!;
    expect(row.base).toBe(0);
    expect(row.ratio).toBeNull();
  });
});

describe('variant knobs', () => {
  it('lists memory, reserved and provisioned for each Lambda and the rates of each client', () => {
    const knobs = variantKnobs(reserved).map((k) => `${knobKey(k)}=${k.value}`);
    expect(knobs).toEqual([
      'web:traffic.rps=60',
      'orders:memoryMb=512',
      'orders:reservedConcurrency=5',
      'orders:provisionedConcurrency=0',
      'jobs:traffic.rps=20',
      'emailer:memoryMb=512',
      'emailer:reservedConcurrency=2',
      'emailer:provisionedConcurrency=0',
    ]);
  });

  it('lists cache TTLs and spike rates', () => {
    const cdn = variantKnobs(lessonById('cloudfront')!.document).map(knobKey);
    expect(cdn).toContain('cdn:cacheTtlS');
    const dax = lessonById('dax')!.steps[1].change;
    expect(dax?.kind).toBe('document');
    if (dax?.kind === 'document') expect(variantKnobs(dax.document).map(knobKey)).toContain('cache:itemTtlS');
    const spike = variantKnobs(lessonById('sqs-spike')!.document).map(knobKey);
    expect(spike).toEqual(expect.arrayContaining(['users:traffic.baseRps', 'users:traffic.peakRps']));
    // a consumed queue offers its drain settings; a destination queue nobody reads does not
    const queued = lessonById('sqs-spike')!.steps[1].change;
    if (queued?.kind === 'document') {
      const knobs = variantKnobs(queued.document);
      expect(knobs.map(knobKey)).toEqual(expect.arrayContaining(['queue:batchSize', 'queue:maxConcurrency']));
      expect(knobs.find((k) => knobKey(k) === 'queue:maxConcurrency')).toMatchObject({ value: 50, nullable: true, nullLabel: 'no cap' });
    }
    expect(variantKnobs(reserved).map(knobKey).filter((k) => k.startsWith('failed:'))).toEqual([]);
  });

  it('sets a knob into a valid copy, unreserved as null, and refuses values the model refuses', () => {
    const [orders] = variantKnobs(reserved).filter((k) => knobKey(k) === 'orders:reservedConcurrency');
    const set = setKnob(reserved, orders, null);
    expect(set.ok).toBe(true);
    if (set.ok) expect((set.doc.nodes.find((n) => n.id === 'orders')!.config as { reservedConcurrency: unknown }).reservedConcurrency).toBeNull();
    expect((reserved.nodes.find((n) => n.id === 'orders')!.config as { reservedConcurrency: unknown }).reservedConcurrency).toBe(5);
    const memory = variantKnobs(reserved).find((k) => knobKey(k) === 'orders:memoryMb')!;
    expect(setKnob(reserved, memory, 64).ok).toBe(false);
  });
});
