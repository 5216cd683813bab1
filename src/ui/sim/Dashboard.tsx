import { lazy, Suspense, useEffect, useState } from 'react';
import { useSimulationStore } from '../../state/simulationStore';
import { EventLog } from './EventLog';
import { FindingsBadge, FindingsPanel } from './FindingsPanel';
import { RunSummary } from './RunSummary';
import { Scrubber } from './Scrubber';
import { Totals } from './Totals';
import { TracePanel } from './TracePanel';
import './sim.css';

// recharts is large: it arrives after the first paint, never in the initial bundle.
const Charts = lazy(() => import('./charts/Charts'));

type View = 'charts' | 'summary' | 'findings' | 'traces';

/**
 * True once the page has settled after start-up (or a run begins): recharts is parsed then,
 * so it never competes with the first render of the diagram.
 */
function useChartsWanted(): boolean {
  const running = useSimulationStore((s) => s.status !== 'idle');
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(() => setSettled(true), { timeout: 1200 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(() => setSettled(true), 600);
    return () => clearTimeout(id);
  }, []);
  return settled || running;
}

/** The bottom panel: live totals, charts (or the run's summary), the event log, the scrubber. */
export function Dashboard() {
  const [view, setView] = useState<View>('charts');
  const hasSummary = useSimulationStore((s) => s.summary !== null);
  const shown: View = view === 'summary' && !hasSummary ? 'charts' : view;
  const chartsWanted = useChartsWanted();
  return (
    <section className="sim-dashboard" aria-label="Simulation dashboard">
      <header className="sim-dash-head">
        <Totals />
        <div className="sim-views" role="tablist" aria-label="Dashboard view">
          <button type="button" role="tab" aria-selected={shown === 'charts'} className="sim-tab" onClick={() => setView('charts')}>
            Charts
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={shown === 'summary'}
            className={`sim-tab${hasSummary && shown !== 'summary' ? ' sim-tab-new' : ''}`}
            data-testid="sim-summary-tab"
            disabled={!hasSummary}
            title={hasSummary ? 'The run’s summary: the same numbers as the command-line simulator' : 'Available when a run has finished'}
            onClick={() => setView('summary')}
          >
            Summary
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={shown === 'findings'}
            className="sim-tab"
            data-testid="sim-findings-tab"
            title="Goals and findings: what the run means, with its evidence"
            onClick={() => setView('findings')}
          >
            Findings
            <FindingsBadge />
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={shown === 'traces'}
            className="sim-tab"
            data-testid="trace-open"
            title="Trace one request: the slowest, a throttled one, a cold start — each hop through the services"
            onClick={() => setView('traces')}
          >
            Traces
          </button>
        </div>
        <Scrubber />
      </header>
      <div className="sim-dash-body">
        <div className="sim-main" role="tabpanel">
          {shown === 'traces' ? (
            <TracePanel />
          ) : shown === 'findings' ? (
            <FindingsPanel />
          ) : shown === 'summary' ? (
            <RunSummary />
          ) : chartsWanted ? (
            <Suspense fallback={<div className="sim-charts sim-charts-loading">Loading charts…</div>}>
              <Charts />
            </Suspense>
          ) : (
            <div className="sim-charts sim-charts-loading">Loading charts…</div>
          )}
        </div>
        <EventLog />
      </div>
    </section>
  );
}
