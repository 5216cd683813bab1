/** A service's glyph on its colour tile (the look is in serviceStyle.tsx). */
import type { NodeType } from '../../model';
import { SERVICE_STYLE } from './serviceStyle';

export function ServiceIcon({ type, size = 32 }: { type: NodeType; size?: number }) {
  return (
    <svg className="service-icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect width="24" height="24" rx="5" fill={SERVICE_STYLE[type].colour} />
      <g fill="none" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
        {SERVICE_STYLE[type].glyph}
      </g>
    </svg>
  );
}
