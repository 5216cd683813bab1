/** The area under the canvas that holds the simulation dashboard: resizable and collapsible. */
import { useRef, useState, type PointerEvent } from 'react';
import { useEditorStore } from '../state/editorStore';
import { Dashboard } from './sim/Dashboard';

const MIN = 120;
const DEFAULT = 260;

export function BottomPanel() {
  const open = useEditorStore((s) => s.dashboardOpen);
  const toggle = useEditorStore((s) => s.togglePanel);
  const [height, setHeight] = useState(DEFAULT);
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = { startY: e.clientY, startHeight: height };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const max = Math.max(MIN, window.innerHeight * 0.7);
    setHeight(Math.min(max, Math.max(MIN, drag.current.startHeight + drag.current.startY - e.clientY)));
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  return (
    <section className={`bottom-panel${open ? '' : ' is-collapsed'}`} style={open ? { height } : undefined} aria-label="Simulation dashboard">
      {open && (
        <div
          className="bottom-panel__resize"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize dashboard"
          aria-valuenow={height}
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onKeyDown={(e) => {
            if (e.key === 'ArrowUp') setHeight((h) => Math.min(window.innerHeight * 0.7, h + 16));
            if (e.key === 'ArrowDown') setHeight((h) => Math.max(MIN, h - 16));
          }}
        />
      )}
      <div className="bottom-panel__bar">
        <span className="panel-title">Simulation</span>
        <button type="button" className="button button--ghost button--small" aria-expanded={open} onClick={() => toggle('dashboardOpen')}>
          {open ? 'Hide' : 'Show'}
        </button>
      </div>
      {open && (
        <div className="bottom-panel__content">
          <Dashboard />
        </div>
      )}
    </section>
  );
}
