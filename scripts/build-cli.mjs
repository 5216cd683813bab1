// Bundles the command line (src/cli/main.ts) for plain Node into dist-cli/, so the
// package's `serverless-sandbox` bin needs neither tsx nor TypeScript at run time.
// Run by `npm run build:cli` and by `prepack`.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outdir = process.env.CLI_OUTDIR ?? new URL('../dist-cli/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: { main: new URL('../src/cli/main.ts', import.meta.url).pathname },
  outdir,
  bundle: true,
  splitting: true, // the commands and elkjs load on demand, as in the app
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // yaml and elkjs are CommonJS and require() Node built-ins: give the ESM bundle a require.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __sandboxRequire } from 'node:module';\nconst require = __sandboxRequire(import.meta.url);" },
  define: { __VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'linked',
  logLevel: 'warning',
});
console.error(`build:cli: wrote ${outdir}`);
