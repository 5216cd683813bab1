/**
 * Lessons: a ready document plus a few guided steps. Each lesson makes one AWS behaviour
 * visible and corrects the misconception people usually hold about it. Plain data: the UI
 * (ui/lessons) shows it and the browser tests play it.
 */
import { restoreDocument, setAt, type Architecture, type NodeType } from '../model';
import type { LessonCheck } from './checks';

/** A change the learner applies with one click (or by hand, with the field highlighted). */
export type LessonChange =
  { kind: 'edit'; label: string; node: string; path: string[]; value: unknown } | { kind: 'document'; label: string; document: Architecture };

export interface LessonStep {
  title: string;
  /** The idea, in plain words. */
  text: string;
  /** What to look at on the canvas and charts. */
  watch: string;
  change?: LessonChange;
  /** The step's own outcome, checked while the run plays (after its change, if it has one). */
  check?: LessonCheck;
}

export interface Lesson {
  id: string;
  title: string;
  /** One line for the gallery. */
  summary: string;
  misconception: string;
  /** What the learner knows at the end, in one or two sentences (shown when the lesson is finished). */
  learnt: string;
  document: Architecture;
  steps: LessonStep[];
}

type NodeSpec = [id: string, type: NodeType, label: string, col: number, row: number, config?: Record<string, unknown>];
type EdgeSpec = [source: string, target: string, kind?: string];

const COL_PX = 260;
const ROW_PX = 200;

/** Build and validate a lesson document; nodes placed on a grid of columns and rows. */
export function lessonDoc(name: string, nodes: NodeSpec[], edges: EdgeSpec[], settings: Record<string, unknown> = {}, description?: string): Architecture {
  const raw = {
    format: 'serverless-sandbox',
    version: 1,
    name,
    ...(description ? { description } : {}),
    settings: { seed: 7, durationS: 120, ...settings },
    nodes: nodes.map(([id, type, label, col, row, config]) => ({
      id,
      type,
      label,
      position: { x: col * COL_PX, y: row * ROW_PX },
      config: config ?? {},
    })),
    edges: edges.map(([source, target, kind], i) => ({ id: `e${i + 1}`, source, target, ...(kind ? { kind } : {}) })),
  };
  const result = restoreDocument(raw);
  if (!result.ok) throw new Error(`lesson "${name}" is invalid: ${result.errors.join('; ')}`);
  return result.document;
}

/** A copy of `doc` with one node's config field changed (for a "document" change built from an edit). */
export function withEdit(doc: Architecture, node: string, path: string[], value: unknown): Architecture {
  const copy = JSON.parse(JSON.stringify(doc)) as Architecture;
  const target = copy.nodes.find((n) => n.id === node);
  if (!target) throw new Error(`no node ${node}`);
  target.config = setAt(target.config, path, value);
  const result = restoreDocument(copy);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.document;
}
