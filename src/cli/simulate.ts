/**
 * `npm run simulate -- FILE.json [--seed N] [--duration S] [--json] [--precision P]`:
 * runs a document to the end with the same core as the browser and prints its summary
 * (spec/document-format.md "The simulation summary"). Exit 2 on a bad document or bad
 * arguments, one message per problem on stderr.
 */
import { readFileSync } from 'node:fs';
import { parseDocumentText, type Architecture } from '../model';
import { Simulation, type SimSummary } from '../sim';
import { USAGE, parseArgs, type SimulateArgs } from './simulateArgs';
import { formatSummary } from './summaryTable';

const MAX_DURATION_S = 86_400;

function fail(messages: string[], code = 2): never {
  for (const m of messages) process.stderr.write(`error: ${m}\n`);
  process.exit(code);
}

function load(file: string): Architecture {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail([`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`]);
  }
  const r = parseDocumentText(text);
  if (!r.ok) fail(r.errors.map((m) => `${file}: ${m}`));
  for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
  return r.document;
}

function run(doc: Architecture, seed: number | undefined, durationS: number): SimSummary {
  const sim = new Simulation(doc, { ...(seed !== undefined ? { seed } : {}), durationS, lean: true });
  const tty = process.stderr.isTTY === true;
  const slices = 10;
  for (let i = 1; i <= slices && !sim.done; i++) {
    sim.advance((sim.endMs * i) / slices);
    const line = `simulated ${Math.round(sim.simTimeMs / 1000)} / ${durationS} s`;
    if (tty) process.stderr.write(`\r${line}${i === slices ? '\n' : ''}`);
    else if (i === slices) process.stderr.write(`${line}\n`);
  }
  return sim.summary();
}

function main(argv: string[]): void {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(USAGE + '\n');
      return;
    }
    for (const m of parsed.errors) process.stderr.write(`error: ${m}\n`);
    process.stderr.write(USAGE + '\n');
    process.exit(2);
  }
  const args: SimulateArgs = parsed.args;
  const doc = load(args.file);
  let durationS = args.durationS ?? doc.settings.durationS;
  let summary = run(doc, args.seed, durationS);
  if (args.precision !== undefined) {
    for (;;) {
      if (summary.stopped) break;
      const c = summary.confidence?.meanLatencyMs;
      const relative = c && c.mean > 0 ? c.halfWidth / c.mean : Infinity;
      if (relative <= args.precision) {
        process.stderr.write(`precision reached: mean latency ±${(relative * 100).toFixed(2)}% after ${durationS} s\n`);
        break;
      }
      if (durationS >= MAX_DURATION_S) {
        process.stderr.write(`precision not reached (±${(relative * 100).toFixed(2)}%) within the ${MAX_DURATION_S} s limit\n`);
        break;
      }
      durationS = Math.min(MAX_DURATION_S, durationS * 2);
      process.stderr.write(`mean latency ±${(relative * 100).toFixed(2)}% > ±${(args.precision * 100).toFixed(2)}%: running again for ${durationS} s\n`);
      summary = run(doc, args.seed, durationS);
    }
  }
  if (summary.stopped) process.stderr.write(`stopped: the run was stopped at ${summary.stopped.atS} s — ${summary.stopped.reason}\n`);
  if (args.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else process.stdout.write(formatSummary(summary, doc.name) + '\n');
  if (summary.stopped) process.exitCode = 3;
}

main(process.argv.slice(2));
