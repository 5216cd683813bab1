/**
 * What a DynamoDB table costs beyond its requests (reference §3.4): table class, storage,
 * global-table replicas, point-in-time recovery and on-demand backups, against AWS's price
 * formulas worked by hand. The run's cost is what it accrued; the 30-day projection scales it.
 */
import { describe, expect, it, vi } from 'vitest';
import { restoreDocument } from '../model';
import { updateNodeConfig } from '../model/edits';
import { runSimulation } from './simulation';
import { makeDoc, nodesOf } from './testing/docs';

vi.setConfig({ testTimeout: 60_000 });

const RUN_S = 100;
const MONTH_S = 30 * 86_400;
const SCALE = MONTH_S / RUN_S;
// 10 writes a second evenly spaced: 999 complete in 100 s (the last arrives at 100 s)
const writer = { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 10 }, arrivals: 'uniform', readRatio: 0, payloadKb: 1 } };
const fn = { id: 'fn', type: 'lambda', config: { memoryMb: 512, provisionedConcurrency: 1, handler: { distribution: 'constant', meanMs: 20 } } };

function run(table: Record<string, unknown>, settings: Record<string, unknown> = {}) {
  const doc = makeDoc(
    [writer, fn, { id: 'table', type: 'dynamodb', config: table }],
    [
      ['users', 'fn'],
      ['fn', 'table'],
    ],
    { durationS: RUN_S, ...settings },
  );
  const s = runSimulation(doc);
  return { s, parts: nodesOf(s).table.costParts as Record<string, number> };
}

describe('DynamoDB table class', () => {
  it('Standard-IA: storage at $0.10 instead of $0.25 per GB-month, on-demand writes at $0.78 instead of $0.625 per M', () => {
    const std = run({ storageGb: 200, itemSizeKb: 2 }); // 2 WRU a write
    const ia = run({ storageGb: 200, itemSizeKb: 2, tableClass: 'standardIa' });
    expect(nodesOf(std.s).table.writes).toBe(999);
    expect(std.parts.capacity).toBeCloseTo(999 * 2 * (0.625 / 1e6), 7);
    expect(ia.parts.capacity).toBeCloseTo(999 * 2 * (0.78 / 1e6), 7);
    // 30 days of the table's size: exactly the monthly price
    expect(std.parts.storage).toBeCloseTo((200 * 0.25) / SCALE, 7); // the summary rounds dollars to 1e-8
    expect(ia.parts.storage).toBeCloseTo((200 * 0.1) / SCALE, 7); // the summary rounds dollars to 1e-8
    expect(std.s.costUsd.byService.dynamodb).toBeCloseTo(std.parts.capacity + std.parts.storage, 7);
    // the 30-day projection carries the month's storage: 200 GB × $0.25
    const fnMonthly = (std.s.costUsd.byService.lambda ?? 0) * SCALE;
    expect(std.s.costUsd.monthly - fnMonthly - std.parts.capacity * SCALE).toBeCloseTo(50, 1);
  });

  it('Standard-IA provisioned: $0.00016 per RCU-hour and $0.00081 per WCU-hour', () => {
    const { parts } = run({ capacityMode: 'provisioned', readCapacityUnits: 100, writeCapacityUnits: 40, storageGb: 0, tableClass: 'standardIa' });
    expect(parts.capacity).toBeCloseTo(((100 * 0.00016 + 40 * 0.00081) * RUN_S) / 3600, 7);
    expect(parts.storage).toBe(0);
  });

  it('the cheaper class depends on the table: storage-heavy favours IA, request-heavy favours Standard', () => {
    const monthly = (c: Record<string, unknown>) => run(c).s.costUsd.monthly;
    // 1 TB, 10 writes/s: storage dominates
    expect(monthly({ storageGb: 1000, tableClass: 'standardIa' })).toBeLessThan(monthly({ storageGb: 1000 }));
    // 1 GB, 10 writes/s of 100 KB items: requests dominate
    expect(monthly({ storageGb: 1, itemSizeKb: 100, tableClass: 'standardIa' })).toBeGreaterThan(monthly({ storageGb: 1, itemSizeKb: 100 }));
  });
});

describe('global tables', () => {
  const stream = { enabled: true };

  it('on-demand: every write becomes a replicated write unit in each replica Region; each replica stores the table', () => {
    const { s, parts } = run({ storageGb: 10, globalReplicas: 2, stream });
    const writes = nodesOf(s).table.writes as number;
    expect(writes).toBe(999);
    expect(nodesOf(s).table.replicatedWriteUnits).toBe(2 * writes);
    expect(parts.replicatedWrites).toBeCloseTo(2 * writes * (0.625 / 1e6), 7);
    expect(parts.replicas).toBeCloseTo((2 * 10 * 0.25) / SCALE, 7); // the summary rounds dollars to 1e-8
    expect(parts.storage).toBeCloseTo((10 * 0.25) / SCALE, 7); // the summary rounds dollars to 1e-8
    expect(nodesOf(s).table.replicaRegions).toBe(2);
    expect(nodesOf(s).table.replicationLatencyMs).toBe(1000);
  });

  it('each replicated write sends its item to every replica Region: data transfer out at $0.02 per GB', () => {
    // 999 writes of 50 KB items to 3 replicas: 999 × 50 × 3 KB = 0.143 GB (500 WRU/s, below one partition's 1,000)
    const { s, parts } = run({ itemSizeKb: 50, storageGb: 0, globalReplicas: 3, stream });
    const writes = nodesOf(s).table.writes as number;
    expect(writes).toBe(999);
    const gb = (writes * 50 * 3) / 2 ** 20;
    expect(parts.crossRegionTransfer).toBeCloseTo(gb * 0.02, 7);
    // provisioned tables pay it too; a single-Region table does not
    const prov = run({ capacityMode: 'provisioned', readCapacityUnits: 10, writeCapacityUnits: 1000, itemSizeKb: 50, storageGb: 0, globalReplicas: 3, stream });
    expect(prov.parts.crossRegionTransfer).toBeCloseTo(gb * 0.02, 7);
    expect(run({ itemSizeKb: 50, storageGb: 0 }).parts.crossRegionTransfer).toBe(0);
    // part of the table's cost with the other parts
    const sum = Object.values(parts).reduce((a, b) => a + b, 0);
    expect(s.costUsd.byService.dynamodb).toBeCloseTo(sum, 7);
    expect(sum).toBeGreaterThan(parts.crossRegionTransfer);
  });

  it('provisioned: each replica bills its write capacity as rWCU-hours and its read capacity as RCU-hours', () => {
    const { parts } = run({ capacityMode: 'provisioned', readCapacityUnits: 20, writeCapacityUnits: 30, storageGb: 0, globalReplicas: 3, stream });
    const h = RUN_S / 3600;
    expect(parts.capacity).toBeCloseTo((20 * 0.00013 + 30 * 0.00065) * h, 7);
    expect(parts.replicatedWrites).toBeCloseTo(3 * 30 * 0.00065 * h, 7);
    expect(parts.replicas).toBeCloseTo(3 * 20 * 0.00013 * h, 7);
  });

  it('a single-Region table has no replica charges and no replica figures', () => {
    const { s, parts } = run({ storageGb: 10 });
    expect(parts.replicatedWrites).toBe(0);
    expect(parts.replicas).toBe(0);
    expect(nodesOf(s).table.replicaRegions).toBeUndefined();
  });

  it('needs the stream: a document with replicas and the stream off is refused, and so is the edit', () => {
    const raw = (table: Record<string, unknown>) => ({
      format: 'serverless-sandbox',
      version: 1,
      name: 't',
      settings: {},
      nodes: [{ id: 'table', type: 'dynamodb', config: table }],
      edges: [],
    });
    const bad = restoreDocument(raw({ globalReplicas: 1 }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join('\n')).toMatch(/globalReplicas.*needs DynamoDB Streams/);
    expect(restoreDocument(raw({ globalReplicas: 1, stream: { enabled: true } })).ok).toBe(true);
    const ok = restoreDocument(raw({}));
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    // an old document: the new settings take their defaults
    expect(ok.document.nodes[0].config).toMatchObject({
      tableClass: 'standard',
      globalReplicas: 0,
      pointInTimeRecovery: false,
      recoveryPeriodDays: 35,
      backupGb: 0,
    });
    expect(updateNodeConfig(ok.document, 'table', ['globalReplicas'], 2).ok).toBe(false);
  });
});

describe('backups', () => {
  it('PITR: $0.20 per GB-month of table size on every copy; on-demand backups: $0.10 per GB-month kept', () => {
    const { s, parts } = run({ storageGb: 50, pointInTimeRecovery: true, recoveryPeriodDays: 7, backupGb: 120, globalReplicas: 1, stream: { enabled: true } });
    expect(parts.pointInTimeRecovery).toBeCloseTo((2 * 50 * 0.2) / SCALE, 7); // the summary rounds dollars to 1e-8
    expect(parts.backups).toBeCloseTo((120 * 0.1) / SCALE, 7); // the summary rounds dollars to 1e-8
    const sum = Object.values(parts).reduce((a, b) => a + b, 0);
    expect(s.costUsd.byService.dynamodb).toBeCloseTo(sum, 7);
  });

  it('the recovery window does not change the price', () => {
    const a = run({ storageGb: 50, pointInTimeRecovery: true, recoveryPeriodDays: 1 }).parts.pointInTimeRecovery;
    const b = run({ storageGb: 50, pointInTimeRecovery: true, recoveryPeriodDays: 35 }).parts.pointInTimeRecovery;
    expect(a).toBeGreaterThan(0);
    expect(a).toBeCloseTo(b, 12);
  });
});

describe('free tier', () => {
  it('takes 25 GB of Standard storage off the month; none for Standard-IA', () => {
    const saved = (c: Record<string, unknown>) => run(c, { freeTier: false }).s.costUsd.monthly - run(c, { freeTier: true }).s.costUsd.monthly;
    // the function's free tier is the same in both runs; the difference is the table's 25 GB
    expect(saved({ storageGb: 100 }) - saved({ storageGb: 100, tableClass: 'standardIa' })).toBeCloseTo(25 * 0.25, 1);
    // a table under 25 GB stores for free
    expect(saved({ storageGb: 10 }) - saved({ storageGb: 0 })).toBeCloseTo(10 * 0.25, 1);
  });
});
