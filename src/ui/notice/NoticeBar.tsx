/** The one message line over the canvas: errors stay until dismissed, info fades. */
import { useEffect } from 'react';
import { useEditorStore } from '../../state/editorStore';

const INFO_MS = 6000;

export function NoticeBar() {
  const notice = useEditorStore((s) => s.notice);
  const dismiss = useEditorStore((s) => s.dismissNotice);

  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = setTimeout(dismiss, INFO_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);

  if (!notice) return null;
  return (
    <div className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <div className="notice__body">
        <p className="notice__text">{notice.text}</p>
        {notice.details && notice.details.length > 0 && (
          <ul className="notice__details">
            {notice.details.slice(0, 12).map((d, i) => (
              <li key={i}>{d}</li>
            ))}
            {notice.details.length > 12 && <li>…and {notice.details.length - 12} more</li>}
          </ul>
        )}
      </div>
      <button type="button" className="notice__close" onClick={dismiss} aria-label="Dismiss message">
        ×
      </button>
    </div>
  );
}
