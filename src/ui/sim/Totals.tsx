import { memo } from 'react';
import { useSimulationStore, type SimulationState } from '../../state/simulationStore';
import { formatCount, formatMs, formatUsd } from './format';
import { useThrottleSources } from './throttles';
import { LIVE_TEXT_REFRESH_MS, useSampledSimulation } from './useThrottledSimulation';
import './totals.css';

/**
 * The run's live totals as text, updated five times a second in fixed-width digits. Latency is
 * of successful requests; failed ones are counted and their latency shown apart, and
 * asynchronous callers' two times (the 202, and until processed) get their own figures.
 */
const selectTotals = (s: SimulationState) => s.totals;

export function Totals() {
  // A few times a second while running (the figures stay readable and the page light).
  const totals = useSampledSimulation(selectTotals, LIVE_TEXT_REFRESH_MS);
  const failed = totals.throttled + totals.errors + totals.timeouts;
  const throttledBy = useThrottleSources();
  const stopped = useSimulationStore((s) => s.stopped);
  return (
    <dl className="sim-totals">
      {stopped && (
        <p className="sim-stopped" role="alert" data-testid="run-stopped">
          {stopped} The figures cover the run until then.
        </p>
      )}
      <Stat testId="stat-requests" label="Requests" value={formatCount(totals.requests)} />
      <Stat
        testId="stat-throttled"
        label="Throttled"
        value={formatCount(totals.throttled)}
        tone={totals.throttled > 0 ? 'warn' : undefined}
        title={throttledBy}
      />
      <Stat
        testId="stat-errors"
        label="Errors"
        value={formatCount(totals.errors)}
        tone={totals.errors + totals.timeouts > 0 ? 'bad' : undefined}
        note={totals.timeouts > 0 ? `+${formatCount(totals.timeouts)} timeouts` : undefined}
      />
      <Stat testId="stat-cold-starts" label="Cold starts" value={formatCount(totals.coldStarts)} />
      <Stat
        testId="stat-p99"
        label="p99 (successful)"
        value={totals.ok > 0 ? formatMs(totals.p99Ms) : '—'}
        title="End-to-end p99 latency of the requests that succeeded"
        note={failed > 0 && totals.failedP50Ms !== undefined ? failedNote(failed, totals.failedP50Ms, totals.p99Ms) : undefined}
        noteTestId="stat-failed-latency"
        noteBelow
      />
      {totals.completionP99Ms !== undefined && totals.acceptP99Ms !== undefined && (
        <Stat
          testId="stat-completion-p99"
          label="Until processed"
          value={`p99 ${formatMs(totals.completionP99Ms)}`}
          title="Asynchronous invocations: until the event is processed, retried out or sent to its destination; the caller itself waits only for the 202 acceptance"
          note={`Caller waits (202): p99 ${formatMs(totals.acceptP99Ms)}`}
          noteTestId="stat-accept-p99"
          noteBelow
        />
      )}
      <Stat testId="stat-cost" label="Cost" value={formatUsd(totals.costUsd)} title={`30-day projection ${formatUsd(totals.monthlyCostUsd)}`} />
    </dl>
  );
}

/** "1,902 failed fast: p50 4.0 ms" — "fast" when failures answer in under half the successes' p99. */
function failedNote(failed: number, failedP50Ms: number, okP99Ms: number): string {
  const fast = okP99Ms > 0 && failedP50Ms < okP99Ms / 2;
  return `${formatCount(failed)} failed${fast ? ' fast' : ''}: p50 ${formatMs(failedP50Ms)}`;
}

interface StatProps {
  testId: string;
  label: string;
  value: string;
  tone?: 'warn' | 'bad';
  title?: string;
  note?: string;
  noteTestId?: string;
  /** The note on a line of its own under the value. */
  noteBelow?: boolean;
}

const Stat = memo(function Stat({ testId, label, value, tone, title, note, noteTestId, noteBelow }: StatProps) {
  return (
    <div className="sim-stat" data-tone={tone} title={title}>
      <dt>{label}</dt>
      <dd>
        <span data-testid={testId}>{value}</span>
        {note && (
          <small className={noteBelow ? 'sim-stat-note sim-stat-note--below' : 'sim-stat-note'} data-testid={noteTestId}>
            {note}
          </small>
        )}
      </dd>
    </div>
  );
});
