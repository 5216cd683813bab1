/**
 * The area under the canvas that holds the simulation dashboard: resizable (pointer or
 * keyboard, up to most of the window; the size is remembered) and collapsible.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { useEditorStore } from '../state/editorStore';
import { Dashboard } from './sim/Dashboard';
import './styles/dashboard.css';

/** The dashboard never gets smaller than this... */
export const DASHBOARD_MIN = 180;
/** ...and always leaves the canvas this much. */
const CANVAS_MIN = 160;
const STEP = 32;

/** The default height: half the space under the top bar (charts stay legible at 1280x800), within sensible bounds. */
export function defaultDashboardHeight(mainHeight: number): number {
  return Math.round(Math.min(560, Math.max(340, mainHeight * 0.5)));
}

export function clampDashboardHeight(height: number, mainHeight: number): number {
  const max = Math.max(DASHBOARD_MIN, mainHeight - CANVAS_MIN);
  return Math.round(Math.min(max, Math.max(DASHBOARD_MIN, height)));
}

/** The height of the column that holds canvas and dashboard, kept up to date. */
function useMainHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(() => (typeof window === 'undefined' ? 752 : window.innerHeight - 48));
  useEffect(() => {
    const main = ref.current?.parentElement;
    if (!main) return;
    const measure = () => setHeight(main.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(main);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}

export function BottomPanel() {
  const open = useEditorStore((s) => s.dashboardOpen);
  const toggle = useEditorStore((s) => s.togglePanel);
  const saved = useEditorStore((s) => s.dashboardHeight);
  const setSaved = useEditorStore((s) => s.setDashboardHeight);
  const ref = useRef<HTMLElement>(null);
  const mainHeight = useMainHeight(ref);
  const [dragHeight, setDragHeight] = useState<number | null>(null);
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);

  const max = clampDashboardHeight(Infinity, mainHeight);
  const height = clampDashboardHeight(dragHeight ?? saved ?? defaultDashboardHeight(mainHeight), mainHeight);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    drag.current = { startY: e.clientY, startHeight: height };
    e.currentTarget.setPointerCapture(e.pointerId);
    setDragHeight(height);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    setDragHeight(clampDashboardHeight(drag.current.startHeight + drag.current.startY - e.clientY, mainHeight));
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    drag.current = null;
    if (dragHeight !== null) setSaved(dragHeight);
    setDragHeight(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const big = Math.round(mainHeight / 4);
    const to: Record<string, number> = {
      ArrowUp: height + STEP,
      ArrowDown: height - STEP,
      PageUp: height + big,
      PageDown: height - big,
      Home: DASHBOARD_MIN,
      End: max,
    };
    if (e.key === 'Enter') {
      e.preventDefault();
      setSaved(null);
      return;
    }
    if (!(e.key in to)) return;
    e.preventDefault();
    setSaved(clampDashboardHeight(to[e.key], mainHeight));
  };

  return (
    <section
      ref={ref}
      className={`bottom-panel${open ? '' : ' is-collapsed'}${dragHeight !== null ? ' is-resizing' : ''}`}
      style={open ? { height } : undefined}
      aria-label="Simulation dashboard"
    >
      {open && (
        <div
          className="bottom-panel__resize"
          data-testid="dashboard-resize"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize dashboard"
          aria-valuemin={DASHBOARD_MIN}
          aria-valuemax={max}
          aria-valuenow={height}
          aria-valuetext={`${height} pixels high`}
          title="Drag to resize the dashboard (or focus and use ↑ ↓, Page Up/Down, Home, End; Enter for the default; double-click for the default)"
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onDoubleClick={() => setSaved(null)}
          onKeyDown={onKeyDown}
        >
          <span className="bottom-panel__grip" aria-hidden="true" />
        </div>
      )}
      <div className="bottom-panel__bar">
        <span className="panel-title">Simulation</span>
        <div className="bottom-panel__bar-actions">
          {open && (
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => setSaved(height >= max - 8 ? null : max)}
              title={height >= max - 8 ? 'Give the canvas its room back' : 'Give the dashboard most of the window'}
            >
              {height >= max - 8 ? 'Restore' : 'Enlarge'}
            </button>
          )}
          <button type="button" className="button button--ghost button--small" aria-expanded={open} onClick={() => toggle('dashboardOpen')}>
            {open ? 'Hide' : 'Show'}
          </button>
        </div>
      </div>
      {open && (
        <div className="bottom-panel__content">
          <Dashboard />
        </div>
      )}
    </section>
  );
}
