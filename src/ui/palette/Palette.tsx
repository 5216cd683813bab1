/**
 * Every service, grouped as on the AWS console. Drag one onto the canvas, or focus it and
 * press Enter to add it at the centre of the view.
 */
import type { DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { CATALOGUE, kindOf, paletteGroups, type NodeType } from '../../model';
import { useDocumentStore } from '../../state/documentStore';
import { addNodeAt, GRID } from '../commands';
import { ServiceIcon } from '../canvas/ServiceIcon';
import { NODE_DRAG_TYPE } from './dragType';

// Grouped by each kind's category (model/catalogue.ts): every type exactly once.
const GROUPS = paletteGroups();

/** Size of a fresh card with a margin, to centre it and keep it clear of other cards. */
const CARD = { width: 208, height: 112 };
const MARGIN = GRID;

/** The point nearest `start`, on a widening ring of grid steps, where a new card overlaps none. */
function freeSpotNear(start: { x: number; y: number }): { x: number; y: number } {
  const taken = useDocumentStore.getState().doc.nodes.map((n) => n.position);
  const free = (p: { x: number; y: number }) => taken.every((t) => Math.abs(t.x - p.x) >= CARD.width + MARGIN || Math.abs(t.y - p.y) >= CARD.height + MARGIN);
  if (free(start)) return start;
  const step = { x: CARD.width / 2 + MARGIN, y: CARD.height / 2 + MARGIN };
  for (let ring = 1; ring <= 12; ring++) {
    const candidates: { x: number; y: number }[] = [];
    for (let dx = -ring; dx <= ring; dx++) {
      for (let dy = -ring; dy <= ring; dy++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        candidates.push({ x: start.x + dx * step.x, y: start.y + dy * step.y });
      }
    }
    candidates.sort((a, b) => Math.hypot(a.x - start.x, a.y - start.y) - Math.hypot(b.x - start.x, b.y - start.y));
    const spot = candidates.find(free);
    if (spot) return spot;
  }
  return start;
}

export function Palette() {
  const flow = useReactFlow();

  const addAtCentre = (type: NodeType) => {
    const pane = document.querySelector('.react-flow');
    const rect = pane?.getBoundingClientRect();
    const screen = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
    const centre = flow.screenToFlowPosition(screen);
    addNodeAt(type, freeSpotNear({ x: centre.x - CARD.width / 2, y: centre.y - CARD.height / 2 }));
  };

  const onDragStart = (event: DragEvent, type: NodeType) => {
    event.dataTransfer.setData(NODE_DRAG_TYPE, type);
    event.dataTransfer.setData('text/plain', type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="palette" aria-label="Services">
      <div className="panel-title">Services</div>
      <p className="palette__hint">Drag onto the canvas, or focus and press Enter.</p>
      {GROUPS.map((group) => (
        <section key={group.title} className="palette__group" aria-label={group.title}>
          <h2 className="palette__group-title">{group.title}</h2>
          <ul>
            {group.types.map((type) => (
              <li key={type}>
                <button
                  type="button"
                  className="palette__item"
                  data-testid={`palette-${type}`}
                  draggable
                  onDragStart={(e) => onDragStart(e, type)}
                  onClick={() => addAtCentre(type)}
                  title={kindOf(type).description}
                  aria-label={`Add ${CATALOGUE[type].label}`}
                >
                  <ServiceIcon type={type} size={24} />
                  <span className="palette__label">{CATALOGUE[type].label}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
