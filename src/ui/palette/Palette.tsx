/**
 * Every service, grouped as on the AWS console. Drag one onto the canvas, or focus it and
 * press Enter to add it at the centre of the view.
 */
import type { DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { CATALOGUE, NODE_TYPES, kindOf, type NodeType } from '../../model';
import { useDocumentStore } from '../../state/documentStore';
import { addNodeAt, GRID } from '../commands';
import { ServiceIcon } from '../canvas/ServiceIcon';
import { NODE_DRAG_TYPE } from './dragType';

const GROUPS: { title: string; types: NodeType[] }[] = [
  { title: 'Traffic & edge', types: ['client', 'cloudfront', 'apiGateway'] },
  { title: 'Compute', types: ['lambda'] },
  { title: 'Messaging', types: ['sqs', 'sns', 'eventbridge'] },
  { title: 'Data', types: ['dynamodb', 'dax', 's3'] },
];

// Every catalogued type must appear in the palette exactly once.
const listed = GROUPS.flatMap((g) => g.types);
for (const type of NODE_TYPES) if (!listed.includes(type)) GROUPS[GROUPS.length - 1].types.push(type);

/** Size of a fresh card, to centre it on the drop point. */
const CARD = { width: 208, height: 96 };

export function Palette() {
  const flow = useReactFlow();

  const addAtCentre = (type: NodeType) => {
    const pane = document.querySelector('.react-flow');
    const rect = pane?.getBoundingClientRect();
    const screen = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
    const centre = flow.screenToFlowPosition(screen);
    // Step past nodes already sitting at the centre so repeated adds stay visible.
    const taken = useDocumentStore.getState().doc.nodes;
    const position = { x: centre.x - CARD.width / 2, y: centre.y - CARD.height / 2 };
    for (let i = 0; i < 20 && taken.some((n) => Math.abs(n.position.x - position.x) < GRID && Math.abs(n.position.y - position.y) < GRID); i++) {
      position.x += 2 * GRID;
      position.y += 2 * GRID;
    }
    addNodeAt(type, position);
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
