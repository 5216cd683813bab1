import { describe, expect, it } from 'vitest';
import { BLUEPRINTS } from '../../blueprints';
import { defaultScenario } from '../../model';
import { fitZoomFor, LEGIBLE_ZOOM } from './useLessonRoom';

// The canvas at 1280x800 with the palette and the inspector open, and with both folded.
const NARROW = { width: 800, height: 376 };
const FOLDED = { width: 1224, height: 376 };

describe('room for a wide diagram', () => {
  it('the sample fits legibly beside both panels; a six-column blueprint does not, until they fold', () => {
    expect(fitZoomFor(defaultScenario(), NARROW)).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
    const pipeline = BLUEPRINTS.find((b) => b.document.nodes.length >= 7)!;
    expect(fitZoomFor(pipeline.document, NARROW)).toBeLessThan(LEGIBLE_ZOOM);
    expect(fitZoomFor(pipeline.document, FOLDED)).toBeGreaterThan(fitZoomFor(pipeline.document, NARROW) * 1.4);
  });

  it('is limited by the height when the diagram is tall, and needs no room when empty', () => {
    const tall = { nodes: [0, 1, 2, 3].map((i) => ({ ...defaultScenario().nodes[0], id: `n${i}`, position: { x: 0, y: i * 200 } })) };
    expect(fitZoomFor(tall, NARROW)).toBeCloseTo((376 - 64) / (600 + 120), 5);
    expect(fitZoomFor({ nodes: [] }, NARROW)).toBe(Infinity);
  });
});
