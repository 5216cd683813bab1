/** The committed INIT and restore tables (src/model/initTimes.ts) are derived from ./data, unedited. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderInitTimes } from './derive';

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');

describe('src/model/initTimes.ts', () => {
  it('is what `npm run calibration:derive` writes from the measured data', () => {
    const expected = renderInitTimes(
      read('./data/lambda-perf-2026-05-28_to_08-22-init-summary.csv'),
      read('./data/lambda-perf-2025-07-01_to_10-17-java-snapstart-vs-init.csv'),
      read('./data/aws-samples-apigw-lambda-ddb-cold-warm-percentiles.csv'),
    );
    expect(read('../../model/initTimes.ts')).toBe(expected);
  });
});
