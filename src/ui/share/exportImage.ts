/**
 * The canvas as a picture, the way React Flow's docs do it: html-to-image renders the
 * `.react-flow__viewport` element with a transform from getViewportForBounds, so the whole
 * diagram (not only what is on screen) lands in the image. We add a white background and a
 * title band with the diagram's name. html-to-image is loaded on first use.
 */
import { getViewportForBounds, type ReactFlowInstance } from '@xyflow/react';
import type { Architecture } from '../../model';
import { downloadBlob, fileBaseName } from './download';
import { count } from '../../state/importActions';
import { graphSvg, iconMarkup, type EdgeShape, type GraphPicture } from './graphSvg';

export type ImageKind = 'png' | 'svg';

const MARGIN = 40;
const TITLE_HEIGHT = 72;
/** Longest side of the diagram part; larger diagrams are scaled down to fit. */
const MAX_SIDE = 6000;
const BACKGROUND = '#ffffff';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export interface Frame {
  width: number;
  height: number;
  transform: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function frameFor(flow: ReactFlowInstance<any, any>): Frame | null {
  const nodes = flow.getNodes();
  if (nodes.length === 0) return null;
  const bounds = flow.getNodesBounds(nodes);
  const zoom = Math.min(1, MAX_SIDE / Math.max(bounds.width, bounds.height, 1));
  const width = Math.ceil(bounds.width * zoom + 2 * MARGIN);
  const height = Math.ceil(bounds.height * zoom + 2 * MARGIN);
  const viewport = getViewportForBounds(bounds, width, height, 0.01, 1, `${MARGIN}px`);
  return { width, height, transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` };
}

function subtitle(doc: Architecture): string {
  return `${count(doc.nodes.length, 'service')} · ${count(doc.edges.length, 'connection')} · Serverless Sandbox`;
}

/** Returns a message when there is nothing to export, else downloads the picture. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function exportImage(kind: ImageKind, flow: ReactFlowInstance<any, any>, doc: Architecture): Promise<string | null> {
  const element = document.querySelector<HTMLElement>('.canvas .react-flow__viewport');
  const frame = frameFor(flow);
  if (!element || !frame) return 'The diagram is empty: add a service before exporting a picture.';
  const name = doc.name || 'Untitled architecture';
  const fileName = `${fileBaseName(doc.name)}.${kind}`;
  if (kind === 'svg') {
    const svg = graphSvg(doc, pictureOf(flow, element, name, subtitle(doc)), TITLE_HEIGHT);
    downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), fileName);
    return null;
  }
  const { toCanvas } = await import('html-to-image');
  const options = {
    backgroundColor: BACKGROUND,
    width: frame.width,
    height: frame.height,
    skipFonts: true,
    // Connection handles are for editing; the picture is cleaner without them.
    filter: (node: HTMLElement) => !node.classList?.contains('react-flow__handle'),
    style: { width: `${frame.width}px`, height: `${frame.height}px`, transform: frame.transform },
  };
  const pixelRatio = frame.width * 2 <= 12_000 && frame.height * 2 <= 12_000 ? 2 : 1;
  // The picture shows the diagram, not the editing state: no selection ring, no focus outline.
  const root = element.closest('.react-flow');
  root?.classList.add('is-exporting');
  try {
    const diagram = await toCanvas(element, { ...options, pixelRatio });
    downloadBlob(await titledPng(diagram, frame, pixelRatio, name, subtitle(doc)), fileName);
  } finally {
    root?.classList.remove('is-exporting');
  }
  return null;
}

/** The geometry of the diagram as drawn on the canvas, for the SVG. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function pictureOf(flow: ReactFlowInstance<any, any>, viewport: HTMLElement, title: string, sub: string): GraphPicture {
  const nodes = flow.getNodes();
  const bounds = flow.getNodesBounds(nodes);
  const cards = nodes.map((node) => ({
    id: node.id,
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? node.width ?? 208,
    height: node.measured?.height ?? node.height ?? 112,
  }));
  const icons: Record<string, string> = {};
  for (const card of cards) {
    icons[card.id] = iconMarkup(viewport.querySelector(`.react-flow__node[data-id="${CSS.escape(card.id)}"] .service-icon`));
  }
  const edges: EdgeShape[] = [];
  for (const g of viewport.parentElement?.querySelectorAll('.react-flow__edge') ?? []) {
    const path = g.querySelector('.react-flow__edge-path')?.getAttribute('d');
    if (!path) continue;
    const dashed = ['edge-kind-dlq', 'edge-kind-onFailure', 'edge-kind-async'].some((c) => g.classList.contains(c));
    edges.push({ path, dashed, label: edgeLabel(g) });
  }
  return {
    width: Math.ceil(bounds.width + 2 * MARGIN),
    height: Math.ceil(bounds.height + 2 * MARGIN + TITLE_HEIGHT),
    dx: MARGIN - bounds.x,
    dy: MARGIN - bounds.y,
    title,
    subtitle: sub,
    cards,
    edges,
    icons,
  };
}

function edgeLabel(g: Element): EdgeShape['label'] {
  const wrapper = g.querySelector('.react-flow__edge-textwrapper');
  const text = wrapper?.querySelector('.react-flow__edge-text')?.textContent;
  if (!wrapper || !text) return undefined;
  const [tx, ty] = (/translate\(\s*(-?[\d.]+)[ ,]+(-?[\d.]+)/.exec(wrapper.getAttribute('transform') ?? '') ?? []).slice(1).map(Number);
  const bg = wrapper.querySelector('.react-flow__edge-textbg');
  const num = (name: string) => Number(bg?.getAttribute(name) ?? 0);
  if (!Number.isFinite(tx) || !Number.isFinite(ty)) return undefined;
  return { text, x: tx + num('x'), y: ty + num('y'), width: num('width') || text.length * 6 + 8, height: num('height') || 16 };
}

async function titledPng(diagram: HTMLCanvasElement, frame: Frame, ratio: number, title: string, sub: string): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = frame.width * ratio;
  canvas.height = (frame.height + TITLE_HEIGHT) * ratio;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw images');
  ctx.scale(ratio, ratio);
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, frame.width, frame.height + TITLE_HEIGHT);
  ctx.fillStyle = '#1c2024';
  ctx.font = `600 22px ${FONT}`;
  ctx.fillText(title, MARGIN, 38, frame.width - 2 * MARGIN);
  ctx.fillStyle = '#6b7280';
  ctx.font = `13px ${FONT}`;
  ctx.fillText(sub, MARGIN, 60, frame.width - 2 * MARGIN);
  ctx.drawImage(diagram, 0, TITLE_HEIGHT, frame.width, frame.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))), 'image/png'));
}
