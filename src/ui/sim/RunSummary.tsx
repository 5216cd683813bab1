import type { NodeSummary } from '../../sim/api';
import { useSimulationStore } from '../../state/simulationStore';
import { formatCount, formatMs, formatPercent, formatUsd } from './format';

/**
 * The finished run, with the same numbers the command-line simulator prints for the same
 * document and seed (both call the core's summary()).
 */
export function RunSummary() {
  const summary = useSimulationStore((s) => s.summary);
  if (!summary) return null;
  const r = summary.requests;
  const l = summary.latencyMs;
  return (
    <div className="sim-summary" data-testid="sim-summary">
      <div className="sim-summary-grid">
        <section>
          <h4>Requests</h4>
          <dl>
            <Row label="total" value={formatCount(r.total)} testId="summary-requests" />
            <Row label="ok" value={formatCount(r.ok)} />
            <Row label="throttled" value={formatCount(r.throttled)} />
            <Row label="errors" value={formatCount(r.errors)} />
            <Row label="timeouts" value={formatCount(r.timeouts)} />
          </dl>
        </section>
        <section>
          <h4>Latency, end to end</h4>
          <dl>
            <Row label="mean" value={formatMs(l.mean)} />
            <Row label="p50" value={formatMs(l.p50)} />
            <Row label="p95" value={formatMs(l.p95)} />
            <Row label="p99" value={formatMs(l.p99)} />
            <Row label="max" value={formatMs(l.max)} />
          </dl>
        </section>
        <section>
          <h4>Cost</h4>
          <dl>
            <Row label={`${summary.durationS} s run`} value={formatUsd(summary.costUsd.total)} />
            <Row label="30 days" value={formatUsd(summary.costUsd.monthly)} />
            {Object.entries(summary.costUsd.byService).map(([service, usd]) => (
              <Row key={service} label={service} value={formatUsd(usd)} />
            ))}
          </dl>
        </section>
        <section className="sim-summary-nodes">
          <h4>Nodes</h4>
          <table>
            <tbody>
              {Object.entries(summary.nodes).map(([id, node]) => (
                <tr key={id}>
                  <th scope="row">{id}</th>
                  <td>{describeNode(node)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <p className="sim-summary-note">
        Seed {summary.seed}, {summary.durationS} s simulated. <code>npm run simulate -- file.json --json</code> prints the same numbers.
        {summary.confidence && <> Mean latency {formatMs(summary.confidence.meanLatencyMs.mean)} ± {formatMs(summary.confidence.meanLatencyMs.halfWidth)} (95%).</>}
      </p>
    </div>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="sim-summary-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** The node's own numbers in one line, in the order the CLI prints them. */
export function describeNode(node: NodeSummary): string {
  const parts: string[] = [node.type];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type') continue;
    if (typeof value === 'number') parts.push(`${key} ${formatNumber(key, value)}`);
    else if (value && typeof value === 'object' && 'p99' in value) parts.push(`${key} p99 ${formatMs(Number((value as { p99: number }).p99))}`);
  }
  return parts.join(' · ');
}

function formatNumber(key: string, value: number): string {
  if (/usd/i.test(key)) return formatUsd(value);
  if (/ratio/i.test(key)) return formatPercent(value);
  if (/ms$/i.test(key)) return formatMs(value);
  if (Number.isInteger(value)) return formatCount(value);
  return value.toFixed(2);
}

