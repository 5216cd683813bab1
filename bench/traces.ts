/**
 * `npm run bench:traces`: what sampled request traces cost. The full-stack scenario (1,000 rps,
 * 1 h) runs as the browser runs it (every window sampled), with traces on and off, alternating,
 * three times each in one process; the best CPU time of each is compared. Target: traces add
 * at most 5% (a traced request is 1 in 50 at this rate; the rest pay one null check per hop).
 */
import { cpus, loadavg } from 'node:os';
import { Simulation } from '../src/sim';
import { fullStack } from './scenarios';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const doc = fullStack();

function cpuMs(traces: boolean): { cpuMs: number; kept: number } {
  const before = process.cpuUsage();
  const sim = new Simulation(doc, { traces });
  sim.runToEnd();
  const used = process.cpuUsage(before);
  return { cpuMs: (used.user + used.system) / 1000, kept: sim.traces().length };
}

process.stderr.write(`load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores\n`);
cpuMs(false); // warm up the JIT
const on: number[] = [];
const off: number[] = [];
let kept = 0;
for (let i = 0; i < RUNS; i++) {
  off.push(cpuMs(false).cpuMs);
  const r = cpuMs(true);
  on.push(r.cpuMs);
  kept = r.kept;
}
const bestOn = Math.min(...on);
const bestOff = Math.min(...off);
const overhead = bestOn / bestOff - 1;
console.log(`full stack, 1 h at 1,000 rps, windows sampled: traces off ${bestOff.toFixed(0)} ms CPU, on ${bestOn.toFixed(0)} ms CPU (${kept} traces kept)`);
console.log(`trace overhead ${(overhead * 100).toFixed(1)}% (target ≤ 5%) ${overhead <= 0.05 ? 'ok' : 'OVER'}`);
