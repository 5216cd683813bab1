import { useSimulationStore } from '../../state/simulationStore';

/** Shown when the worker throws or stops answering; the diagram is untouched. */
export function SimErrorAlert() {
  const error = useSimulationStore((s) => s.error);
  if (!error) return null;
  return (
    <div className="sim-alert" role="alert">
      <span>{error}</span>
      <button type="button" className="sim-btn" onClick={() => useSimulationStore.getState().reset()}>
        Reset simulation
      </button>
    </div>
  );
}
