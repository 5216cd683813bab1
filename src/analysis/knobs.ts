/**
 * The few settings a what-if variant usually changes, read out of a document: for each
 * client its rates, and for every other node the knobs its kind declares (model/nodes/*.ts:
 * a Lambda's memory and concurrency, a cache's TTL, a consumed queue's batch size...). A knob is a node's
 * config path; setting one goes through withEdit, so the result is a restored, valid
 * document or an error to show.
 */
import { getAt, kindOf, type Architecture } from '../model';
import { withEdit } from '../lessons/lesson';

export interface Knob {
  nodeId: string;
  nodeLabel: string;
  nodeType: string;
  /** Path below the node's config. */
  path: string[];
  label: string;
  unit: string;
  /** null only for knobs that may be unset (reserved concurrency). */
  value: number | null;
  nullable: boolean;
  /** What an empty value means, for nullable knobs ("unreserved", "no cap"). */
  nullLabel?: string;
  min: number;
  max: number;
}

const RATE_LABELS: Record<string, string> = {
  rps: 'rate',
  fromRps: 'rate from',
  toRps: 'rate to',
  baseRps: 'base rate',
  peakRps: 'peak rate',
  minRps: 'min rate',
  maxRps: 'max rate',
};

type Config = Record<string, unknown>;

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function variantKnobs(doc: Architecture): Knob[] {
  const knobs: Knob[] = [];
  for (const node of doc.nodes) {
    const config = node.config as Config;
    const base = { nodeId: node.id, nodeLabel: node.label || node.id, nodeType: node.type };
    const add = (path: string[], label: string, unit: string, min: number, max: number, nullLabel?: string) => {
      const value = num(getAt(config, path));
      const nullable = nullLabel !== undefined;
      if (value === null && !nullable) return;
      knobs.push({ ...base, path, label, unit, value, nullable, min, max, ...(nullable ? { nullLabel } : {}) });
    };
    if (node.type === 'client') {
      const traffic = (config.traffic ?? {}) as Config;
      for (const key of Object.keys(RATE_LABELS)) {
        if (key in traffic) add(['traffic', key], RATE_LABELS[key], 'rps', 0, 1_000_000);
      }
    }
    for (const spec of kindOf(node.type).knobs ?? []) {
      const target = spec.onlyWithTarget;
      if (target && !doc.edges.some((e) => e.source === node.id && doc.nodes.some((n) => n.id === e.target && n.type === target))) continue;
      add([...spec.path], spec.label, spec.unit, spec.min, spec.max, spec.nullLabel);
    }
  }
  return knobs;
}

export function knobKey(knob: Pick<Knob, 'nodeId' | 'path'>): string {
  return `${knob.nodeId}:${knob.path.join('.')}`;
}

/** The document with one knob set, or why it cannot be. */
export function setKnob(
  doc: Architecture,
  knob: Pick<Knob, 'nodeId' | 'path'>,
  value: number | null,
): { ok: true; doc: Architecture } | { ok: false; error: string } {
  try {
    return { ok: true, doc: withEdit(doc, knob.nodeId, knob.path, value) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
