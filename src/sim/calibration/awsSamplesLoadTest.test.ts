/**
 * Calibration against the aws-samples API Gateway → Lambda → DynamoDB load tests
 * (serverless-java-frameworks-samples and serverless-dotnet-demo READMEs, MIT-0): the
 * Lambda REPORT initDuration + duration percentiles of cold and warm invocations
 * (data/aws-samples-apigw-lambda-ddb-cold-warm-percentiles.csv).
 *
 * An equivalent document per row: client → API Gateway → the function (runtime and
 * architecture of the row, 1,024 MB) → one DynamoDB table. What the samples do in their own
 * code is not published, so two figures per row are fitted, each from one measured number:
 *  - the function's init code (initCodeMs) from the cold p50: cold p50 − the runtime's
 *    measured INIT p50 (lambda-perf) − the warm p50;
 *  - the handler's own time, a log-normal fitted to warm p50 and p99 less the simulated
 *    DynamoDB call's p50 and p99.
 * The rest is predicted: the cold p90 and p99 (from the runtime's measured INIT spread and
 * the init-code spread), the warm p90, and with SnapStart the whole cold p50 (restore, no
 * fitted init code).
 *
 * Tolerances, from the data's spread over the rows: a row's cold p90/p50 and p99/p50 and its
 * warm p90/p50 differ from the median over all rows by at most what is computed below (e.g.
 * cold p99/p50 from 1.05 to 1.89 around a median of 1.31); the SnapStart cold p50 may miss
 * by as much as the SnapStart rows differ from their median (487–1,048 ms around ~700 ms),
 * plus four standard errors of the simulated percentile.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { INIT_QUANTILES } from '../../model';
import { Simulation } from '../simulation';
import { makeDoc } from '../testing/docs';
import { num, parseCsv, type CsvRow } from './csv';
import { isPlainInitRow } from './derive';
import { lambdaOf, pct, tolPct } from './harness';

vi.setConfig({ testTimeout: 120_000 });

const rows = parseCsv(readFileSync(new URL('./data/aws-samples-apigw-lambda-ddb-cold-warm-percentiles.csv', import.meta.url), 'utf8'));

/** Rows whose runtime the sandbox has: which runtime and architecture they run as. */
const CASES: { variant: string; section: RegExp; runtime: string; arch: 'x86_64' | 'arm64' }[] = [
  { variant: 'x86_64', section: /^\.NET 8$/, runtime: 'dotnet8', arch: 'x86_64' },
  { variant: 'ARM64', section: /^\.NET 8$/, runtime: 'dotnet8', arch: 'arm64' },
  { variant: 'x86_64 Native AOT', section: /^\.NET 8$/, runtime: 'provided.al2023', arch: 'x86_64' },
  { variant: 'ARM64 Native AOT', section: /^\.NET 8$/, runtime: 'provided.al2023', arch: 'arm64' },
  { variant: 'Micronaut (Java 17)', section: /without SnapStart/, runtime: 'java17', arch: 'x86_64' },
  { variant: 'Quarkus (Java 17)', section: /without SnapStart/, runtime: 'java17', arch: 'x86_64' },
  { variant: 'Spring Boot (Java 17)', section: /without SnapStart/, runtime: 'java17', arch: 'x86_64' },
];
const SNAP_CASES: { variant: string; section: RegExp; runtime: string; arch: 'x86_64' | 'arm64' }[] = [
  { variant: 'SnapStart x86_64', section: /^\.NET 8$/, runtime: 'dotnet8', arch: 'x86_64' },
  { variant: 'SnapStart ARM64', section: /^\.NET 8$/, runtime: 'dotnet8', arch: 'arm64' },
  { variant: 'Micronaut (Java 17)', section: /with SnapStart/, runtime: 'java17', arch: 'x86_64' },
  { variant: 'Quarkus (Java 17)', section: /with SnapStart/, runtime: 'java17', arch: 'x86_64' },
  { variant: 'Spring Boot (Java 17)', section: /with SnapStart/, runtime: 'java17', arch: 'x86_64' },
];
const rowOf = (c: { variant: string; section: RegExp }) => rows.find((r) => r.variant === c.variant && c.section.test(r.section))!;
const v = (r: CsvRow, k: string) => num(r, k);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Largest relative deviation of the rows' ratio from its median. */
function ratioSpread(sel: CsvRow[], num_: string, den: string): { median: number; spread: number } {
  const ratios = sel.map((r) => v(r, num_) / v(r, den));
  const m = median(ratios);
  return { median: m, spread: Math.max(...ratios.map((x) => Math.abs(x / m - 1))) };
}

const GAP_S = 20; // > the 10 s idle lifetime after a ~5 s cold invocation: every request of the cold run starts cold

function run(c: { runtime: string; arch: string }, fn: Record<string, unknown>, cold: boolean) {
  const traffic = cold ? { shape: 'constant', rps: 1 / GAP_S } : { shape: 'constant', rps: 20 };
  const doc = makeDoc(
    [
      { id: 'users', type: 'client', config: { traffic, arrivals: cold ? 'uniform' : 'poisson', readRatio: 0.5 } },
      { id: 'api', type: 'apiGateway', config: { flavor: 'rest' } },
      {
        id: 'fn',
        type: 'lambda',
        config: {
          runtime: c.runtime,
          architecture: c.arch,
          memoryMb: 1024,
          packageMb: 0,
          cpuBound: 0,
          idleTimeoutS: cold ? 10 : 600,
          timeoutMs: 29_000,
          ...fn,
        },
      },
      { id: 'table', type: 'dynamodb', config: {} },
    ],
    [
      ['users', 'api'],
      ['api', 'fn'],
      ['fn', 'table'],
    ],
    { durationS: cold ? 1000 * GAP_S : 150, seed: 9 },
  );
  const sim = new Simulation(doc, { lean: true, windowMs: 10_000 });
  sim.runToEnd();
  return lambdaOf(sim, 'fn');
}

// the simulated DynamoDB call alone: a function with no time of its own
const ddb = run({ runtime: 'nodejs22.x', arch: 'x86_64' }, { handler: { distribution: 'constant', meanMs: 0 } }, false).warmInvocation;
const DDB = { p50: ddb.quantile(0.5), p99: ddb.quantile(0.99) };

function handlerFor(r: CsvRow) {
  // a log-normal handler with median (warm p50 − call p50) and p99 (warm p99 − call p99)
  const h50 = Math.max(0.2, v(r, 'warm_p50_ms') - DDB.p50);
  const h99 = Math.max(h50 * 1.5, v(r, 'warm_p99_ms') - DDB.p99);
  const sigma = Math.log(h99 / h50) / 2.3263478740408408;
  return { distribution: 'lognormal', meanMs: Math.round(h50 * Math.exp((sigma * sigma) / 2) * 100) / 100, p99Ms: Math.round(h99 * 100) / 100 };
}

describe('API Gateway → Lambda → DynamoDB load tests (aws-samples)', () => {
  const plain = rows.filter(isPlainInitRow);
  const cold90 = ratioSpread(plain, 'cold_p90_ms', 'cold_p50_ms');
  const cold99 = ratioSpread(plain, 'cold_p99_ms', 'cold_p50_ms');
  const warm90 = ratioSpread(rows, 'warm_p90_ms', 'warm_p50_ms');

  it('the data: cold and warm spreads over the rows', () => {
    console.log(
      `rows' ratio to p50 (median, largest deviation): cold p90 ${cold90.median.toFixed(2)} ${tolPct(cold90.spread)}, cold p99 ${cold99.median.toFixed(2)} ${tolPct(cold99.spread)}, warm p90 ${warm90.median.toFixed(2)} ${tolPct(warm90.spread)}; simulated DynamoDB call p50 ${DDB.p50.toFixed(1)} ms, p99 ${DDB.p99.toFixed(1)} ms`,
    );
    expect(cold99.median).toBeGreaterThan(cold90.median);
  });

  it.each(CASES.map((c) => [`${c.variant} (${c.runtime}, ${c.arch})`, c] as const))('%s: cold p90/p99 and warm p90 predicted', (_, c) => {
    const r = rowOf(c);
    const init = (INIT_QUANTILES as Record<string, Record<string, Record<string, { p50: number }>>>)[c.runtime].zip[c.arch];
    const initCodeMs = Math.max(0, Math.round(v(r, 'cold_p50_ms') - init.p50 - v(r, 'warm_p50_ms')));
    const handler = handlerFor(r);
    const cold = run(c, { initCodeMs, handler }, true).coldInvocation;
    const warm = run(c, { initCodeMs, handler }, false).warmInvocation;
    expect(cold.count).toBeGreaterThan(900);
    const checks: [string, number, number, number][] = [
      ['cold p90', cold.quantile(0.9), v(r, 'cold_p90_ms'), cold90.spread + 0.02],
      ['cold p99', cold.quantile(0.99), v(r, 'cold_p99_ms'), cold99.spread + 0.06],
      ['warm p90', warm.quantile(0.9), v(r, 'warm_p90_ms'), warm90.spread + 0.04],
    ];
    const cells = [
      `cold p50 ${cold.quantile(0.5).toFixed(0)}/${v(r, 'cold_p50_ms')} (fitted: init code ${initCodeMs} ms)`,
      `warm p50 ${warm.quantile(0.5).toFixed(1)}/${v(r, 'warm_p50_ms')}`,
    ];
    for (const [label, simMs, measured, tol] of checks) {
      const dev = simMs / measured - 1;
      cells.push(`${label} ${simMs.toFixed(1)}/${measured} (${pct(dev)}, tol ${tolPct(tol)})`);
      expect(Math.abs(dev), `${c.variant} ${label}: simulated ${simMs.toFixed(1)} ms, measured ${measured} ms`).toBeLessThanOrEqual(tol);
    }
    console.log(`${c.variant.padEnd(22)} sim/measured ms: ${cells.join('  ')}`);
  });

  it('SnapStart rows: the cold p50 (restore + first invocation) from the measured restore times, nothing fitted', () => {
    // the simulator restores a hello world; what a framework adds varies: the three Java 17
    // frameworks' cold p50 spread around their median is the tolerance
    const javaRows = SNAP_CASES.filter((c) => c.runtime === 'java17').map(rowOf);
    const javaMedian = median(javaRows.map((r) => v(r, 'cold_p50_ms')));
    const spread = Math.max(...javaRows.map((r) => Math.abs(v(r, 'cold_p50_ms') / javaMedian - 1)));
    const lines: string[] = [`Java 17 SnapStart frameworks' cold p50 around their median ${javaMedian} ms: ${tolPct(spread)}`];
    const simP50 = (c: (typeof SNAP_CASES)[number]) => run(c, { snapStart: true, handler: handlerFor(rowOf(c)) }, true).coldInvocation.quantile(0.5);
    const groups: [string, (typeof SNAP_CASES)[number], number][] = [
      ['Java 17 frameworks (median)', SNAP_CASES.find((c) => c.variant.startsWith('Micronaut'))!, javaMedian],
      ...SNAP_CASES.filter((c) => c.runtime === 'dotnet8').map(
        (c) => [`.NET 8 ${c.variant}`, c, v(rowOf(c), 'cold_p50_ms')] as [string, (typeof SNAP_CASES)[number], number],
      ),
    ];
    for (const [label, c, measured] of groups) {
      const simMs = simP50(c);
      const dev = simMs / measured - 1;
      lines.push(`${label.padEnd(28)} ${c.runtime} ${c.arch}: cold p50 simulated ${simMs.toFixed(0)} ms, measured ${measured} ms (${pct(dev)})`);
      expect(Math.abs(dev), lines[lines.length - 1]).toBeLessThanOrEqual(spread + 0.03);
    }
    console.log(lines.join('\n'));
  });
});
