import { memo } from 'react';
import { useSimulationStore } from '../../state/simulationStore';
import { formatCount, formatMs, formatUsd } from './format';
import { useThrottleSources } from './throttles';

/** The run's live totals as text, updated with each frame in fixed-width digits. */
export function Totals() {
  const totals = useSimulationStore((s) => s.totals);
  const throttledBy = useThrottleSources();
  return (
    <dl className="sim-totals">
      <Stat testId="stat-requests" label="Requests" value={formatCount(totals.requests)} />
      <Stat testId="stat-throttled" label="Throttled" value={formatCount(totals.throttled)} tone={totals.throttled > 0 ? 'warn' : undefined} title={throttledBy} />
      <Stat
        testId="stat-errors"
        label="Errors"
        value={formatCount(totals.errors)}
        tone={totals.errors + totals.timeouts > 0 ? 'bad' : undefined}
        note={totals.timeouts > 0 ? `+${formatCount(totals.timeouts)} timeouts` : undefined}
      />
      <Stat testId="stat-cold-starts" label="Cold starts" value={formatCount(totals.coldStarts)} />
      <Stat testId="stat-p99" label="p99" value={formatMs(totals.p99Ms)} />
      <Stat testId="stat-cost" label="Cost" value={formatUsd(totals.costUsd)} title={`30-day projection ${formatUsd(totals.monthlyCostUsd)}`} />
    </dl>
  );
}

interface StatProps {
  testId: string;
  label: string;
  value: string;
  tone?: 'warn' | 'bad';
  title?: string;
  note?: string;
}

const Stat = memo(function Stat({ testId, label, value, tone, title, note }: StatProps) {
  return (
    <div className="sim-stat" data-tone={tone} title={title}>
      <dt>{label}</dt>
      <dd>
        <span data-testid={testId}>{value}</span>
        {note && <small className="sim-stat-note">{note}</small>}
      </dd>
    </div>
  );
});
