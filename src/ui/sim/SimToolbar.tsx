import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSimulationStore, type SimulationState } from '../../state/simulationStore';
import { isSpeed, SPEEDS, type Speed } from '../../worker/protocol';
import { pressRun } from '../commands';
import { handleSimShortcut, shortcutOf } from './actions';
import { formatClock } from './format';
import { SimErrorAlert } from './SimErrorAlert';
import { useSimulationBridge } from './useSimulationBridge';
import { LIVE_TEXT_REFRESH_MS, useSampledSimulation } from './useThrottledSimulation';
import './sim.css';

const SPEED_LABEL: Record<string, string> = { 1: '1×', 10: '10×', 100: '100×', max: 'Max' };

/** Run / pause / step / reset, speed, the simulated clock and progress (top bar, right). */
export function SimToolbar() {
  useSimulationBridge();
  useEffect(() => {
    window.addEventListener('keydown', handleSimShortcut);
    return () => window.removeEventListener('keydown', handleSimShortcut);
  }, []);

  const { status, speed, problems } = useSimulationStore(useShallow((s) => ({ status: s.status, speed: s.speed, problems: s.problems })));
  const { toggleRun, step, reset, setSpeed } = useSimulationStore.getState();
  const running = status === 'running';
  const blocked = problems.length > 0;
  const runTitle = blocked
    ? `The diagram cannot run yet: ${problems[0]}`
    : status === 'done'
      ? `Run again from zero (${shortcutOf('toggleRun')})`
      : `Run the simulation (${shortcutOf('toggleRun')})`;

  return (
    <div className="sim-toolbar" role="group" aria-label="Simulation">
      {running ? (
        <button type="button" className="sim-btn sim-btn-primary" data-testid="sim-pause" onClick={toggleRun} title={`Pause (${shortcutOf('toggleRun')})`}>
          <PauseIcon /> Pause
        </button>
      ) : (
        <button
          type="button"
          className="sim-btn sim-btn-primary"
          data-testid="sim-run"
          onClick={pressRun}
          disabled={blocked || status === 'error'}
          title={runTitle}
        >
          <PlayIcon /> {status === 'paused' ? 'Resume' : status === 'done' ? 'Run again' : 'Run'}
        </button>
      )}
      <button
        type="button"
        className="sim-btn sim-btn-icon"
        data-testid="sim-step"
        onClick={step}
        disabled={blocked || status === 'done' || status === 'error'}
        aria-label="Step"
        title={`Step: advance one simulated second (${shortcutOf('step')})`}
      >
        <StepIcon />
      </button>
      <button
        type="button"
        className="sim-btn sim-btn-icon"
        data-testid="sim-reset"
        onClick={reset}
        aria-label="Reset"
        title={`Reset: back to zero (${shortcutOf('reset')})`}
      >
        <ResetIcon />
      </button>
      <label className="sim-speed" title="Simulated seconds per real second">
        <span className="sim-visually-hidden">Speed</span>
        <select
          data-testid="sim-speed"
          value={String(speed)}
          onChange={(e) => {
            const value: unknown = e.target.value === 'max' ? 'max' : Number(e.target.value);
            if (isSpeed(value)) setSpeed(value as Speed);
          }}
        >
          {SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {SPEED_LABEL[String(s)]}
            </option>
          ))}
        </select>
      </label>
      <SimClock />
      <SimErrorAlert />
    </div>
  );
}

const selectSimTime = (s: SimulationState) => s.simTimeMs;

function SimClock() {
  const simTimeMs = useSampledSimulation(selectSimTime, LIVE_TEXT_REFRESH_MS);
  const durationMs = useSimulationStore((s) => s.durationMs);
  const status = useSimulationStore((s) => s.status);
  const share = durationMs > 0 ? Math.min(1, simTimeMs / durationMs) : 0;
  return (
    <div className="sim-clock-box" data-status={status}>
      <span className="sim-clock" data-testid="sim-clock" aria-label="Simulated time">
        {formatClock(simTimeMs)}
      </span>
      <div
        className="sim-progress"
        role="progressbar"
        aria-label="Progress of the run"
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs / 1000)}
        aria-valuenow={Math.round(simTimeMs / 1000)}
        title={`${formatClock(simTimeMs)} of ${formatClock(durationMs)}`}
      >
        <div className="sim-progress-fill" style={{ transform: `scaleX(${share})` }} />
      </div>
    </div>
  );
}

function PlayIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
    </svg>
  );
}
function PauseIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path d="M4 2.5h3v11H4zM9 2.5h3v11H9z" fill="currentColor" />
    </svg>
  );
}
function StepIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d="M3 2.5v11l7-5.5zM11 2.5h2.5v11H11z" fill="currentColor" />
    </svg>
  );
}
function ResetIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d="M8 3a5 5 0 1 1-4.6 3H1.8A6.5 6.5 0 1 0 8 1.5V0L5 2.5 8 5z" fill="currentColor" />
    </svg>
  );
}
