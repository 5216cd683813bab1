// Bundles the command line (src/cli/main.ts) for plain Node into dist-cli/, so the
// package's `serverless-sandbox` bin needs neither tsx nor TypeScript at run time.
// Run by `npm run build:cli`, by `prepack`, and by scripts/cli.cjs (the bin and
// `npm run simulate|sam|sweep|cli`) whenever the bundle is older than the sources.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * zod's namespace export carries every locale (~300 KB of the ~450 KB zod adds to the
 * bundle, and parsing it is most of the start-up). The sandbox speaks English only, so
 * the CLI bundle gets a locales module with `en` alone; `z.config`, errors and messages
 * are unchanged.
 */
const englishOnlyZod = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales', args.path.endsWith('.cjs') ? 'en.cjs' : 'en.js'), namespace: 'zod-en' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/** main.cjs loads `./sam` from its own bundle, sam.cjs (SAM, YAML and elkjs stay out of start-up). */
const samApart = {
  name: 'sam-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/sam$/ }, (args) => (/[\\/]src[\\/]cli[\\/]main\.ts$/.test(args.importer) ? { path: './sam.cjs', external: true } : undefined));
  },
};

/** Builds into `outdir` (replaced as a whole: built beside it, then renamed into place). */
export async function buildCli(outdir = join(ROOT, 'dist-cli'), { quiet = false } = {}) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const tmp = `${outdir.replace(/[\\/]$/, '')}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await build({
    metafile: true,
    absWorkingDir: ROOT, // the metafile's paths are relative to the root (scripts/cli.cjs stamps them)
    entryPoints: {
      // simulate and sweep are bundled in (they are what must start fast); sam is its own file
      main: join(ROOT, 'src/cli/main.ts'),
      sam: join(ROOT, 'src/cli/sam.ts'),
      // worker_threads entry of --replications and sweep (src/cli/parallel.ts)
      'run-worker': join(ROOT, 'src/cli/runWorker.ts'),
    },
    outdir: tmp,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    // CommonJS, so scripts/cli.cjs can load main.cjs through vm.Script with V8's code cache
    // (no compile at start-up); import() becomes require() (elkjs stays lazy inside sam.cjs).
    format: 'cjs',
    supported: { 'dynamic-import': false },
    platform: 'node',
    target: 'node20',
    // less to read and parse at start-up; identifiers are not mangled, so stack traces stay legible
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [englishOnlyZod, samApart],
    define: { __VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__sandboxModuleUrl' },
    banner: { js: "#!/usr/bin/env node\nvar __sandboxModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    legalComments: 'linked',
    logLevel: 'warning',
  });
  rmSync(outdir, { recursive: true, force: true });
  renameSync(tmp, outdir);
  if (!quiet) console.error(`build:cli: wrote ${outdir}`);
  return result.metafile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildCli(process.env.CLI_OUTDIR ?? join(ROOT, 'dist-cli'));
}
