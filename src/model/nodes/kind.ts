import type { Fields, InferFields } from '../fields';

/** What the catalogue knows about one AWS service. */
export interface NodeKind<T extends string = string, F extends Fields = Fields> {
  type: T;
  /** Display name, as AWS spells it. */
  label: string;
  /** What it does in the sandbox, in one sentence. */
  description: string;
  category: 'traffic' | 'edge' | 'compute' | 'data' | 'messaging';
  fields: F;
  /** The two or three settings that matter most, for the node card. */
  summary: (config: InferFields<F>) => string[];
  /** Where the AWS behaviour behind the settings is documented. */
  docsUrl: string;
}

export function defineKind<const T extends string, const F extends Fields>(kind: NodeKind<T, F>): NodeKind<T, F> {
  return kind;
}
