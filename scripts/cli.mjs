#!/usr/bin/env node
// The `serverless-sandbox` executable and `npm run simulate|sam|sweep|cli`: runs the
// prebuilt bundle dist-cli/main.cjs on plain Node (no tsx, no TypeScript compile at start-up).
// In a clone (src/ present) the bundle is rebuilt first when it is missing or stale: the
// stamp is the newest modification time and the number of the files it is built from,
// a few hundred stat() calls (~2 ms). A packed tarball ships dist-cli/ and has no src/.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist-cli');
const STAMP = join(OUT, '.stamp');
const LOCK = `${OUT}.lock`;

function sourceStamp() {
  let newest = 0;
  let count = 0;
  const see = (file) => {
    const t = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (t > newest) newest = t;
    count++;
  };
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}/${e.name}`);
      else if (/\.(tsx?|json|js|mjs)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) see(`${dir}/${e.name}`);
    }
  };
  walk(`${ROOT}src`);
  for (const rel of ['package.json', 'package-lock.json', 'scripts/build-cli.mjs']) see(ROOT + rel);
  return `${newest} ${count}`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function ensureFresh() {
  if (!existsSync(join(ROOT, 'src/cli/main.ts'))) return; // installed package: dist-cli is prebuilt
  const stamp = sourceStamp();
  const current = () => existsSync(join(OUT, 'main.cjs')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp;
  if (current()) return;
  // one builder at a time (tests and shells may start several commands at once)
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (current()) return;
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(LOCK, { recursive: true, force: true }); // left by a killed build
      await sleep(100);
    }
  }
  try {
    if (current()) return;
    if (process.stderr.isTTY) process.stderr.write('serverless-sandbox: sources changed, rebuilding dist-cli/ …\n');
    const { buildCli } = await import('./build-cli.mjs');
    await buildCli(OUT, { quiet: true });
    writeFileSync(STAMP, stamp);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Runs dist-cli/main.cjs as Node would require() it, but compiled through vm.Script with
 * V8's code cache (main.cjs.cache, written after the first run, so the functions that run
 * are cached too): start-up skips compiling the bundle. A rebuild replaces dist-cli/ as a
 * whole, cache included; a cache from another Node/V8 is rejected by V8 and rewritten.
 */
function runBundle() {
  const file = join(OUT, 'main.cjs');
  const cacheFile = `${file}.cache`;
  const source = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // a read-only install: run without the cache
      }
    });
  }
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, createRequire(file), module, file, OUT);
}

await ensureFresh();
runBundle();
