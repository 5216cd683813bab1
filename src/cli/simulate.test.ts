/** The command-line simulator end to end: exit codes, stdout discipline, agreement with the core. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseDocumentText } from '../model';
import { runSimulation } from '../sim';
import { parseArgs } from './simulateArgs';

vi.setConfig({ testTimeout: 60_000 });

const ROOT = join(__dirname, '../..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/simulate.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('parseArgs', () => {
  it('reads the flags and refuses bad values', () => {
    expect(parseArgs(['a.json', '--seed', '5', '--duration=60', '--json', '--precision', '0.03'])).toEqual({
      ok: true,
      args: { file: 'a.json', seed: 5, durationS: 60, json: true, precision: 0.03 },
    });
    expect(parseArgs(['a.json', '--csv', 'w.csv', '--report=r.md'])).toEqual({ ok: true, args: { file: 'a.json', json: false, csv: 'w.csv', report: 'r.md' } });
    expect(parseArgs(['a.json', '--csv']).ok).toBe(false);
    const bad = parseArgs(['--seed', 'x', '--duration', '0', '--what']);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toHaveLength(4);
  });
});

describe('npm run simulate', () => {
  it('exits 2 with one message per problem for a bad document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'serverless-sandbox',
        version: 1,
        nodes: [{ id: 'fn', type: 'lambda', config: { memoryMb: 5 } }],
        edges: [{ id: 'e', source: 'fn', target: 'nope' }],
      }),
    );
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

  describe('goals', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-goals-'));
    const example = JSON.parse(readFileSync(join(ROOT, 'examples/reserved-concurrency-throttling.json'), 'utf8'));
    const withGoals = (name: string, goals: unknown[], reserved = 10) => {
      const file = join(dir, name);
      const nodes = example.nodes.map((n: { type: string; config: object }) =>
        n.type === 'lambda' ? { ...n, config: { ...n.config, reservedConcurrency: reserved } } : n,
      );
      writeFileSync(file, JSON.stringify({ ...example, nodes, goals }));
      return file;
    };
    const goals = [
      { metric: 'throttled', op: '<=', value: 0, node: 'fn' },
      { metric: 'successShare', op: '>=', value: 0.99 },
    ];

    it('exits 1 when a goal fails and prints each goal with its measured value', () => {
      const r = run(withGoals('fails.json', goals), '--json', '--duration', '10');
      expect(r.status).toBe(1);
      const printed = JSON.parse(r.stdout);
      expect(printed.goals).toHaveLength(2);
      expect(printed.goals[0]).toMatchObject({ metric: 'throttled', node: 'fn', pass: false, measured: printed.nodes.fn.throttles });
      expect(printed.goals[0].measured).toBeGreaterThan(0);
      const text = run(withGoals('fails2.json', goals), '--duration', '10');
      expect(text.status).toBe(1);
      expect(text.stdout).toMatch(/FAIL {2}throttled ≤ 0 on fn {2}\(measured [\d,]+\)/);
    });

    it('exits 0 when every goal passes after the fix', () => {
      const r = run(withGoals('passes.json', goals, 100), '--json', '--duration', '10');
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).goals.map((g: { pass: boolean }) => g.pass)).toEqual([true, true]);
    });

    it('exits 2 for a goal naming a node the document does not have', () => {
      const r = run(withGoals('bad.json', [{ metric: 'throttled', op: '<=', value: 0, node: 'getOrder' }]));
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('goals[0].node');
      expect(r.stderr).toContain('"getOrder" is not the id of any node');
    });

    it('writes the CSV and the report when asked', () => {
      const csv = join(dir, 'run.csv');
      const md = join(dir, 'run.md');
      const html = join(dir, 'run.html');
      const r = run(withGoals('export.json', goals), '--duration', '10', '--csv', csv, '--report', md);
      expect(r.status).toBe(1);
      const lines = readFileSync(csv, 'utf8').trim().split('\n');
      expect(lines[0].startsWith('time_s,scope,node_id')).toBe(true);
      expect(lines.filter((l) => l.includes(',system,'))).toHaveLength(10);
      const report = readFileSync(md, 'utf8');
      expect(report).toContain('## Goals');
      expect(report).toContain('fn hit reserved concurrency 10');
      expect(run(withGoals('export2.json', []), '--duration', '5', '--report', html).status).toBe(0);
      expect(existsSync(html) && readFileSync(html, 'utf8').startsWith('<!doctype html>')).toBe(true);
    });
  });
});
