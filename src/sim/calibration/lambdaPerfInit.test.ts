/**
 * Calibration against lambda-perf (github.com/maxday/lambda-perf, Apache-2.0): the INIT
 * Duration of a hello-world function, 28 May – 22 Aug 2026, ~760 cold starts per runtime ×
 * package type × architecture × memory size (data/lambda-perf-2026-05-28_to_08-22-init-summary.csv).
 *
 * Each configuration runs as its own function in a document that forces a cold start on
 * every request (an idle lifetime shorter than the gap between requests); the simulator's
 * INIT percentiles are printed beside the measured ones.
 *
 * Tolerance, from the data: the simulator uses one distribution per runtime × package ×
 * architecture for every memory size (INIT does not depend on memory), so a measured row
 * may differ from it by as much as that configuration's rows differ from their pooled value
 * across 128–1,024 MB — computed below per configuration and percentile (at most 4% for
 * p10/p50, 18% for p90 and 44% for p99 over all configurations, where a few slow days
 * dominate; usually a few %) — plus four standard errors of the simulator's own percentile
 * estimate from its number of cold starts (quantileRelSe, from the measured density).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INIT_QUANTILES, RUNTIMES } from '../../model';
import { Simulation } from '../simulation';
import { makeDoc, type RawNode } from '../testing/docs';
import { LAMBDA_PERF_NAME } from './derive';
import { PCTS, lambdaOf, pct, quantileRelSe, tolPct, type Pct } from './harness';
import { num, parseCsv } from './csv';

const rows = parseCsv(readFileSync(new URL('./data/lambda-perf-2026-05-28_to_08-22-init-summary.csv', import.meta.url), 'utf8'));
const PKGS = ['zip', 'image'] as const;
const ARCHS = ['x86_64', 'arm64'] as const;
const MEMS = [128, 256, 512, 1024];
const GAP_S = 11; // > the 10 s idle lifetime: every request starts cold
const COLD_STARTS = 2000;

/** Largest relative deviation of a configuration's memory rows from its pooled percentile. */
function memorySpread(runtime: string, p: string, a: string, k: Pct): number {
  const pooled = (INIT_QUANTILES as Record<string, Record<string, Record<string, Record<Pct, number>>>>)[runtime][p][a][k];
  let worst = 0;
  for (const r of rows.filter((r) => r.runtime === LAMBDA_PERF_NAME[runtime] && r.packaging === p && r.arch === a))
    worst = Math.max(worst, Math.abs(num(r, `init_${k}_ms`) / pooled - 1));
  return worst;
}
const spreadAll = (k: Pct) => Math.max(...Object.keys(LAMBDA_PERF_NAME).flatMap((id) => PKGS.flatMap((p) => ARCHS.map((a) => memorySpread(id, p, a, k)))));

const nodeId = (p: string, a: string, m: number) => `${p}-${a === 'arm64' ? 'arm' : 'x86'}-${m}`;

function runRuntime(runtime: string) {
  const nodes: RawNode[] = [];
  const edges: [string, string][] = [];
  for (const p of PKGS)
    for (const a of ARCHS)
      for (const m of MEMS) {
        const id = nodeId(p, a, m);
        nodes.push({ id: `u-${id}`, type: 'client', config: { traffic: { shape: 'constant', rps: 1 / GAP_S }, arrivals: 'uniform' } });
        // a hello world: no package weight, no init code of its own
        nodes.push({
          id,
          type: 'lambda',
          config: {
            runtime,
            packageType: p,
            architecture: a,
            memoryMb: m,
            packageMb: 0,
            initCodeMs: 0,
            idleTimeoutS: 10,
            handler: { distribution: 'constant', meanMs: 1 },
          },
        });
        edges.push([`u-${id}`, id]);
      }
  const sim = new Simulation(makeDoc(nodes, edges, { durationS: COLD_STARTS * GAP_S, seed: 11 }), { lean: true, windowMs: 60_000 });
  sim.runToEnd();
  return sim;
}

describe('INIT durations against lambda-perf (hello world, 2026)', () => {
  it.each(RUNTIMES.map((r) => r.id))('%s: every package type, architecture and memory size', (runtime) => {
    const sim = runRuntime(runtime);
    const lines: string[] = [];
    for (const p of PKGS)
      for (const a of ARCHS)
        for (const m of MEMS) {
          const fn = lambdaOf(sim, nodeId(p, a, m));
          const row = rows.find((r) => r.runtime === LAMBDA_PERF_NAME[runtime] && r.packaging === p && r.arch === a && num(r, 'memory_mb') === m)!;
          const measured = Object.fromEntries(PCTS.map((k) => [k, num(row, `init_${k}_ms`)])) as Record<Pct, number>;
          const n = fn.initDuration.count;
          expect(n).toBeGreaterThan(0.95 * COLD_STARTS);
          const cells: string[] = [];
          for (const k of PCTS) {
            const simMs = fn.initDuration.quantile({ p10: 0.1, p50: 0.5, p90: 0.9, p99: 0.99 }[k]);
            const dev = simMs / measured[k] - 1;
            const tol = memorySpread(runtime, p, a, k) + 4 * quantileRelSe(measured, k, n);
            cells.push(`${k} ${simMs.toFixed(0)}/${measured[k].toFixed(0)} (${pct(dev)})`);
            expect(
              Math.abs(dev),
              `${runtime} ${p} ${a} ${m} MB ${k}: simulated ${simMs.toFixed(1)} ms, measured ${measured[k]} ms, tolerance ${tolPct(tol)}`,
            ).toBeLessThanOrEqual(tol);
          }
          lines.push(`${runtime} ${p.padEnd(5)} ${a.padEnd(6)} ${String(m).padStart(4)} MB  sim/measured ms: ${cells.join('  ')}`);
        }
    console.log(lines.join('\n'));
  });

  it('the tolerances come from the data: p50 rows agree within a few %, the p99 tail much less', () => {
    const spread = Object.fromEntries(PCTS.map((k) => [k, spreadAll(k)])) as Record<Pct, number>;
    console.log(`largest memory-size spread of a configuration's measured rows: ${PCTS.map((k) => `${k} ${pct(spread[k])}`).join(', ')}`);
    expect(spread.p50).toBeLessThan(0.05);
    expect(spread.p99).toBeGreaterThan(spread.p50);
  });

  it('INIT does not grow with memory, and images start slower than .zip', () => {
    const sim = runRuntime('nodejs22.x');
    const p50 = (id: string) => lambdaOf(sim, id).initDuration.quantile(0.5);
    for (const a of ARCHS)
      for (const p of PKGS) {
        const small = p50(nodeId(p, a, 128));
        const big = p50(nodeId(p, a, 1024));
        expect(Math.abs(big / small - 1)).toBeLessThan(0.05);
      }
    // measured: image p50 ≈ 300 ms vs zip ≈ 145 ms (x86_64), 235 vs 129 (arm64)
    expect(p50(nodeId('image', 'x86_64', 512))).toBeGreaterThan(1.5 * p50(nodeId('zip', 'x86_64', 512)));
    expect(p50(nodeId('zip', 'arm64', 512))).toBeLessThan(p50(nodeId('zip', 'x86_64', 512)));
  });
});
