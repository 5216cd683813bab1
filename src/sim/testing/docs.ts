/** Small documents for tests, built through restoreDocument like every real input. */
import { restoreDocument, type Architecture, type NodeType } from '../../model';
import type { LiveOf, NodeLive, SimSummary, SummaryFields } from '../api';

export interface RawNode {
  id: string;
  type: string;
  config?: Record<string, unknown>;
}

export function makeDoc(nodes: RawNode[], edges: [string, string, string?][], settings: Record<string, unknown> = {}, faults: unknown[] = []): Architecture {
  const raw = {
    format: 'serverless-sandbox',
    version: 1,
    name: 'test',
    settings: { seed: 7, durationS: 60, ...settings },
    nodes: nodes.map((n) => ({ ...n, config: n.config ?? {} })),
    edges: edges.map(([source, target, kind], i) => ({ id: `e${i + 1}`, source, target, ...(kind ? { kind } : {}) })),
    faults,
  };
  const r = restoreDocument(raw);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.document;
}

const T995 = [NaN, 63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.25];

/**
 * Mean and 99% half-width (Student t) of independent replications: the tolerance of a
 * statistical test comes from the spread the runs themselves show, not from a guess.
 */
export function replicate(values: number[]): { mean: number; halfWidth: number } {
  const n = values.length;
  const mean = values.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return { mean, halfWidth: (T995[n - 1] * sd) / Math.sqrt(n) };
}

/** A node's live state narrowed to its type (tests): fails when the node is missing or of another type. */
export function liveAs<T extends NodeType>(live: NodeLive | undefined, type: T): LiveOf<T> {
  if (live?.type !== type) throw new Error(`expected a ${type} node, got ${live?.type ?? 'none'}`);
  return live as LiveOf<T>;
}

/** The summary's node entries as the cross-type view (tests read any node's fields by id). */
export function nodesOf(s: SimSummary): Record<string, SummaryFields> {
  return s.nodes;
}
