/**
 * How the canvas keeps cards clear of its own overlays, and how a connection released on a
 * card's body becomes a connection. Pure helpers (the DOM ones only read), so they are tested.
 */
import type { FitViewOptions } from '@xyflow/react';

type Padding = NonNullable<FitViewOptions['padding']>;

export const MINIMAP = { width: 168, height: 112 };
/** React Flow's panel margin around the minimap and the zoom controls. */
const PANEL_MARGIN = 15;
const CONTROLS_WIDTH = 28;
const GAP = 24;

/** The minimap shows only when the canvas has room for it beside the cards. */
export function minimapFits(size: { width: number; height: number }): boolean {
  return size.width >= 880 && size.height >= 480;
}

/**
 * Padding for a fit, in pixels: the cards end up clear of the zoom controls (bottom left),
 * the minimap (bottom right) and a notice over the top of the canvas.
 */
export function paddingFor(overlays: { minimap: boolean; controls: boolean; noticeBottom: number; panelWidth?: number }): Padding {
  const top = Math.max(GAP, overlays.noticeBottom + 12);
  const left = overlays.controls ? PANEL_MARGIN + CONTROLS_WIDTH + GAP : GAP;
  const bottom = overlays.minimap ? PANEL_MARGIN + MINIMAP.height + 16 : GAP + 8;
  const right = Math.max(GAP + 8, (overlays.panelWidth ?? 0) + 12);
  return { top: `${top}px`, left: `${left}px`, right: `${right}px`, bottom: `${bottom}px` };
}

/**
 * The padding for the canvas in `host`, measuring the notice shown over it and the import
 * notes panel on its right, if any (unless that panel would leave the cards too little room).
 */
export function fitPadding(host: HTMLElement, overlays: { minimap: boolean; controls: boolean }): Padding {
  const notice = host.parentElement?.querySelector('.notice');
  const box = host.getBoundingClientRect();
  const noticeBottom = notice ? notice.getBoundingClientRect().bottom - box.top : 0;
  const panel = host.parentElement?.querySelector('.sam-warnings');
  const panelWidth = panel ? box.right - panel.getBoundingClientRect().left : 0;
  return paddingFor({ ...overlays, noticeBottom: Math.max(0, noticeBottom), panelWidth: panelWidth > 0 && panelWidth < box.width / 2 ? panelWidth : 0 });
}

/** The id of the card under a point of the window, or null. */
export function cardIdAt(x: number, y: number): string | null {
  if (typeof document === 'undefined') return null;
  const element = document.elementFromPoint(x, y);
  const card = element?.closest('.react-flow__node');
  return card?.getAttribute('data-id') ?? null;
}

/**
 * The connection meant by a drag that started on `fromId`'s handle of `fromType` and ended
 * on the body of card `onId`: from the source to the card, or from the card into a target.
 * Null when it ended on no card or on the card it started from.
 */
export function connectionOnCard(fromId: string, fromType: 'source' | 'target', onId: string | null): { source: string; target: string } | null {
  if (!onId || onId === fromId) return null;
  return fromType === 'source' ? { source: fromId, target: onId } : { source: onId, target: fromId };
}
