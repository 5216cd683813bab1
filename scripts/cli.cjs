#!/usr/bin/env node
'use strict';
// The `serverless-sandbox` executable and `npm run simulate|sam|sweep|cli`: runs the
// prebuilt bundle dist-cli/main.cjs on plain Node (no tsx, no TypeScript compile at start-up).
// CommonJS on purpose: an .mjs entry would start Node's ES-module loader, ~10–25 ms of CPU
// before the first line of the bundle runs (scripts/cli.mjs is kept, and loads this file).
// In a clone (src/ present) the bundle is rebuilt first when it is missing or stale: the
// stamp (dist-cli/.stamp) lists the files the last build read (esbuild's metafile: the sources
// under src/, plus package.json, package-lock.json and scripts/build-cli.mjs) with the newest
// modification time among them; checking it is one stat() per listed file (~100, ~1 ms), no
// walk of the whole tree. A packed tarball ships dist-cli/ and has no src/.
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const ROOT = join(__dirname, '..') + '/';
const OUT = join(ROOT, 'dist-cli');
const STAMP = join(OUT, '.stamp');
const LOCK = `${OUT}.lock`;

const ALWAYS = ['package.json', 'package-lock.json', 'scripts/build-cli.mjs'];

/** Newest modification time of `files` (relative to the root), or -1 when one is gone. */
function newestOf(files) {
  let newest = 0;
  for (const rel of files) {
    const t = statSync(ROOT + rel, { throwIfNoEntry: false })?.mtimeMs;
    if (t === undefined) return -1;
    if (t > newest) newest = t;
  }
  return newest;
}

/** The stamp: the newest time on its first line, then the files, one a line. */
function stampOf(metafile) {
  const files = [...new Set([...ALWAYS, ...Object.keys(metafile.inputs).filter((f) => f.startsWith('src/'))])];
  return `${newestOf(files)}\n${files.join('\n')}\n`;
}

function stampIsCurrent() {
  if (!existsSync(join(OUT, 'main.cjs'))) return false;
  let lines;
  try {
    lines = readFileSync(STAMP, 'utf8').split('\n').filter(Boolean);
  } catch {
    return false;
  }
  return lines.length > ALWAYS.length && String(newestOf(lines.slice(1))) === lines[0];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rebuilds dist-cli/ (one builder at a time: tests and shells may start several commands at once). */
async function rebuild() {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (stampIsCurrent()) return;
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(LOCK, { recursive: true, force: true }); // left by a killed build
      await sleep(100);
    }
  }
  try {
    if (stampIsCurrent()) return;
    if (process.stderr.isTTY) process.stderr.write('serverless-sandbox: sources changed, rebuilding dist-cli/ …\n');
    const { buildCli } = await import(pathToFileURL(join(__dirname, 'build-cli.mjs')).href);
    const started = Date.now();
    const stamp = stampOf(await buildCli(OUT, { quiet: true }));
    // a source saved while the build ran: leave no stamp, so the next command builds again
    const newest = Number(stamp.slice(0, stamp.indexOf('\n')));
    if (newest > 0 && newest < started - 1000) writeFileSync(STAMP, stamp);
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
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, OUT);
}

// installed package (no src/): dist-cli is prebuilt
if (!existsSync(join(ROOT, 'src/cli/main.ts')) || stampIsCurrent()) runBundle();
else
  rebuild().then(runBundle, (e) => {
    process.stderr.write(`serverless-sandbox: could not build dist-cli/: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 3;
  });
