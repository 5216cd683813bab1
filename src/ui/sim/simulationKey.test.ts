import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../model';
import { simulationKey } from './simulationKey';

describe('simulationKey', () => {
  const doc = defaultScenario();

  it('ignores what does not change a run: positions, labels, the name', () => {
    const moved = {
      ...doc,
      name: 'Renamed',
      nodes: doc.nodes.map((n) => ({ ...n, label: `${n.label ?? n.id}!`, position: { x: n.position.x + 40, y: n.position.y - 10 } })),
    };
    expect(simulationKey(moved)).toBe(simulationKey(doc));
  });

  it('changes with settings, configs, connections and faults', () => {
    const key = simulationKey(doc);
    expect(simulationKey({ ...doc, settings: { ...doc.settings, seed: 7 } })).not.toBe(key);
    expect(simulationKey({ ...doc, nodes: doc.nodes.map((n) => (n.type === 'lambda' ? { ...n, config: { ...n.config, memoryMb: 2048 } } : n)) })).not.toBe(key);
    expect(simulationKey({ ...doc, edges: doc.edges.slice(1) })).not.toBe(key);
    expect(simulationKey({ ...doc, faults: [{ kind: 'down', atS: 10, node: 'table', lengthS: 5 }] })).not.toBe(key);
  });
});
