/** A template import in progress: what it is doing, for how long, and Cancel. */
import { useEffect, useState } from 'react';
import { cancelImport, useImportProgress } from '../../state/importActions';
import type { ImportPhase } from '../../worker/importProtocol';

const PHASE: Record<ImportPhase, string> = {
  reading: 'reading the template',
  traffic: 'adding traffic to its entry points',
  layout: 'laying out the diagram',
};

export function ImportProgressNotice() {
  const progress = useImportProgress((s) => s.progress);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!progress) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [progress]);
  if (!progress) return null;
  const seconds = Math.max(0, Math.floor((now - progress.startedAt) / 1000));
  return (
    <div className="notice notice--progress" role="status" data-testid="import-progress" aria-live="polite">
      <span className="notice__spinner" aria-hidden="true" />
      <div className="notice__body">
        <p className="notice__text">
          Importing {progress.fileName} — {PHASE[progress.phase]}…
        </p>
        {seconds >= 1 && <p className="notice__sub">{seconds} s; the page stays usable meanwhile.</p>}
      </div>
      <button type="button" className="button button--small" data-testid="import-cancel" onClick={() => cancelImport()}>
        Cancel
      </button>
    </div>
  );
}
