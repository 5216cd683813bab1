/**
 * What the commands that run a document many times share: the seeds of `--replications`,
 * the across-replication intervals, `--set` paths of `sweep`, and the progress line.
 */
import { getAt, restoreDocument, setAt, type Architecture } from '../model';
import type { SimSummary } from '../sim';
import { tQuantile975 } from '../sim/metrics/confidence';

/** Replication i runs on seed base + i (wrapping inside the seed range): seeds differ, runs are independent. */
export function replicationSeeds(base: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (base + i) % 4_294_967_296);
}

/** Mean and 95% half-width (Student t, n − 1 degrees of freedom) of one figure across runs. */
export interface AcrossInterval {
  mean: number;
  halfWidth: number;
  n: number;
}

export function acrossInterval(values: readonly number[]): AcrossInterval {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : 0;
  if (n < 2) return { mean, halfWidth: Number.NaN, n };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, halfWidth: (tQuantile975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n), n };
}

const share = (s: SimSummary, k: 'throttled' | 'errors' | 'timeouts') => (s.requests.total ? s.requests[k] / s.requests.total : 0);

/** The figures `--replications` summarises across runs (each run's own value, then the interval). */
export const ACROSS_FIGURES = {
  meanLatencyMs: (s: SimSummary) => s.latencyMs.mean,
  p50LatencyMs: (s: SimSummary) => s.latencyMs.p50,
  p99LatencyMs: (s: SimSummary) => s.latencyMs.p99,
  successShare: (s: SimSummary) => s.requests.successShare,
  throttleShare: (s: SimSummary) => share(s, 'throttled'),
  errorShare: (s: SimSummary) => share(s, 'errors'),
  timeoutShare: (s: SimSummary) => share(s, 'timeouts'),
  costUsd: (s: SimSummary) => s.costUsd.total,
  monthlyCostUsd: (s: SimSummary) => s.costUsd.monthly,
} as const;

export type AcrossFigure = keyof typeof ACROSS_FIGURES;

export function acrossReplications(summaries: readonly SimSummary[]): Record<AcrossFigure, AcrossInterval> {
  return Object.fromEntries(Object.entries(ACROSS_FIGURES).map(([k, f]) => [k, acrossInterval(summaries.map(f))])) as Record<AcrossFigure, AcrossInterval>;
}

/** Relative half-width of the mean latency across runs (Infinity while undefined). */
export function relativeHalfWidth(i: AcrossInterval): number {
  return i.n >= 2 && i.mean > 0 && Number.isFinite(i.halfWidth) ? i.halfWidth / i.mean : Infinity;
}

/** One `--set PATH=V1,V2,…`: where in the document, and the values to try. */
export interface SweepAxis {
  /** As written (`lambda.fn.memoryMb`). */
  name: string;
  /** Inside the document (`["nodes", 1, "config", "memoryMb"]`). */
  path: (string | number)[];
  values: unknown[];
}

function parseValue(raw: string): unknown {
  const t = raw.trim();
  if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null') return null;
  return t;
}

/**
 * Reads `PATH=V1,V2,…`. PATH is `settings.FIELD…` or a node then a field path inside its
 * config: the node by id or label, optionally after its type (`lambda.fn.memoryMb`,
 * `fn.memoryMb`, `Orders API.handler.meanMs`); `config.` before the field is optional.
 */
export function parseSetOption(doc: Architecture, option: string): { ok: true; axis: SweepAxis } | { ok: false; error: string } {
  const eq = option.indexOf('=');
  if (eq <= 0) return { ok: false, error: `--set ${JSON.stringify(option)}: expected PATH=VALUE1,VALUE2,… (e.g. lambda.fn.memoryMb=128,256,512)` };
  const name = option.slice(0, eq).trim();
  const rawValues = option
    .slice(eq + 1)
    .split(',')
    .filter((v) => v.trim() !== '');
  if (rawValues.length === 0) return { ok: false, error: `--set ${name}: no values after "="` };
  const values = rawValues.map(parseValue);
  const segments = name.split('.');
  let path: (string | number)[] | undefined;
  if (segments[0] === 'settings' && segments.length > 1) path = segments;
  else {
    const matches = (candidate: string, type?: string) =>
      doc.nodes.findIndex((n) => (type === undefined || n.type === type) && (n.id === candidate || n.label === candidate));
    // the node is the longest leading run of segments naming one (labels may contain dots)
    for (const typed of [true, false]) {
      if (path) break;
      const from = typed ? 1 : 0;
      if (typed && !doc.nodes.some((n) => n.type === segments[0])) continue;
      for (let k = segments.length - 1; k > from; k--) {
        const idx = matches(segments.slice(from, k).join('.'), typed ? segments[0] : undefined);
        if (idx >= 0) {
          const field = segments.slice(k);
          if (field[0] === 'config' && field.length > 1) field.shift();
          path = ['nodes', idx, 'config', ...field];
          break;
        }
      }
    }
    if (!path) {
      const known = doc.nodes.map((n) => (n.label ? `${n.type}.${n.id} ("${n.label}")` : `${n.type}.${n.id}`)).join(', ');
      return { ok: false, error: `--set ${name}: no node named by "${segments.slice(0, -1).join('.')}" (nodes: ${known}); or use settings.FIELD` };
    }
  }
  if (getAt(doc, path) === undefined) {
    const parent = getAt(doc, path.slice(0, -1));
    const fields = parent && typeof parent === 'object' ? Object.keys(parent).join(', ') : '';
    return { ok: false, error: `--set ${name}: no field "${path[path.length - 1]}" there${fields ? ` (fields: ${fields})` : ''}` };
  }
  return { ok: true, axis: { name, path, values } };
}

export interface Variant {
  /** The value of each axis, by axis name. */
  set: Record<string, unknown>;
  doc: Architecture;
}

/** Every combination of the axes' values (the first axis varies slowest), each validated as a document. */
export function sweepVariants(doc: Architecture, axes: readonly SweepAxis[]): { ok: true; variants: Variant[] } | { ok: false; errors: string[] } {
  let combos: Record<string, unknown>[] = [{}];
  for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.name]: v })));
  const variants: Variant[] = [];
  const errors: string[] = [];
  for (const set of combos) {
    let raw: unknown = doc;
    for (const axis of axes) raw = setAt(raw, axis.path, set[axis.name]);
    const r = restoreDocument(raw);
    if (!r.ok) {
      errors.push(
        `${Object.entries(set)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' ')}: ${r.errors.join('; ')}`,
      );
      continue;
    }
    variants.push({ set, doc: r.document });
  }
  return errors.length ? { ok: false, errors } : { ok: true, variants };
}

/** A progress line on stderr when it is a terminal (redrawn in place; nothing otherwise). */
export function progressBar(label: string): { update(done: number, total: number): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  let last = '';
  return {
    update(done, total) {
      if (!tty) return;
      const width = 30;
      const f = total ? Math.min(1, done / total) : 1;
      const bar = '█'.repeat(Math.round(f * width)).padEnd(width, '░');
      const line = `\r${label} ${bar} ${Math.floor(f * 100)}% (${Math.floor(done)} / ${total})`;
      if (line !== last) process.stderr.write(line);
      last = line;
    },
    end() {
      if (tty && last) process.stderr.write('\n');
    },
  };
}

/** One row per run (replications, sweep variants): the figures people compare, for tables and CSV. */
export const ROW_COLUMNS = [
  'requests',
  'ok',
  'throttled',
  'errors',
  'timeouts',
  'meanLatencyMs',
  'p50LatencyMs',
  'p95LatencyMs',
  'p99LatencyMs',
  'costUsd',
  'monthlyCostUsd',
] as const;

export function summaryRow(s: SimSummary): Record<(typeof ROW_COLUMNS)[number], number> {
  return {
    requests: s.requests.total,
    ok: s.requests.ok,
    throttled: s.requests.throttled,
    errors: s.requests.errors,
    timeouts: s.requests.timeouts,
    meanLatencyMs: s.latencyMs.mean,
    p50LatencyMs: s.latencyMs.p50,
    p95LatencyMs: s.latencyMs.p95,
    p99LatencyMs: s.latencyMs.p99,
    costUsd: s.costUsd.total,
    monthlyCostUsd: s.costUsd.monthly,
  };
}

const csvCell = (v: unknown) => {
  const t = v === undefined || v === null ? '' : String(v);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

export function csvTable(header: readonly string[], rows: readonly unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** A plain text table: first column left-aligned, the rest right-aligned. */
export function textTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

export const fmt = {
  int: (x: number) => Math.round(x).toLocaleString('en-US'),
  ms: (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: x >= 100 ? 0 : 1 }),
  pct: (x: number) => `${(x * 100).toFixed(2)}%`,
  usd: (x: number) => (x >= 1 ? `$${x.toFixed(2)}` : x === 0 ? '$0' : `$${x.toPrecision(3)}`),
};

/** The text tables' columns for one run: replications and sweeps print the same ones. */
export const TEXT_COLUMNS = ['requests', 'ok', 'throttled', 'mean ms', 'p50 ms', 'p99 ms', 'cost'];

/** One run's cells under TEXT_COLUMNS. */
export function textCells(s: SimSummary): string[] {
  return [
    fmt.int(s.requests.total),
    fmt.pct(s.requests.successShare),
    fmt.int(s.requests.throttled),
    fmt.ms(s.latencyMs.mean),
    fmt.ms(s.latencyMs.p50),
    fmt.ms(s.latencyMs.p99),
    fmt.usd(s.costUsd.total),
  ];
}
