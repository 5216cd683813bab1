/** The bar over the canvas while a shared diagram is shown over the visitor's own. */
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { backToMyDiagram, useSharedSession } from '../../state/sharedSession';
import { useCanvasHost } from './useCanvasHost';
import { VIEW_MODE } from './viewMode';

export function SharedBanner() {
  const host = useCanvasHost();
  const { phase, migratedFrom, hidden, hide } = useSharedSession(
    useShallow((s) => ({ phase: s.phase, migratedFrom: s.migratedFrom, hidden: s.bannerHidden, hide: s.hideBanner })),
  );
  if (!host || !phase || hidden || VIEW_MODE) return null;
  return createPortal(
    <div className="shared-banner" role="status" data-testid="shared-banner">
      <svg className="shared-banner__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <path
          d="M6.5 9.5a3 3 0 0 0 4.2 0l2.3-2.3a3 3 0 0 0-4.2-4.2L8 3.8M9.5 6.5a3 3 0 0 0-4.2 0L3 8.8a3 3 0 0 0 4.2 4.2l.8-.8"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
        />
      </svg>
      <p className="shared-banner__text">
        <strong>{phase === 'viewing' ? 'You are viewing a shared diagram' : 'You are editing a copy of a shared diagram'}</strong>
        <span>
          {' — '}
          {phase === 'viewing' ? 'your own diagram is saved and untouched.' : 'your own diagram was set aside first.'}
          {migratedFrom !== null && ` The link was made with an older format (version ${migratedFrom}) and was updated.`}
        </span>
      </p>
      <button type="button" className="button button--small button--primary" onClick={backToMyDiagram} data-testid="back-to-my-diagram">
        Back to my diagram
      </button>
      <button type="button" className="shared-banner__close" onClick={hide} aria-label="Hide this bar" title="Hide this bar (your diagram stays kept)">
        ×
      </button>
    </div>,
    host,
  );
}
