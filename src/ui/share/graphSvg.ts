/**
 * The diagram as a real SVG: one rectangle, icon and a few lines of text per card, one path
 * per connection, drawn from the document and the canvas' own geometry. A few kilobytes a
 * card, and every word stays text (searchable, sharp at any size) — unlike a snapshot of the
 * page's styled markup, which weighs megabytes.
 */
import { kindOf, type Architecture } from '../../model';

export interface CardBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgeShape {
  path: string;
  dashed: boolean;
  /** The label's box on the canvas, when the edge has one. */
  label?: { text: string; x: number; y: number; width: number; height: number };
}

export interface GraphPicture {
  width: number;
  height: number;
  /** Offset from the diagram's coordinates to the picture's. */
  dx: number;
  dy: number;
  title: string;
  subtitle: string;
  cards: CardBox[];
  edges: EdgeShape[];
  /** Each card's icon as SVG markup (the canvas' own icon, self-contained). */
  icons: Record<string, string>;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const TEXT = '#1c2024';
const MUTED = '#6b7280';
const SOFT = '#4b5563';
const BORDER = '#c9ced6';
const EDGE = '#9aa1ad';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A line cut to fit about `max` characters, with an ellipsis. */
export function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

const n = (v: number) => String(Math.round(v * 10) / 10);

export function graphSvg(doc: Architecture, picture: GraphPicture, titleHeight: number): string {
  const byId = new Map(doc.nodes.map((node) => [node.id, node]));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${picture.width}" height="${picture.height}" viewBox="0 0 ${picture.width} ${picture.height}" font-family="${escapeXml(FONT)}">`,
    `<title>${escapeXml(picture.title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 10 5 0 10z" fill="${EDGE}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="40" y="38" font-size="22" font-weight="600" fill="${TEXT}">${escapeXml(picture.title)}</text>`,
    `<text x="40" y="60" font-size="13" fill="${MUTED}">${escapeXml(picture.subtitle)}</text>`,
    `<g transform="translate(${n(picture.dx)} ${n(picture.dy + titleHeight)})">`,
  );
  for (const edge of picture.edges) {
    parts.push(
      `<path d="${escapeXml(edge.path)}" fill="none" stroke="${EDGE}" stroke-width="1.5"${edge.dashed ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#arrow)"/>`,
    );
    if (edge.label) {
      const { x, y, width, height, text } = edge.label;
      parts.push(
        `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" rx="3" fill="#ffffff"/>`,
        `<text x="${n(x + width / 2)}" y="${n(y + height / 2)}" dy="0.35em" text-anchor="middle" font-size="11" fill="${SOFT}">${escapeXml(text)}</text>`,
      );
    }
  }
  for (const card of picture.cards) {
    const node = byId.get(card.id);
    if (!node) continue;
    const kind = kindOf(node.type);
    const summary = kind.summary(node.config as never).slice(0, 3);
    const { x, y, width } = card;
    const chars = Math.floor((width - 24) / 7);
    parts.push(
      `<g transform="translate(${n(x)} ${n(y)})">`,
      `<rect width="${n(width)}" height="${n(card.height)}" rx="8" fill="#ffffff" stroke="${BORDER}"/>`,
      picture.icons[card.id] ? `<svg x="12" y="10" width="28" height="28" viewBox="0 0 24 24">${picture.icons[card.id]}</svg>` : '',
      `<text x="50" y="22" font-size="14" font-weight="600" fill="${TEXT}">${escapeXml(fit(node.label ?? node.id, Math.floor((width - 62) / 8)))}</text>`,
      `<text x="50" y="36" font-size="11" fill="${MUTED}">${escapeXml(kind.label)}</text>`,
    );
    if (summary.length) {
      parts.push(`<line x1="12" y1="48" x2="${n(width - 12)}" y2="48" stroke="#e2e5ea"/>`);
      summary.forEach((line, i) => parts.push(`<text x="12" y="${66 + i * 18}" font-size="12" fill="${SOFT}">${escapeXml(fit(line, chars))}</text>`));
    }
    parts.push('</g>');
  }
  parts.push('</g></svg>');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${parts.join('\n')}\n`;
}

/** The inner markup of a canvas icon (`<svg class="service-icon">`), without its wrapper. */
export function iconMarkup(svg: Element | null): string {
  return svg ? svg.innerHTML : '';
}
