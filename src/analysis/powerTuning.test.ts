/**
 * Power tuning against the simulator's memory/CPU model and Lambda's price formula
 * (reference §1.7): a lone function with a constant handler under steady, evenly spaced
 * traffic, so every number can be worked out by hand.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Architecture } from '../model';
import { lessonDoc } from '../lessons/lesson';
import { runToCompletion } from './batch';
import { chooseMemory, ineligibility, parsePowerValues, picksOf, pointFromSummary, withMemory, type TuningPoint } from './powerTuning';

// whole runs take seconds on a busy 2-core machine; the default 5 s is too tight
vi.setConfig({ testTimeout: 60_000 });

const PER_REQUEST = 0.2 / 1e6;
const PER_GB_S = { x86_64: 0.0000166667, arm64: 0.0000133334 } as const;
/** INIT is capped at 10 s (sim/services/lambda.ts, §1.1). */
const INIT_CAP_S = 10;

function fixture(opts: { memoryMb: number; cpuBound: number; meanMs: number; architecture?: 'x86_64' | 'arm64'; rps?: number }): Architecture {
  return lessonDoc(
    'power tuning fixture',
    [
      ['load', 'client', 'Load', 0, 0, { traffic: { shape: 'constant', rps: opts.rps ?? 5 }, arrivals: 'uniform' }],
      [
        'fn',
        'lambda',
        'work',
        1,
        0,
        {
          memoryMb: opts.memoryMb,
          architecture: opts.architecture ?? 'x86_64',
          timeoutMs: 60_000,
          cpuBound: opts.cpuBound,
          handler: { distribution: 'constant', meanMs: opts.meanMs },
        },
      ],
    ],
    [['load', 'fn']],
    { durationS: 60, seed: 11 },
  );
}

/** The model: the CPU-bound share scales with vCPU (1 vCPU at 1,769 MB), never faster than one vCPU. */
function expectedDurationMs(meanMs: number, cpuBound: number, memoryMb: number): number {
  return meanMs * (cpuBound * Math.max(1, 1769 / memoryMb) + (1 - cpuBound));
}

interface LambdaNode {
  invocations: number;
  coldStarts: number;
  billedGbS: number;
  costUsd: number;
  durationMs: { mean: number };
}

function run(doc: Architecture) {
  const { summary } = runToCompletion(doc);
  const fn = summary.nodes.fn as unknown as LambdaNode;
  const client = summary.nodes.load as unknown as { sent: number; completed: number };
  return { summary, fn, client };
}

describe('power tuning against the memory/CPU model', () => {
  for (const cpuBound of [0.9, 0.3, 0]) {
    for (const memoryMb of [128, 512, 1024, 1769, 3008]) {
      it(`cpuBound ${cpuBound} at ${memoryMb} MB: average duration follows the vCPU share`, () => {
        const { summary } = run(fixture({ memoryMb, cpuBound, meanMs: 200 }));
        const point = pointFromSummary(summary, 'fn', memoryMb);
        expect(point.invocations).toBe(300);
        expect(point.avgDurationMs).toBeCloseTo(expectedDurationMs(200, cpuBound, memoryMb), 1);
      });
    }
  }

  it('no speed-up past one vCPU for this single-threaded handler: 1,769, 3,008 and 10,240 MB take the same time', () => {
    const at = (mb: number) => pointFromSummary(run(fixture({ memoryMb: mb, cpuBound: 1, meanMs: 100 })).summary, 'fn', mb).avgDurationMs;
    expect(at(1769)).toBeCloseTo(100, 1);
    expect(at(3008)).toBeCloseTo(100, 1);
    expect(at(10_240)).toBeCloseTo(100, 1);
    expect(at(885)).toBeCloseTo(100 * (1769 / 885), 1);
  });

  for (const architecture of ['x86_64', 'arm64'] as const) {
    it(`${architecture}: cost = $0.20/1M requests + billed GB-s × $${PER_GB_S[architecture]}, INIT billed once per cold start`, () => {
      const memoryMb = 512;
      const { summary, fn, client } = run(fixture({ memoryMb, cpuBound: 0.5, meanMs: 300, architecture }));
      const gb = memoryMb / 1024;
      const durationMs = expectedDurationMs(300, 0.5, memoryMb);
      // billed per invocation: the duration rounded up to 1 ms
      const handlerGbS = (client.completed * gb * Math.ceil(durationMs)) / 1000;
      const initGbS = fn.billedGbS - handlerGbS;
      expect(fn.coldStarts).toBeGreaterThan(0);
      // INIT (runtime start + package + init code) is billed at the duration rate with the
      // environment's first invocation: more than nothing, at most the 10 s cap per cold start
      expect(initGbS).toBeGreaterThan(0);
      expect(initGbS).toBeLessThanOrEqual(fn.coldStarts * gb * INIT_CAP_S + 0.001);
      expect(fn.costUsd).toBeCloseTo(fn.invocations * PER_REQUEST + fn.billedGbS * PER_GB_S[architecture], 7);

      const point = pointFromSummary(summary, 'fn', memoryMb);
      const steady = PER_REQUEST + (gb * Math.ceil(durationMs) * PER_GB_S[architecture]) / 1000;
      expect(point.costPerInvocationUsd).toBeGreaterThanOrEqual(steady * (client.completed / fn.invocations) - 1e-12);
      expect(point.costPerInvocationUsd).toBeLessThanOrEqual(steady + (fn.coldStarts * gb * INIT_CAP_S * PER_GB_S[architecture]) / fn.invocations);
    });
  }

  it('arm64 costs 20% less per GB-s for the same work', () => {
    const x86 = run(fixture({ memoryMb: 1024, cpuBound: 0.5, meanMs: 200 })).fn;
    const arm = run(fixture({ memoryMb: 1024, cpuBound: 0.5, meanMs: 200, architecture: 'arm64' })).fn;
    const durationCost = (n: LambdaNode) => n.costUsd - n.invocations * PER_REQUEST;
    // the summary rounds billedGbS to 0.001 GB-s and dollars to 1e-8: the rate is exact up to that
    const rateError = (n: LambdaNode, rate: number) => (rate * 0.0005 + 0.5e-8) / n.billedGbS;
    expect(Math.abs(durationCost(arm) / arm.billedGbS - 0.0000133334)).toBeLessThanOrEqual(rateError(arm, 0.0000133334));
    expect(Math.abs(durationCost(x86) / x86.billedGbS - 0.0000166667)).toBeLessThanOrEqual(rateError(x86, 0.0000166667));
  });

  it('a CPU-bound function: 1,024 MB is about 7× faster than 128 MB for about the same cost', () => {
    const points = [128, 1024].map((mb) => pointFromSummary(run(fixture({ memoryMb: mb, cpuBound: 0.9, meanMs: 200 })).summary, 'fn', mb));
    expect(points[0].avgDurationMs / points[1].avgDurationMs).toBeGreaterThan(6.5);
    expect(points[1].costPerInvocationUsd / points[0].costPerInvocationUsd).toBeGreaterThan(0.9);
    expect(points[1].costPerInvocationUsd / points[0].costPerInvocationUsd).toBeLessThan(1.25);
  });
});

describe('withMemory', () => {
  const doc = fixture({ memoryMb: 128, cpuBound: 0.5, meanMs: 100 });
  it('changes only that function’s memory', () => {
    const next = withMemory(doc, 'fn', 2048);
    expect((next.nodes[1].config as { memoryMb: number }).memoryMb).toBe(2048);
    expect((doc.nodes[1].config as { memoryMb: number }).memoryMb).toBe(128);
    expect(next.nodes[0]).toBe(doc.nodes[0]);
  });
  it('refuses sizes outside 128–10,240 MB, non-Lambdas and unknown nodes', () => {
    expect(() => withMemory(doc, 'fn', 64)).toThrow(RangeError);
    expect(() => withMemory(doc, 'fn', 10_241)).toThrow(RangeError);
    expect(() => withMemory(doc, 'load', 512)).toThrow(/not a Lambda/);
    expect(() => withMemory(doc, 'nope', 512)).toThrow(/no node/);
  });
});

describe('chooseMemory', () => {
  const p = (memoryMb: number, avgDurationMs: number, costPerInvocationUsd: number, invocations = 100): TuningPoint => ({
    memoryMb,
    invocations,
    completed: invocations,
    succeeded: invocations,
    successShare: invocations > 0 ? 1 : 0,
    throttles: 0,
    errors: 0,
    timeouts: 0,
    avgDurationMs,
    costPerInvocationUsd,
    costPerSuccessUsd: invocations > 0 ? costPerInvocationUsd : Infinity,
  });
  // slow and cheap → fast and dear, with a knee at 1,024 MB
  const points = [p(128, 1000, 2.0e-6), p(512, 300, 2.6e-6), p(1024, 160, 2.8e-6), p(2048, 150, 5.2e-6), p(3008, 148, 7.6e-6)];

  it('cheapest and fastest are the extremes', () => {
    const choice = chooseMemory(points);
    expect(choice.cheapest.memoryMb).toBe(128);
    expect(choice.fastest.memoryMb).toBe(3008);
  });

  it('balanced minimises w·cost/maxCost + (1−w)·duration/maxDuration', () => {
    // w = 0.5: 128 → 0.5·0.263+0.5·1 = 0.632; 512 → 0.171+0.15 = 0.321; 1024 → 0.184+0.08 = 0.264;
    // 2048 → 0.342+0.075 = 0.417; 3008 → 0.5+0.074 = 0.574
    expect(chooseMemory(points, 0.5).balanced.memoryMb).toBe(1024);
  });

  it('weight 0 is the fastest and weight 1 the cheapest', () => {
    expect(chooseMemory(points, 0).balanced.memoryMb).toBe(3008);
    expect(chooseMemory(points, 1).balanced.memoryMb).toBe(128);
  });

  it('ignores sizes that completed nothing and refuses when none did', () => {
    const withEmpty = [...points, p(10_240, 0, 0, 0)];
    expect(chooseMemory(withEmpty).fastest.memoryMb).toBe(3008);
    expect(chooseMemory(withEmpty).cheapest.memoryMb).toBe(128);
    expect(() => chooseMemory([p(128, 0, 0, 0)])).toThrow(/no memory size/);
  });

  it('a tie goes to the first (smaller) size', () => {
    const tie = [p(1769, 100, 3e-6), p(3008, 100, 5e-6)];
    expect(chooseMemory(tie).fastest.memoryMb).toBe(1769);
  });
});

describe('power tuning eligibility', () => {
  const point = (memoryMb: number, over: Partial<TuningPoint>): TuningPoint => {
    const completed = over.completed ?? 9000;
    const succeeded = over.succeeded ?? completed - (over.timeouts ?? 0) - (over.errors ?? 0);
    const cost = over.costPerInvocationUsd ?? 2e-6;
    return {
      memoryMb,
      invocations: completed,
      completed,
      succeeded,
      successShare: succeeded / completed,
      throttles: 0,
      errors: 0,
      timeouts: 0,
      avgDurationMs: 100,
      costPerInvocationUsd: cost,
      costPerSuccessUsd: (cost * completed) / succeeded,
      ...over,
    };
  };

  it('a size that times out or throttles where the current one does not is never a pick, and says why', () => {
    const points = [
      point(128, { timeouts: 64, avgDurationMs: 900, costPerInvocationUsd: 1e-6 }),
      point(256, { throttles: 12, avgDurationMs: 500, costPerInvocationUsd: 1.2e-6 }),
      point(512, { avgDurationMs: 300, costPerInvocationUsd: 1.5e-6 }),
      point(1024, { avgDurationMs: 160, costPerInvocationUsd: 2e-6 }),
    ];
    const current = points[3];
    expect(ineligibility(points[0], current)).toEqual(['times out: 64 of 9,000']);
    expect(ineligibility(points[1], current)).toEqual(['throttles: 12 of 9,000']);
    expect(ineligibility(points[2], current)).toEqual([]);
    const choice = chooseMemory(points, 0.5, 1024);
    expect(choice.cheapest.memoryMb).toBe(512);
    for (const pick of [choice.cheapest, choice.balanced, choice.fastest]) expect([128, 256]).not.toContain(pick.memoryMb);
    expect(picksOf(choice, 128)).toEqual([]);
    // without knowing the current size the sweep can only hold sizes to succeeding at all
    expect(chooseMemory(points, 0.5).cheapest.memoryMb).toBe(128);
  });

  it('a size may fail as much as the current one, within two binomial standard errors', () => {
    // current: 90 errors of 9,000 (1%); 2·√(0.01·0.99/9000) ≈ 0.21 points → up to ~1.21%
    const current = point(1024, { errors: 90 });
    expect(ineligibility(point(512, { errors: 100 }), current)).toEqual([]);
    expect(ineligibility(point(512, { errors: 115 }), current)).toEqual(['fails: 115 of 9,000']);
    // nothing succeeded: not a candidate whatever it costs, and the table says what happened
    expect(ineligibility(point(128, { timeouts: 9000 }), current)).toEqual(['times out: 9,000 of 9,000']);
    expect(ineligibility(point(128, { succeeded: 0 }), point(1024, { succeeded: 0 }))).toEqual(['no call succeeded (of 9,000)']);
    expect(ineligibility(point(128, { invocations: 0, completed: 0, succeeded: 0 }), current)).toEqual(['completed no invocation']);
  });

  it('cheapest is by cost per successful call, not per invocation', () => {
    const current = point(1024, { errors: 4500, costPerInvocationUsd: 2e-6 });
    // half of the calls fail at 512 and 1,024 MB; 2,048 MB never fails and costs 1.5× per
    // invocation, so less per success than 1,024 MB (3e-6 vs 4e-6); 512 MB at 1.4e-6 per
    // invocation is 2.8e-6 per success, cheaper still
    const points = [point(512, { errors: 4500, costPerInvocationUsd: 1.4e-6 }), current, point(2048, { costPerInvocationUsd: 3e-6 })];
    expect(points[0].costPerSuccessUsd).toBeCloseTo(2.8e-6, 12);
    expect(points[2].costPerSuccessUsd).toBeCloseTo(3e-6, 12);
    expect(points[1].costPerSuccessUsd).toBeCloseTo(4e-6, 12);
    expect(chooseMemory(points, 1, 1024).cheapest.memoryMb).toBe(512);
    expect(chooseMemory([current, points[2]], 1, 1024).cheapest.memoryMb).toBe(2048);
    // by cost per invocation 1,024 MB would have looked cheaper than 2,048 MB
    expect(current.costPerInvocationUsd).toBeLessThan(points[2].costPerInvocationUsd);
  });

  it('in the simulator: a CPU-bound function that times out and throttles at small sizes is not picked there', () => {
    // 1 s of work at one vCPU, 90% CPU-bound: 12.5 s at 128 MB (past the 10 s timeout),
    // 6.3 s at 256 MB (2 rps × 6.3 s = 12.6 environments > reserved 10: throttles), 3.2 s at
    // 512 MB, 1.7 s at 1,024 MB. Per invocation 128 MB is the cheapest (10 s × 1/8 GB).
    const base = lessonDoc(
      'tuning trap',
      [
        ['load', 'client', 'Load', 0, 0, { traffic: { shape: 'constant', rps: 2 }, arrivals: 'uniform' }],
        [
          'fn',
          'lambda',
          'render',
          1,
          0,
          { memoryMb: 1024, timeoutMs: 10_000, reservedConcurrency: 10, cpuBound: 0.9, handler: { distribution: 'constant', meanMs: 1000 } },
        ],
      ],
      [['load', 'fn']],
      { durationS: 120, seed: 5 },
    );
    const sizes = [128, 256, 512, 1024, 2048];
    const points = sizes.map((mb) => pointFromSummary(runToCompletion(withMemory(base, 'fn', mb)).summary, 'fn', mb));
    const at = (mb: number) => points[sizes.indexOf(mb)];
    expect(at(128).timeouts).toBeGreaterThan(0);
    expect(at(128).throttles).toBeGreaterThan(0);
    expect(at(256).throttles).toBeGreaterThan(0);
    expect(at(1024).throttles + at(1024).timeouts + at(1024).errors).toBe(0);
    // the trap: per invocation, the sizes that fail look cheapest
    expect(at(128).costPerInvocationUsd).toBeLessThan(at(1024).costPerInvocationUsd);
    const current = at(1024);
    // every reason at once, in words
    expect(ineligibility(at(128), current)).toEqual([
      `throttles: ${at(128).throttles} of ${at(128).completed}`,
      `times out: ${at(128).timeouts} of ${at(128).completed}`,
    ]);
    expect(ineligibility(at(256), current).join('; ')).toMatch(/throttles: [\d,]+ of [\d,]+/);
    const choice = chooseMemory(points, 0.5, 1024);
    for (const pick of [choice.cheapest, choice.balanced, choice.fastest]) {
      expect(pick.throttles + pick.timeouts, `${pick.memoryMb} MB`).toBe(0);
      expect([128, 256]).not.toContain(pick.memoryMb);
    }
    expect(choice.cheapest.memoryMb).toBe(512);
  });
});

describe('parsePowerValues', () => {
  it('reads commas, spaces and semicolons; sorts and removes duplicates', () => {
    expect(parsePowerValues('1024, 128 512;512')).toEqual({ ok: true, values: [128, 512, 1024] });
    expect(parsePowerValues(' 128,10240 ')).toEqual({ ok: true, values: [128, 10_240] });
  });

  it.each([
    ['', /at least one/],
    ['  , ', /at least one/],
    ['64', /"64" is not a memory size/],
    ['10241', /"10241" is not a memory size/],
    ['512, abc', /"abc"/],
    ['1.5', /"1.5"/],
    ['-128', /"-128"/],
  ])('refuses %j', (text, message) => {
    const result = parsePowerValues(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('refuses more than 20 sizes', () => {
    const many = Array.from({ length: 21 }, (_, i) => 128 + i * 64).join(',');
    expect(parsePowerValues(many)).toEqual({ ok: false, error: 'at most 20 memory sizes per sweep' });
  });
});
