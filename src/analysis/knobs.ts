/**
 * The few settings a what-if variant usually changes, read out of a document: for each
 * Lambda its memory and concurrency, for each client its rates, for each cache its TTL,
 * for each consumed SQS queue its batch size and maximum concurrency. A knob is a node's
 * config path; setting one goes through withEdit, so the result is a restored, valid
 * document or an error to show.
 */
import { getAt, type Architecture } from '../model';
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
    switch (node.type) {
      case 'lambda':
        add(['memoryMb'], 'memory', 'MB', 128, 10_240);
        add(['reservedConcurrency'], 'reserved', '', 0, 999_900, 'unreserved');
        add(['provisionedConcurrency'], 'provisioned', '', 0, 999_900);
        break;
      case 'client': {
        const traffic = (config.traffic ?? {}) as Config;
        for (const key of Object.keys(RATE_LABELS)) {
          if (key in traffic) add(['traffic', key], RATE_LABELS[key], 'rps', 0, 1_000_000);
        }
        break;
      }
      case 'sqs':
        // only a queue a function consumes has a drain to shape
        if (doc.edges.some((e) => e.source === node.id && doc.nodes.some((n) => n.id === e.target && n.type === 'lambda'))) {
          add(['batchSize'], 'batch size', '', 1, 10_000);
          add(['maxConcurrency'], 'max concurrency', '', 2, 1_000, 'no cap');
        }
        break;
      case 'dax':
        add(['itemTtlS'], 'item TTL', 's', 0, 31_536_000);
        break;
      case 'cloudfront':
        add(['cacheTtlS'], 'cache TTL', 's', 0, 31_536_000);
        break;
    }
  }
  return knobs;
}

export function knobKey(knob: Pick<Knob, 'nodeId' | 'path'>): string {
  return `${knob.nodeId}:${knob.path.join('.')}`;
}

/** The document with one knob set, or why it cannot be. */
export function setKnob(doc: Architecture, knob: Pick<Knob, 'nodeId' | 'path'>, value: number | null): { ok: true; doc: Architecture } | { ok: false; error: string } {
  try {
    return { ok: true, doc: withEdit(doc, knob.nodeId, knob.path, value) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
