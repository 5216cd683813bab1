/** Progress of a batch of runs: a bar and "3 of 7 runs". */
import type { RunProgress } from './useAnalysisRuns';

export function ProgressBar({ progress, label }: { progress: RunProgress; label: string }) {
  const share = progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <div className="analysis-progress">
      <div
        className="analysis-progress__bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.done}
      >
        <div className="analysis-progress__fill" style={{ transform: `scaleX(${Math.max(0.03, share)})` }} />
      </div>
      <span className="analysis-progress__text">
        {progress.done} of {progress.total} runs
      </span>
    </div>
  );
}
