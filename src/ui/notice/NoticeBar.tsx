/**
 * The messages over the canvas: the one notice line (errors stay until dismissed, info
 * fades), an import in progress with Cancel, and the drop target for files.
 */
import { useEffect } from 'react';
import { useEditorStore } from '../../state/editorStore';
import { ImportProgressNotice } from './ImportProgress';
import { useFileDrop } from './useFileDrop';
import './notice.css';

const INFO_MS = 6000;
/** A notice with a button stays longer: the person has something to decide. */
const ACTION_MS = 15000;

export function NoticeBar() {
  const notice = useEditorStore((s) => s.notice);
  const dismiss = useEditorStore((s) => s.dismissNotice);
  const dropping = useFileDrop();

  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = setTimeout(dismiss, notice.action ? ACTION_MS : INFO_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);

  return (
    <>
      {dropping && (
        <div className="file-drop" data-testid="file-drop" aria-hidden="true">
          <span>Drop a diagram (.json) or a SAM / CloudFormation template to import it</span>
        </div>
      )}
      <ImportProgressNotice />
      {notice && (
        <div className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
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
            {notice.action && (
              <button
                type="button"
                className="button button--small button--primary notice__action"
                data-testid={notice.action.testId}
                onClick={() => {
                  const run = notice.action!.run;
                  dismiss();
                  run();
                }}
              >
                {notice.action.label}
              </button>
            )}
          </div>
          <button type="button" className="notice__close" onClick={dismiss} aria-label="Dismiss message">
            ×
          </button>
        </div>
      )}
    </>
  );
}
