import type { Fields, InferFields } from '../fields';
import type { EdgeMeaning } from '../connections';

/**
 * What a kind can do, for the layers that treat kinds alike:
 * - `cache`: keeps copies; the cacheFlush fault applies to it.
 * - `keyed`: its behaviour depends on which key a request touches (the simulator draws keys).
 * - `queue` / `stream`: it buffers records a consumer reads (depth, iterator age).
 * - `compute`: runs a handler (concurrency, cold starts).
 * - `trafficSource`: starts requests by itself.
 */
export type Capability = 'cache' | 'keyed' | 'queue' | 'stream' | 'compute' | 'trafficSource';

/** A problem one node's settings have (checked with the rest of the document). */
export interface KindProblem {
  /** Path inside the node's `config`; empty = the node itself. */
  field: string[];
  message: string;
}

/** What a kind offers a comparison variant to change (analysis/knobs.ts). */
export interface KnobSpec {
  path: string[];
  label: string;
  unit: string;
  min: number;
  max: number;
  /** Set: the value may be null, shown as this. */
  nullLabel?: string;
  /** Offered only when the node has an outgoing edge to a node of this type. */
  onlyWithTarget?: string;
}

/** How a node of this kind is fed when a diagram has no traffic (model/entryTraffic.ts). */
export interface EntrySpec {
  /** Rate a new client offers, rps. */
  ratePerS: number;
  /**
   * 'always': called from outside even with nothing behind it (an API). 'whenItHandsOn':
   * only when it has an outgoing edge. 'fallback': only when nothing else is an entry point.
   */
  when: 'always' | 'whenItHandsOn' | 'fallback';
  /** Every request writes (uploads to a bucket). */
  writesOnly?: boolean;
  /** Words for the note: "20 rps of <unit>", "a function that <verb> it". */
  unit: string;
  verb: string;
}

/** What the catalogue knows about one AWS service. */
export interface NodeKind<T extends string = string, F extends Fields = Fields> {
  type: T;
  /** Display name, as AWS spells it. */
  label: string;
  /** What it does in the sandbox, in one sentence. */
  description: string;
  /** Palette group. */
  category: 'traffic' | 'edge' | 'compute' | 'data' | 'messaging';
  capabilities: readonly Capability[];
  fields: F;
  /** The two or three settings that matter most, for the node card. */
  summary: (config: InferFields<F>) => string[];
  /** Where the AWS behaviour behind the settings is documented. */
  docsUrl: string;
  /** Outgoing edge meanings its handler calls, in edge order, per request (compute kinds). */
  handlerCalls?: readonly EdgeMeaning[];
  /** Rules on this node's own settings that span several fields. */
  crossCheck?: (config: InferFields<F>, doc: { settings: { accountConcurrency: number }; nodes: readonly { id: string; type: string }[] }) => KindProblem[];
  /** Settings a comparison may vary. */
  knobs?: readonly KnobSpec[];
  /** Set when outside traffic may enter here. */
  entry?: EntrySpec;
}

export function defineKind<const T extends string, const F extends Fields>(kind: NodeKind<T, F>): NodeKind<T, F> {
  return kind;
}
