/** Histogram choice: our log-linear histogram vs hdr-histogram-js on 3 M latencies (npx tsx bench/histogram.ts). */
import * as hdr from 'hdr-histogram-js';
import { Histogram } from '../src/sim/metrics/histogram';
const N = 3_000_000;
const vals = Float64Array.from({ length: N }, () => -Math.log(Math.random()) * 150);
for (let rep = 0; rep < 2; rep++) {
  let t = performance.now();
  const h = new Histogram();
  for (let i = 0; i < N; i++) h.record(vals[i]);
  const p = h.quantile(0.99);
  const mine = performance.now() - t;
  t = performance.now();
  const H = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 1e10, numberOfSignificantValueDigits: 2 });
  for (let i = 0; i < N; i++) H.recordValue(Math.round(vals[i] * 1000)); // µs as integers
  const q = H.getValueAtPercentile(99) / 1000;
  const theirs = performance.now() - t;
  console.log('mine', mine.toFixed(0), 'ms', p.toFixed(1), ' hdr-histogram-js', theirs.toFixed(0), 'ms', q.toFixed(1));
}
