/**
 * AWS fidelity, round two (issue #12): limits AWS shares or splits, DynamoDB partitions,
 * SQS validation/metering/FIFO, direct integrations and prices — each against AWS's
 * documented rule or price formula (docs/aws-reference.md).
 */
import { describe, expect, it, vi } from 'vitest';
import type { Architecture } from '../model';
import type { LogEvent, NodeLive, SimSummary } from './api';
import { Simulation, runSimulation } from './simulation';
import { makeDoc } from './testing/docs';
import { partitionsFor } from './services/partitions';

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

const client = (id: string, rps: number, extra: Record<string, unknown> = {}) => ({ id, type: 'client', config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform', ...extra } });

describe('API Gateway: the account-and-Region limit is shared by every API (§2)', () => {
  const twoApis = (rps: number, settings: Record<string, unknown> = {}, api: Record<string, unknown> = {}, arrivals = 'uniform') =>
    makeDoc(
      [client('a', rps, { arrivals }), client('b', rps, { arrivals }), { id: 'apiA', type: 'apiGateway', config: api }, { id: 'apiB', type: 'apiGateway', config: { flavor: 'http', ...api } }],
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
    expect(log.some((l) => /<apiA>: .* throttled \(429\) — account limit 10,000 rps \/ burst 5,000 per Region exceeded, shared by 2 APIs/.test(l.message))).toBe(true);
  });

  it('one API at 8,000 rps is not throttled, and a raised account quota lets both through', () => {
    const one = runSimulation(
      makeDoc([client('a', 8_000), { id: 'apiA', type: 'apiGateway' }], [['a', 'apiA']], { durationS: 10 }),
    );
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
    makeDoc([{ id: 'users', type: 'client', config: { arrivals: 'uniform', readRatio: 0, ...clientCfg } }, { id: 'table', type: 'dynamodb', config: { sdkMaxAttempts: 1, ...config } }], [['users', 'table']], { durationS });

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
    expect(live.table.hotPartitionThrottles).toBe(throttles);
    expect(log.some((l) => l.node === 'table' && /^<table>: [\d,]+ writes throttled \(ProvisionedThroughputExceeded\) — hot partition: one partition serves at most 1,000 WCU a second$/.test(l.message))).toBe(true);
  });

  it('the same load spread over many keys is served (8 partitions of a new on-demand table)', () => {
    const s = runSimulation(table({ capacityMode: 'onDemand' }, { keys: 100_000, zipfS: 0, traffic: { shape: 'constant', rps: 1_500 } }, 20));
    expect(n(s, 'table', 'throttles')).toBe(0);
    expect(n(s, 'table', 'partitions')).toBe(8);
  });

  it('burst capacity does not lift the partition ceiling; a hot item is isolated within minutes', () => {
    // provisioned 999 WCU: one partition; 1,200 writes/s are within the banked burst but not within the partition
    const { s, sim, log } = runWithLog(table({ capacityMode: 'provisioned', readCapacityUnits: 1, writeCapacityUnits: 999 }, { keys: 1_000, zipfS: 2, traffic: { shape: 'constant', rps: 1_200 } }, 420));
    expect(n(s, 'table', 'hotPartitionThrottles')).toBeGreaterThan(150 * 280);
    // Zipf s = 2: key 1 carries 1/ζ(2) ≈ 61% of the writes; after the review at 300 s it has a partition of its own
    expect(log.some((l) => /split for heat — a hot item moved to a partition of its own \(now 2 partitions\)/.test(l.message))).toBe(true);
    const late = sim.history().filter((w) => w.tS > 305);
    expect(late.reduce((sum, w) => sum + w.nodes.table.throttled, 0)).toBe(0);
  });

  it('split for heat halves a hot partition when no single item dominates it', () => {
    const { sim, log } = runWithLog(table({ capacityMode: 'provisioned', readCapacityUnits: 1, writeCapacityUnits: 999 }, { keys: 1_000, zipfS: 0, traffic: { shape: 'constant', rps: 1_200 } }, 360));
    expect(log.some((l) => /split for heat — a hot partition split in two \(now 2 partitions\)/.test(l.message))).toBe(true);
    const early = sim.history().filter((w) => w.tS <= 300);
    const late = sim.history().filter((w) => w.tS > 305);
    expect(early.reduce((sum, w) => sum + w.nodes.table.throttled, 0)).toBeGreaterThan(150 * 290);
    expect(late.reduce((sum, w) => sum + w.nodes.table.throttled, 0)).toBe(0);
  });
});
