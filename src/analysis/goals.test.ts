/** Goals: parsed with the document, measured on runs whose answer is known. */
import { nodesOf } from '../sim/testing/docs';
import { describe, expect, it } from 'vitest';
import { restoreDocument } from '../model';
import { compare, evaluateGoals, formatMetric, goalLabel, successShare } from './goals';
import { calmDiagram, scenario, simulate, throttlingDiagram } from './testing/scenarios';
import type { SimSummary } from '../sim';

const base = {
  format: 'serverless-sandbox',
  version: 1,
  nodes: [
    { id: 'users', type: 'client', config: {} },
    { id: 'fn', type: 'lambda', label: 'getOrder', config: {} },
  ],
  edges: [{ id: 'e1', source: 'users', target: 'fn' }],
};

describe('goals in the document', () => {
  it('are optional: a document without them loads unchanged, with no goals field', () => {
    const r = restoreDocument(base);
    expect(r.ok).toBe(true);
    if (r.ok) expect('goals' in r.document).toBe(false);
  });

  it('parse with their node scope', () => {
    const goals = [
      { metric: 'p99LatencyMs', op: '<=', value: 200 },
      { metric: 'throttled', op: '==', value: 0, node: 'fn' },
    ];
    const r = restoreDocument({ ...base, goals });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.document.goals).toEqual(goals);
  });

  it('refuse a missing node, an unknown metric or operator, a share above 1 and a scope the metric has not, naming the path', () => {
    const r = restoreDocument({
      ...base,
      goals: [
        { metric: 'throttled', op: '<=', value: 0, node: 'nope' },
        { metric: 'p99LatencyMs', op: '<=', value: 200, node: 'users' },
        { metric: 'successShare', op: '>=', value: 99.9 },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toContain('goals[0].node');
    expect(r.errors.join('\n')).toContain('"nope" is not the id of any node');
    expect(r.errors.join('\n')).toContain('goals[1].node');
    expect(r.errors.join('\n')).toContain('goals[2].value');
    const bad = restoreDocument({ ...base, goals: [{ metric: 'speed', op: '~', value: 1 }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.join('\n')).toContain('goals[0].metric');
      expect(bad.errors.join('\n')).toContain('goals[0].op');
    }
  });
});

describe('evaluating goals', () => {
  it('fails throttle and success goals on a throttling diagram and passes them once the limit is raised', () => {
    const goals = [
      { metric: 'throttled', op: '<=', value: 0, node: 'fn' },
      { metric: 'successShare', op: '>=', value: 0.99 },
      { metric: 'monthlyCostUsd', op: '<=', value: 1_000_000 },
    ];
    const tight = { ...throttlingDiagram(), goals } as ReturnType<typeof throttlingDiagram>;
    const { summary } = simulate(tight);
    const results = evaluateGoals(tight, summary);
    const fn = summary.nodes.fn as Record<string, number>;
    expect(results[0]).toMatchObject({ metric: 'throttled', node: 'fn', measured: fn.throttles, pass: false });
    expect(results[1].pass).toBe(false);
    expect(results[1].measured).toBeCloseTo(summary.requests.ok / summary.requests.total, 6);
    expect(results[2]).toMatchObject({ pass: true, measured: summary.costUsd.monthly });

    const fixed = {
      ...tight,
      nodes: tight.nodes.map((n) => (n.type === 'lambda' ? { ...n, config: { ...n.config, reservedConcurrency: 100 } } : n)),
    } as typeof tight;
    const after = evaluateGoals(fixed, simulate(fixed).summary);
    expect(after.map((g) => g.pass)).toEqual([true, true, true]);
  });

  it('measures latency end to end, or as the handler duration on a function, and cold-start share', () => {
    const doc = {
      ...calmDiagram(),
      goals: [
        { metric: 'p99LatencyMs', op: '<', value: 1 },
        { metric: 'p50LatencyMs', op: '<=', value: 25, node: 'fn' },
        { metric: 'coldStartShare', op: '<=', value: 0.01, node: 'fn' },
      ],
    } as ReturnType<typeof calmDiagram>;
    const { summary } = simulate(doc);
    const [e2e, handler, cold] = evaluateGoals(doc, summary);
    expect(e2e).toMatchObject({ measured: summary.latencyMs.p99, pass: false });
    const fn = summary.nodes.fn as unknown as { durationMs: { p50: number }; coldStarts: number; invocations: number };
    expect(handler.measured).toBe(fn.durationMs.p50);
    expect(handler.pass).toBe(fn.durationMs.p50 <= 25);
    expect(cold.measured).toBeCloseTo(fn.coldStarts / fn.invocations, 6);
  });

  it('measures the deepest queue', () => {
    const doc = scenario(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 50 } } },
        { id: 'ingest', type: 'lambda', config: { handler: { distribution: 'constant', meanMs: 10 } } },
        { id: 'queue', type: 'sqs', config: { batchSize: 1 } },
        { id: 'worker', type: 'lambda', config: { reservedConcurrency: 2, handler: { distribution: 'constant', meanMs: 1000 } } },
      ],
      [
        ['users', 'ingest'],
        ['ingest', 'queue'],
        ['queue', 'worker'],
      ],
      {
        settings: { durationS: 20 },
        goals: [
          { metric: 'maxQueueDepth', op: '<', value: 100 },
          { metric: 'maxQueueDepth', op: '<', value: 100, node: 'queue' },
        ],
      },
    );
    const { summary } = simulate(doc);
    const [all, one] = evaluateGoals(doc, summary);
    expect(all.measured).toBe(nodesOf(summary).queue.maxDepth);
    expect(one.measured).toBe(nodesOf(summary).queue.maxDepth);
    expect(all.pass).toBe(false);
  });

  it('uses requests.successShare when the summary has it', () => {
    const s = { requests: { total: 10, ok: 5, throttled: 5, errors: 0, timeouts: 0 } } as SimSummary;
    expect(successShare(s)).toBe(0.5);
    expect(successShare({ requests: { ...s.requests, successShare: 0.75 } } as unknown as SimSummary)).toBe(0.75);
    expect(successShare({ requests: { total: 0, ok: 0, throttled: 0, errors: 0, timeouts: 0 } } as SimSummary)).toBe(1);
  });

  it('compares with each operator', () => {
    expect([
      compare(1, '<', 2),
      compare(2, '<', 2),
      compare(2, '<=', 2),
      compare(3, '>', 2),
      compare(2, '>', 2),
      compare(2, '>=', 2),
      compare(2, '==', 2),
      compare(2.1, '==', 2),
    ]).toEqual([true, false, true, true, false, true, true, false]);
  });
});

describe('goal labels', () => {
  it('read as people write them', () => {
    expect(goalLabel({ metric: 'p99LatencyMs', op: '<=', value: 200 })).toBe('p99 latency ≤ 200 ms');
    expect(goalLabel({ metric: 'successShare', op: '>=', value: 0.999 })).toBe('success share ≥ 99.9%');
    expect(goalLabel({ metric: 'throttled', op: '==', value: 0, node: 'fn' }, () => 'getOrder')).toBe('throttled = 0 on getOrder');
    expect(goalLabel({ metric: 'monthlyCostUsd', op: '<=', value: 500 })).toBe('cost per month ≤ $500');
    expect(goalLabel({ metric: 'coldStartShare', op: '<=', value: 0.01 })).toBe('cold-start share ≤ 1%');
    expect(goalLabel({ metric: 'p95LatencyMs', op: '<', value: 1500, node: 'fn' }, () => 'getOrder')).toBe('p95 duration < 1.5 s on getOrder');
    expect(formatMetric('maxIteratorAgeMs', 45_000)).toBe('45 s');
    expect(formatMetric('successShare', 0.87654)).toBe('87.7%');
    expect(formatMetric('throttled', 12345)).toBe('12,345');
  });
});
