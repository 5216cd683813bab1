/** The readable form of a simulation summary, for the terminal. */
import type { NodeSummary, SimSummary } from '../sim';

const num = (x: unknown, digits = 0) =>
  typeof x === 'number' ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : String(x ?? '');
const money = (x: number) => (x >= 1 ? `$${x.toFixed(2)}` : `$${x.toPrecision(3)}`);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

/** Per-node lines: the node's own counters, flattened one level. */
function nodeLine(id: string, n: NodeSummary): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(n)) {
    if (k === 'type' || k === 'streams') continue;
    if (typeof v === 'number') parts.push(`${k} ${k.toLowerCase().includes('cost') ? money(v) : num(v, 4)}`);
    else if (v && typeof v === 'object') {
      const isCost = k.toLowerCase().includes('cost');
      const entries = Object.entries(v as Record<string, number>).filter(([, b]) => !isCost || b > 0);
      if (entries.length) parts.push(`${k} ${entries.map(([a, b]) => `${a} ${isCost ? money(b) : num(b, 1)}`).join(' / ')}`);
    }
  }
  return `  ${id} (${String(n.type)}): ${parts.join(', ')}`;
}

export function formatSummary(s: SimSummary, name: string): string {
  const r = s.requests;
  const share = (n: number) => (r.total ? `${((100 * n) / r.total).toFixed(2)}%` : '-');
  const out: string[] = [];
  out.push(`${name} — seed ${s.seed}, ${num(s.durationS)} simulated seconds`);
  out.push('');
  out.push(
    table([
      ['requests', 'count', 'share'],
      ['total', num(r.total), ''],
      ['ok', num(r.ok), share(r.ok)],
      ['throttled', num(r.throttled), share(r.throttled)],
      ['errors', num(r.errors), share(r.errors)],
      ['timeouts', num(r.timeouts), share(r.timeouts)],
    ]),
  );
  out.push('');
  const l = s.latencyMs;
  const f = s.failedLatencyMs as SimSummary['failedLatencyMs'] | undefined;
  const failed = r.throttled + r.errors + r.timeouts;
  const lat = (label: string, x: { mean: number; p50: number; p95: number; p99: number; max?: number }) => [
    label,
    num(x.mean, 1),
    num(x.p50, 1),
    num(x.p95, 1),
    num(x.p99, 1),
    x.max === undefined ? '' : num(x.max, 1),
  ];
  const latencyRows = [['latency, ms (end to end)', 'mean', 'p50', 'p95', 'p99', 'max'], lat(`successful (${num(r.ok)})`, l)];
  if (f && failed > 0) latencyRows.push(lat(`failed (${num(failed)})`, f));
  // asynchronous callers: what the caller waits for, and until the event's final fate
  for (const [id, n] of Object.entries(s.nodes)) {
    const accept = n.type === 'client' ? n.acceptLatencyMs : undefined;
    const completion = n.type === 'client' ? n.completionLatencyMs : undefined;
    const name = typeof n.label === 'string' ? n.label : id;
    if (accept) latencyRows.push(lat(`${name}: caller waits (202)`, accept));
    if (completion) latencyRows.push(lat(`${name}: until processed`, completion));
  }
  out.push(table(latencyRows));
  if (typeof r.successShare === 'number') out.push(`success share ${(r.successShare * 100).toFixed(2)}% (ok of completed)`);
  out.push('');
  const services = Object.entries(s.costUsd.byService).filter(([, v]) => v > 0);
  out.push(
    table([
      ['cost', 'this run', '30 days'],
      ...services.map(([k, v]) => [k, money(v), money(s.costUsd.total > 0 ? (v / s.costUsd.total) * s.costUsd.monthly : 0)]),
      ['total', money(s.costUsd.total), money(s.costUsd.monthly)],
    ]),
  );
  if (s.confidence) {
    const c = s.confidence;
    out.push('');
    out.push(`95% confidence (batch means, ${c.meanLatencyMs.batches} batches, warm-up removed):`);
    out.push(
      `  mean latency (successful) ${num(c.meanLatencyMs.mean, 2)} ± ${num(c.meanLatencyMs.halfWidth, 2)} ms; throttle share ${(c.throttleShare.mean * 100).toFixed(3)}% ± ${(c.throttleShare.halfWidth * 100).toFixed(3)}%; cost per request $${c.costPerRequestUsd.mean.toExponential(3)} ± ${c.costPerRequestUsd.halfWidth.toExponential(2)}`,
    );
  }
  out.push('');
  out.push('nodes:');
  for (const [id, n] of Object.entries(s.nodes)) out.push(nodeLine(id, n));
  return out.join('\n');
}
