/** CSV and report of a run: what they hold, checked against the run itself. */
import { nodesOf } from '../sim/testing/docs';
import { describe, expect, it } from 'vitest';
import { findFindings } from './findings';
import { evaluateGoals } from './goals';
import { CSV_COLUMNS, csvCell, runCsv } from './runCsv';
import { reportHtml, reportMarkdown } from './runReport';
import { simulate, throttlingDiagram } from './testing/scenarios';

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...rows] = text.trim().split('\n');
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}

describe('run CSV', () => {
  it('has a system row, a row per node and per service for every window, adding up to the run', () => {
    const doc = throttlingDiagram();
    const { summary, windows } = simulate(doc);
    const text = runCsv(doc, windows);
    const rows = parseCsv(text);
    expect(text.split('\n')[0]).toBe(CSV_COLUMNS.join(','));
    const system = rows.filter((r) => r.scope === 'system');
    expect(system).toHaveLength(windows.length);
    const sum = (rs: Record<string, string>[], c: string) => rs.reduce((a, r) => a + Number(r[c] || 0), 0);
    expect(sum(system, 'requests')).toBe(summary.requests.total);
    expect(sum(system, 'ok')).toBe(summary.requests.ok);
    const fn = rows.filter((r) => r.node_id === 'fn');
    expect(fn).toHaveLength(windows.length);
    expect(fn[0].node_label).toBe('getOrder');
    expect(Math.max(...fn.map((r) => Number(r.concurrency)))).toBe(10);
    expect(new Set(fn.map((r) => r.concurrency_limit))).toEqual(new Set(['10']));
    expect(sum(fn, 'throttled')).toBe(Number(nodesOf(summary).fn.throttles));
    const lambdaCost = rows.filter((r) => r.scope === 'service' && r.node_id === 'lambda');
    expect(Number(lambdaCost[lambdaCost.length - 1].cost_so_far_usd)).toBeCloseTo(summary.costUsd.byService.lambda, 6);
  });

  it('quotes commas and quotes and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(0.1 + 0.2)).toBe('0.3');
  });
});

describe('run report', () => {
  const doc = {
    ...throttlingDiagram(),
    goals: [
      { metric: 'throttled' as const, op: '<=' as const, value: 0, node: 'fn' },
      { metric: 'monthlyCostUsd' as const, op: '<=' as const, value: 1e6 },
    ],
  };
  const { summary, windows } = simulate(doc);
  const goals = evaluateGoals(doc, summary);
  const findings = findFindings({ doc, summary, windows });

  it('in Markdown has the settings, goals with verdicts, findings and summary, by label', () => {
    const md = reportMarkdown({ doc, summary, goals, findings });
    expect(md).toMatch(/^# scenario — simulation report/);
    for (const h of ['## Settings', '## Goals', '## Findings', '## Requests and latency', '## Cost', '## Services']) expect(md).toContain(h);
    expect(md).toContain('1 of 2 goals failed.');
    expect(md).toContain(`| throttled ≤ 0 on getOrder | ${Number(nodesOf(summary).fn.throttles).toLocaleString('en-US')} | FAILED |`);
    expect(md).toContain('| cost per month ≤ $1,000,000 |');
    expect(md).toContain(findings[0].title);
    expect(md).toContain(`| Requests | ${summary.requests.total.toLocaleString('en-US')} |`);
    expect(md).toContain('| Seed | 7 |');
    expect(md).toContain('| getOrder | Lambda |');
    expect(md).not.toMatch(/\| fn \|/);
  });

  it('in HTML escapes what people typed and embeds the diagram picture', () => {
    const named = { ...doc, name: 'Orders <v2>' };
    const html = reportHtml({ doc: named, summary, goals, findings }, { diagramPng: 'data:image/png;base64,AAAA' });
    expect(html).toContain('<title>Orders &lt;v2&gt; — simulation report</title>');
    expect(html).toContain('<img alt="The diagram" src="data:image/png;base64,AAAA">');
    expect(html).toContain('<td class="fail">FAILED</td>');
    expect(html).toContain('<td class="pass">passed</td>');
    expect(html).not.toContain('<v2>');
  });
});
