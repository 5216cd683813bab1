/**
 * Step Functions against AWS's own formulas (docs/aws-reference.md §11): the price of both
 * workflow types, Retry back-off timings, the 5-minute Express limit, Map concurrency, Choice
 * weights and the account's start and transition quotas.
 */
import { describe, expect, it, vi } from 'vitest';
import { Simulation } from './simulation';
import { PRICES } from './pricing/prices';
import { expressBilledGbS, retryDelayMs, SFN_QUOTAS } from './services/stepFunctions';
import { makeDoc, type RawNode } from './testing/docs';
import type { SimSummary } from './api';

vi.setConfig({ testTimeout: 60_000 });

type Num = Record<string, number>;
const node = (s: SimSummary, id: string) => s.nodes[id] as unknown as Num;

const fast = (id: string, extra: Record<string, unknown> = {}): RawNode => ({
  id,
  type: 'lambda',
  config: { memoryMb: 1024, provisionedConcurrency: 50, handler: { distribution: 'constant', meanMs: 20 }, ...extra },
});

/** A burst of `n` requests in the first seconds, then quiet until the end: every execution finishes. */
function burst(n: number, lengthS = 10) {
  return { traffic: { shape: 'spike', baseRps: 0, peakRps: n / lengthS, atS: 0, lengthS }, arrivals: 'uniform' };
}

function run(nodes: RawNode[], edges: [string, string, string?][], settings: Record<string, unknown> = {}): SimSummary {
  const sim = new Simulation(makeDoc(nodes, edges, settings));
  sim.runToEnd();
  return sim.summary();
}

const definition = [
  { type: 'task', target: 'fnA' },
  { type: 'wait', seconds: 1 },
  { type: 'parallel', branches: [['fnB'], ['fnC']] },
  { type: 'map', target: 'fnD', items: 10, maxConcurrency: 5 },
];
/** Task 1 + Wait 1 + Parallel 1 + its two tasks 2 + Map 1 + ten iterations 10. */
const TRANSITIONS_PER_EXECUTION = 16;

describe('Step Functions prices follow the AWS formulas', () => {
  it('Standard: $0.025 per 1,000 state transitions, each state entered counted once', () => {
    const s = run(
      [
        { id: 'users', type: 'client', config: burst(200) },
        { id: 'api', type: 'apiGateway', config: { flavor: 'http' } },
        { id: 'flow', type: 'stepFunctions', config: { workflowType: 'standard', definition } },
        fast('fnA'),
        fast('fnB'),
        fast('fnC'),
        fast('fnD'),
      ],
      [
        ['users', 'api'],
        ['api', 'flow'],
      ],
      { durationS: 40 },
    );
    const f = node(s, 'flow');
    expect(f.executions).toBe(200);
    expect(f.succeeded).toBe(200);
    expect(f.running).toBe(0);
    expect(f.transitions).toBe(200 * TRANSITIONS_PER_EXECUTION);
    expect(f.costUsd).toBeCloseTo(200 * TRANSITIONS_PER_EXECUTION * 0.000025, 12);
    expect(s.costUsd.byService.stepFunctions).toBeCloseTo(f.costUsd, 12);
    // the tasks were invoked as the definition says: fnD once per item
    expect(node(s, 'fnA').invocations).toBe(200);
    expect(node(s, 'fnB').invocations).toBe(200);
    expect(node(s, 'fnD').invocations).toBe(2000);
    // Standard through API Gateway is StartExecution: the caller does not wait for the 1 s Wait
    expect(s.latencyMs.p99).toBeLessThan(500);
  });

  it('Express: $1.00 per million requests + duration (100 ms steps) × memory (64 MB steps) × $0.00001667 per GB-s', () => {
    for (const memoryMb of [64, 200]) {
      const s = run(
        [
          { id: 'users', type: 'client', config: burst(300) },
          { id: 'api', type: 'apiGateway', config: { flavor: 'http' } },
          { id: 'flow', type: 'stepFunctions', config: { workflowType: 'express', billedMemoryMb: memoryMb, definition: [{ type: 'wait', seconds: 2 }] } },
        ],
        [
          ['users', 'api'],
          ['api', 'flow'],
        ],
        { durationS: 30 },
      );
      const f = node(s, 'flow');
      expect(f.executions).toBe(300);
      expect(f.transitions).toBe(300);
      // each lasts 2 s + one transition's few ms: billed 2.1 s at 64 MB, or at 256 MB for 200 MB
      const billedMb = memoryMb === 64 ? 64 : 256;
      const gbSEach = 2.1 * (billedMb / 1024);
      expect(expressBilledGbS(2_004, memoryMb)).toBeCloseTo(gbSEach, 12);
      expect(f.billedGbS).toBeCloseTo(300 * gbSEach, 3);
      expect(f.costUsd).toBeCloseTo(300 * (1e-6 + gbSEach * 0.00001667), 7);
      // synchronous Express behind API Gateway: the caller waits for the execution
      expect(s.latencyMs.p50).toBeGreaterThan(2000);
    }
  });

  it('an Express execution still running at the end of the run has cost its duration so far', () => {
    const s = run(
      [
        { id: 'events', type: 'eventbridge', config: { schedule: 'rate(1 day)' } },
        { id: 'flow', type: 'stepFunctions', config: { workflowType: 'express', definition: [{ type: 'wait', seconds: 250 }] } },
      ],
      [['events', 'flow']],
      { durationS: 100 },
    );
    const f = node(s, 'flow');
    expect([f.executions, f.running]).toEqual([1, 1]);
    // started ~0.25 s in (EventBridge's delivery), so ~99.7 s of 64 MB so far, accrued window by window
    const expected = 1e-6 + 99.7 * (64 / 1024) * 0.00001667;
    expect(Math.abs(f.costUsd - expected)).toBeLessThan(0.3 * (64 / 1024) * 0.00001667 + 1e-8);
  });

  it('the price table is the documented one', () => {
    expect(PRICES.stepFunctions.perTransition * 1000).toBeCloseTo(0.025, 12);
    expect(PRICES.stepFunctions.expressPerRequest * 1e6).toBeCloseTo(1, 12);
    expect(PRICES.stepFunctions.expressPerGbS).toBe(0.00001667);
    expect(expressBilledGbS(1, 1)).toBeCloseTo(0.1 * (64 / 1024), 12); // minimum 100 ms × 64 MB
    expect(expressBilledGbS(100, 64)).toBeCloseTo(0.1 * (64 / 1024), 12);
    expect(expressBilledGbS(101, 65)).toBeCloseTo(0.2 * (128 / 1024), 12);
  });
});

describe('Retry waits intervalS × backoffRate^(n−1) before the n-th retry', () => {
  it('the formula', () => {
    const r = { maxAttempts: 3, intervalS: 2, backoffRate: 1.5 };
    expect([1, 2, 3].map((n) => retryDelayMs(r, n))).toEqual([2000, 3000, 4500]);
  });

  const failing = (catchIt: boolean) =>
    run(
      [
        { id: 'events', type: 'eventbridge', config: { schedule: 'rate(1 minute)' } },
        {
          id: 'flow',
          type: 'stepFunctions',
          config: { definition: [{ type: 'task', target: 'fn', retry: { maxAttempts: 3, intervalS: 1, backoffRate: 2 }, catch: catchIt }] },
        },
        fast('fn', { errorRate: 1 }),
      ],
      [['events', 'flow']],
      { durationS: 300 },
    );

  it('a task that always fails runs 1 + 3 times, over 1 + 2 + 4 s of waits, then fails the execution', () => {
    const s = failing(false);
    const f = node(s, 'flow');
    const executions = f.executions;
    expect(executions).toBe(5); // t = 0, 60, …, 240 s
    expect(node(s, 'fn').invocations).toBe(4 * executions);
    expect(f.retries).toBe(3 * executions);
    expect(f.failed).toBe(executions);
    expect(f.transitions).toBe(4 * executions); // the first attempt and each retry enter the state
    const d = (s.nodes.flow as unknown as { durationMs: Num }).durationMs;
    expect(d.p50).toBeGreaterThan(7000);
    expect(d.p99).toBeLessThan(7000 + 1000);
  });

  it('with Catch the execution ends in the handler and succeeds (one more transition)', () => {
    const s = failing(true);
    const f = node(s, 'flow');
    expect(f.succeeded).toBe(f.executions);
    expect(f.caught).toBe(f.executions);
    expect(f.failed).toBe(0);
    expect(f.transitions).toBe(5 * f.executions);
  });

  it('without Retry the first failure is final', () => {
    const s = run(
      [
        { id: 'events', type: 'eventbridge', config: { schedule: 'rate(1 minute)' } },
        { id: 'flow', type: 'stepFunctions', config: { definition: ['fn', { type: 'wait', seconds: 1 }] } },
        fast('fn', { errorRate: 1 }),
      ],
      [['events', 'flow']],
      { durationS: 120 },
    );
    expect(node(s, 'fn').invocations).toBe(node(s, 'flow').executions);
    expect(node(s, 'flow').failed).toBe(node(s, 'flow').executions);
  });
});

describe('workflow limits and shapes', () => {
  it('an Express execution stops with States.Timeout at 5 minutes and is billed for those 5 minutes', () => {
    const s = run(
      [
        { id: 'events', type: 'eventbridge', config: { schedule: 'rate(1 minute)' } },
        { id: 'flow', type: 'stepFunctions', config: { workflowType: 'express', definition: [{ type: 'wait', seconds: 400 }] } },
      ],
      [['events', 'flow']],
      { durationS: 900 },
    );
    const f = node(s, 'flow');
    // starts at 0, 60, …, 840 s (plus EventBridge's delivery delay): those before ~600 s time out in the run
    expect(f.executions).toBe(15);
    expect(f.timedOut).toBe(10);
    expect(f.succeeded).toBe(0);
    expect(f.billedGbS).toBeCloseTo(10 * expressBilledGbS(SFN_QUOTAS.expressMaxMs, 64), 6);
  });

  it('a Standard execution waits as long as its Wait says', () => {
    const s = run(
      [
        { id: 'events', type: 'eventbridge', config: { schedule: 'rate(1 minute)' } },
        { id: 'flow', type: 'stepFunctions', config: { definition: [{ type: 'wait', seconds: 400 }] } },
      ],
      [['events', 'flow']],
      { durationS: 900 },
    );
    expect(node(s, 'flow').timedOut).toBe(0);
    expect(node(s, 'flow').succeeded).toBe(9); // started at 0, 60, …, 480 s
  });

  it('Map runs at most maxConcurrency iterations at once, and 40 when unlimited', () => {
    for (const [maxConcurrency, expected] of [
      [2, 2],
      [0, 40],
    ]) {
      const s = run(
        [
          { id: 'events', type: 'eventbridge', config: { schedule: 'rate(10 minutes)' } },
          { id: 'flow', type: 'stepFunctions', config: { definition: [{ type: 'map', target: 'fn', items: 100, maxConcurrency }] } },
          { id: 'fn', type: 'lambda', config: { handler: { distribution: 'constant', meanMs: 200 } } },
        ],
        [['events', 'flow']],
        { durationS: 120 },
      );
      expect(node(s, 'fn').invocations).toBe(100);
      expect(node(s, 'fn').maxConcurrency).toBe(expected);
    }
  });

  it('Choice follows its branches in proportion to their weights', () => {
    const s = run(
      [
        { id: 'users', type: 'client', config: burst(2000) },
        { id: 'api', type: 'apiGateway', config: { flavor: 'http' } },
        {
          id: 'flow',
          type: 'stepFunctions',
          config: {
            workflowType: 'express',
            definition: [
              {
                type: 'choice',
                branches: [
                  { weight: 3, steps: ['fnA'] },
                  { weight: 1, steps: ['fnB'] },
                ],
              },
            ],
          },
        },
        fast('fnA'),
        fast('fnB'),
      ],
      [
        ['users', 'api'],
        ['api', 'flow'],
      ],
      { durationS: 20 },
    );
    const a = node(s, 'fnA').invocations;
    const b = node(s, 'fnB').invocations;
    expect(a + b).toBe(2000);
    // binomial: sd = sqrt(2000 · 0.75 · 0.25) ≈ 19.4; 4 sd
    expect(Math.abs(a - 1500)).toBeLessThan(78);
  });

  it('a Parallel state fails as soon as one branch fails; the others are stopped', () => {
    const s = run(
      [
        { id: 'events', type: 'eventbridge', config: { schedule: 'rate(1 minute)' } },
        { id: 'flow', type: 'stepFunctions', config: { definition: [{ type: 'parallel', branches: [['bad'], [{ type: 'wait', seconds: 30 }, 'after']] }] } },
        fast('bad', { errorRate: 1 }),
        fast('after'),
      ],
      [['events', 'flow']],
      { durationS: 180 },
    );
    expect(node(s, 'flow').failed).toBe(node(s, 'flow').executions);
    expect(node(s, 'after').invocations).toBe(0);
  });
});

describe("Step Functions' account quotas", () => {
  it('Standard StartExecution: 1,300 at once, then 300 a second; Express is not throttled at that rate', () => {
    const rps = 500;
    const durationS = 30;
    const starts = (workflowType: string) =>
      run(
        [
          { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform' } },
          { id: 'fn', type: 'lambda', config: { handler: { distribution: 'constant', meanMs: 5 } } },
          { id: 'flow', type: 'stepFunctions', config: { workflowType, definition: [{ type: 'pass' }] } },
        ],
        [
          ['users', 'fn'],
          ['fn', 'flow'],
        ],
        { durationS },
      );
    const standard = node(starts('standard'), 'flow');
    const offered = standard.executions + standard.startThrottles;
    const accepted = Math.min(offered, SFN_QUOTAS.standardStart.bucket + SFN_QUOTAS.standardStart.refillPerS * durationS);
    expect(offered).toBeGreaterThan(rps * durationS * 0.97);
    expect(Math.abs(standard.executions - accepted)).toBeLessThan(offered * 0.01);
    expect(standard.startThrottles).toBeGreaterThan(4000);
    const express = node(starts('express'), 'flow');
    expect(express.startThrottles).toBe(0);
  });

  it('Standard state transitions beyond 5,000 a second wait for the bucket (executions slow down); Express has no such quota', () => {
    const doc = (workflowType: string) => [
      { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 250 }, arrivals: 'uniform' } },
      { id: 'api', type: 'apiGateway', config: { flavor: 'http', timeoutMs: 29_000 } },
      { id: 'flow', type: 'stepFunctions', config: { workflowType, definition: [{ type: 'map', target: 'fn', items: 40, maxConcurrency: 0 }] } },
      { id: 'fn', type: 'lambda', config: { provisionedConcurrency: 200, handler: { distribution: 'constant', meanMs: 5 } } },
    ];
    const edges: [string, string][] = [
      ['users', 'api'],
      ['api', 'flow'],
    ];
    const durationS = 10;
    const standard = node(run(doc('standard'), edges, { durationS }), 'flow');
    // 250 executions/s × 41 transitions = 10,250/s offered, 5,000/s allowed after the 5,000 burst
    expect(standard.transitionThrottles).toBeGreaterThan(1000);
    expect(standard.transitions).toBeLessThan(SFN_QUOTAS.standardTransitions.bucket + SFN_QUOTAS.standardTransitions.refillPerS * durationS + 1);
    expect(standard.running).toBeGreaterThan(500);
    const express = node(run(doc('express'), edges, { durationS }), 'flow');
    expect(express.transitionThrottles).toBe(0);
    expect(express.transitions).toBeGreaterThan(standard.transitions * 1.5);
  });
});
