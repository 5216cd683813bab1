/** What a SAM import did not understand, in a panel over the canvas until dismissed. */
import { createPortal } from 'react-dom';
import { count, useSamWarnings } from '../../state/importActions';
import { useCanvasHost } from './useCanvasHost';

export function SamWarnings() {
  const host = useCanvasHost();
  const report = useSamWarnings((s) => s.report);
  const dismiss = useSamWarnings((s) => s.dismiss);
  if (!host || !report) return null;
  return createPortal(
    <section className="sam-warnings" aria-labelledby="sam-warnings-title" data-testid="sam-warnings">
      <header className="sam-warnings__head">
        <div>
          <h2 id="sam-warnings-title" className="sam-warnings__title">
            Imported {report.fileName}
          </h2>
          <p className="sam-warnings__sub">
            {count(report.nodes, 'service')} and {count(report.edges, 'connection')}.
            {report.warnings.length === 0 && ' Everything in the template was understood.'}
          </p>
        </div>
        <button type="button" className="shared-banner__close" onClick={dismiss} aria-label="Dismiss the import notes">
          ×
        </button>
      </header>
      {report.added.length > 0 && (
        <>
          <p className="sam-warnings__section">Added so that Run shows traffic:</p>
          <ul className="sam-warnings__list sam-warnings__list--added" data-testid="import-added">
            {report.added.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
      {report.warnings.length > 0 && (
        <>
          <p className="sam-warnings__section">
            {count(report.warnings.length, 'thing')} in the template {report.warnings.length === 1 ? 'was' : 'were'} not understood and left out:
          </p>
          <ul className="sam-warnings__list">
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      )}
      <p className="sam-warnings__foot">Undo (Ctrl+Z) brings your previous diagram back.</p>
    </section>,
    host,
  );
}
