/**
 * Every node type is registered in every layer: the simulator, prices, the SAM mapping, the
 * canvas look, the live badge and the palette. The per-layer registries are typed
 * `Record<NodeType, …>`, so a missing entry fails the type check; this test also fails at
 * run time, and checks that each entry works for a node with default settings.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, NODE_TYPES, defaultScenario, newNode, paletteGroups, restoreDocument, type Architecture, type NodeType } from './model';
import { SAM_KINDS } from './sam/kinds';
import { exportTemplate } from './sam/export';
import { importTemplateGraph } from './sam/import';
import { SERVICE_FACTORIES } from './sim/build';
import { PRICES } from './sim/pricing/prices';
import { runSimulation } from './sim/simulation';
import { SERVICE_STYLE } from './ui/canvas/serviceStyle';
import { SUMMARIES } from './ui/sim/liveSummaries';

const LAYERS: Record<string, Record<string, unknown>> = {
  'simulator (sim/build.ts SERVICE_FACTORIES)': SERVICE_FACTORIES,
  'prices (sim/pricing/prices.ts)': PRICES,
  'SAM mapping (sam/kinds.ts)': SAM_KINDS,
  'icon and colour (ui/canvas/serviceStyle.tsx)': SERVICE_STYLE,
  'live badge (ui/sim/liveSummaries.tsx)': SUMMARIES,
};

function lone(type: NodeType): Architecture {
  const base = defaultScenario();
  return { ...base, nodes: [newNode(type, `a-${type}`, { x: 0, y: 0 })], edges: [], faults: [], goals: undefined };
}

describe('service registry', () => {
  it.each(NODE_TYPES)('%s is registered in every layer', (type) => {
    for (const [layer, registry] of Object.entries(LAYERS)) {
      expect(Object.prototype.hasOwnProperty.call(registry, type), `${type} is missing from the ${layer}`).toBe(true);
    }
    expect(
      paletteGroups().filter((g) => g.types.includes(type)),
      `${type} in exactly one palette group`,
    ).toHaveLength(1);
    const kind = CATALOGUE[type];
    expect(kind.type).toBe(type);
    expect(Array.isArray(kind.capabilities)).toBe(true);
  });

  it('no layer registers a type the catalogue does not know', () => {
    for (const [layer, registry] of Object.entries(LAYERS)) {
      expect(Object.keys(registry).sort(), layer).toEqual([...NODE_TYPES].sort());
    }
  });

  it.each(NODE_TYPES)('a lone %s with default settings simulates, and survives SAM export and import', (type) => {
    const doc = lone(type);
    expect(restoreDocument(doc).ok).toBe(true);
    const summary = runSimulation(doc, { durationS: 5 });
    expect(summary.nodes[`a-${type}`]?.type).toBe(type);
    const back = importTemplateGraph(exportTemplate(doc));
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.document.nodes.map((n) => n.type)).toEqual([type]);
  });

  it("the README's adding-a-service list names files that exist", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.split(/^## Adding a service$/m)[1]?.split(/^## /m)[0];
    expect(section, 'README has an "Adding a service" section').toBeTruthy();
    const files = [...section!.matchAll(/`(src\/[^`<]+)`/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) expect(() => readFileSync(new URL(`../${f}`, import.meta.url)), f).not.toThrow();
  });
});
