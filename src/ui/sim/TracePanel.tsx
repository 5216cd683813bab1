/**
 * One request's path, like an X-Ray trace: pick a kept request (the slowest, a throttled
 * one, a cold start, a sample) and see each hop as a bar on a shared time axis — where it
 * started, how long it took, its outcome and what happened there (cold start, cache hit,
 * SDK retry). Traces arrive with the run's history, when it is paused or done.
 */
import { useMemo, useState } from 'react';
import type { Outcome, RequestTrace, TraceHop, TraceReason } from '../../sim/api';
import { useSimulationStore } from '../../state/simulationStore';
import { formatClock, formatMs } from './format';
import { messageText, useNodeNames, type NodeNames } from './names';
import { OUTCOME_COLOURS } from './outcomeColours';
import './trace.css';

const REASON_WORDS: Record<TraceReason, string> = {
  slowest: 'Slowest',
  throttled: 'Throttled',
  error: 'Failed',
  timeout: 'Timed out',
  coldStart: 'Cold start',
  sample: 'Sample',
};
const REASON_ORDER: TraceReason[] = ['slowest', 'throttled', 'error', 'timeout', 'coldStart', 'sample'];
const OUTCOME_WORDS: Record<Outcome, string> = { ok: 'succeeded', throttled: 'throttled', error: 'failed', timeout: 'timed out' };

/** The hops in tree order (each after the hop that made it), with their depth. */
export function hopRows(trace: RequestTrace): { hop: TraceHop; index: number; depth: number }[] {
  const children = new Map<number, number[]>();
  trace.hops.forEach((h, i) => {
    const list = children.get(h.parent) ?? [];
    list.push(i);
    children.set(h.parent, list);
  });
  const rows: { hop: TraceHop; index: number; depth: number }[] = [];
  const visit = (parent: number, depth: number) => {
    for (const i of children.get(parent) ?? []) {
      rows.push({ hop: trace.hops[i], index: i, depth });
      visit(i, depth + 1);
    }
  };
  visit(-1, 0);
  return rows;
}

/** The span the waterfall's axis covers: the request, and any hop that went on after it answered. */
export function traceSpanMs(trace: RequestTrace): number {
  let end = trace.latencyMs;
  for (const h of trace.hops) end = Math.max(end, h.startMs + (h.durationMs ?? 0));
  return Math.max(end, 0.001);
}

export function TracePanel() {
  const traces = useSimulationStore((s) => s.traces);
  const status = useSimulationStore((s) => s.status);
  const names = useNodeNames();
  const [picked, setPicked] = useState<number | null>(null);
  const groups = useMemo(() => {
    const out: { reason: TraceReason; traces: RequestTrace[] }[] = [];
    for (const reason of REASON_ORDER) {
      const list = (traces ?? []).filter((t) => t.reasons[0] === reason);
      if (list.length > 0) out.push({ reason, traces: list });
    }
    return out;
  }, [traces]);

  if (traces === null || traces.length === 0) {
    return (
      <div className="sim-trace" data-testid="trace">
        <p className="sim-results-empty">
          {status === 'running'
            ? 'Pause the run (or let it finish) to look at single requests: the slowest, throttled ones, cold starts and a sample, each with its path through the services.'
            : traces === null
              ? 'Run the simulation, then pause it or let it finish: traces of single requests appear here.'
              : 'No request finished in this run, so there is nothing to trace.'}
        </p>
      </div>
    );
  }
  const current = traces.find((t) => t.id === picked) ?? groups[0].traces[0];
  return (
    <div className="sim-trace" data-testid="trace">
      <nav className="sim-trace-list" aria-label="Traced requests">
        {groups.map((g) => (
          <section key={g.reason}>
            <h4>{REASON_WORDS[g.reason]}</h4>
            <ul>
              {g.traces.map((t) => (
                <li key={t.id}>
                  <button
                    type="button"
                    className="sim-trace-pick"
                    aria-pressed={t.id === current.id}
                    data-testid="trace-pick"
                    data-outcome={t.outcome}
                    onClick={() => setPicked(t.id)}
                    title={`Sent at ${formatClock(t.sentAtMs)} by ${names.name(t.clientId)}; ${OUTCOME_WORDS[t.outcome]} after ${formatMs(t.latencyMs)}`}
                  >
                    <span className="sim-trace-dot" style={{ background: OUTCOME_COLOURS[t.outcome] }} aria-hidden="true" />
                    <span className="sim-trace-at">{formatClock(t.sentAtMs)}</span>
                    <span className="sim-trace-ms">{formatMs(t.latencyMs)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
      <Waterfall trace={current} names={names} />
    </div>
  );
}

function Waterfall({ trace, names }: { trace: RequestTrace; names: NodeNames }) {
  const span = traceSpanMs(trace);
  const rows = hopRows(trace);
  const ticks = [0, 0.5, 1];
  return (
    <section className="sim-trace-view" aria-label="Waterfall of the request">
      <header className="sim-results-head">
        <h4>Request at {formatClock(trace.sentAtMs)}</h4>
        <span className="sim-results-note sim-trace-summary">
          {names.name(trace.clientId)} · {OUTCOME_WORDS[trace.outcome]} after {formatMs(trace.latencyMs)} · {rows.length} hop{rows.length === 1 ? '' : 's'}
          {trace.truncated ? ' (more not shown)' : ''}
        </span>
      </header>
      <div className="sim-trace-grid" role="table" aria-label="Hops">
        <div className="sim-trace-row sim-trace-axis" role="row">
          <span role="columnheader">Service · what happened</span>
          <span role="columnheader" className="sim-trace-track">
            {ticks.map((f) => (
              <span key={f} className="sim-trace-tick" style={{ left: `${f * 100}%` }}>
                {formatMs(f * span)}
              </span>
            ))}
          </span>
        </div>
        {rows.map(({ hop, index, depth }) => {
          const left = (hop.startMs / span) * 100;
          const width = hop.durationMs === null ? 100 - left : Math.max((hop.durationMs / span) * 100, 0.4);
          const colour = hop.outcome ? OUTCOME_COLOURS[hop.outcome] : '#94a3b8';
          return (
            <div key={index} className="sim-trace-row" role="row" data-testid="trace-hop" data-node={hop.nodeId} data-outcome={hop.outcome ?? 'open'}>
              <span role="cell" className="sim-trace-label" style={{ paddingLeft: `${depth * 12}px` }}>
                <span className="sim-trace-name" title={names.described(hop.nodeId)}>
                  {names.name(hop.nodeId)}
                </span>
                <span className="sim-trace-notes">
                  <b>{hop.durationMs === null ? 'still running' : formatMs(hop.durationMs)}</b>
                  {hop.outcome && hop.outcome !== 'ok' ? ` · ${OUTCOME_WORDS[hop.outcome]}` : ''}
                  {hop.notes.length > 0 ? ` · ${hop.notes.map((n) => messageText(n, names)).join(' · ')}` : ''}
                </span>
              </span>
              <span role="cell" className="sim-trace-track">
                <span className="sim-trace-bar" style={{ left: `${left}%`, width: `${width}%`, background: colour }} />
              </span>
            </div>
          );
        })}
      </div>
      <footer className="sim-trace-legend" aria-label="Bar colours">
        {(Object.keys(OUTCOME_WORDS) as Outcome[]).map((o) => (
          <span key={o}>
            <span className="sim-trace-dot" style={{ background: OUTCOME_COLOURS[o] }} aria-hidden="true" />
            {o === 'ok' ? 'ok' : OUTCOME_WORDS[o]}
          </span>
        ))}
        <span>· a bar is the time the hop took, on the request’s own clock</span>
      </footer>
    </section>
  );
}
