/** What-if comparison: the same seed repeats exactly; the table's numbers move the right way. */
import { describe, expect, it, vi } from 'vitest';
import { lessonById, withEdit } from '../lessons';
import { runToCompletion } from './batch';
import type { SimSummary } from '../sim/api';
import { compareSummaries, verdictOf } from './compare';
import { knobKey, setKnob, variantKnobs } from './knobs';

// whole runs take seconds on a busy 2-core machine; the default 5 s is too tight
vi.setConfig({ testTimeout: 60_000 });

const reserved = lessonById('reserved-concurrency')!.document;

describe('compareSummaries', () => {
  it('the same document on the same seed gives identical summaries: every delta is 0', () => {
    const a = runToCompletion(reserved).summary;
    const b = runToCompletion(structuredClone(reserved)).summary;
    expect(b).toEqual(a);
    const rows = compareSummaries(a, b);
    // the success share first, then latency of successful requests, failures, cost
    expect(rows.map((r) => r.key)).toEqual([
      'successShare',
      'meanLatencyMs',
      'p50LatencyMs',
      'p99LatencyMs',
      'throttled',
      'errors',
      'timeouts',
      'coldStarts',
      'monthlyCostUsd',
    ]);
    for (const row of rows) {
      expect(row.delta, row.key).toBe(0);
      expect(row.base, row.key).toBe(row.variant);
      expect(row.verdict, row.key).toBe('same');
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

  it('lesson 4’s fix (fast 500s become ~330 ms successes) reads as better, never as slower', () => {
    const base = runToCompletion(reserved).summary;
    const variant = runToCompletion(withEdit(reserved, 'orders', ['reservedConcurrency'], 50)).summary;
    const rows = compareSummaries(base, variant);
    const by = (key: string) => rows.find((r) => r.key === key)!;
    expect(rows[0].key).toBe('successShare');
    expect(by('successShare').variant).toBeGreaterThan(by('successShare').base + 0.4);
    expect(by('successShare').verdict).toBe('better');
    expect(by('throttled').verdict).toBe('better');
    // latency is of successful requests: the throttled requests' 4 ms no longer pull it down
    for (const key of ['meanLatencyMs', 'p50LatencyMs', 'p99LatencyMs']) expect(by(key).verdict, key).not.toBe('worse');
    // over every request (the old meaning) the fix looked many times slower
    expect(base.failedLatencyMs.p50).toBeLessThan(10);
    expect(by('p50LatencyMs').variant).toBeGreaterThan(base.failedLatencyMs.p50 * 20);
    // more work done costs more, and says so
    expect(by('monthlyCostUsd').verdict).toBe('worse');
  });

  it('counts cold starts over every function and reads cost per month', () => {
    const base = runToCompletion(lessonById('provisioned-concurrency')!.document).summary;
    const variant = runToCompletion(withEdit(lessonById('provisioned-concurrency')!.document, 'fn', ['provisionedConcurrency'], 10)).summary;
    const rows = compareSummaries(base, variant);
    const cold = rows.find((r) => r.key === 'coldStarts')!;
    expect(cold.base).toBeGreaterThan(0);
    expect(cold.variant).toBe(0);
    expect(cold.ratio).toBe(-1);
    expect(cold.verdict).toBe('better');
    const monthly = rows.find((r) => r.key === 'monthlyCostUsd')!;
    expect(monthly.base).toBe(base.costUsd.monthly);
    // provisioned concurrency is billed whether used or not
    expect(monthly.delta).toBeGreaterThan(0);
    expect(monthly.verdict).toBe('worse');
  });

  it('has no ratio when the base is 0', () => {
    const s = runToCompletion(lessonById('memory-is-cpu')!.document).summary;
    const row = compareSummaries(s, s).find((r) => r.key === 'throttled')!;
    expect(row.base).toBe(0);
    expect(row.ratio).toBeNull();
  });
});

/** A summary with only what compare reads; intervals optional. */
function summary(
  over: { ok?: number; total?: number; p99?: number; monthly?: number; throttled?: number; confidence?: SimSummary['confidence'] } = {},
): SimSummary {
  const total = over.total ?? 1000;
  const ok = over.ok ?? total;
  const lat = { mean: 100, p50: 90, p95: 150, p99: over.p99 ?? 200, max: 300 };
  return {
    seed: 1,
    durationS: 60,
    requests: { total, ok, throttled: over.throttled ?? total - ok, errors: 0, timeouts: 0, successShare: ok / total },
    latencyMs: lat,
    failedLatencyMs: { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 },
    costUsd: { total: 1, monthly: over.monthly ?? 100, byService: {} },
    nodes: {},
    ...(over.confidence ? { confidence: over.confidence } : {}),
  };
}
const ci = (mean: number, halfWidth: number) => ({ mean, halfWidth, batches: 20 });
const intervals = (h: { p99?: number; share?: number; costRel?: number }): SimSummary['confidence'] => ({
  meanLatencyMs: ci(100, 5),
  throttleShare: ci(0, h.share ?? 0),
  costPerRequestUsd: ci(1e-6, (h.costRel ?? 0) * 1e-6),
  successShare: ci(1, h.share ?? 0),
  p99LatencyMs: ci(200, h.p99 ?? 0),
});

describe('compare: direction and noise', () => {
  it('higher success share is better; lower latency, throttles and cost are better', () => {
    const rows = compareSummaries(summary({ ok: 500, p99: 400, monthly: 200 }), summary({ ok: 900, p99: 250, monthly: 150 }));
    const v = Object.fromEntries(rows.map((r) => [r.key, r.verdict]));
    expect(v).toMatchObject({ successShare: 'better', p99LatencyMs: 'better', throttled: 'better', monthlyCostUsd: 'better' });
    const back = Object.fromEntries(
      compareSummaries(summary({ ok: 900, p99: 250, monthly: 150 }), summary({ ok: 500, p99: 400, monthly: 200 })).map((r) => [r.key, r.verdict]),
    );
    expect(back).toMatchObject({ successShare: 'worse', p99LatencyMs: 'worse', throttled: 'worse', monthlyCostUsd: 'worse' });
  });

  it('"same" only within √(hA² + hB²) of the two runs’ 95% half-widths', () => {
    // p99 half-widths 30 and 40 ms: the difference is noise up to 50 ms
    const a = summary({ p99: 200, confidence: intervals({ p99: 30 }) });
    const within = compareSummaries(a, summary({ p99: 249, confidence: intervals({ p99: 40 }) })).find((r) => r.key === 'p99LatencyMs')!;
    expect(within.noise).toBeCloseTo(50, 9);
    expect(within.verdict).toBe('same');
    const beyond = compareSummaries(a, summary({ p99: 251, confidence: intervals({ p99: 40 }) })).find((r) => r.key === 'p99LatencyMs')!;
    expect(beyond.verdict).toBe('worse');
    const faster = compareSummaries(a, summary({ p99: 149, confidence: intervals({ p99: 40 }) })).find((r) => r.key === 'p99LatencyMs')!;
    expect(faster.verdict).toBe('better');
  });

  it('a count’s noise is its share’s half-width × completed requests; the month’s is cost per request’s, relative', () => {
    const a = summary({ throttled: 100, ok: 900, confidence: intervals({ share: 0.03, costRel: 0.1 }) });
    const b = summary({ throttled: 140, ok: 860, monthly: 113, confidence: intervals({ share: 0.04, costRel: 0.1 }) });
    const rows = compareSummaries(a, b);
    const throttled = rows.find((r) => r.key === 'throttled')!;
    // √(30² + 40²) = 50 throttles: 40 more is still noise
    expect(throttled.noise).toBeCloseTo(50, 9);
    expect(throttled.verdict).toBe('same');
    const month = rows.find((r) => r.key === 'monthlyCostUsd')!;
    // 10% of $100 and of $113: √(10² + 11.3²) ≈ 15.09; +$13 is noise
    expect(month.noise).toBeCloseTo(Math.hypot(10, 11.3), 9);
    expect(month.verdict).toBe('same');
  });

  it('without intervals (short runs, old summaries) only a tie at display precision is "same"', () => {
    const rows = compareSummaries(summary({ p99: 200 }), summary({ p99: 200.04 }));
    expect(rows.find((r) => r.key === 'p99LatencyMs')).toMatchObject({ noise: null, verdict: 'same' });
    expect(compareSummaries(summary({ p99: 200 }), summary({ p99: 201 })).find((r) => r.key === 'p99LatencyMs')!.verdict).toBe('worse');
    // an old summary without successShare is read as ok / total
    const old = summary({ ok: 800 }) as unknown as { requests: Record<string, number> };
    delete old.requests.successShare;
    expect(compareSummaries(old as unknown as SimSummary, summary({ ok: 900 }))[0]).toMatchObject({ key: 'successShare', base: 0.8, verdict: 'better' });
  });

  it('verdictOf: direction by metric, noise as the tie band', () => {
    expect(verdictOf(-5, true, 4, 'ms')).toBe('better');
    expect(verdictOf(-3, true, 4, 'ms')).toBe('same');
    expect(verdictOf(0.02, false, 0.01, 'share')).toBe('better');
    expect(verdictOf(0.02, false, 0.03, 'share')).toBe('same');
    expect(verdictOf(-0.02, false, null, 'share')).toBe('worse');
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
    expect(
      variantKnobs(reserved)
        .map(knobKey)
        .filter((k) => k.startsWith('failed:')),
    ).toEqual([]);
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
