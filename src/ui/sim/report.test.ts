import { nodesOf } from '../../sim/testing/docs';
import { describe, expect, it, vi } from 'vitest';
import { defaultScenario } from '../../model';
import { runSimulation } from '../../sim/simulation';
import { nodeNames } from './names';
import { costReport, nodePhrases, type ReportContext } from './report';

vi.setConfig({ testTimeout: 60_000 });

describe('the run summary as a report', () => {
  const doc = defaultScenario();
  doc.settings.durationS = 30;
  const fn = doc.nodes.find((n) => n.id === 'fn')!;
  (fn.config as { reservedConcurrency: number | null }).reservedConcurrency = 1;
  const summary = runSimulation(doc);
  const names = nodeNames(doc.nodes);
  const ctx: ReportContext = { names, edges: doc.edges, types: (id) => summary.nodes[id]?.type };

  it('says each node’s numbers in words and units, never field names', () => {
    const everything = Object.entries(summary.nodes)
      .flatMap(([id, n]) => nodePhrases(id, n, ctx).map((p) => p.text))
      .join(' | ');
    for (const field of ['billedGbS', 'lambdaThrottled500', 'maxConcurrency', 'coldStarts', 'durationMs', 'costUsd', 'readUnits'])
      expect(everything).not.toContain(field);
    expect(everything).not.toMatch(/\de[-+]?\d/);
    const lambda = nodePhrases('fn', summary.nodes.fn, ctx).map((p) => p.text);
    expect(lambda[0]).toMatch(/^[\d,]+ invocations$/);
    expect(lambda).toContainEqual(expect.stringMatching(/^billed [\d,.]+ GB-s$/));
    expect(lambda).toContainEqual(expect.stringMatching(/^duration p50 [\d.]+ m?s · p99 [\d.,]+ m?s$/));
    expect(lambda).toContainEqual(expect.stringMatching(/^peak concurrency 1$/));
  });

  it('names the Lambda whose throttles the gateway returned as 500, with the same count', () => {
    const api = nodePhrases('api', summary.nodes.api, ctx).map((p) => p.text);
    const line = api.find((p) => p.includes('(API returned 500)'));
    expect(line).toBe(`${(nodesOf(summary).api.lambdaThrottled500 as number).toLocaleString('en-US')} throttled by Lambda 'getOrder' (API returned 500)`);
  });

  it('gives cost by node and by service, each with its 30-day projection, adding up to the totals', () => {
    const cost = costReport(summary, names);
    expect(cost.byService.map((c) => c.name)).toEqual(expect.arrayContaining(['Lambda', 'API Gateway', 'DynamoDB']));
    expect(cost.byNode.map((c) => c.name)).toEqual(expect.arrayContaining(['getOrder', 'Orders API', 'Orders']));
    const sum = (xs: { runUsd: number }[]) => xs.reduce((s, c) => s + c.runUsd, 0);
    expect(sum(cost.byService)).toBeCloseTo(summary.costUsd.total, 6);
    expect(sum(cost.byNode)).toBeCloseTo(summary.costUsd.total, 6);
    expect(cost.byNode[0].runUsd).toBeGreaterThanOrEqual(cost.byNode.at(-1)!.runUsd);
    // free tier off: the 30 days are the run scaled, as the summary says
    expect(cost.monthlyListUsd).toBeCloseTo(summary.costUsd.monthly, 1);
    expect(cost.freeTierUsd).toBe(0);
    for (const c of cost.byNode) expect(c.monthlyUsd).toBeCloseTo((c.runUsd * 30 * 86_400) / 30, 6);
    expect(cost.byNode.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 6);
  });

  it('shows the free tier as what it takes off the 30 days', () => {
    const free = structuredClone(doc);
    free.settings.freeTier = true;
    const s = runSimulation(free);
    const cost = costReport(s, names);
    expect(cost.freeTierUsd).toBeGreaterThan(0);
    expect(cost.monthlyListUsd - cost.freeTierUsd).toBeCloseTo(s.costUsd.monthly, 1);
  });
});

describe('a table’s cost by part in the report', () => {
  it('tells storage, replicas, PITR and backups for 30 days, and the replication figures, in words', async () => {
    const { makeDoc } = await import('../../sim/testing/docs');
    const doc = makeDoc(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 5 }, readRatio: 0 } },
        { id: 'fn', type: 'lambda', config: {} },
        { id: 'table', type: 'dynamodb', config: { storageGb: 10, globalReplicas: 2, stream: { enabled: true }, pointInTimeRecovery: true, backupGb: 30 } },
      ],
      [
        ['users', 'fn'],
        ['fn', 'table'],
      ],
      { durationS: 20 },
    );
    const summary = runSimulation(doc);
    const ctx: ReportContext = { names: nodeNames(doc.nodes), edges: doc.edges, types: (id) => summary.nodes[id]?.type, durationS: summary.durationS };
    const phrases = nodePhrases('table', summary.nodes.table, ctx).map((p) => p.text);
    const parts = phrases.find((p) => p.startsWith('30 days:'));
    // 10 GB × $0.25; two replicas of it; PITR $0.20 × 10 GB × 3 copies; 30 GB of backups × $0.10
    expect(parts).toContain('storage $2.50');
    expect(parts).toContain('replica storage $5.00');
    expect(parts).toContain('point-in-time recovery $6.00');
    expect(parts).toContain('on-demand backups $3.00');
    expect(phrases).toContain('2 replica Regions');
    expect(phrases).toContain('typical replication latency 1 s');
    expect(phrases.join(' ')).not.toMatch(/costParts|replicatedWriteUnits/);
  });
});
