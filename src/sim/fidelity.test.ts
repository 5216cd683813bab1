/**
 * AWS fidelity, round two (issue #12): limits AWS shares or splits, DynamoDB partitions,
 * SQS validation/metering/FIFO, direct integrations and prices — each against AWS's
 * documented rule or price formula (docs/aws-reference.md).
 */
import { describe, expect, it, vi } from 'vitest';
import { restoreDocument, validateDocument, type Architecture } from '../model';
import type { LogEvent, NodeLive, SimSummary } from './api';
import { Simulation, runSimulation } from './simulation';
import { liveAs, makeDoc } from './testing/docs';
import { partitionsFor } from './services/partitions';
import { S3_LATENCY } from './services/s3';
import { WindowSeries } from './metrics/confidence';
import { lognormalFromMedianP99 } from './engine/rng';

vi.setConfig({ testTimeout: 60_000 });

/** A number of a node's summary. */
const n = (s: SimSummary, id: string, key: string): number => {
  const v = (s.nodes[id] as Record<string, unknown>)[key];
  if (typeof v !== 'number') throw new Error(`${id}.${key} is not a number: ${String(v)}`);
  return v;
};

/** Run to the end, keeping every log line (frames are taken each simulated second). */
function runWithLog(doc: Architecture): { s: SimSummary; log: LogEvent[]; sim: Simulation; live: Record<string, NodeLive> } {
  const sim = new Simulation(doc);
  const log: LogEvent[] = [];
  let live: Record<string, NodeLive> = {};
  for (let t = 1000; t <= doc.settings.durationS * 1000; t += 1000) {
    sim.advance(t);
    const frame = sim.takeFrame();
    log.push(...frame.events);
    live = frame.nodes;
  }
  return { s: sim.summary(), log, sim, live };
}

const client = (id: string, rps: number, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'client',
  config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform', ...extra },
});

describe('API Gateway: the account-and-Region limit is shared by every API (§2)', () => {
  const twoApis = (rps: number, settings: Record<string, unknown> = {}, api: Record<string, unknown> = {}, arrivals = 'uniform') =>
    makeDoc(
      [
        client('a', rps, { arrivals }),
        client('b', rps, { arrivals }),
        { id: 'apiA', type: 'apiGateway', config: api },
        { id: 'apiB', type: 'apiGateway', config: { flavor: 'http', ...api } },
      ],
      [
        ['a', 'apiA'],
        ['b', 'apiB'],
      ],
      { durationS: 10, ...settings },
    );

  it('two APIs at 8,000 rps each throttle: together they get 10,000 rps plus the 5,000 burst', () => {
    // Poisson arrivals, so neither client is always first in line for the token
    const { s, log } = runWithLog(twoApis(8_000, {}, {}, 'poisson'));
    const offered = n(s, 'a', 'sent') + n(s, 'b', 'sent');
    const accepted = offered - n(s, 'apiA', 'throttles') - n(s, 'apiB', 'throttles');
    // token bucket: capacity 5,000 at t = 0, refilled at 10,000/s for 10 s
    // (arrivals outpace the refill 1.6 : 1, so the bucket is empty nearly all the time)
    expect(accepted).toBeGreaterThanOrEqual(105_000 - 50);
    expect(accepted).toBeLessThanOrEqual(105_000 + 5);
    expect(n(s, 'apiA', 'accountThrottles')).toBe(n(s, 'apiA', 'throttles'));
    // both APIs lose about the same share (they draw from one bucket)
    expect(Math.abs(n(s, 'apiA', 'throttles') - n(s, 'apiB', 'throttles'))).toBeLessThan(0.02 * offered);
    expect(
      log.some((l) => /<apiA>: .* throttled \(429\) — account limit 10,000 rps \/ burst 5,000 per Region exceeded, shared by 2 APIs/.test(l.message)),
    ).toBe(true);
  });

  it('one API at 8,000 rps is not throttled, and a raised account quota lets both through', () => {
    const one = runSimulation(makeDoc([client('a', 8_000), { id: 'apiA', type: 'apiGateway' }], [['a', 'apiA']], { durationS: 10 }));
    expect(n(one, 'apiA', 'throttles')).toBe(0);
    const raised = runSimulation(twoApis(8_000, { apiAccountRps: 20_000 }));
    expect(n(raised, 'apiA', 'throttles') + n(raised, 'apiB', 'throttles')).toBe(0);
  });

  it('a stage limit below the account limit throttles first, at its own rate', () => {
    const s = runSimulation(twoApis(2_000, {}, { rateLimitRps: 1_000, burstLimit: 500 }));
    for (const id of ['apiA', 'apiB']) {
      const accepted = 20_000 - n(s, id, 'throttles');
      expect(accepted).toBeGreaterThanOrEqual(10_500 - 3);
      expect(accepted).toBeLessThanOrEqual(10_500 + 3);
      expect(n(s, id, 'accountThrottles')).toBe(0);
    }
  });
});

describe('DynamoDB partitions and hot keys (§3.1)', () => {
  const table = (config: Record<string, unknown>, clientCfg: Record<string, unknown>, durationS: number) =>
    makeDoc(
      [
        { id: 'users', type: 'client', config: { arrivals: 'uniform', readRatio: 0, ...clientCfg } },
        { id: 'table', type: 'dynamodb', config: { sdkMaxAttempts: 1, ...config } },
      ],
      [['users', 'table']],
      { durationS },
    );

  it('partition count follows capacity and size: max(⌈RCU/3,000 + WCU/1,000⌉, ⌈GB/10⌉, 1)', () => {
    expect(partitionsFor(1, 999, 1)).toBe(1);
    expect(partitionsFor(6_000, 2_000, 1)).toBe(4);
    expect(partitionsFor(12_000, 4_000, 1)).toBe(8); // a new on-demand table
    expect(partitionsFor(5, 5, 105)).toBe(11);
  });

  it('a single key written 1,500 times a second throttles on an on-demand table (1,000 WCU per partition)', () => {
    const { s, log, live } = runWithLog(table({ capacityMode: 'onDemand' }, { keys: 1, traffic: { shape: 'constant', rps: 1_500 } }, 20));
    // the on-demand allowance (4,000 WRU) is not what binds: the item's partition is
    const throttles = n(s, 'table', 'hotPartitionThrottles');
    expect(throttles).toBe(n(s, 'table', 'throttles'));
    // each second, writes past the 1,000th are refused
    expect(throttles).toBeGreaterThanOrEqual(500 * 20 - 2);
    expect(throttles).toBeLessThanOrEqual(500 * 20 + 2);
    expect(liveAs(live.table, 'dynamodb').hotPartitionThrottles).toBe(throttles);
    expect(
      log.some(
        (l) =>
          l.node === 'table' &&
          /^<table>: [\d,]+ writes throttled \(ProvisionedThroughputExceeded\) — hot partition: one partition serves at most 1,000 WCU a second$/.test(
            l.message,
          ),
      ),
    ).toBe(true);
  });

  it('the same load spread over many keys is served (8 partitions of a new on-demand table)', () => {
    const s = runSimulation(table({ capacityMode: 'onDemand' }, { keys: 100_000, zipfS: 0, traffic: { shape: 'constant', rps: 1_500 } }, 20));
    expect(n(s, 'table', 'throttles')).toBe(0);
    expect(n(s, 'table', 'partitions')).toBe(8);
  });

  it('burst capacity does not lift the partition ceiling; a hot item is isolated within minutes', () => {
    // provisioned 999 WCU: one partition; 1,200 writes/s are within the banked burst but not within the partition
    const { s, sim, log } = runWithLog(
      table(
        { capacityMode: 'provisioned', readCapacityUnits: 1, writeCapacityUnits: 999 },
        { keys: 1_000, zipfS: 2, traffic: { shape: 'constant', rps: 1_200 } },
        420,
      ),
    );
    expect(n(s, 'table', 'hotPartitionThrottles')).toBeGreaterThan(150 * 280);
    // Zipf s = 2: key 1 carries 1/ζ(2) ≈ 61% of the writes; after the review at 300 s it has a partition of its own
    expect(log.some((l) => /split for heat — a hot item moved to a partition of its own \(now 2 partitions\)/.test(l.message))).toBe(true);
    const late = sim.history().filter((w) => w.tS > 305);
    expect(late.reduce((sum, w) => sum + w.nodes.table.throttled, 0)).toBe(0);
  });

  it('split for heat halves a hot partition when no single item dominates it', () => {
    const { sim, log } = runWithLog(
      table(
        { capacityMode: 'provisioned', readCapacityUnits: 1, writeCapacityUnits: 999 },
        { keys: 1_000, zipfS: 0, traffic: { shape: 'constant', rps: 1_200 } },
        360,
      ),
    );
    expect(log.some((l) => /split for heat — a hot partition split in two \(now 2 partitions\)/.test(l.message))).toBe(true);
    const early = sim.history().filter((w) => w.tS <= 300);
    const late = sim.history().filter((w) => w.tS > 305);
    expect(early.reduce((sum, w) => sum + w.nodes.table.throttled, 0)).toBeGreaterThan(150 * 290);
    expect(late.reduce((sum, w) => sum + w.nodes.table.throttled, 0)).toBe(0);
  });
});

describe('SQS: what AWS enforces and advises for an event source mapping (§6.2)', () => {
  const queueTo = (visibilityTimeoutS: number, timeoutMs: number) => ({
    format: 'serverless-sandbox',
    version: 1,
    name: 't',
    nodes: [
      { id: 'q', type: 'sqs', label: 'Orders', config: { visibilityTimeoutS } },
      { id: 'fn', type: 'lambda', label: 'Worker', config: { timeoutMs } },
    ],
    edges: [{ id: 'e1', source: 'q', target: 'fn' }],
  });

  it('refuses a mapping whose function timeout exceeds the visibility timeout (an old saved one opens with the visibility raised)', () => {
    const r = restoreDocument(queueTo(30, 60_000));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.join('\n')).toMatch(/visibility timeout raised from 30 s to 60 s/);
    const q = r.document.nodes.find((n) => n.id === 'q')!;
    const edited = {
      ...r.document,
      nodes: r.document.nodes.map((n) => (n.id === 'q' ? { ...q, config: { ...q.config, visibilityTimeoutS: 30 } } : n)),
    } as typeof r.document;
    expect(validateDocument(edited).join('\n')).toMatch(
      /AWS refuses this event source mapping: the function timeout of "fn" \(60 s\) exceeds the visibility timeout of queue "q" \(30 s\)/,
    );
  });

  it('warns below 6 × the function timeout, and is quiet at it', () => {
    const low = restoreDocument(queueTo(30, 10_000));
    expect(
      low.ok && low.warnings.some((w) => /"Orders" → "Worker": .* below AWS's advice of 6 × the function timeout \+ the batching window \(60 s\)/.test(w)),
    ).toBe(true);
    const fine = restoreDocument(queueTo(60, 10_000));
    expect(fine.ok && fine.warnings.length).toBe(0);
  });
});

describe('SQS metering and FIFO queues (§6.1, §6.4)', () => {
  const pipeline = (queue: Record<string, unknown>, clientCfg: Record<string, unknown>, worker: Record<string, unknown> = {}, durationS = 30) =>
    makeDoc(
      [
        { id: 'users', type: 'client', config: { arrivals: 'uniform', ...clientCfg } },
        { id: 'q', type: 'sqs', config: queue },
        { id: 'fn', type: 'lambda', config: { handler: { distribution: 'constant', meanMs: 50 }, timeoutMs: 1000, ...worker } },
      ],
      [
        ['users', 'q'],
        ['q', 'fn'],
      ],
      { durationS },
    );

  it('a batch of 100 is billed as 10 receive calls and 10 delete calls, each per 64 KB of what it carries', () => {
    // 100 messages of 10 KB, released together by a 5 s window: 10 calls of 100 KB = 2 chunks each
    const s = runSimulation(
      pipeline({ batchSize: 100, maxBatchingWindowS: 5 }, { traffic: { shape: 'spike', baseRps: 0, peakRps: 100, atS: 0, lengthS: 1 }, payloadKb: 10 }, {}, 20),
    );
    expect(n(s, 'q', 'sent')).toBe(100);
    expect(n(s, 'fn', 'invocations')).toBe(1);
    const sends = 100; // 10 KB each: one chunk
    const receives = 10 * 2;
    const deletes = 10;
    // idle pollers' empty receives: 5 pollers for the first minute, every 20 s, minus the one busy for the batch
    const billed = n(s, 'q', 'requestsBilled');
    expect(billed - sends - receives - deletes).toBeGreaterThanOrEqual(0);
    expect(billed - sends - receives - deletes).toBeLessThanOrEqual(5);
  });

  it('idle pollers drop to 2 after a quiet minute (no maximum concurrency), so empty receives cost less', () => {
    const idle = runSimulation(pipeline({}, { traffic: { shape: 'constant', rps: 0 } }, {}, 600));
    // 5 pollers × 60 s / 20 s, then 2 pollers × 540 s / 20 s
    expect(n(idle, 'q', 'requestsBilled')).toBe(15 + 54);
    const capped = runSimulation(pipeline({ maxConcurrency: 5 }, { traffic: { shape: 'constant', rps: 0 } }, {}, 600));
    expect(n(capped, 'q', 'requestsBilled')).toBe(5 * 30);
  });

  it('a FIFO queue keeps one batch in flight per message group: concurrency ≤ groups', () => {
    const fifo = runSimulation(
      pipeline(
        { queueType: 'fifo', messageGroups: 2, batchSize: 1 },
        { traffic: { shape: 'constant', rps: 40 }, keys: 1_000, zipfS: 0 },
        { memoryMb: 1769, handler: { distribution: 'constant', meanMs: 100 } },
      ),
    );
    // two groups, 100 ms per message: at most 20 messages a second get through
    expect(n(fifo, 'fn', 'maxConcurrency')).toBeLessThanOrEqual(2);
    expect(n(fifo, 'fn', 'invocations')).toBeLessThanOrEqual(2 * 10 * 30 + 2);
    expect(n(fifo, 'q', 'depthAtEnd')).toBeGreaterThan(500);
    // a standard queue's 5 starting pollers take 50 a second
    const standard = runSimulation(
      pipeline(
        { batchSize: 1 },
        { traffic: { shape: 'constant', rps: 40 }, keys: 1_000, zipfS: 0 },
        { memoryMb: 1769, handler: { distribution: 'constant', meanMs: 100 } },
      ),
    );
    expect(n(standard, 'q', 'depthAtEnd')).toBeLessThan(50);
  });

  it('FIFO sends above 300 a second are throttled; high-throughput mode lifts the limit', () => {
    const s = runSimulation(pipeline({ queueType: 'fifo', messageGroups: 1_000 }, { traffic: { shape: 'constant', rps: 500 } }, {}, 10));
    // a 300-token bucket, full at the start, refilled at 300/s
    expect(n(s, 'q', 'sent')).toBeGreaterThanOrEqual(300 * 10 + 300 - 2);
    expect(n(s, 'q', 'sent')).toBeLessThanOrEqual(300 * 10 + 300 + 2);
    expect(n(s, 'q', 'sendThrottles')).toBe(500 * 10 - n(s, 'q', 'sent'));
    const high = runSimulation(
      pipeline({ queueType: 'fifo', messageGroups: 1_000, highThroughput: true }, { traffic: { shape: 'constant', rps: 500 } }, {}, 10),
    );
    expect(n(high, 'q', 'sendThrottles')).toBe(0);
  });

  it('FIFO deduplication drops repeated sends; a standard queue delivers them twice', () => {
    const fifo = runSimulation(pipeline({ queueType: 'fifo', messageGroups: 1_000, duplicateShare: 0.1 }, { traffic: { shape: 'constant', rps: 100 } }));
    const std = runSimulation(pipeline({ duplicateShare: 0.1 }, { traffic: { shape: 'constant', rps: 100 } }));
    expect(n(fifo, 'q', 'deduplicated')).toBeGreaterThan(200);
    // nothing fails: every delivered message is deleted or still in the queue at the end
    expect(n(fifo, 'q', 'deleted') + n(fifo, 'q', 'depthAtEnd')).toBe(n(fifo, 'q', 'sent') - n(fifo, 'q', 'deduplicated'));
    expect(n(std, 'q', 'deleted') + n(std, 'q', 'depthAtEnd')).toBe(n(std, 'q', 'sent') + n(std, 'q', 'duplicatesDelivered'));
  });

  it('a FIFO group keeps its order: a failing batch holds the group until it is visible again', () => {
    const s = runSimulation(
      pipeline(
        { queueType: 'fifo', messageGroups: 1, batchSize: 1, visibilityTimeoutS: 5, maxReceiveCount: 1_000 },
        { traffic: { shape: 'constant', rps: 10 } },
        { errorRate: 1 },
        30,
      ),
    );
    // one group, every batch fails: the head message is retried every 5 s and nothing behind it is received
    expect(n(s, 'fn', 'invocations')).toBeLessThanOrEqual(7);
    expect(n(s, 'q', 'received')).toBe(n(s, 'fn', 'invocations'));
  });
});

describe('direct integrations (no Lambda in between)', () => {
  it('a client sends to SQS with the SDK: one in-Region hop, billed per 64 KB', () => {
    const s = runSimulation(makeDoc([client('users', 100, { payloadKb: 100 }), { id: 'q', type: 'sqs' }], [['users', 'q']], { durationS: 10 }));
    expect(n(s, 'q', 'sent')).toBe(1_000);
    expect(s.latencyMs.p50).toBeLessThan(5);
    // 100 KB = 2 chunks of 64 KB, $0.40 per million
    expect(n(s, 'q', 'costUsd')).toBeCloseTo((1_000 * 2 * 0.4) / 1e6, 12);
  });

  it('API Gateway → DynamoDB service integration: the table answers the API, which bills its request', () => {
    const s = runSimulation(
      makeDoc(
        [client('users', 100, { readRatio: 0 }), { id: 'api', type: 'apiGateway' }, { id: 'table', type: 'dynamodb' }],
        [
          ['users', 'api'],
          ['api', 'table'],
        ],
        { durationS: 10 },
      ),
    );
    expect(n(s, 'api', 'costUsd')).toBeCloseTo((n(s, 'users', 'sent') * 3.5) / 1e6, 12);
    // every request wrote the table; the last few answers are still on their way at the end
    expect(n(s, 'table', 'writes')).toBe(n(s, 'users', 'sent'));
    expect(s.requests.ok).toBeGreaterThanOrEqual(n(s, 'users', 'sent') - 5);
  });

  it('an HTTP API has no DynamoDB integration (document validation)', () => {
    expect(() =>
      makeDoc(
        [
          { id: 'api', type: 'apiGateway', config: { flavor: 'http' } },
          { id: 'table', type: 'dynamodb' },
        ],
        [['api', 'table']],
      ),
    ).toThrow(/HTTP APIs have no DynamoDB integration/);
  });
});

describe('S3 requests and API Gateway endpoint types (§10, §2)', () => {
  it('S3 bills PUT at $0.005 and GET at $0.0004 per 1,000, with a first-byte latency in the tens of milliseconds', () => {
    const doc = makeDoc(
      [
        client('users', 100, { readRatio: 0.5 }),
        { id: 'fn', type: 'lambda', config: { handler: { distribution: 'constant', meanMs: 1 } } },
        { id: 'bucket', type: 's3' },
      ],
      [
        ['users', 'fn'],
        ['fn', 'bucket'],
      ],
      { durationS: 20 },
    );
    const s = runSimulation(doc);
    const reads = n(s, 'bucket', 'reads');
    const writes = n(s, 'bucket', 'writes');
    expect(reads + writes).toBeGreaterThan(1_900);
    // billed when asked (a few still in flight at the end are billed, not yet counted)
    expect(n(s, 'bucket', 'costUsd')).toBeGreaterThanOrEqual(writes * 0.000005 + reads * 0.0000004 - 1e-12);
    expect(n(s, 'bucket', 'costUsd')).toBeLessThanOrEqual((writes + 5) * 0.000005 + (reads + 5) * 0.0000004);
    const fitted = lognormalFromMedianP99(30, 200);
    expect([S3_LATENCY.mu, S3_LATENCY.sigma]).toEqual([fitted.mu, fitted.sigma]);
    expect(s.latencyMs.p50).toBeGreaterThan(20);
  });

  it('a REST API may raise its timeout above 29 s only when Regional or private', () => {
    const api = (config: Record<string, unknown>) => () => makeDoc([{ id: 'api', type: 'apiGateway', config }], []);
    expect(api({ endpointType: 'regional', timeoutMs: 120_000 })).not.toThrow();
    expect(api({ endpointType: 'private', timeoutMs: 120_000 })).not.toThrow();
    expect(api({ endpointType: 'edge', timeoutMs: 120_000 })).toThrow(/only Regional and private REST APIs may raise the integration timeout/);
    expect(api({ endpointType: 'edge', timeoutMs: 29_000 })).not.toThrow();
    expect(api({ flavor: 'http', endpointType: 'edge' })).toThrow(/HTTP APIs are Regional only/);
  });
});

describe('long command-line runs keep bounded memory', () => {
  it('the confidence series merges pairs at its cap and keeps every sum', () => {
    const series = new WindowSeries(8);
    const point = (i: number) => ({
      completions: i,
      ok: i,
      okLatencySumMs: 10 * i,
      okP50Ms: 5,
      okP99Ms: 9,
      throttled: 1,
      errors: 0,
      timeouts: 0,
      coldStarts: 0,
      costUsd: 0.5,
    });
    for (let i = 1; i <= 64; i++) series.push(point(i));
    expect(series.n).toBeLessThanOrEqual(8);
    expect(series.scale).toBe(8);
    const completions = series.column('completions');
    let sum = 0;
    for (let i = 0; i < series.n; i++) sum += completions[i];
    expect(sum).toBe((64 * 65) / 2);
    expect(series.column('throttled')[0]).toBe(8); // each point is 8 windows
  });
});
