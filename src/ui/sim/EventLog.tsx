import { memo, useMemo, useState } from 'react';
import type { LogKind } from '../../sim/api';
import { useSimulationStore, type LoggedEvent, type SimulationState } from '../../state/simulationStore';
import { formatClock } from './format';
import { messageParts, useNodeNames, type NodeNames } from './names';
import { useThrottledSimulation } from './useThrottledSimulation';

const KIND_LABEL: Record<LogKind, string> = {
  coldStart: 'cold start',
  throttle: 'throttle',
  error: 'error',
  timeout: 'timeout',
  retry: 'retry',
  dlq: 'DLQ',
  fault: 'fault',
  scaling: 'scaling',
  info: 'info',
};
const KINDS = Object.keys(KIND_LABEL) as LogKind[];
/** Rows drawn at most; the store keeps a few hundred more for filtering. */
const SHOWN = 200;
const REFRESH_MS = 250;
const selectEvents = (s: SimulationState) => s.events;
const newRun = (s: SimulationState, prev: SimulationState) => s.runId !== prev.runId;

/** Notable moments in plain words, newest first, filterable by node and kind. */
export function EventLog() {
  const events = useThrottledSimulation(selectEvents, REFRESH_MS, newRun);
  const started = useSimulationStore((s) => s.status !== 'idle' || s.simTimeMs > 0);
  const [node, setNode] = useState('');
  const [kind, setKind] = useState<LogKind | ''>('');
  const names = useNodeNames();
  // Nodes that have events, by the names people gave them; the filter's value stays the id.
  const nodes = useMemo(() => [...new Set(events.map((e) => e.node))].sort((a, b) => names.name(a).localeCompare(names.name(b))), [events, names]);
  const shown = useMemo(() => {
    const out: LoggedEvent[] = [];
    for (let i = events.length - 1; i >= 0 && out.length < SHOWN; i--) {
      const e = events[i];
      if ((node === '' || e.node === node) && (kind === '' || e.kind === kind)) out.push(e);
    }
    return out;
  }, [events, node, kind]);

  return (
    <section className="sim-log" data-testid="event-log" aria-label="Event log">
      <header className="sim-log-head">
        <span className="sim-chart-title">Events</span>
        <select aria-label="Filter events by node" value={node} onChange={(e) => setNode(e.target.value)}>
          <option value="">all nodes</option>
          {node !== '' && !nodes.includes(node) && <option value={node}>{names.name(node)}</option>}
          {nodes.map((id) => (
            <option key={id} value={id}>
              {names.name(id)}
            </option>
          ))}
        </select>
        <select aria-label="Filter events by kind" value={kind} onChange={(e) => setKind(e.target.value as LogKind | '')}>
          <option value="">all kinds</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </header>
      <ol className="sim-log-list" aria-live="off">
        {shown.length === 0 ? (
          <li className="sim-log-empty">
            {events.length > 0
              ? 'No events match the filter.'
              : started
                ? 'Nothing notable yet.'
                : 'Press Run: cold starts, throttles, retries and faults appear here.'}
          </li>
        ) : (
          shown.map((e) => <EventRow key={e.id} event={e} names={names} />)
        )}
      </ol>
    </section>
  );
}

/** One line; the nodes it names (`<id>` from the simulator) shown by their labels. */
const EventRow = memo(function EventRow({ event, names }: { event: LoggedEvent; names: NodeNames }) {
  const parts = messageParts(event.message, names);
  return (
    <li className="sim-log-row" data-kind={event.kind} data-node={event.node}>
      <time>{formatClock(event.tMs)}</time>
      <span className="sim-log-kind">{KIND_LABEL[event.kind] ?? event.kind}</span>
      <span className="sim-log-msg">
        {parts.map((p, i) =>
          'text' in p ? (
            p.text
          ) : i === 0 ? (
            <b key={i} className="sim-log-node">
              {p.name}
            </b>
          ) : (
            <q key={i} className="sim-log-node">
              {p.name}
            </q>
          ),
        )}
      </span>
    </li>
  );
});
