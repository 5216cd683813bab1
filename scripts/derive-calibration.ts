/** Rewrites src/model/initTimes.ts from the measured data in src/sim/calibration/data/. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderInitTimes } from '../src/sim/calibration/derive';

const data = (f: string) => readFileSync(fileURLToPath(new URL(`../src/sim/calibration/data/${f}`, import.meta.url)), 'utf8');
const out = fileURLToPath(new URL('../src/model/initTimes.ts', import.meta.url));
writeFileSync(
  out,
  renderInitTimes(
    data('lambda-perf-2026-05-28_to_08-22-init-summary.csv'),
    data('lambda-perf-2025-07-01_to_10-17-java-snapstart-vs-init.csv'),
    data('aws-samples-apigw-lambda-ddb-cold-warm-percentiles.csv'),
  ),
);
console.error('calibration: src/model/initTimes.ts rewritten');
