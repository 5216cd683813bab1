import { useShallow } from 'zustand/react/shallow';
import { scrubWindows, useSimulationStore } from '../../state/simulationStore';
import { formatCount, formatMs, formatUsd } from './format';

/**
 * Look back at any moment of the run (paused or finished): the charts mark the moment and
 * the readout gives that window's numbers.
 */
export function Scrubber() {
  const { status, windows, scrubIndex } = useSimulationStore(useShallow((s) => ({ status: s.status, windows: scrubWindows(s), scrubIndex: s.scrubIndex })));
  const usable = (status === 'paused' || status === 'done') && windows.length > 1;
  if (!usable) return <div className="sim-scrubber sim-scrubber-off" aria-hidden="true" />;
  const last = windows.length - 1;
  const index = scrubIndex === null ? last : Math.min(scrubIndex, last);
  const w = windows[index];
  const total = w.requests.ok + w.requests.throttled + w.requests.error + w.requests.timeout;
  return (
    <div className="sim-scrubber">
      <input
        type="range"
        data-testid="sim-scrubber"
        aria-label="Look back at a moment of the run"
        min={0}
        max={last}
        value={index}
        onChange={(e) => useSimulationStore.getState().scrubTo(Number(e.target.value))}
      />
      <output className="sim-scrub-readout">
        at <b>{Math.round(w.tS)} s</b>: {formatCount(total)} req · p99 {formatMs(w.latencyMs.p99)}
        {w.requests.throttled > 0 && <span className="sim-warn"> · {formatCount(w.requests.throttled)} throttled</span>}
        {w.requests.error > 0 && <span className="sim-bad"> · {formatCount(w.requests.error)} err</span>} · {formatUsd(w.costUsd)}
      </output>
    </div>
  );
}
