import type { NodeType } from './catalogue';

/** A fresh id like "lambda-2": readable in the inspector and in exported files. */
export function freshNodeId(type: NodeType, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${type}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export function freshEdgeId(taken: ReadonlySet<string>): string {
  for (let n = taken.size + 1; ; n++) {
    const id = `e${n}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * A readable default name for a new card, like "API Gateway 2": the kind's name and the
 * number of its id, moved on while another card already carries that name.
 */
export function freshNodeLabel(kindLabel: string, id: string, takenLabels: ReadonlySet<string>): string {
  const match = /-(\d+)$/.exec(id);
  for (let n = match ? Number(match[1]) : 1; ; n++) {
    const label = `${kindLabel} ${n}`;
    if (!takenLabels.has(label)) return label;
  }
}
