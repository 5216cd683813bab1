/**
 * Runs one benchmark scenario in this process and prints its measurements as JSON:
 * `loss` (1), `full` (2, one hour), `day` (2 for 86,400 s: the scale row), and the per-service
 * rows of scenarios.ts `serviceRaw` (`base`, `kinesis`, `stepFunctions`, `sqsFifo`, `edgeFunctions`).
 * bench/run.ts runs it bundled by esbuild on plain Node (as the CLI runs); `npx tsx
 * bench/one.ts loss` works too. Profile: node --cpu-prof on that bundle.
 */
import { Simulation } from '../src/sim';
import { fullStack, lossModel, serviceRaw, serviceScenario } from './scenarios';

const name = process.argv[2];
/**
 * `lean`: as the CLI runs (summary only, no traces); `windows`: every window sampled, traces
 * off; `traces`: as the browser runs (every window sampled and request traces kept).
 */
const mode = process.argv[3] ?? 'lean';
const lean = mode !== 'windows' && mode !== 'traces';
const traces = mode === 'traces';
const doc = name === 'loss' ? lossModel() : name in serviceRaw ? serviceScenario(name) : fullStack();
if (name === 'day') doc.settings.durationS = 86_400;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const sim = new Simulation(doc, { lean, traces });
sim.runToEnd();
const summary = sim.summary();
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  JSON.stringify({
    name,
    lean,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    events: sim.eventsProcessed,
    requests: summary.requests.total,
    throttled: summary.requests.throttled,
    p99Ms: summary.latencyMs.p99,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
