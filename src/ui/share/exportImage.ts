/**
 * The canvas as a picture, the way React Flow's docs do it: html-to-image renders the
 * `.react-flow__viewport` element with a transform from getViewportForBounds, so the whole
 * diagram (not only what is on screen) lands in the image. We add a white background and a
 * title band with the diagram's name. html-to-image is loaded on first use.
 */
import { getViewportForBounds, type ReactFlowInstance } from '@xyflow/react';
import type { Architecture } from '../../model';
import { downloadBlob, fileBaseName } from './download';
import { count } from './samActions';

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
  const { toCanvas, toSvg } = await import('html-to-image');
  const options = {
    backgroundColor: BACKGROUND,
    width: frame.width,
    height: frame.height,
    skipFonts: true,
    // Connection handles are for editing; the picture is cleaner without them.
    filter: (node: HTMLElement) => !node.classList?.contains('react-flow__handle'),
    style: { width: `${frame.width}px`, height: `${frame.height}px`, transform: frame.transform },
  };
  const name = doc.name || 'Untitled architecture';
  const fileName = `${fileBaseName(doc.name)}.${kind}`;
  if (kind === 'png') {
    const pixelRatio = frame.width * 2 <= 12_000 && frame.height * 2 <= 12_000 ? 2 : 1;
    const diagram = await toCanvas(element, { ...options, pixelRatio });
    downloadBlob(await titledPng(diagram, frame, pixelRatio, name, subtitle(doc)), fileName);
  } else {
    const dataUrl = await toSvg(element, options);
    downloadBlob(new Blob([titledSvg(dataUrl, frame, name, subtitle(doc))], { type: 'image/svg+xml' }), fileName);
  }
  return null;
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

const SVG_NS = 'http://www.w3.org/2000/svg';

/** html-to-image's SVG (a foreignObject) moved down under a title; text goes in as text nodes. */
function titledSvg(dataUrl: string, frame: Frame, title: string, sub: string): string {
  const source = decodeURIComponent(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const svg = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
  const total = frame.height + TITLE_HEIGHT;
  svg.setAttribute('width', String(frame.width));
  svg.setAttribute('height', String(total));
  svg.setAttribute('viewBox', `0 0 ${frame.width} ${total}`);
  const body = svg.querySelector('foreignObject');
  body?.setAttribute('y', String(TITLE_HEIGHT));
  body?.setAttribute('width', String(frame.width));
  body?.setAttribute('height', String(frame.height));

  const doc = svg.ownerDocument;
  const el = (tag: string, attrs: Record<string, string>, text?: string) => {
    const node = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const heading = [
    el('title', {}, title),
    el('rect', { x: '0', y: '0', width: String(frame.width), height: String(total), fill: BACKGROUND }),
    el('text', { x: String(MARGIN), y: '38', 'font-family': FONT, 'font-size': '22', 'font-weight': '600', fill: '#1c2024' }, title),
    el('text', { x: String(MARGIN), y: '60', 'font-family': FONT, 'font-size': '13', fill: '#6b7280' }, sub),
  ];
  for (const node of heading.reverse()) svg.insertBefore(node, svg.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}
