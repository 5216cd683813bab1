/**
 * `npm run bench`: the simulator's speed (issue 3, "Speed"). Each scenario runs in its own
 * Node process (so peak memory is its own), best of three; then the whole
 * `npm run simulate` command is timed on scenario (1). Writes bench/RESULTS.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { erlangB } from '../src/sim/theory';
import { lossModelRaw } from './scenarios';

const HERE = fileURLToPath(new URL('.', import.meta.url));

interface Measure {
  name: string;
  lean: boolean;
  wallMs: number;
  cpuMs: number;
  events: number;
  requests: number;
  throttled: number;
  p99Ms: number;
  maxRssMb: number;
}

const ROOT = join(HERE, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function runOne(name: string, mode = 'lean'): Measure {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(HERE, 'one.ts'), name, mode], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as Measure;
}

function best(name: string): Measure {
  const runs: Measure[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(runOne(name));
    process.stderr.write(`  ${name} run ${i + 1}: ${runs[i].wallMs.toFixed(0)} ms\n`);
  }
  return runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
}

const load = loadavg()[0];
process.stderr.write(`load average ${load.toFixed(2)} on ${cpus().length} cores\n`);
const loss = best('loss');
const full = best('full');
// once more each with every window sampled, as the browser runs
const lossWindows = runOne('loss', 'windows');
const fullWindows = runOne('full', 'windows');

const docPath = join(HERE, 'loss-model.json');
writeFileSync(docPath, JSON.stringify(lossModelRaw, null, 2) + '\n');
const cliTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '-s', 'simulate', '--', docPath, '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`simulate failed: ${r.stderr}`);
  cliTimes.push(performance.now() - t0);
  process.stderr.write(`  npm run simulate run ${i + 1}: ${cliTimes[i].toFixed(0)} ms\n`);
}
const cliMs = Math.min(...cliTimes);

const row = (m: Measure, target: string) =>
  `| ${m.name === 'loss' ? '(1) Lambda loss model' : '(2) API GW → Lambda → DAX → DynamoDB → stream → Lambda'} | ${m.requests.toLocaleString('en-US')} | ${m.events.toLocaleString('en-US')} | ${(m.wallMs / 1000).toFixed(2)} s | ${(m.cpuMs / 1000).toFixed(2)} s | ${Math.round(m.requests / (m.wallMs / 1000)).toLocaleString('en-US')} | ${m.maxRssMb.toFixed(0)} MB | ${target} |`;

const md = `# Simulator benchmark results

Command: \`npm run bench\` (bench/run.ts; each scenario in its own Node process, best of ${RUNS}).
Recorded ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version},
load average ${load.toFixed(2)} when the run started (other work shares this machine: wall
times are upper bounds; CPU time is the process's own user + system time).

| scenario | requests | events | wall | CPU | simulated requests / wall s | peak RSS | target |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${row(loss, '< 1.5 s')}
${row(full, '< 8 s')}

Rows above run as the CLI does (\`lean\`: summary only). With every one-second window
sampled as the browser does (one run each): (1) ${(lossWindows.wallMs / 1000).toFixed(2)} s wall / ${(lossWindows.cpuMs / 1000).toFixed(2)} s CPU, (2) ${(fullWindows.wallMs / 1000).toFixed(2)} s wall / ${(fullWindows.cpuMs / 1000).toFixed(2)} s CPU.

Whole command \`npm run simulate -- bench/loss-model.json --json\` for (1), start-up included
(npm, tsx compiling the TypeScript, the run, the JSON):
**${(cliMs / 1000).toFixed(2)} s** (SimPy needs ~22 s for the same model: ${(22_000 / cliMs).toFixed(1)}× faster; target ≥ 10×).

Model (1): 1,000 rps Poisson, reserved concurrency 200 (all provisioned, so no cold starts),
exponential 150 ms handlers, one simulated hour: ${loss.throttled.toLocaleString('en-US')} of ${loss.requests.toLocaleString('en-US')} requests throttled
(Erlang B for c = 200, a = 150 gives ${erlangB(200, 150).toExponential(2)}, i.e. about ${Math.round(erlangB(200, 150) * loss.requests)} expected; losses
come in clusters, so one run's count of so rare an event varies widely around it; at higher
loss shares — c = 10, 50, 100 — the simulated share matches Erlang B within a 99% interval).

## How the hot path was made fast

Profiled with \`node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/one.ts loss\` (and
\`full\`), then, in order of effect:

- timeouts: a FIFO of deadlines per node with one armed timer instead of a timeout event per
  call (the full stack went from 6.3 to 4.3 events per request);
- clients' next arrivals kept outside the heap (the kernel compares the earliest with the
  heap's top): one push and one pop fewer per request;
- the heap moves only (time, record index) pairs; payloads stay put in typed arrays (1.25×
  faster than moving six fields);
- requests report to their client directly (no root call object per request);
- pooled call objects addressed by (slot, generation); no closures or objects per event;
  log lines counted by counters made once per node (no string keys or closures per event);
  per-service cost accumulators (no keyed object update per event);
- latency histograms: log-linear buckets from the float's bits (no logarithm), window
  histograms merged into the cumulative one once per window, percentiles in one pass;
- normal draws by inverse CDF (Acklam) instead of Box–Muller, exponential draws by ziggurat
  instead of −log u; a single client's counters double as the end-to-end ones; keys drawn only when a cache
  or a table needs them; an LRU cache on typed arrays instead of a Map (a Map with
  delete/re-insert per hit was the top cost of the DAX scenario).

Heap arity, measured in model (1) itself (three alternating runs at load ≈ 2): 4-ary
1.43–1.78 s wall, binary 2.14–2.36 s — the 4-ary heap stays (\`npx tsx bench/queue.ts\`
compares the two in isolation).

What remains is mostly heap operations and the dispatch to each service, plus boxed
doubles passed between functions (young-generation GC is ~5% of the time).
`;
writeFileSync(join(HERE, 'RESULTS.md'), md);
process.stdout.write(md);
