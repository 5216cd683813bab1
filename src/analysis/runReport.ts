/**
 * The one-page run report (design documents, homework): settings, goals, findings and the
 * summary, as Markdown (CLI `--report FILE.md`) or standalone HTML (the browser, with a
 * picture of the diagram when it can take one; CLI `--report FILE.html`). Node labels only.
 */
import type { Architecture } from '../model';
import type { SimSummary } from '../sim/api';
import { serviceName, type Finding } from './findings';
import { formatMetric, goalLabel, labeller, successShare, type GoalResult } from './goals';

export interface ReportInput {
  doc: Architecture;
  summary: SimSummary;
  goals: GoalResult[];
  findings: Finding[];
  /** When the report was made (ISO), shown in the footer; left out in tests. */
  createdAt?: string;
}

interface Table {
  head: string[];
  rows: string[][];
}

interface Section {
  title: string;
  text?: string[];
  table?: Table;
  list?: { mark?: string; strong: string; rest?: string }[];
}

let intFormat: Intl.NumberFormat | undefined; // made on first use: the first Intl formatter costs ~30 ms of start-up
const INT = { format: (v: number) => (intFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(v) };
const count = (n: unknown) => (typeof n === 'number' ? INT.format(Math.round(n)) : '');
const ms = (x: number) => formatMetric('meanLatencyMs', x);
const usd = (x: number) => (x === 0 ? '$0.00' : x < 0.01 ? `$${x.toPrecision(2)}` : x < 1000 ? `$${x.toFixed(2)}` : `$${INT.format(x)}`);
const share = (x: number) => formatMetric('successShare', x);
const num = (x: unknown) => (typeof x === 'number' ? x : 0);

/** The node's headline numbers in words. */
function nodeFacts(n: Record<string, unknown>): string {
  const facts: string[] = [];
  const add = (key: string, words: string, f: (v: number) => string = count) => {
    if (typeof n[key] === 'number' && (n[key] as number) > 0) facts.push(`${f(n[key] as number)} ${words}`);
  };
  add('invocations', 'invocations');
  add('requests', 'requests');
  add('completed', 'completed');
  add('reads', 'reads');
  add('writes', 'writes');
  add('sent', 'sent');
  add('received', 'received');
  add('throttles', 'throttled');
  add('throttled', 'throttled');
  add('errors', 'errors');
  add('timeouts', 'timeouts');
  add('coldStarts', 'cold starts');
  add('maxConcurrency', 'peak concurrency');
  add('maxDepth', 'deepest queue');
  add('toDlq', 'to the DLQ');
  if (typeof n.hitRatio === 'number') facts.push(`${share(n.hitRatio)} cache hits`);
  const d = n.durationMs as { p50?: number; p99?: number } | undefined;
  if (d?.p99) facts.push(`duration p50 ${ms(d.p50 ?? 0)}, p99 ${ms(d.p99)}`);
  return facts.join(', ');
}

function sections(input: ReportInput): Section[] {
  const { doc, summary: s, goals, findings } = input;
  const label = labeller(doc);
  const out: Section[] = [];
  const st = doc.settings;
  out.push({
    title: 'Settings',
    table: {
      head: ['setting', 'value'],
      rows: [
        ['Seed', String(s.seed)],
        ['Simulated time', `${count(s.durationS)} s`],
        ['Account concurrency', count(st.accountConcurrency)],
        ['Region', st.region],
        ['Free tier in the 30-day projection', st.freeTier ? 'yes' : 'no'],
        ['Services', `${doc.nodes.length} (${doc.edges.length} connections)`],
      ],
    },
  });
  if (goals.length) {
    const failed = goals.filter((g) => !g.pass).length;
    out.push({
      title: 'Goals',
      text: [failed ? `${failed} of ${goals.length} goals failed.` : `All ${goals.length} goals passed.`],
      table: {
        head: ['goal', 'measured', 'result'],
        rows: goals.map((g) => [goalLabel(g, label), formatMetric(g.metric, g.measured), g.pass ? 'passed' : 'FAILED']),
      },
    });
  }
  out.push({
    title: 'Findings',
    list: findings.map((f) => ({ mark: f.severity === 'problem' ? '⚠' : f.severity === 'warning' ? '•' : 'ℹ', strong: f.title, rest: f.detail })),
  });
  const r = s.requests;
  const l = s.latencyMs;
  out.push({
    title: 'Requests and latency',
    table: {
      head: ['', 'value'],
      rows: [
        ['Requests', count(r.total)],
        ['Succeeded', `${count(r.ok)} (${share(successShare(s))})`],
        ['Throttled', count(r.throttled)],
        ['Errors', count(r.errors)],
        ['Timeouts', count(r.timeouts)],
        ['Latency mean / p50 / p95 / p99 / max', [l.mean, l.p50, l.p95, l.p99, l.max].map(ms).join(' / ')],
      ],
    },
  });
  const services = Object.entries(s.costUsd.byService).filter(([, v]) => v > 0);
  const monthlyOf = (v: number) => (s.costUsd.total > 0 ? (v / s.costUsd.total) * s.costUsd.monthly : 0);
  out.push({
    title: 'Cost',
    table: {
      head: ['service', `this run (${count(s.durationS)} s)`, '30 days'],
      rows: [...services.map(([k, v]) => [serviceName(k), usd(v), usd(monthlyOf(v))]), ['Total', usd(s.costUsd.total), usd(s.costUsd.monthly)]],
    },
  });
  out.push({
    title: 'Services',
    table: {
      head: ['service', 'type', 'numbers', 'cost, 30 days'],
      rows: doc.nodes.map((node) => {
        const n = (s.nodes[node.id] ?? {}) as Record<string, unknown>;
        return [label(node.id), serviceName(node.type), nodeFacts(n), typeof n.costUsd === 'number' ? usd(monthlyOf(num(n.costUsd))) : '—'];
      }),
    },
  });
  return out;
}

// ---- Markdown ----

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function reportMarkdown(input: ReportInput): string {
  const { doc } = input;
  const lines: string[] = [`# ${doc.name} — simulation report`, ''];
  if (doc.description) lines.push(doc.description, '');
  for (const sec of sections(input)) {
    lines.push(`## ${sec.title}`, '');
    for (const t of sec.text ?? []) lines.push(t, '');
    if (sec.table) {
      lines.push(`| ${sec.table.head.map(mdCell).join(' | ')} |`, `| ${sec.table.head.map(() => '---').join(' | ')} |`);
      for (const row of sec.table.rows) lines.push(`| ${row.map(mdCell).join(' | ')} |`);
      lines.push('');
    }
    if (sec.list) {
      for (const item of sec.list) lines.push(`- ${item.mark ? `${item.mark} ` : ''}**${item.strong}**${item.rest ? ` — ${item.rest}` : ''}`);
      lines.push('');
    }
  }
  lines.push(
    `_Serverless Sandbox, seed ${input.summary.seed}${input.createdAt ? `, ${input.createdAt}` : ''}. \`npm run simulate -- FILE.json\` reproduces these numbers._`,
    '',
  );
  return lines.join('\n');
}

// ---- HTML ----

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;max-width:880px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px;border-bottom:1px solid #d9dee3;padding-bottom:2px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #eef0f2;vertical-align:top}
th{font-weight:600;color:#52606d}td.num{font-variant-numeric:tabular-nums}.pass{color:#1b7f3b}.fail{color:#b42318;font-weight:600}
ul{padding-left:18px}li{margin:4px 0}img{max-width:100%;border:1px solid #d9dee3;border-radius:6px}footer{margin-top:24px;color:#7b8794;font-size:12px}
@media print{body{margin:0}h2{break-after:avoid}}`;

export function reportHtml(input: ReportInput, images: { diagramPng?: string } = {}): string {
  const { doc } = input;
  const parts: string[] = [];
  parts.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.name)} — simulation report</title><style>${STYLE}</style></head><body>`,
  );
  parts.push(`<h1>${esc(doc.name)} — simulation report</h1>`);
  if (doc.description) parts.push(`<p>${esc(doc.description)}</p>`);
  if (images.diagramPng) parts.push(`<img alt="The diagram" src="${esc(images.diagramPng)}">`);
  for (const sec of sections(input)) {
    parts.push(`<h2>${esc(sec.title)}</h2>`);
    for (const t of sec.text ?? []) parts.push(`<p>${esc(t)}</p>`);
    if (sec.table) {
      parts.push(`<table><thead><tr>${sec.table.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>`);
      for (const row of sec.table.rows) {
        parts.push(`<tr>${row.map((c) => `<td${c === 'passed' ? ' class="pass"' : c === 'FAILED' ? ' class="fail"' : ''}>${esc(c)}</td>`).join('')}</tr>`);
      }
      parts.push('</tbody></table>');
    }
    if (sec.list)
      parts.push(
        `<ul>${sec.list.map((i) => `<li>${i.mark ? `${esc(i.mark)} ` : ''}<strong>${esc(i.strong)}</strong>${i.rest ? ` — ${esc(i.rest)}` : ''}</li>`).join('')}</ul>`,
      );
  }
  parts.push(
    `<footer>Serverless Sandbox, seed ${input.summary.seed}${input.createdAt ? `, ${esc(input.createdAt)}` : ''}. <code>npm run simulate -- FILE.json</code> reproduces these numbers.</footer></body></html>`,
  );
  return parts.join('\n');
}
