/**
 * SnapStart billing against AWS's price formulas (reference §1.6, §1.7):
 * - Python and .NET: the snapshot cache, $0.0000015046 per GB-s, billed for at least 3 hours
 *   per published version, and $0.0001397998 per GB restored;
 * - every runtime: the Billed Restore Duration (loading the runtime and after-restore hooks,
 *   not the snapshot restore itself) at the function's duration price.
 */
import { describe, expect, it, vi } from 'vitest';
import { runSimulation } from './simulation';
import { makeDoc } from './testing/docs';
import { INIT_QUANTILES } from '../model';

vi.setConfig({ testTimeout: 60_000 });

const CACHE = 0.0000015046;
const RESTORE = 0.0001397998;
const X86_GB_S = 0.0000166667;
const REQUEST = 0.2 / 1e6;

const client = (rps: number) => ({ id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform' } });
const fn = (runtime: string, extra: Record<string, unknown> = {}) => ({
  id: 'fn',
  type: 'lambda',
  config: { runtime, snapStart: true, memoryMb: 1024, cpuBound: 0, packageMb: 0, handler: { distribution: 'constant', meanMs: 50 }, ...extra },
});

function run(runtime: string, rps: number, durationS: number, extra: Record<string, unknown> = {}) {
  const s = runSimulation(makeDoc([client(rps), fn(runtime, extra)], [['users', 'fn']], { durationS }));
  const n = s.nodes.fn as unknown as { invocations: number; coldStarts: number; billedGbS: number };
  const usage = n.invocations * REQUEST + n.billedGbS * X86_GB_S;
  return { s, n, usage };
}

describe('SnapStart billing', () => {
  it('Python: a 100 s run pays the 3-hour cache minimum and each restore', () => {
    const { s, n, usage } = run('python3.12', 10, 100);
    expect(n.coldStarts).toBeGreaterThan(0);
    const cache = 1 * 3 * 3600 * CACHE; // 1 GB for 3 hours = $0.01625
    const restores = n.coldStarts * 1 * RESTORE;
    expect(s.costUsd.byService.lambda).toBeCloseTo(usage + restores + cache, 7);
    // the 30-day projection scales what the run used, not the minimum: the cache is paid for the month
    const scale = (30 * 86_400) / 100;
    expect(s.costUsd.monthly).toBeCloseTo((usage + restores) * scale + 1 * 30 * 86_400 * CACHE, 1);
  });

  it('Python: past 3 hours the cache is billed by the millisecond', () => {
    const { s, n, usage } = run('python3.12', 0.01, 4 * 3600);
    const restores = n.coldStarts * RESTORE;
    expect(s.costUsd.byService.lambda).toBeCloseTo(usage + restores + 4 * 3600 * CACHE, 7);
  });

  it('Java: no cache or restore charge, but the Billed Restore Duration is billed', () => {
    // one request every 13 s with a 10 s idle lifetime: every invocation restores
    const { s, n, usage } = run('java17', 1 / 13, 1300, { idleTimeoutS: 10 });
    expect(n.coldStarts).toBeGreaterThan(90);
    expect(s.costUsd.byService.lambda).toBeCloseTo(usage, 8);
    // billed = 50 ms per invocation + the billed part of each restore
    const billedRestoreMs = (n.billedGbS * 1000 - 50 * n.invocations) / n.coldStarts;
    const init = INIT_QUANTILES.java17.zip.x86_64;
    // taken as the runtime's own load (its hello-world INIT), far less than the ~875 ms restore at 1 GB
    expect(billedRestoreMs).toBeGreaterThan(init.p10);
    expect(billedRestoreMs).toBeLessThan(init.p99);
  });
});
