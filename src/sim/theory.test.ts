/**
 * The simulator checked against queueing theory. Every statistical check compares the mean
 * of independent replications (different seeds) with the formula, within the replications'
 * own 99% confidence half-width.
 */
import { describe, expect, it, vi } from 'vitest';
import { Simulation } from './simulation';
import type { DaxService } from './services/dax';
import type { CloudfrontService } from './services/cloudfront';
import type { SqsService } from './services/sqs';
import { makeDoc, replicate, nodesOf } from './testing/docs';
import { erlangB, mmcMeanWait, ttlHitRatio } from './theory';

// simulations take seconds on a busy 2-core machine; the default 5 s is too tight
vi.setConfig({ testTimeout: 60_000 });

const SEEDS = [1, 2, 3, 4, 5];

function internals(sim: Simulation, id: string): unknown {
  return (sim as unknown as { k: { services: { id: string }[] } }).k.services.find((s) => s.id === id);
}

describe('Lambda at reserved concurrency c is an Erlang loss system', () => {
  it('throttles the Erlang B share of Poisson arrivals with exponential handlers', () => {
    const c = 10;
    const lambdaPerS = 80;
    const meanMs = 100; // a = λ/μ = 8 erlangs
    const shares = SEEDS.map((seed) => {
      const doc = makeDoc(
        [
          { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: lambdaPerS }, arrivals: 'poisson' } },
          // provisioned = reserved: no cold starts, service time purely exponential (1,769 MB = 1 vCPU)
          {
            id: 'fn',
            type: 'lambda',
            config: { memoryMb: 1769, cpuBound: 0, reservedConcurrency: c, provisionedConcurrency: c, handler: { distribution: 'exponential', meanMs } },
          },
        ],
        [['users', 'fn']],
        { seed, durationS: 300 },
      );
      const sim = new Simulation(doc);
      sim.runToEnd();
      const s = sim.summary();
      expect(nodesOf(s).fn.coldStarts).toBe(0);
      return s.requests.throttled / s.requests.total;
    });
    const { mean, halfWidth } = replicate(shares);
    const expected = erlangB(c, (lambdaPerS * meanMs) / 1000);
    expect(expected).toBeCloseTo(0.1217, 3);
    expect(Math.abs(mean - expected)).toBeLessThan(halfWidth);
  }, 60_000);
});

describe('SQS drained by c consumers with batch size 1 is M/M/c', () => {
  it('waits as long as Erlang C predicts (long polling: no polling delay)', () => {
    const c = 4;
    const lambdaPerS = 30;
    const meanMs = 100; // a = 3, ρ = 0.75
    const waits = SEEDS.map((seed) => {
      const doc = makeDoc(
        [
          { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: lambdaPerS }, arrivals: 'poisson' } },
          // the producer delays each arrival by an i.i.d. amount: arrivals at the queue stay Poisson
          {
            id: 'producer',
            type: 'lambda',
            config: { memoryMb: 1769, cpuBound: 0, provisionedConcurrency: 20, handler: { distribution: 'constant', meanMs: 1 } },
          },
          { id: 'queue', type: 'sqs', config: { batchSize: 1, maxConcurrency: c, visibilityTimeoutS: 60 } },
          {
            id: 'worker',
            type: 'lambda',
            config: { memoryMb: 1769, cpuBound: 0, reservedConcurrency: c, provisionedConcurrency: c, handler: { distribution: 'exponential', meanMs } },
          },
        ],
        [
          ['users', 'producer'],
          ['producer', 'queue'],
          ['queue', 'worker'],
        ],
        { seed, durationS: 400 },
      );
      const sim = new Simulation(doc);
      sim.runToEnd();
      return (internals(sim, 'queue') as SqsService).waitMs.mean();
    });
    const { mean, halfWidth } = replicate(waits);
    const expected = mmcMeanWait(c, lambdaPerS / 1000, 1 / meanMs);
    expect(expected).toBeGreaterThan(40);
    expect(Math.abs(mean - expected)).toBeLessThan(halfWidth);
  }, 60_000);
});

describe('TTL caches with uniform keys hit λT/(1+λT) per key', () => {
  const keys = 500;
  const rps = 100; // λ per key = 0.2/s
  const ttlS = 5; // λT = 1: hit ratio 0.5

  it('DAX item cache', () => {
    const ratios = SEEDS.map((seed) => {
      const doc = makeDoc(
        [
          { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps }, readRatio: 1, keys, zipfS: 0 } },
          { id: 'fn', type: 'lambda', config: { memoryMb: 1769, cpuBound: 0, provisionedConcurrency: 20, handler: { distribution: 'constant', meanMs: 5 } } },
          { id: 'cache', type: 'dax', config: { itemTtlS: ttlS, nodes: 1, nodeType: 'dax.t3.small' } },
          { id: 'table', type: 'dynamodb' },
        ],
        [
          ['users', 'fn'],
          ['fn', 'cache'],
          ['cache', 'table'],
        ],
        { seed, durationS: 300 },
      );
      const sim = new Simulation(doc);
      sim.runToEnd();
      return (internals(sim, 'cache') as DaxService).hitRatio();
    });
    const { mean, halfWidth } = replicate(ratios);
    // a miss is cached when the table answers (~3 ms later): a bias of order λ·3 ms, far inside the tolerance
    expect(Math.abs(mean - ttlHitRatio(rps / keys, ttlS))).toBeLessThan(halfWidth + (rps / keys) * 0.01);
  }, 60_000);

  it('CloudFront edge cache', () => {
    const ratios = SEEDS.map((seed) => {
      const doc = makeDoc(
        [
          { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps }, readRatio: 1, keys, zipfS: 0 } },
          { id: 'cdn', type: 'cloudfront', config: { cacheTtlS: ttlS, cacheable: 1 } },
        ],
        [['users', 'cdn']],
        { seed, durationS: 300 },
      );
      const sim = new Simulation(doc);
      sim.runToEnd();
      return (internals(sim, 'cdn') as CloudfrontService).hitRatio();
    });
    const { mean, halfWidth } = replicate(ratios);
    expect(Math.abs(mean - ttlHitRatio(rps / keys, ttlS))).toBeLessThan(halfWidth);
  }, 60_000);
});

describe('API Gateway token bucket', () => {
  it('rejects (x − r)/x of a constant stream above its rate, after the burst', () => {
    const x = 200;
    const r = 100;
    const burst = 50;
    const durationS = 60;
    const doc = makeDoc(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: x }, arrivals: 'uniform' } },
        { id: 'api', type: 'apiGateway', config: { flavor: 'http', rateLimitRps: r, burstLimit: burst } },
      ],
      [['users', 'api']],
      { durationS },
    );
    const sim = new Simulation(doc);
    sim.runToEnd();
    const history = sim.history();
    // after the bucket has drained (burst / (x − r) = 0.5 s), every window rejects (x − r)/x
    for (const w of history.slice(2, -1)) {
      const total = w.requests.ok + w.requests.throttled;
      expect(w.requests.throttled / total).toBeCloseTo((x - r) / x, 1);
    }
    // and over the run: x·T offered, r·T + burst accepted (±1 for the arrival at the last instant)
    const s = sim.summary();
    expect(Math.abs(s.requests.throttled - (x * durationS - r * durationS - burst))).toBeLessThanOrEqual(2);
  });
});

describe('cold starts', () => {
  // 50 ms at one full vCPU; requests 1 s apart, far more than INIT (≤ ~0.6 s) + handler
  const fn = (extra: Record<string, unknown>) => ({
    id: 'fn',
    type: 'lambda',
    config: { memoryMb: 1769, cpuBound: 0, handler: { distribution: 'constant', meanMs: 50 }, ...extra },
  });
  const steady = (rps: number) => ({ id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform' } });

  it('a steady low-rate client keeps one environment warm: exactly one cold start', () => {
    const sim = new Simulation(makeDoc([steady(1), fn({})], [['users', 'fn']], { durationS: 300 }));
    sim.runToEnd();
    expect(nodesOf(sim.summary()).fn.coldStarts).toBe(1);
  });

  it('provisioned concurrency removes them', () => {
    const sim = new Simulation(makeDoc([steady(1), fn({ provisionedConcurrency: 1 })], [['users', 'fn']], { durationS: 300 }));
    sim.runToEnd();
    expect(nodesOf(sim.summary()).fn.coldStarts).toBe(0);
  });

  it('an idle gap longer than the idle lifetime brings one back', () => {
    const burst = (id: string, atS: number) => ({
      id,
      type: 'client',
      config: { traffic: { shape: 'spike', baseRps: 0, peakRps: 1, atS, lengthS: 20 }, arrivals: 'uniform' },
    });
    const run = (idleTimeoutS: number) => {
      const sim = new Simulation(
        makeDoc(
          [burst('a', 0), burst('b', 100), fn({ idleTimeoutS })],
          [
            ['a', 'fn'],
            ['b', 'fn'],
          ],
          { durationS: 150 },
        ),
      );
      sim.runToEnd();
      return nodesOf(sim.summary()).fn.coldStarts;
    };
    expect(run(30)).toBe(2); // gap of 80 s > 30 s
    expect(run(120)).toBe(1); // gap of 80 s < 120 s
  });
});
