#!/usr/bin/env node
// The command line under its earlier name: loads scripts/cli.cjs (the bin), which does all the
// work. Prefer `node scripts/cli.cjs`: an .mjs entry starts Node's ES-module loader first
// (~10–25 ms of CPU at start-up).
import { createRequire } from 'node:module';

createRequire(import.meta.url)('./cli.cjs');
