/**
 * AWS fidelity, round two (issue #12): limits AWS shares or splits, DynamoDB partitions,
 * SQS validation/metering/FIFO, direct integrations and prices — each against AWS's
 * documented rule or price formula (docs/aws-reference.md).
 */
import { describe, expect, it, vi } from 'vitest';
import type { Architecture } from '../model';
import type { LogEvent, SimSummary } from './api';
import { Simulation, runSimulation } from './simulation';
import { makeDoc } from './testing/docs';

vi.setConfig({ testTimeout: 60_000 });

/** A number of a node's summary. */
const n = (s: SimSummary, id: string, key: string): number => {
  const v = (s.nodes[id] as Record<string, unknown>)[key];
  if (typeof v !== 'number') throw new Error(`${id}.${key} is not a number: ${String(v)}`);
  return v;
};

/** Run to the end, keeping every log line (frames are taken each simulated second). */
function runWithLog(doc: Architecture): { s: SimSummary; log: LogEvent[]; sim: Simulation } {
  const sim = new Simulation(doc);
  const log: LogEvent[] = [];
  for (let t = 1000; t <= doc.settings.durationS * 1000; t += 1000) {
    sim.advance(t);
    log.push(...sim.takeFrame().events);
  }
  return { s: sim.summary(), log, sim };
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
