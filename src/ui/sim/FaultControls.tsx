import { useState } from 'react';
import { hasCapability } from '../../model';
import { useDocumentStore } from '../../state/documentStore';
import { useSimulationStore, type LiveFaults } from '../../state/simulationStore';

const EMPTY: LiveFaults = {};
/** Clients make requests; nothing there can break in the sense of these toggles. */
const NO_FAULTS = new Set(['client']);

/**
 * What breaks: per-node toggles that start a fault in the running simulation now and keep it
 * until switched off (scheduled faults belong to the document instead). Mounted by the
 * inspector for the selected node.
 */
export function FaultControls({ nodeId }: { nodeId: string }) {
  const type = useDocumentStore((s) => s.doc.nodes.find((n) => n.id === nodeId)?.type);
  const faults = useSimulationStore((s) => s.faults[nodeId] ?? EMPTY);
  const status = useSimulationStore((s) => s.status);
  const [addMs, setAddMs] = useState(500);
  const [rate, setRate] = useState(0.5);
  if (!type || NO_FAULTS.has(type)) return null;
  const live = status === 'running' || status === 'paused' || status === 'idle';
  const { setFault, flushCache, failover } = useSimulationStore.getState();

  return (
    <fieldset className="sim-faults" data-testid="fault-controls" disabled={!live}>
      <legend>Break it (live)</legend>
      <label className="sim-fault">
        <input type="checkbox" name="fault.down" checked={Boolean(faults.down)} onChange={(e) => setFault(nodeId, 'down', e.target.checked ? true : null)} />
        Down <small>every call fails</small>
      </label>
      <label className="sim-fault">
        <input
          type="checkbox"
          name="fault.latency"
          checked={Boolean(faults.latency)}
          onChange={(e) => setFault(nodeId, 'latency', e.target.checked ? { addMs } : null)}
        />
        Add latency
        <input
          type="number"
          aria-label="Added latency in ms"
          min={0}
          max={900000}
          step={100}
          value={addMs}
          onChange={(e) => {
            const v = Math.max(0, Math.min(900_000, Number(e.target.value) || 0));
            setAddMs(v);
            if (faults.latency) setFault(nodeId, 'latency', { addMs: v });
          }}
        />
        <small>ms</small>
      </label>
      <label className="sim-fault">
        <input
          type="checkbox"
          name="fault.errors"
          checked={Boolean(faults.errors)}
          onChange={(e) => setFault(nodeId, 'errors', e.target.checked ? { rate } : null)}
        />
        Error rate
        <input
          type="number"
          aria-label="Share of calls that fail, 0 to 1"
          min={0}
          max={1}
          step={0.05}
          value={rate}
          onChange={(e) => {
            const v = Math.max(0, Math.min(1, Number(e.target.value) || 0));
            setRate(v);
            if (faults.errors) setFault(nodeId, 'errors', { rate: v });
          }}
        />
      </label>
      <label className="sim-fault">
        <input
          type="checkbox"
          name="fault.throttle"
          checked={Boolean(faults.throttle)}
          onChange={(e) => setFault(nodeId, 'throttle', e.target.checked ? true : null)}
        />
        Throttle <small>every call is refused</small>
      </label>
      {hasCapability(type, 'cache') && (
        <button type="button" className="sim-btn" onClick={() => flushCache(nodeId)}>
          Flush cache
        </button>
      )}
      {type === 'rds' && (
        <button
          type="button"
          className="sim-btn"
          data-testid="fault-failover"
          title="The writer fails over now: every connection drops and it is unavailable for about 30 s (Aurora) or 60 s (RDS Multi-AZ), 66% shorter behind RDS Proxy"
          onClick={() => failover(nodeId)}
        >
          Fail over
        </button>
      )}
      {!live && <p className="sim-fault-hint">Reset to break things in a new run.</p>}
    </fieldset>
  );
}
