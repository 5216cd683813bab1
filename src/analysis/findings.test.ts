/** Every finding rule driven by a scenario whose right answer is known. */
import { nodesOf } from '../sim/testing/docs';
import { describe, expect, it } from 'vitest';
import { findFindings, type Finding } from './findings';
import { calmDiagram, scenario, simulate, throttlingDiagram } from './testing/scenarios';
import type { Architecture } from '../model';

function findingsOf(doc: Architecture, live = false): Finding[] {
  const { summary, windows } = simulate(doc);
  return findFindings({ doc, summary: live ? null : summary, windows });
}
const ofKind = (fs: Finding[], kind: Finding['kind']) => fs.filter((f) => f.kind === kind);

describe('findings', () => {
  it('names the bottleneck: the first limit reached, when, and the share throttled, by label', () => {
    const doc = throttlingDiagram();
    const { summary, windows } = simulate(doc);
    const fs = findFindings({ doc, summary, windows });
    const b = fs[0];
    expect(b.kind).toBe('bottleneck');
    expect(b.node).toBe('fn');
    expect(b.title).toMatch(/^getOrder hit reserved concurrency 10 (at \d+(\.\d)? s|in the first second); \d+% of its requests throttled$/);
    const fn = summary.nodes.fn as Record<string, number>;
    const share = fn.throttles / (fn.invocations + fn.throttles);
    expect(share).toBeGreaterThan(0.3);
    expect(b.title).toContain(`${Math.round(share * 100)}% of its requests`);
    // the first throttle happens within the first seconds at 200 rps against 10 environments
    expect(b.atS).toBeLessThanOrEqual(3);
    expect(b.detail).toContain('500');
    for (const f of fs) expect(`${f.title} ${f.detail}`).not.toMatch(/\bfn\b|\bapi\b|\busers\b/);
    expect(ofKind(fs, 'nothingNotable')).toHaveLength(0);
  });

  it('dates the bottleneck to the moment traffic outgrows the limit', () => {
    // 100 ms of pure waiting (no CPU share, no cold starts: all 10 provisioned) at reserved
    // 10 serves at most 100 rps; a ramp from 0 to 400 rps over 40 s brings t environments busy
    // on average at t s, so requests start to find all 10 busy a few seconds before 10 s.
    const doc = scenario(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'ramp', fromRps: 0, toRps: 400 } } },
        {
          id: 'fn',
          type: 'lambda',
          label: 'getOrder',
          config: { reservedConcurrency: 10, provisionedConcurrency: 10, cpuBound: 0, handler: { distribution: 'constant', meanMs: 100 } },
        },
      ],
      [['users', 'fn']],
      { settings: { durationS: 40 } },
    );
    const b = findingsOf(doc)[0];
    expect(b.kind).toBe('bottleneck');
    expect(b.atS).toBeGreaterThanOrEqual(4);
    expect(b.atS).toBeLessThanOrEqual(11);
    expect(b.title).toContain(`at ${b.atS! - 1} s`);
    expect(b.title).toMatch(/^getOrder hit reserved concurrency 10 at \d+ s;/);
  });

  it('finds the same bottleneck live, from the windows alone', () => {
    const b = findingsOf(throttlingDiagram(), true)[0];
    expect(b.kind).toBe('bottleneck');
    expect(b.title).toContain('getOrder hit reserved concurrency 10');
  });

  it("says when the account's unreserved pool is the limit", () => {
    const doc = scenario(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 400 } } },
        { id: 'fn', type: 'lambda', label: 'report', config: { handler: { distribution: 'constant', meanMs: 500 } } },
      ],
      [['users', 'fn']],
      { settings: { durationS: 20, accountConcurrency: 100 } },
    );
    const b = ofKind(findingsOf(doc), 'bottleneck')[0];
    expect(b.title).toContain("report hit the account's unreserved concurrency 100");
  });

  it('reports cold starts with what removes them, and not once provisioned concurrency covers the peak', () => {
    const doc = scenario(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'diurnal', minRps: 0, maxRps: 10, periodS: 60 } } },
        { id: 'api', type: 'apiGateway', config: { flavor: 'http' } },
        {
          id: 'fn',
          type: 'lambda',
          label: 'checkout',
          config: { runtime: 'java21', idleTimeoutS: 10, handler: { distribution: 'lognormal', meanMs: 60, p99Ms: 200 } },
        },
      ],
      [
        ['users', 'api'],
        ['api', 'fn'],
      ],
      { settings: { durationS: 300 } },
    );
    const { summary, windows } = simulate(doc);
    const cold = ofKind(findFindings({ doc, summary, windows }), 'coldStarts');
    expect(cold).toHaveLength(1);
    const fn = summary.nodes.fn as Record<string, number>;
    expect(fn.coldStarts / fn.invocations).toBeGreaterThanOrEqual(0.01);
    expect(cold[0].title).toContain("of checkout's invocations started cold");
    expect(cold[0].detail).toContain(`provisioned concurrency of ${fn.maxConcurrency}`);
    expect(cold[0].detail).toContain('SnapStart');

    const fixed = scenario(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 20 } } },
        { id: 'fn', type: 'lambda', label: 'checkout', config: { provisionedConcurrency: 10, handler: { distribution: 'constant', meanMs: 50 } } },
      ],
      [['users', 'fn']],
    );
    expect(ofKind(findingsOf(fixed), 'coldStarts')).toHaveLength(0);
  });

  it('sees a queue backlog that keeps growing, and not one that drains', () => {
    const nodes = (consumerReserved: number, handlerMs: number, batchSize: number) => [
      { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 50 } } },
      { id: 'ingest', type: 'lambda', config: { handler: { distribution: 'constant', meanMs: 10 } } },
      { id: 'queue', type: 'sqs', label: 'Orders queue', config: { batchSize } },
      {
        id: 'worker',
        type: 'lambda',
        label: 'fulfil',
        config: { reservedConcurrency: consumerReserved, handler: { distribution: 'constant', meanMs: handlerMs } },
      },
    ];
    const edges: [string, string][] = [
      ['users', 'ingest'],
      ['ingest', 'queue'],
      ['queue', 'worker'],
    ];
    const slow = scenario(nodes(2, 1000, 1), edges, { settings: { durationS: 60 } });
    const { summary, windows } = simulate(slow);
    const backlog = ofKind(findFindings({ doc: slow, summary, windows }), 'backlog');
    expect(backlog).toHaveLength(1);
    expect(backlog[0].node).toBe('queue');
    expect(backlog[0].title).toMatch(/^Orders queue's backlog keeps growing: [\d,]+ messages waiting at 60 s$/);
    expect(backlog[0].detail).toContain('Let fulfil process more');
    expect(Number(nodesOf(summary).queue.depthAtEnd)).toBeGreaterThan(1000);

    const enough = scenario(nodes(20, 10, 10), edges, { settings: { durationS: 60 } });
    expect(ofKind(findingsOf(enough), 'backlog')).toHaveLength(0);
  });

  it('finds timeouts upstream of a slow service and names the slow one', () => {
    const doc = scenario(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 2 } } },
        { id: 'api', type: 'apiGateway', label: 'Reports API', config: { timeoutMs: 29000 } },
        { id: 'fn', type: 'lambda', label: 'buildReport', config: { timeoutMs: 60000, handler: { distribution: 'lognormal', meanMs: 12000, p99Ms: 60000 } } },
      ],
      [
        ['users', 'api'],
        ['api', 'fn'],
      ],
      { settings: { durationS: 300 } },
    );
    const t = ofKind(findingsOf(doc), 'timeouts');
    const api = t.find((f) => f.title.startsWith('Reports API'));
    expect(api).toBeDefined();
    expect(api!.title).toMatch(/^Reports API timed out [\d,]+ requests \(limit 29 s\), waiting for buildReport \(p99 [\d.]+ s\)$/);
    expect(api!.node).toBe('fn');
    expect(api!.detail).toContain('504');
  });

  it('blames a slow call for a function that times out, or its own handler when nothing downstream is slow', () => {
    const make = (handlerMs: number, faults: unknown[]) =>
      scenario(
        [
          { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 20 } } },
          { id: 'fn', type: 'lambda', label: 'getOrder', config: { timeoutMs: 1000, handler: { distribution: 'constant', meanMs: handlerMs } } },
          { id: 'table', type: 'dynamodb', label: 'Orders table' },
        ],
        [
          ['users', 'fn'],
          ['fn', 'table'],
        ],
        { settings: { durationS: 40 }, faults },
      );
    const slowTable = ofKind(findingsOf(make(20, [{ kind: 'latency', node: 'table', atS: 10, lengthS: 20, addMs: 2000 }])), 'timeouts');
    expect(slowTable).toHaveLength(1);
    expect(slowTable[0].title).toMatch(/^getOrder timed out [\d,]+ requests \(limit 1 s\), waiting for Orders table.*which has a latency fault$/);
    expect(slowTable[0].node).toBe('table');
    expect(slowTable[0].atS).toBeGreaterThanOrEqual(10);

    const slowHandler = ofKind(findingsOf(make(2000, [])), 'timeouts');
    expect(slowHandler).toHaveLength(1);
    expect(slowHandler[0].title).toMatch(/^getOrder timed out [\d,]+ requests \(limit 1 s\), its own handler is too slow/);
    expect(slowHandler[0].node).toBe('fn');
  });

  it('reports a throttled table that is not the bottleneck', () => {
    const doc = scenario(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 300 } } },
        { id: 'fn', type: 'lambda', label: 'writer', config: { reservedConcurrency: 20, handler: { distribution: 'constant', meanMs: 50 }, timeoutMs: 30000 } },
        { id: 'table', type: 'dynamodb', label: 'Orders table', config: { capacityMode: 'provisioned', readCapacityUnits: 5, writeCapacityUnits: 5 } },
      ],
      [
        ['users', 'fn'],
        ['fn', 'table'],
      ],
      { settings: { durationS: 60 } },
    );
    const fs = findingsOf(doc);
    const throttled = fs.filter((f) => f.node === 'table' && (f.kind === 'tableThrottled' || f.kind === 'bottleneck'));
    expect(throttled).toHaveLength(1);
    expect(throttled[0].title).toMatch(/Orders table.*provisioned capacity \(5 RCU \/ 5 WCU\)/);
  });

  it('reports errors from a failing handler', () => {
    const doc = calmDiagram({ errorRate: 0.1 });
    const { summary, windows } = simulate(doc);
    const e = ofKind(findFindings({ doc, summary, windows }), 'errors');
    expect(e).toHaveLength(1);
    const share = summary.requests.errors / summary.requests.total;
    expect(share).toBeGreaterThan(0.05);
    expect(e[0].title).toBe(`${Math.round(share * 100)}% of requests failed with an error; most at getOrder`);
    expect(e[0].node).toBe('fn');
  });

  it('names the top cost drivers with their share of the monthly bill', () => {
    const doc = calmDiagram();
    const { summary, windows } = simulate(doc);
    const cost = ofKind(findFindings({ doc, summary, windows }), 'cost')[0];
    const byNode = ['api', 'fn'].map((id) => ({ id, usd: Number(nodesOf(summary)[id].costUsd) })).sort((a, b) => b.usd - a.usd);
    expect(cost.node).toBe(byNode[0].id);
    const share = byNode[0].usd / summary.costUsd.total;
    expect(cost.title).toContain(`${Math.round(share * 100)}% of the`);
    expect(cost.detail).toMatch(/Orders API \d+%/);
    expect(cost.detail).toMatch(/getOrder \d+%/);
    // live, without per-node costs yet: by service, in AWS's names
    const live = ofKind(findFindings({ doc, summary: null, windows }), 'cost')[0];
    expect(live.title).toMatch(/^(API Gateway|Lambda) is \d+% of the \$[\d.,]+ monthly bill$/);
    expect(live.detail).toContain('API Gateway');
  });

  it('says "nothing notable" when that is the truth, and only then', () => {
    const calm = findingsOf(calmDiagram());
    expect(calm[0].kind).toBe('nothingNotable');
    expect(calm.filter((f) => f.severity !== 'info')).toHaveLength(0);
    expect(ofKind(findingsOf(throttlingDiagram()), 'nothingNotable')).toHaveLength(0);
  });
});

describe('findings name the layered limits of issue #12', () => {
  it('a hot key on an on-demand table: the partition ceiling, not the table capacity, is the bottleneck', () => {
    const doc = scenario(
      [
        { id: 'users', type: 'client', label: 'Devices', config: { traffic: { shape: 'constant', rps: 1_500 }, arrivals: 'uniform', readRatio: 0, keys: 1 } },
        { id: 'table', type: 'dynamodb', label: 'Counters', config: { sdkMaxAttempts: 1 } },
      ],
      [['users', 'table']],
      { settings: { durationS: 20 } },
    );
    const b = ofKind(findingsOf(doc), 'bottleneck')[0];
    expect(b.title).toContain("one partition's ceiling (3,000 RCU / 1,000 WCU a second): a hot key");
    expect(b.detail).toContain('write sharding');
  });

  it("two APIs sharing the account's limit: the Region limit is named", () => {
    const doc = scenario(
      [
        { id: 'a', type: 'client', config: { traffic: { shape: 'constant', rps: 8_000 } } },
        { id: 'b', type: 'client', config: { traffic: { shape: 'constant', rps: 8_000 } } },
        { id: 'apiA', type: 'apiGateway', label: 'Orders API' },
        { id: 'apiB', type: 'apiGateway', label: 'Search API' },
      ],
      [
        ['a', 'apiA'],
        ['b', 'apiB'],
      ],
      { settings: { durationS: 10 } },
    );
    const b = ofKind(findingsOf(doc), 'bottleneck')[0];
    expect(b.title).toContain("the account's Region limit 10,000 rps (burst 5,000, shared by every API)");
  });
});

describe('database connections', () => {
  // 100 environments at once (2 s handler) against max_connections 40: 60 refused
  const burst = { traffic: { shape: 'spike', baseRps: 0, peakRps: 100, atS: 0, lengthS: 1 }, arrivals: 'uniform', readRatio: 1 };
  const fn = { vpc: true, memoryMb: 1769, timeoutMs: 10_000, provisionedConcurrency: 100, handler: { distribution: 'constant', meanMs: 2000 } };
  const db = { maxConnections: 40, queryMs: { distribution: 'constant', meanMs: 5 } };

  it('names the database that ran out of connections, and RDS Proxy as the remedy', () => {
    const doc = scenario(
      [
        { id: 'users', type: 'client', config: burst },
        { id: 'fn', type: 'lambda', label: 'placeOrder', config: fn },
        { id: 'db', type: 'rds', label: 'Orders DB', config: db },
      ],
      [
        ['users', 'fn'],
        ['fn', 'db'],
      ],
      { settings: { durationS: 5 } },
    );
    const findings = findFindings({ doc, ...simulate(doc) });
    const f = findings.find((x) => x.kind === 'connectionsExhausted');
    expect(f?.node).toBe('db');
    expect(f?.title).toBe('Orders DB ran out of connections: 60 queries refused ("too many connections")');
    expect(f?.detail).toMatch(/All 40 connections .* placeOrder, one each while it lives\. Put RDS Proxy between/);
  });

  it('says nothing about connections when the proxy shares them', () => {
    const doc = scenario(
      [
        { id: 'users', type: 'client', config: burst },
        { id: 'fn', type: 'lambda', config: fn },
        { id: 'proxy', type: 'rdsProxy' },
        { id: 'db', type: 'rds', config: db },
      ],
      [
        ['users', 'fn'],
        ['fn', 'proxy'],
        ['proxy', 'db'],
      ],
      { settings: { durationS: 5 } },
    );
    expect(findFindings({ doc, ...simulate(doc) }).some((x) => x.kind === 'connectionsExhausted')).toBe(false);
  });

  it('names pinning when every pooled connection was pinned: the proxy then holds one per environment, as without it', () => {
    const doc = scenario(
      [
        { id: 'users', type: 'client', config: burst },
        { id: 'fn', type: 'lambda', config: fn },
        { id: 'proxy', type: 'rdsProxy', label: 'Orders proxy', config: { pinningPercent: 100, borrowTimeoutS: 2 } },
        { id: 'db', type: 'rds', config: db },
      ],
      [
        ['users', 'fn'],
        ['fn', 'proxy'],
        ['proxy', 'db'],
      ],
      { settings: { durationS: 5 } },
    );
    const f = findFindings({ doc, ...simulate(doc) }).find((x) => x.kind === 'connectionsExhausted');
    expect(f?.node).toBe('proxy');
    expect(f?.title).toBe("Orders proxy's pool was pinned full: 60 queries failed after the borrow timeout");
    expect(f?.detail).toMatch(/All 40 pooled connections were pinned .*40 sessions pinned/);
  });
});
