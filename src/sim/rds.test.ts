/**
 * RDS, RDS Proxy and Lambda connections against AWS's documented numbers and scenarios with a
 * known answer: max_connections from the engine's default formula (docs/aws-reference.md §13.1);
 * N environments each holding a connection against max_connections M (exactly N − M fail with
 * "too many connections"); a proxy multiplexing the same burst over a few pooled connections;
 * the pool's ceiling (MaxConnectionsPercent) and borrow timeout; vCPU saturation (D/D/c: no
 * wait below capacity, a backlog growing at λ − c/s above it); failover with and without a
 * proxy (30 s vs 66% shorter); and the instance-hour and vCPU-hour prices.
 */
import { describe, expect, it, vi } from 'vitest';
import { defaultMaxConnections, mysqlMaxConnections, postgresMaxConnections, validateDocument } from '../model';
import { PRICES } from './pricing/prices';
import { Simulation } from './simulation';
import { makeDoc } from './testing/docs';

vi.setConfig({ testTimeout: 60_000 });

type Summary = ReturnType<Simulation['summary']>;
type Nodes = Parameters<typeof makeDoc>[0];
type Edges = Parameters<typeof makeDoc>[1];

function run(nodes: Nodes, edges: Edges, durationS: number, faults: unknown[] = [], seed = 5): Summary {
  const sim = new Simulation(makeDoc(nodes, edges, { seed, durationS }, faults));
  sim.runToEnd();
  return sim.summary();
}

const users = (rps: number) => ({ id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform', readRatio: 1, zipfS: 0 } });
/** `rps` for the first second only, then nothing (the run goes on so every request finishes). */
const burst = (rps: number) => ({
  id: 'users',
  type: 'client',
  config: { traffic: { shape: 'spike', baseRps: 0, peakRps: rps, atS: 0, lengthS: 1 }, arrivals: 'uniform', readRatio: 1, zipfS: 0 },
});
/** Provisioned environments: no cold starts, so the timing is exact. */
const fn = (extra: Record<string, unknown> = {}) => ({
  id: 'fn',
  type: 'lambda',
  config: { vpc: true, memoryMb: 1769, timeoutMs: 30_000, handler: { distribution: 'constant', meanMs: 2000 }, ...extra },
});
const db = (config: Record<string, unknown>) => ({ id: 'db', type: 'rds', config: { queryMs: { distribution: 'constant', meanMs: 5 }, ...config } });
const node = (s: Summary, id: string) => s.nodes[id] as Record<string, number>;

describe('max_connections defaults (§13.1)', () => {
  it("PostgreSQL's formula gives AWS's worked example and caps at 5,000", () => {
    expect(postgresMaxConnections(15.25)).toBe(1600); // db.r4.large in AWS's example
    expect(defaultMaxConnections('aurora-postgresql', 'db.r6g.large')).toBe(1679);
    expect(defaultMaxConnections('postgres', 'db.r6g.2xlarge')).toBe(5000);
  });
  it("Aurora MySQL follows AWS's table; RDS for MySQL its memory formula", () => {
    expect(defaultMaxConnections('aurora-mysql', 'db.r6g.large')).toBe(1000);
    expect(defaultMaxConnections('aurora-mysql', 'db.t4g.medium')).toBe(90);
    expect(mysqlMaxConnections(16)).toBe(Math.floor((16 * 2 ** 30) / 12_582_880));
    expect(defaultMaxConnections('mysql', 'db.r6g.large')).toBe(1365);
  });
});

describe('connections from Lambda environments', () => {
  it('100 concurrent environments against max_connections 40: exactly 60 fail with too many connections', () => {
    const s = run(
      [burst(100), fn({ provisionedConcurrency: 100 }), db({ maxConnections: 40 })],
      [
        ['users', 'fn'],
        ['fn', 'db'],
      ],
      5,
    );
    expect(s.requests.total).toBe(100);
    expect(node(s, 'fn').maxConcurrency).toBe(100);
    expect(node(s, 'db').tooManyConnections).toBe(60);
    expect(node(s, 'db').peakConnections).toBe(40);
    expect(s.requests.ok).toBe(40);
    expect(s.requests.errors).toBe(60);
  });

  it('a connection is held while its environment lives, so a warm environment keeps succeeding', () => {
    // 10 environments, max 4: the same 4 environments hold the connections for the whole run
    const s = run(
      [users(10), fn({ provisionedConcurrency: 10, handler: { distribution: 'constant', meanMs: 950 } }), db({ maxConnections: 4 })],
      [
        ['users', 'fn'],
        ['fn', 'db'],
      ],
      5,
    );
    expect(node(s, 'db').peakConnections).toBe(4);
    expect(node(s, 'db').connectionsAtEnd).toBe(4);
    expect(s.requests.ok / s.requests.total).toBeCloseTo(0.4, 1);
  });

  it('through RDS Proxy the same burst succeeds: transactions share a few pooled connections', () => {
    const s = run(
      [burst(100), fn({ provisionedConcurrency: 100 }), { id: 'proxy', type: 'rdsProxy', config: {} }, db({ maxConnections: 40 })],
      [
        ['users', 'fn'],
        ['fn', 'proxy'],
        ['proxy', 'db'],
      ],
      5,
    );
    expect(s.requests.total).toBe(100);
    expect(s.requests.ok).toBe(100);
    expect(node(s, 'db').tooManyConnections).toBe(0);
    expect(node(s, 'proxy').poolMax).toBe(40);
    // queries 10 ms apart, 5 ms each: one pooled connection is enough
    expect(node(s, 'proxy').peakPoolInUse).toBe(1);
    expect(node(s, 'db').peakConnections).toBe(1);
  });
});

describe('RDS Proxy pool', () => {
  it('caps the pool at MaxConnectionsPercent of max_connections', () => {
    const s = run(
      [users(1), fn(), { id: 'proxy', type: 'rdsProxy', config: { maxConnectionsPercent: 25 } }, db({ engine: 'aurora-mysql', instanceClass: 'db.r6g.large' })],
      [
        ['users', 'fn'],
        ['fn', 'proxy'],
        ['proxy', 'db'],
      ],
      3,
    );
    expect(node(s, 'proxy').poolMax).toBe(250); // 25% of Aurora MySQL's 1,000
  });

  it('queues borrows when the pool is full and fails those still waiting after the borrow timeout', () => {
    // pool of 1 (50% of 2); queries of 1 s arrive 200 ms apart: waits 0, 0.8, 1.6, 2.4, 3.2 s against a 2 s timeout
    const s = run(
      [
        burst(5),
        fn({ provisionedConcurrency: 5 }),
        { id: 'proxy', type: 'rdsProxy', config: { maxConnectionsPercent: 50, borrowTimeoutS: 2 } },
        db({ maxConnections: 2, queryMs: { distribution: 'constant', meanMs: 1000 } }),
      ],
      [
        ['users', 'fn'],
        ['fn', 'proxy'],
        ['proxy', 'db'],
      ],
      10,
    );
    expect(s.requests.total).toBe(5);
    expect(node(s, 'proxy').poolMax).toBe(1);
    expect(node(s, 'proxy').waitedBorrows).toBe(4);
    expect(node(s, 'proxy').borrowTimeouts).toBe(2);
    expect(s.requests.ok).toBe(3);
  });
});

describe('RDS Proxy pinning (§13.3)', () => {
  const viaProxy = (proxy: Record<string, unknown>, envs: number, maxConnections: number, queryMs = 5) =>
    run(
      [
        burst(envs),
        fn({ provisionedConcurrency: envs }),
        { id: 'proxy', type: 'rdsProxy', config: proxy },
        db({ maxConnections, queryMs: { distribution: 'constant', meanMs: queryMs } }),
      ],
      [
        ['users', 'fn'],
        ['fn', 'proxy'],
        ['proxy', 'db'],
      ],
      10,
    );

  it('at 100% every environment keeps its own connection: 100 environments, a pool of 40 → 60 borrow timeouts, as without a proxy', () => {
    const s = viaProxy({ pinningPercent: 100, borrowTimeoutS: 3 }, 100, 40);
    // the same N − M as the direct connections above: a pinned connection is never lent again while its environment lives
    expect(s.requests.total).toBe(100);
    expect(s.requests.ok).toBe(40);
    expect(node(s, 'proxy').borrowTimeouts).toBe(60);
    expect(node(s, 'proxy').pinnedTimeouts).toBe(60);
    expect(node(s, 'proxy').pinnedSessions).toBe(40);
    expect(node(s, 'proxy').peakPinned).toBe(40);
    expect(node(s, 'proxy').peakPoolInUse).toBe(40);
    expect(node(s, 'db').peakConnections).toBe(40);
    // without pinning the same burst needs one connection (the test above)
    const free = viaProxy({ pinningPercent: 0, borrowTimeoutS: 3 }, 100, 40);
    expect(free.requests.ok).toBe(100);
    expect(node(free, 'proxy').peakPoolInUse).toBe(1);
    expect(node(free, 'proxy').pinnedSessions).toBeUndefined();
  });

  it('at p% a one-transaction environment pins with probability p: 800 environments at 30% hold about 240 connections', () => {
    const s = viaProxy({ pinningPercent: 30 }, 800, 5000, 1);
    // Binomial(800, 0.3): mean 240, sd 13; ±45 is 3.5 sd
    const pinned = node(s, 'proxy').pinnedSessions;
    expect(pinned).toBeGreaterThan(240 - 45);
    expect(pinned).toBeLessThan(240 + 45);
    expect(node(s, 'proxy').pinnedAtEnd).toBe(pinned);
    expect(s.requests.ok).toBe(800);
    // pinned connections stay open and held; the unpinned transactions (1.25 ms apart, 1 ms each) share
    // one more (none left idle when the last transaction pinned it)
    expect(node(s, 'db').connectionsAtEnd).toBeGreaterThanOrEqual(pinned);
    expect(node(s, 'db').connectionsAtEnd).toBeLessThanOrEqual(pinned + 1);
    expect(node(s, 'proxy').peakPoolInUse).toBeLessThanOrEqual(pinned + 1);
  });

  it('a pinned connection goes back to the pool when its environment is reclaimed', () => {
    // 20 on-demand environments, each pinned by its first transaction, reclaimed after 10 s idle
    const s = run(
      [
        burst(20),
        fn({ idleTimeoutS: 10, handler: { distribution: 'constant', meanMs: 2000 } }),
        { id: 'proxy', type: 'rdsProxy', config: { pinningPercent: 100 } },
        db({ maxConnections: 100 }),
      ],
      [
        ['users', 'fn'],
        ['fn', 'proxy'],
        ['proxy', 'db'],
      ],
      60,
    );
    expect(s.requests.ok).toBe(20);
    expect(node(s, 'proxy').peakPinned).toBe(20);
    expect(node(s, 'proxy').pinnedAtEnd).toBe(0);
    // the connections stay open in the pool, free to lend
    expect(node(s, 'db').connectionsAtEnd).toBe(20);
  });
});

describe('CPU saturation: at most one query per vCPU at a time', () => {
  const saturate = (rps: number) =>
    run(
      [
        users(rps),
        fn({ timeoutMs: 60_000, handler: { distribution: 'constant', meanMs: 0 } }),
        db({ instanceClass: 'db.r6g.large', queryMs: { distribution: 'constant', meanMs: 10 } }),
      ],
      [
        ['users', 'fn'],
        ['fn', 'db'],
      ],
      10,
    );

  it('below capacity (150 of 200 queries/s on 2 vCPUs, evenly spaced) no query waits', () => {
    const s = saturate(150);
    expect(s.latencyMs.p50).toBeLessThan(12);
  });

  it('above capacity (250 queries/s) the backlog grows at 50/s: the last query waits about 2.5 s after 10 s', () => {
    const s = saturate(250);
    expect(s.latencyMs.max).toBeGreaterThan(2500 * 0.9);
    expect(s.latencyMs.max).toBeLessThan(2500 * 1.15);
  });
});

describe('failover (§13.4)', () => {
  const failover = [{ kind: 'failover', atS: 10, node: 'db' }];
  it('without a proxy, queries fail for the 30 s Aurora failover', () => {
    const s = run(
      [users(20), fn({ handler: { distribution: 'constant', meanMs: 10 } }), db({})],
      [
        ['users', 'fn'],
        ['fn', 'db'],
      ],
      60,
      failover,
    );
    expect(node(s, 'db').failovers).toBe(1);
    // 20 requests/s × 30 s
    expect(s.requests.errors).toBeGreaterThan(600 * 0.97);
    expect(s.requests.errors).toBeLessThan(600 * 1.03);
  });

  it('with RDS Proxy the outage is 66% shorter and queries wait instead of failing', () => {
    const s = run(
      [users(20), fn({ handler: { distribution: 'constant', meanMs: 10 } }), { id: 'proxy', type: 'rdsProxy', config: {} }, db({})],
      [
        ['users', 'fn'],
        ['fn', 'proxy'],
        ['proxy', 'db'],
      ],
      60,
      failover,
    );
    expect(s.requests.errors).toBe(0);
    // the first query after the failover began waits the whole 30 × 0.34 = 10.2 s
    expect(s.latencyMs.max).toBeGreaterThan(10_200 * 0.97);
    expect(s.latencyMs.max).toBeLessThan(10_200 * 1.05);
  });
});

describe('VPC access', () => {
  it('a function without VPC access may not query a database in a VPC', () => {
    const doc = makeDoc([fn({ vpc: true }), db({})], [['fn', 'db']]);
    const broken = { ...doc, nodes: doc.nodes.map((n) => (n.type === 'lambda' ? { ...n, config: { ...n.config, vpc: false } } : n)) };
    expect(validateDocument(broken).join('\n')).toMatch(/only reachable inside its VPC: turn on VPC access/);
  });
});

describe('prices (§13.2, §13.3)', () => {
  it('bills the instance-hour by engine and class, and the proxy per vCPU-hour (at least 2)', () => {
    const s = run(
      [{ id: 'big', type: 'rds', config: { instanceClass: 'db.r6g.2xlarge', engine: 'postgres' } }, { id: 'proxy', type: 'rdsProxy', config: {} }, db({})],
      [['proxy', 'big']],
      3600,
    );
    expect(node(s, 'db').costUsd).toBeCloseTo(PRICES.rds.perInstanceHour['db.r6g.large'].aurora, 6);
    expect(PRICES.rds.perInstanceHour['db.r6g.large'].aurora).toBe(0.26);
    expect(node(s, 'big').costUsd).toBeCloseTo(0.898, 6);
    expect(node(s, 'proxy').costUsd).toBeCloseTo(8 * 0.015, 6);
    const small = run([{ id: 'proxy', type: 'rdsProxy', config: {} }, db({ instanceClass: 'db.t4g.medium' })], [['proxy', 'db']], 3600);
    expect(node(small, 'proxy').costUsd).toBeCloseTo(2 * 0.015, 6);
  });
});
