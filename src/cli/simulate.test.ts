/** The command-line simulator end to end: exit codes, stdout discipline, agreement with the core. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseDocumentText } from '../model';
import { runSimulation } from '../sim';
import { parseArgs } from './simulateArgs';

vi.setConfig({ testTimeout: 60_000 });

const ROOT = join(__dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/simulate.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('parseArgs', () => {
  it('reads the flags and refuses bad values', () => {
    expect(parseArgs(['a.json', '--seed', '5', '--duration=60', '--json', '--precision', '0.03'])).toEqual({ ok: true, args: { file: 'a.json', seed: 5, durationS: 60, json: true, precision: 0.03 } });
    const bad = parseArgs(['--seed', 'x', '--duration', '0', '--what']);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toHaveLength(4);
  });
});

describe('npm run simulate', () => {
  it('exits 2 with one message per problem for a bad document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ format: 'serverless-sandbox', version: 1, nodes: [{ id: 'fn', type: 'lambda', config: { memoryMb: 5 } }], edges: [{ id: 'e', source: 'fn', target: 'nope' }] }));
    const r = run(file);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('config.memoryMb');
    expect(lines[1]).toContain('edges[0]');
  });

  it('prints only the JSON summary on stdout with --json, equal to the core run', () => {
    const file = join(ROOT, 'examples/reserved-concurrency-throttling.json');
    const r = run(file, '--json', '--duration', '20', '--seed', '3');
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.stdout);
    const doc = parseDocumentText(readFileSync(file, 'utf8'));
    if (!doc.ok) throw new Error('example invalid');
    expect(printed).toEqual(JSON.parse(JSON.stringify(runSimulation(doc.document, { seed: 3, durationS: 20 }))));
    expect(r.stderr).not.toContain('simulated'); // progress only when stderr is a terminal
  });
});
