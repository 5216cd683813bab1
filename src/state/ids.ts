import type { NodeType } from '../model';

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
