/** The packaged command line: the bundle builds, runs on plain Node (no tsx) and keeps its contract. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 60_000 });

const ROOT = join(__dirname, '../..');
const OUT = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
const cli = (...args: string[]) => spawnSync(process.execPath, [join(OUT, 'main.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('serverless-sandbox (the dist-cli bundle)', () => {
  beforeAll(() => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CLI_OUTDIR: OUT },
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);

  it.each([[['--help']], [['simulate', '--help']], [['sweep', '--help']], [['sam', '--help']], [['sam', 'import', '-h']]])(
    '%j prints help with examples and exits 0',
    (args) => {
      const r = cli(...args);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^usage: |usage: serverless-sandbox/m);
      expect(r.stdout).toContain('examples:');
      expect(r.stderr).toBe('');
    },
  );

  it('bad input exits 2 with a message on stderr and nothing on stdout', () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['sweep', 'x.json'],
      ['sam', 'export', 'a.json', '--json'],
      ['sam', 'import'],
      ['simulate', 'missing.json'],
      ['simulate', 'x.json', '--what'],
    ]) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.length, args.join(' ')).toBeGreaterThan(0);
      if (args.length) expect(r.stdout, args.join(' ')).toBe('');
    }
  });

  it('simulate --json prints only the summary; no progress on stderr when it is not a terminal', () => {
    const r = cli('simulate', 'examples/cold-starts.json', '--json', '--duration', '5');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ durationS: 5, requests: expect.any(Object) });
    expect(r.stderr).toBe('');
  });

  it('--replications on worker threads gives the same runs as one thread, and each run is the single run on its seed', () => {
    const args = ['simulate', 'examples/cold-starts.json', '--json', '--duration', '20', '--replications', '3'];
    const serial = cli(...args, '--workers', '1');
    const parallel = cli(...args, '--workers', '3');
    expect(serial.status, serial.stderr).toBe(0);
    expect(parallel.status, parallel.stderr).toBe(0);
    expect(parallel.stdout).toBe(serial.stdout);
    const out = JSON.parse(parallel.stdout);
    expect(out.seeds).toEqual([42, 43, 44]);
    expect(out.across.meanLatencyMs.n).toBe(3);
    const single = JSON.parse(cli('simulate', 'examples/cold-starts.json', '--json', '--duration', '20', '--seed', '43').stdout);
    expect(out.runs[1]).toEqual(single);
    expect(out.runs[0].latencyMs.mean).not.toBe(out.runs[1].latencyMs.mean); // different seeds, different runs
  });

  it('sweep runs one variant per value on worker threads, identical to a serial sweep and to simulate of the edited document', () => {
    const args = ['sweep', 'examples/cold-starts.json', '--set', 'lambda.fn.memoryMb=128,1024', '--duration', '20', '--json'];
    const serial = cli(...args, '--workers', '1');
    const parallel = cli(...args);
    expect(parallel.status, parallel.stderr).toBe(0);
    expect(parallel.stdout).toBe(serial.stdout);
    expect(parallel.stderr).toBe('');
    const out = JSON.parse(parallel.stdout);
    expect(out.variants.map((v: { set: Record<string, number> }) => v.set['lambda.fn.memoryMb'])).toEqual([128, 1024]);
    const [small, big] = out.variants.map((v: { summary: { latencyMs: { mean: number } } }) => v.summary.latencyMs.mean);
    expect(small).toBeGreaterThan(big); // less memory, less CPU: slower handlers
    const doc = JSON.parse(readFileSync(join(ROOT, 'examples/cold-starts.json'), 'utf8'));
    doc.nodes.find((n: { id: string }) => n.id === 'fn').config.memoryMb = 1024;
    const file = join(OUT, 'fn-1024.json');
    writeFileSync(file, JSON.stringify(doc));
    expect(out.variants[1].summary).toEqual(JSON.parse(cli('simulate', file, '--json', '--duration', '20').stdout));
  });

  it('sweep --csv writes one row per variant; --quiet leaves stderr empty; the table names the values', () => {
    const csv = join(OUT, 'sweep.csv');
    const r = cli(
      'sweep',
      'examples/cold-starts.json',
      '--set',
      'fn.memoryMb=256,512',
      '--set',
      'settings.accountConcurrency=100,1000',
      '--duration',
      '5',
      '--csv',
      csv,
      '--quiet',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'fn.memoryMb,settings.accountConcurrency,requests,ok,throttled,errors,timeouts,meanLatencyMs,p50LatencyMs,p95LatencyMs,p99LatencyMs,costUsd,monthlyCostUsd',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['256,100', '256,1000', '512,100', '512,1000']);
    expect(r.stdout).toMatch(/^fn\.memoryMb\s+settings\.accountConcurrency\s+requests/m);
  });

  it('sweep refuses a path that names no field and a value the document does not allow (exit 2)', () => {
    for (const set of ['nobody.memoryMb=128', 'fn.nope=1', 'fn.memoryMb=1', 'fn.memoryMb=']) {
      const r = cli('sweep', 'examples/cold-starts.json', '--set', set);
      expect(r.status, set).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr, set).toMatch(/^error: /);
    }
  });

  it('sam import runs from the bundle (elkjs and yaml load on demand); --quiet drops the warnings', () => {
    const loud = cli('sam', 'import', 'src/sam/fixtures/nested-stacks.yaml');
    expect(loud.status, loud.stderr).toBe(0);
    expect(
      JSON.parse(loud.stdout)
        .nodes.map((n: { id: string }) => n.id)
        .sort(),
    ).toEqual(['ReportFunction', 'ReportFunctionNightly']);
    expect(loud.stderr).toContain('warning: AWS::CloudFormation::Stack is not modelled');
    const quiet = cli('sam', 'import', 'src/sam/fixtures/nested-stacks.yaml', '--quiet');
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe(loud.stdout);
    expect(quiet.stderr).toBe('');
  });
});

describe('scripts/cli.cjs (the bin and npm run simulate|sam|sweep|cli)', () => {
  const bin = (file: string, ...args: string[]) => spawnSync(process.execPath, [join(ROOT, file), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

  it('runs the dist-cli bundle, building it when stale, and leaves the stamp and the code cache', () => {
    const r = bin('scripts/cli.cjs', 'simulate', 'examples/cold-starts.json', '--json', '--duration', '2');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ durationS: 2 });
    expect(existsSync(join(ROOT, 'dist-cli/.stamp'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist-cli/main.cjs.cache'))).toBe(true);
    const again = bin('scripts/cli.cjs', 'simulate', 'examples/cold-starts.json', '--json', '--duration', '2');
    expect(again.stdout).toBe(r.stdout);
  });

  it('is the package bin and what the npm scripts run', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
      files: string[];
    };
    expect(pkg.bin['serverless-sandbox']).toBe('scripts/cli.cjs');
    expect(readFileSync(join(ROOT, 'scripts/cli.cjs'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    for (const name of ['simulate', 'sam', 'sweep', 'cli']) expect(pkg.scripts[name]).toMatch(/^node scripts\/cli\.cjs\b/);
    expect(pkg.files).toEqual(expect.arrayContaining(['dist-cli', 'scripts/cli.cjs', 'scripts/cli.mjs']));
  });

  it('answers the same under its earlier name, scripts/cli.mjs: output, messages and exit codes', () => {
    for (const args of [
      ['simulate', 'examples/cold-starts.json', '--json', '--duration', '2'],
      ['simulate', 'no-such-file.json'],
      ['frobnicate'],
      ['--version'],
    ]) {
      const cjs = bin('scripts/cli.cjs', ...args);
      const mjs = bin('scripts/cli.mjs', ...args);
      expect({ status: mjs.status, stdout: mjs.stdout, stderr: mjs.stderr }, args.join(' ')).toEqual({
        status: cjs.status,
        stdout: cjs.stdout,
        stderr: cjs.stderr,
      });
    }
  });
});
