import type { Architecture } from '../../model';

/**
 * What the simulation reads from a document, as one string: settings, node types and
 * configs, connections and scheduled faults. Positions, labels and the name do not change a
 * run, so dragging a node or renaming it sends nothing to the worker.
 */
export function simulationKey(doc: Architecture): string {
  return JSON.stringify([
    doc.settings,
    doc.nodes.map((n) => [n.id, n.type, n.config]),
    doc.edges.map((e) => [e.id, e.source, e.target, e.kind ?? null]),
    doc.faults,
  ]);
}
