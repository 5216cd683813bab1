/**
 * `npm run simulate -- FILE.json [--seed N] [--duration S] [--json] [--precision P]
 *  [--csv OUT.csv] [--report OUT.md|OUT.html]`: runs a document to the end with the same core
 * as the browser and prints its summary (spec/document-format.md "The simulation summary"),
 * with the document's goals measured. Exit 0 when every goal passed (or there are none),
 * 1 when a goal failed (a CI check of the architecture), 2 on a bad document or bad
 * arguments, one message per problem on stderr.
 */
import { writeFileSync } from 'node:fs';
import { findFindings } from '../analysis/findings';
import { evaluateGoals, formatMetric, goalLabel, labeller, type GoalResult } from '../analysis/goals';
import { runCsv } from '../analysis/runCsv';
import { reportHtml, reportMarkdown } from '../analysis/runReport';
import type { Architecture } from '../model';
import { Simulation, type SimSummary, type WindowSample } from '../sim';
import { fail, loadDocumentFile } from './docFile';
import { defaultWorkers, runAll } from './parallel';
import {
  ROW_COLUMNS,
  acrossReplications,
  csvTable,
  fmt,
  progressBar,
  relativeHalfWidth,
  replicationSeeds,
  summaryRow,
  TEXT_COLUMNS,
  textCells,
  textTable,
  type AcrossInterval,
} from './runs';
import { MAX_CLI_DURATION_S, USAGE, parseArgs, type SimulateArgs } from './simulateArgs';
import { formatSummary } from './summaryTable';

const MAX_DURATION_S = MAX_CLI_DURATION_S;
/** --precision with --replications stops adding runs here. */
const MAX_REPLICATIONS = 10_000;

interface Run {
  summary: SimSummary;
  windows: WindowSample[];
}

/** `keepWindows`: the CSV and the report need the windows; otherwise the run stays lean. */
function run(doc: Architecture, seed: number | undefined, durationS: number, keepWindows: boolean): Run {
  const sim = new Simulation(doc, { ...(seed !== undefined ? { seed } : {}), durationS, lean: !keepWindows });
  const tty = process.stderr.isTTY === true;
  const slices = 10;
  for (let i = 1; i <= slices && !sim.done; i++) {
    sim.advance((sim.endMs * i) / slices);
    const line = `simulated ${Math.round(sim.simTimeMs / 1000)} / ${durationS} s`;
    if (tty) process.stderr.write(`\r${line}${i === slices ? '\n' : ''}`);
  }
  return { summary: sim.summary(), windows: keepWindows ? sim.history() : [] };
}

function write(file: string, text: string): void {
  try {
    writeFileSync(file, text);
    process.stderr.write(`wrote ${file}\n`);
  } catch (e) {
    fail([`cannot write ${file}: ${(e as Error).message}`]);
  }
}

function goalLines(goals: GoalResult[], doc: Architecture): string {
  const label = labeller(doc);
  const failed = goals.filter((g) => !g.pass).length;
  const lines = [`goals: ${failed ? `${failed} of ${goals.length} failed` : `all ${goals.length} passed`}`];
  for (const g of goals) lines.push(`  ${g.pass ? 'pass' : 'FAIL'}  ${goalLabel(g, label)}  (measured ${formatMetric(g.metric, g.measured)})`);
  return lines.join('\n');
}

const interval = (i: AcrossInterval, f: (x: number) => string) => (Number.isFinite(i.halfWidth) ? `${f(i.mean)} ± ${f(i.halfWidth)}` : f(i.mean));

/**
 * --replications N: N runs on seeds seed … seed+N−1, spread over worker threads, then the
 * figures across runs. With --precision the number of runs doubles until the mean latency's
 * 95% interval across runs is within ±P (the count never depends on the thread count, so
 * the result is the same on any machine).
 */
async function replicate(doc: Architecture, args: SimulateArgs): Promise<void> {
  const base = args.seed ?? doc.settings.seed;
  const durationS = args.durationS ?? doc.settings.durationS;
  const workers = args.workers ?? defaultWorkers();
  const summaries: SimSummary[] = [];
  let target = args.replications ?? 1;
  const bar = progressBar(`replications on ${Math.min(workers, target)} thread${Math.min(workers, target) === 1 ? '' : 's'}`);
  for (;;) {
    const seeds = replicationSeeds(base, target).slice(summaries.length);
    const done = summaries.length;
    const results = await runAll(
      seeds.map((seed) => ({ doc, seed, durationS, keepWindows: false })),
      { workers, onProgress: (d) => bar.update(done + d, target) },
    );
    summaries.push(...results.map((r) => r.summary));
    if (args.precision === undefined) break;
    const relative = relativeHalfWidth(acrossReplications(summaries).meanLatencyMs);
    if (relative <= args.precision) {
      bar.end();
      process.stderr.write(`precision reached: mean latency ±${(relative * 100).toFixed(2)}% across ${summaries.length} runs\n`);
      break;
    }
    if (summaries.length >= MAX_REPLICATIONS) {
      bar.end();
      process.stderr.write(`precision not reached (±${(relative * 100).toFixed(2)}%) within ${MAX_REPLICATIONS} runs\n`);
      break;
    }
    target = Math.min(MAX_REPLICATIONS, target * 2);
  }
  bar.end();
  const across = acrossReplications(summaries);
  const goals = summaries.map((s) => evaluateGoals(doc, s));
  const goalRuns = (doc.goals ?? []).map((g, gi) => ({ ...g, failedRuns: goals.filter((r) => !r[gi].pass).length }));
  if (args.json) {
    const out = {
      replications: summaries.length,
      seeds: summaries.map((s) => s.seed),
      durationS,
      across,
      runs: summaries,
      ...(doc.goals ? { goals: goalRuns } : {}),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    const lines = [
      `${doc.name} — ${summaries.length} replications of ${durationS.toLocaleString('en-US')} simulated seconds, seeds ${summaries[0].seed}…${summaries[summaries.length - 1].seed}`,
      '',
    ];
    lines.push(textTable([['seed', ...TEXT_COLUMNS], ...summaries.map((s) => [String(s.seed), ...textCells(s)])]));
    lines.push('', `across the ${summaries.length} runs (mean ± 95% interval, Student t):`);
    lines.push(`  mean latency ${interval(across.meanLatencyMs, fmt.ms)} ms; p99 ${interval(across.p99LatencyMs, fmt.ms)} ms`);
    lines.push(`  success share ${interval(across.successShare, fmt.pct)}; throttle share ${interval(across.throttleShare, fmt.pct)}`);
    lines.push(`  cost per run ${interval(across.costUsd, fmt.usd)}; 30 days ${interval(across.monthlyCostUsd, fmt.usd)}`);
    if (goalRuns.length) {
      const label = labeller(doc);
      const failed = goalRuns.filter((g) => g.failedRuns > 0).length;
      lines.push('', `goals: ${failed ? `${failed} of ${goalRuns.length} failed in some runs` : `all ${goalRuns.length} passed in every run`}`);
      for (const g of goalRuns)
        lines.push(
          `  ${g.failedRuns ? 'FAIL' : 'pass'}  ${goalLabel(g, label)}  (${g.failedRuns ? `failed in ${g.failedRuns} of ${summaries.length} runs` : 'every run'})`,
        );
    }
    process.stdout.write(lines.join('\n') + '\n');
  }
  if (args.csv !== undefined)
    write(
      args.csv,
      csvTable(
        ['seed', ...ROW_COLUMNS],
        summaries.map((s) => [s.seed, ...Object.values(summaryRow(s))]),
      ),
    );
  if (goalRuns.some((g) => g.failedRuns > 0)) process.exitCode = 1;
}

async function main(argv: string[]): Promise<void> {
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
  const doc = loadDocumentFile(args.file);
  if (args.replications !== undefined) return replicate(doc, args);
  let durationS = args.durationS ?? doc.settings.durationS;
  const keepWindows = args.csv !== undefined || args.report !== undefined;
  let result = run(doc, args.seed, durationS, keepWindows);
  let summary = result.summary;
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
      result = run(doc, args.seed, durationS, keepWindows);
      summary = result.summary;
    }
  }
  if (summary.stopped) process.stderr.write(`stopped: the run was stopped at ${summary.stopped.atS} s — ${summary.stopped.reason}\n`);
  const goals = evaluateGoals(doc, summary);
  const out: SimSummary & { goals?: GoalResult[] } = doc.goals ? { ...summary, goals } : summary;
  if (args.json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  else process.stdout.write(formatSummary(summary, doc.name) + (goals.length ? `\n\n${goalLines(goals, doc)}` : '') + '\n');
  if (args.csv !== undefined) write(args.csv, runCsv(doc, result.windows));
  if (args.report !== undefined) {
    const input = {
      doc,
      summary,
      goals,
      findings: findFindings({ doc, summary, windows: result.windows }),
      createdAt: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    };
    write(args.report, /\.html?$/i.test(args.report) ? reportHtml(input) : reportMarkdown(input));
  }
  if (summary.stopped) process.exitCode = 3;
  else if (goals.some((g) => !g.pass)) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`simulate: unexpected error: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 3;
});
