/**
 * A side panel that collapses to a thin strip on its edge, so the canvas and the results can
 * use the full width. The strip keeps the panel's name and one button to bring it back.
 */
import type { ReactNode } from 'react';
import { useEditorStore, type Panel } from '../state/editorStore';

export function Drawer({
  panel,
  side,
  title,
  className,
  children,
}: {
  panel: Panel;
  side: 'left' | 'right';
  title: string;
  className?: string;
  children: ReactNode;
}) {
  const open = useEditorStore((s) => s[panel] as boolean);
  const toggle = useEditorStore((s) => s.togglePanel);
  const towardEdge = side === 'left' ? '‹' : '›';
  const awayFromEdge = side === 'left' ? '›' : '‹';
  return (
    <div className={`drawer drawer--${side}${open ? '' : ' is-collapsed'}${className ? ` ${className}` : ''}`} data-drawer={panel}>
      {open ? (
        <>
          <button
            type="button"
            className="drawer__collapse"
            onClick={() => toggle(panel, false)}
            aria-label={`Collapse ${title.toLowerCase()}`}
            title={`Collapse the ${title.toLowerCase()} to the edge`}
          >
            <span aria-hidden="true">{towardEdge}</span>
          </button>
          {children}
        </>
      ) : (
        <button
          type="button"
          className="drawer__strip"
          onClick={() => toggle(panel, true)}
          aria-label={`Show ${title.toLowerCase()}`}
          title={`Show the ${title.toLowerCase()}`}
        >
          <span className="drawer__strip-arrow" aria-hidden="true">
            {awayFromEdge}
          </span>
          <span className="drawer__strip-title">{title}</span>
        </button>
      )}
    </div>
  );
}
