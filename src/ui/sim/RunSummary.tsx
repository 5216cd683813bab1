import type { SimSummary, SummaryFields } from '../../sim/api';
import { useDocumentStore } from '../../state/documentStore';
import { useSimulationStore } from '../../state/simulationStore';
import { formatCount, formatMs, formatPercent, formatSeconds, formatUsd } from './format';
import { useNodeNames } from './names';
import { costReport, nodePhrases, type ReportContext } from './report';
import { sourceLine, throttleSources, type ThrottleCounts } from './throttles';

/**
 * The finished run as a report, in words and units: what the requests did, how fast, what
 * it cost by service and by node with the 30-day projection, and each node's own numbers.
 * The same numbers the command-line simulator prints for the same document and seed (both
 * call the core's summary()); only the words differ.
 */
export function RunSummary() {
  const summary = useSimulationStore((s) => s.summary);
  const names = useNodeNames();
  const doc = useDocumentStore((s) => s.doc);
  if (!summary) return null;
  const r = summary.requests;
  const l = summary.latencyMs;
  const failed = r.throttled + r.errors + r.timeouts;
  const types = (id: string) => summary.nodes[id]?.type ?? doc.nodes.find((n) => n.id === id)?.type;
  const ctx: ReportContext = { names, edges: doc.edges, types, durationS: summary.durationS };
  const cost = costReport(summary, names);
  const share = (n: number) => (r.total > 0 && n > 0 ? ` (${formatPercent(n / r.total)})` : '');
  const sources = throttleSources(throttleCounts(summary), doc.edges, names);
  return (
    <div className="sim-summary" data-testid="sim-summary">
      <div className="sim-summary-grid">
        <section>
          <h4>Requests</h4>
          <dl>
            <Row label="sent by clients" value={formatCount(r.total)} testId="summary-requests" />
            <Row label="succeeded" value={`${formatCount(r.ok)}${share(r.ok)}`} />
            <Row label="throttled" value={`${formatCount(r.throttled)}${share(r.throttled)}`} tone={r.throttled > 0 ? 'warn' : undefined} />
          </dl>
          {sources.length > 0 && (
            <ul className="sim-summary-sub" aria-label="Where the throttles came from">
              {sources.map((src) => (
                <li key={src.words} data-testid="summary-throttle-source">
                  {sourceLine(src)}
                </li>
              ))}
            </ul>
          )}
          <dl>
            <Row label="failed with an error" value={`${formatCount(r.errors)}${share(r.errors)}`} tone={r.errors > 0 ? 'bad' : undefined} />
            <Row label="timed out" value={`${formatCount(r.timeouts)}${share(r.timeouts)}`} tone={r.timeouts > 0 ? 'bad' : undefined} />
          </dl>
        </section>
        <section>
          <h4>Latency of successful requests</h4>
          <dl>
            <Row label="mean" value={formatMs(l.mean)} />
            <Row label="p50" value={formatMs(l.p50)} />
            <Row label="p95" value={formatMs(l.p95)} />
            <Row label="p99" value={formatMs(l.p99)} />
            <Row label="max" value={formatMs(l.max)} />
          </dl>
          {failed > 0 && summary.failedLatencyMs && (
            <p className="sim-summary-sub" data-testid="summary-failed-latency">
              {formatCount(failed)} failed: p50 {formatMs(summary.failedLatencyMs.p50)}, p99 {formatMs(summary.failedLatencyMs.p99)} (counted apart)
            </p>
          )}
        </section>
        <section className="sim-summary-cost">
          <h4>Cost</h4>
          <table>
            <thead>
              <tr>
                <th scope="col">by service</th>
                <th scope="col">this run ({formatSeconds(summary.durationS)})</th>
                <th scope="col">30 days</th>
              </tr>
            </thead>
            <tbody>
              {cost.byService.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{c.name}</th>
                  <td>{formatUsd(c.runUsd)}</td>
                  <td>{formatUsd(c.monthlyUsd)}</td>
                </tr>
              ))}
              {cost.freeTierUsd > 0 && (
                <tr>
                  <th scope="row">free tier</th>
                  <td />
                  <td>−{formatUsd(cost.freeTierUsd)}</td>
                </tr>
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">total</th>
                <td>{formatUsd(cost.runUsd)}</td>
                <td data-testid="summary-monthly">{formatUsd(cost.monthlyUsd)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
        <section className="sim-summary-nodes">
          <h4>By node</h4>
          <table>
            <thead>
              <tr>
                <th scope="col">node</th>
                <th scope="col">what it did</th>
                <th scope="col">cost</th>
                <th scope="col">30 days</th>
                <th scope="col">share</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(summary.nodes).map(([id, node]) => {
                const c = cost.byNode.find((line) => line.key === id);
                return (
                  <tr key={id} data-testid="summary-node" data-node={id}>
                    <th scope="row">
                      {names.name(id)}
                      <small>{names.service(node.type)}</small>
                    </th>
                    <td>
                      {nodePhrases(id, node, ctx).map((p, i) => (
                        <span key={p.key} data-metric={p.key}>
                          {i > 0 && ' · '}
                          {p.text}
                        </span>
                      ))}
                    </td>
                    <td>{c ? formatUsd(c.runUsd) : ''}</td>
                    <td>{c ? formatUsd(c.monthlyUsd) : ''}</td>
                    <td>{c ? formatPercent(c.share) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>
      <p className="sim-summary-note">
        Seed {summary.seed}, {summary.durationS} s simulated. <code>npm run simulate -- file.json --json</code> prints the same numbers.
        {summary.confidence && (
          <>
            {' '}
            Mean latency {formatMs(summary.confidence.meanLatencyMs.mean)} ± {formatMs(summary.confidence.meanLatencyMs.halfWidth)} (95%).
          </>
        )}
      </p>
    </div>
  );
}

/** The summary's counts in the shape the throttle words read (summary field names differ from live ones). */
function throttleCounts(summary: SimSummary): Record<string, ThrottleCounts> {
  const out: Record<string, ThrottleCounts> = {};
  for (const [id, n] of Object.entries(summary.nodes)) {
    const fields: SummaryFields = n;
    out[id] = {
      type: n.type,
      throttles: fields.throttles ?? 0,
      throttled500: n.type === 'apiGateway' ? n.lambdaThrottled500 : 0,
    };
  }
  return out;
}

function Row({ label, value, testId, tone }: { label: string; value: string; testId?: string; tone?: 'warn' | 'bad' }) {
  return (
    <div className="sim-summary-row" data-tone={tone}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
