/**
 * `serverless-sandbox`: the package's one executable. Routes `simulate`, `sweep` and `sam` to their
 * modules (which also run on their own under `npm run simulate` / `npm run sam`), answers
 * `--help` for every command, and applies the options every command shares (`--quiet`).
 * Built into dist-cli/ by `npm run build:cli` so it runs on plain Node, without tsx.
 */
import { MAIN_HELP, PLANNED_COMMANDS, SAM_HELP, SIMULATE_HELP, SWEEP_HELP } from './help';

const HELP_FLAGS = new Set(['-h', '--help']);

function usageError(message: string, helpCommand: string): number {
  process.stderr.write(`serverless-sandbox: ${message}\n(see: serverless-sandbox ${helpCommand}--help)\n`);
  return 2;
}

/** --quiet: stderr carries errors only — no progress (as if not a terminal), no warnings. */
function beQuiet(): void {
  Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
  const write = process.stderr.write.bind(process.stderr) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (/^(warning: |wrote |precision |mean latency ±)/.test(text)) return true;
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
}

/** Hands `args` to a command module as its own command line, then loads (runs) it. */
async function delegate(args: string[], load: () => Promise<unknown>): Promise<void> {
  process.argv = [process.argv[0], process.argv[1], ...args];
  await load();
}

export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(`${MAIN_HELP}\n`); // no command is a usage error: help on stderr, exit 2
    return 2;
  }
  if (HELP_FLAGS.has(command)) {
    process.stdout.write(`${MAIN_HELP}\n`);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : 'development checkout'}\n`);
    return 0;
  }
  const quiet = rest.includes('--quiet');
  const args = rest.filter((a) => a !== '--quiet');
  switch (command) {
    case 'simulate':
      if (args.some((a) => HELP_FLAGS.has(a))) {
        process.stdout.write(`${SIMULATE_HELP}\n`);
        return 0;
      }
      if (quiet) beQuiet();
      await delegate(args, () => import('./simulate'));
      return undefined; // the command sets its own exit code
    case 'sweep':
      if (args.some((a) => HELP_FLAGS.has(a))) {
        process.stdout.write(`${SWEEP_HELP}\n`);
        return 0;
      }
      if (quiet) beQuiet();
      await delegate(args, () => import('./sweep'));
      return undefined;
    case 'sam': {
      if (args.some((a) => HELP_FLAGS.has(a))) {
        process.stdout.write(`${SAM_HELP}\n`);
        return 0;
      }
      const [sub, ...more] = args;
      if (sub !== 'import' && sub !== 'export') return usageError(sub ? `unknown sam command "${sub}"` : 'sam needs import or export', 'sam ');
      const json = more.includes('--json');
      if (json && sub === 'export') return usageError('sam export writes YAML; --json applies to sam import and simulate', 'sam ');
      const files = more.filter((a) => a !== '--json');
      const unknown = files.find((a) => a.startsWith('-'));
      if (unknown) return usageError(`unknown option ${unknown}`, 'sam ');
      if (files.length !== 1) return usageError(files.length ? `one file at a time (got ${files.join(', ')})` : `sam ${sub} needs a file`, 'sam ');
      if (quiet) beQuiet();
      await delegate([sub, files[0]], () => import('./sam'));
      return undefined;
    }
    default:
      if (PLANNED_COMMANDS[command]) return usageError(PLANNED_COMMANDS[command], '');
      return usageError(`unknown command "${command}"`, '');
  }
}

/** Set by the bundle build (scripts/build-cli.mjs); absent under tsx. */
declare const __VERSION__: string | undefined;

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`serverless-sandbox: unexpected error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 3;
  },
);
