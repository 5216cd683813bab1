/**
 * Calibration against lambda-perf's SnapStart measurements (github.com/maxday/lambda-perf,
 * Apache-2.0): Restore Duration with SnapStart vs Init Duration without, for hello-world
 * Java 11/17/21 functions (.zip, x86_64), 1 Jul – 17 Oct 2025, ~760 restores per row
 * (data/lambda-perf-2025-07-01_to_10-17-java-snapstart-vs-init.csv).
 *
 * The simulator restores from these rows (interpolated between sizes), so a row is checked
 * against its own percentiles: the tolerance is four standard errors of the simulator's
 * percentile estimate, from its number of restores and the density the measured
 * percentiles imply (quantileRelSe) — the data's spread, not a guess.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../simulation';
import { makeDoc, type RawNode } from '../testing/docs';
import { num, parseCsv } from './csv';
import { PCTS, P, lambdaOf, pct, quantileRelSe, tolPct, type Pct } from './harness';

const rows = parseCsv(readFileSync(new URL('./data/lambda-perf-2025-07-01_to_10-17-java-snapstart-vs-init.csv', import.meta.url), 'utf8'));
const RUNTIMES = ['java11', 'java17', 'java21'];
const MEMS = [128, 256, 512, 1024];
const GAP_S = 13; // > the 10 s idle lifetime plus a slow restore: every request starts cold
const COLD_STARTS = 2000;

function run(runtime: string, snapStart: boolean, initCodeMs = 0) {
  const nodes: RawNode[] = [];
  const edges: [string, string][] = [];
  for (const m of MEMS) {
    nodes.push({ id: `u${m}`, type: 'client', config: { traffic: { shape: 'constant', rps: 1 / GAP_S }, arrivals: 'uniform' } });
    nodes.push({
      id: `f${m}`,
      type: 'lambda',
      config: { runtime, snapStart, memoryMb: m, packageMb: 0, initCodeMs, idleTimeoutS: 10, handler: { distribution: 'constant', meanMs: 1 } },
    });
    edges.push([`u${m}`, `f${m}`]);
  }
  const sim = new Simulation(makeDoc(nodes, edges, { durationS: COLD_STARTS * GAP_S, seed: 5 }), { lean: true, windowMs: 60_000 });
  sim.runToEnd();
  return sim;
}

describe('SnapStart restore against lambda-perf (Java hello world, 2025)', () => {
  it.each(RUNTIMES)('%s: restore percentiles at 128–1,024 MB', (runtime) => {
    const sim = run(runtime, true);
    const lines: string[] = [];
    for (const m of MEMS) {
      const row = rows.find((r) => r.runtime === runtime && r.snapstart === 'True' && num(r, 'memory_mb') === m)!;
      const measured = Object.fromEntries(PCTS.map((k) => [k, num(row, `${k}_ms`)])) as Record<Pct, number>;
      const h = lambdaOf(sim, `f${m}`).initDuration;
      expect(h.count).toBeGreaterThan(0.95 * COLD_STARTS);
      const cells = PCTS.map((k) => {
        const simMs = h.quantile(P[k]);
        const dev = simMs / measured[k] - 1;
        const tol = 4 * quantileRelSe(measured, k, h.count);
        expect(Math.abs(dev), `${runtime} ${m} MB ${k}: simulated ${simMs.toFixed(1)}, measured ${measured[k]}, tolerance ${tolPct(tol)}`).toBeLessThanOrEqual(
          tol,
        );
        return `${k} ${simMs.toFixed(0)}/${measured[k].toFixed(0)} (${pct(dev)})`;
      });
      lines.push(`${runtime} ${String(m).padStart(4)} MB restore sim/measured ms: ${cells.join('  ')}`);
    }
    console.log(lines.join('\n'));
  });

  it.each(RUNTIMES)('%s: a tiny function restores slower than it initialises, as measured', (runtime) => {
    const snap = run(runtime, true);
    const plain = run(runtime, false);
    for (const m of MEMS) {
      const restoreRow = rows.find((r) => r.runtime === runtime && r.snapstart === 'True' && num(r, 'memory_mb') === m)!;
      const initRow = rows.find((r) => r.runtime === runtime && r.snapstart === 'False' && num(r, 'memory_mb') === m)!;
      const simRestore = lambdaOf(snap, `f${m}`).initDuration.quantile(0.5);
      const simInit = lambdaOf(plain, `f${m}`).initDuration.quantile(0.5);
      const measuredRatio = num(restoreRow, 'p50_ms') / num(initRow, 'p50_ms');
      console.log(
        `${runtime} ${m} MB: restore/init p50 simulated ${(simRestore / simInit).toFixed(2)} (${simRestore.toFixed(0)} / ${simInit.toFixed(0)} ms), measured ${measuredRatio.toFixed(2)}`,
      );
      expect(measuredRatio).toBeGreaterThan(2);
      expect(simRestore / simInit).toBeGreaterThan(2);
      // the INIT side comes from the 2026 data: within 15% of the 2025 ratio (Java INIT moved ≤ 8% between the two periods)
      expect(Math.abs(simRestore / simInit / measuredRatio - 1)).toBeLessThan(0.15);
    }
  });

  it('with a long init (4 s of init code) SnapStart wins by far', () => {
    const snap = run('java21', true, 4000);
    const plain = run('java21', false, 4000);
    expect(lambdaOf(plain, 'f1024').initDuration.quantile(0.5)).toBeGreaterThan(4 * lambdaOf(snap, 'f1024').initDuration.quantile(0.5));
  });
});
