/**
 * `serverless-sandbox sweep FILE.json --set PATH=V1,V2,… [--set …] [--seed N] [--duration S]
 *  [--workers N] [--json] [--csv OUT.csv]`: runs the document once per combination of the
 * values (every core, one run per worker thread at a time, same seed for all) and prints one
 * row per variant. Exit 0; 1 when the document has goals and no variant meets all of them;
 * 2 on bad input.
 */
import { writeFileSync } from 'node:fs';
import { evaluateGoals, goalLabel, labeller, type GoalResult } from '../analysis/goals';
import type { SimSummary } from '../sim';
import { checkOneDocument, fileValue, splitFlag } from './argv';
import { SWEEP_HELP } from './help';
import { fail, loadDocumentFile } from './docFile';
import { defaultWorkers, runAll } from './parallel';
import { ROW_COLUMNS, TEXT_COLUMNS, csvTable, fmt, parseSetOption, progressBar, summaryRow, sweepVariants, textCells, textTable, type SweepAxis } from './runs';

export interface SweepArgs {
  file: string;
  sets: string[];
  seed?: number;
  durationS?: number;
  workers?: number;
  json: boolean;
  csv?: string;
}

export type SweepParse = { ok: true; args: SweepArgs } | { ok: false; errors: string[]; help?: boolean };

export function parseSweepArgs(argv: string[]): SweepParse {
  const errors: string[] = [];
  const args: Partial<SweepArgs> & { sets: string[]; json: boolean } = { sets: [], json: false };
  const files: string[] = [];
  const number = (flag: string, raw: string | undefined, min: number, max: number): number | undefined => {
    const v = raw === undefined || raw.startsWith('--') ? NaN : Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) {
      errors.push(raw === undefined ? `${flag} needs a value` : `${flag} ${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`);
      return undefined;
    }
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = splitFlag(a);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--help':
      case '-h':
        return { ok: false, errors: [], help: true };
      case '--json':
        args.json = true;
        break;
      case '--set': {
        const v = value();
        if (v === undefined || v.startsWith('--')) errors.push('--set needs PATH=VALUE1,VALUE2,…');
        else args.sets.push(v);
        break;
      }
      case '--seed':
        args.seed = number('--seed', value(), 0, 4_294_967_295);
        break;
      case '--duration':
        args.durationS = number('--duration', value(), 1, 86_400);
        break;
      case '--workers':
        args.workers = number('--workers', value(), 1, 256);
        break;
      case '--csv': {
        const file = fileValue(flag, value(), errors);
        if (file !== undefined) args.csv = file;
        break;
      }
      default:
        if (a.startsWith('-')) errors.push(`unknown option ${a}`);
        else files.push(a);
    }
  }
  checkOneDocument(files, errors);
  if (args.sets.length === 0) errors.push('nothing to sweep: give --set PATH=VALUE1,VALUE2,… (e.g. --set lambda.fn.memoryMb=128,256,512)');
  if (errors.length) return { ok: false, errors };
  return { ok: true, args: { ...(args as SweepArgs), file: files[0] } };
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

async function main(argv: string[]): Promise<void> {
  const parsed = parseSweepArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(SWEEP_HELP + '\n');
      return;
    }
    fail([...parsed.errors, 'see: serverless-sandbox sweep --help']);
  }
  const args = parsed.args;
  const doc = loadDocumentFile(args.file);
  const axes: SweepAxis[] = [];
  const errors: string[] = [];
  for (const option of args.sets) {
    const r = parseSetOption(doc, option);
    if (r.ok) axes.push(r.axis);
    else errors.push(r.error);
  }
  if (errors.length) fail(errors);
  const built = sweepVariants(doc, axes);
  if (!built.ok) fail(built.errors);
  const variants = built.variants;
  const seed = args.seed ?? doc.settings.seed;
  const durationS = args.durationS ?? doc.settings.durationS;
  const workers = args.workers ?? defaultWorkers();
  const threads = Math.min(workers, variants.length);
  const bar = progressBar(`sweep: ${variants.length} variants on ${threads} thread${threads === 1 ? '' : 's'}`);
  const results = await runAll(
    variants.map((v) => ({ doc: v.doc, seed, durationS, keepWindows: false })),
    { workers, onProgress: (d, t) => bar.update(d, t) },
  );
  bar.end();
  const summaries: SimSummary[] = results.map((r) => r.summary);
  const goals: GoalResult[][] = variants.map((v, i) => evaluateGoals(v.doc, summaries[i]));
  const hasGoals = (doc.goals ?? []).length > 0;
  const meets = goals.map((g) => g.every((x) => x.pass));
  if (args.json) {
    const out = {
      seed,
      durationS,
      axes: axes.map((a) => ({ name: a.name, path: a.path, values: a.values })),
      variants: variants.map((v, i) => ({ set: v.set, summary: summaries[i], ...(hasGoals ? { goals: goals[i] } : {}) })),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    const lines = [`${doc.name} — sweep of ${variants.length} variants, seed ${seed}, ${durationS.toLocaleString('en-US')} simulated seconds each`, ''];
    const header = [...axes.map((a) => a.name), ...TEXT_COLUMNS, '30 days', ...(hasGoals ? ['goals'] : [])];
    const rows = variants.map((v, i) => {
      const s = summaries[i];
      const g = goals[i];
      return [
        ...axes.map((a) => show(v.set[a.name])),
        ...textCells(s),
        fmt.usd(s.costUsd.monthly),
        ...(hasGoals ? [meets[i] ? 'all pass' : `${g.filter((x) => !x.pass).length} failed`] : []),
      ];
    });
    lines.push(textTable([header, ...rows]));
    if (hasGoals) {
      const label = labeller(doc);
      lines.push('', `goals: ${(doc.goals ?? []).map((g) => goalLabel(g, label)).join('; ')}`);
      lines.push(meets.some(Boolean) ? `met by ${meets.filter(Boolean).length} of ${variants.length} variants` : 'no variant meets every goal');
    }
    process.stdout.write(lines.join('\n') + '\n');
  }
  if (args.csv !== undefined) {
    const text = csvTable(
      [...axes.map((a) => a.name), ...ROW_COLUMNS, ...(hasGoals ? ['goalsMet'] : [])],
      variants.map((v, i) => [...axes.map((a) => show(v.set[a.name])), ...Object.values(summaryRow(summaries[i])), ...(hasGoals ? [meets[i]] : [])]),
    );
    try {
      writeFileSync(args.csv, text);
      process.stderr.write(`wrote ${args.csv}\n`);
    } catch (e) {
      fail([`cannot write ${args.csv}: ${(e as Error).message}`]);
    }
  }
  if (hasGoals && !meets.some(Boolean)) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`sweep: unexpected error: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 3;
});
