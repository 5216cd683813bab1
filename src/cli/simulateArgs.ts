/** Command-line arguments of `npm run simulate`. */
import { checkOneDocument, fileValue, splitFlag } from './argv';
export interface SimulateArgs {
  file: string;
  seed?: number;
  durationS?: number;
  json: boolean;
  /** Target relative half-width of the mean-latency 95% CI; the run is lengthened until met. */
  precision?: number;
  /** Write the run's windows as CSV here. */
  csv?: string;
  /** Write the one-page report here (Markdown, or HTML when the name ends in .html). */
  report?: string;
  /** Independent runs on seeds seed, seed + 1, …, summarised across runs (in parallel). */
  replications?: number;
  /** Worker threads for replications (default: one per core). */
  workers?: number;
}

/** Command-line runs may simulate up to 30 days (the live view keeps settings.durationS ≤ 1 day). */
export const MAX_CLI_DURATION_S = 30 * 86_400;

export const USAGE = `usage: npm run simulate -- FILE.json [--seed N] [--duration S] [--json] [--precision P]
                            [--replications N] [--workers N] [--csv OUT.csv] [--report OUT.md|OUT.html]

  --seed N        override settings.seed (0–4294967295)
  --duration S    override settings.durationS, simulated seconds (1–2592000, 30 days)
  --json          print the JSON summary on stdout (progress stays on stderr)
  --precision P   lengthen the run (doubling, up to 2592000 s) until the 95% confidence
                  interval of the mean latency is within ±P of it (e.g. 0.03 = ±3%)
  --replications N  N independent runs (seeds seed … seed+N−1) on every core, summarised
                  across runs (mean ± 95% interval); with --precision, more runs are added
                  until the mean latency's interval across runs is within ±P
  --workers N     worker threads for replications (default: one per core; 1 = serial)
  --csv FILE      write the run's windows (system, each node, cost by service) as CSV;
                  with --replications, one row per run
  --report FILE   write a one-page report: settings, goals, findings, summary
                  (Markdown; HTML when FILE ends in .html)

Exit status: 0 when the run finished and every goal of the document passed (or it has
none), 1 when a goal failed, 2 for a bad document or bad arguments.`;

export type ParseResult = { ok: true; args: SimulateArgs } | { ok: false; errors: string[]; help?: boolean };

export function parseArgs(argv: string[]): ParseResult {
  const errors: string[] = [];
  const args: Partial<SimulateArgs> = { json: false };
  const files: string[] = [];
  const number = (flag: string, raw: string | undefined, min: number, max: number, integer: boolean): number | undefined => {
    if (raw === undefined || raw.startsWith('--')) {
      errors.push(`${flag} needs a value`);
      return undefined;
    }
    const v = Number(raw);
    if (!Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
      errors.push(`${flag} ${JSON.stringify(raw)}: expected ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
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
      case '--seed':
        args.seed = number('--seed', value(), 0, 4_294_967_295, true);
        break;
      case '--duration':
        args.durationS = number('--duration', value(), 1, MAX_CLI_DURATION_S, true);
        break;
      case '--precision':
        args.precision = number('--precision', value(), 0.0001, 1, false);
        break;
      case '--replications':
        args.replications = number('--replications', value(), 1, 10_000, true);
        break;
      case '--workers':
        args.workers = number('--workers', value(), 1, 256, true);
        break;
      case '--csv':
      case '--report': {
        const file = fileValue(flag, value(), errors);
        if (file !== undefined) args[flag === '--csv' ? 'csv' : 'report'] = file;
        break;
      }
      default:
        if (a.startsWith('-')) errors.push(`unknown option ${a}`);
        else files.push(a);
    }
  }
  checkOneDocument(files, errors);
  if (args.replications !== undefined && args.replications > 1 && args.report !== undefined)
    errors.push('--report describes one run; leave out --replications (or use --csv for one row per run)');
  if (errors.length) return { ok: false, errors };
  return { ok: true, args: { ...(args as SimulateArgs), file: files[0] } };
}
