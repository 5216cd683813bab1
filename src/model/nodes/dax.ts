import { enumOf, int } from '../fields';
import { defineKind } from './kind';

/**
 * DAX node types: memory (GiB) and on-demand price per node-hour, us-east-1.
 * r5.large $0.269 and t3.small $0.04 per reference §5; t3.medium $0.08 is UNVERIFIED there.
 * Larger r5 sizes follow AWS's doubling per size step (derived, not read from the price page).
 */
export const DAX_NODE_TYPES = {
  'dax.t3.small': { memoryGb: 2, usdPerHour: 0.04 },
  'dax.t3.medium': { memoryGb: 4, usdPerHour: 0.08 },
  'dax.r5.large': { memoryGb: 16, usdPerHour: 0.269 },
  'dax.r5.xlarge': { memoryGb: 32, usdPerHour: 0.538 },
  'dax.r5.2xlarge': { memoryGb: 64, usdPerHour: 1.076 },
  'dax.r5.4xlarge': { memoryGb: 128, usdPerHour: 2.152 },
} as const;

export type DaxNodeType = keyof typeof DAX_NODE_TYPES;

export const daxKind = defineKind({
  type: 'dax',
  label: 'DAX',
  description: 'In-memory cache for DynamoDB: microsecond hits, write-through, billed per node-hour.',
  category: 'data',
  capabilities: ['cache', 'keyed'],
  knobs: [{ path: ['itemTtlS'], label: 'item TTL', unit: 's', min: 0, max: 31_536_000 }],
  docsUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.concepts.html',
  fields: {
    nodeType: enumOf({
      label: 'Node type',
      hint: 'Memory bounds the LRU cache; billed per node-hour whether used or not.',
      default: 'dax.r5.large',
      options: (Object.keys(DAX_NODE_TYPES) as DaxNodeType[]).map((t) => ({
        value: t,
        label: `${t} (${DAX_NODE_TYPES[t].memoryGb} GiB, $${DAX_NODE_TYPES[t].usdPerHour}/h)`,
      })),
    }),
    nodes: int({ label: 'Nodes', min: 1, max: 11, default: 3, hint: '1 primary + up to 10 replicas; 3 or more across AZs for production.' }),
    itemTtlS: int({
      label: 'Item TTL',
      unit: 's',
      min: 0,
      max: 31_536_000,
      default: 300,
      hint: 'Item cache TTL, default 5 min; 0 = keep until evicted or overwritten.',
    }),
    queryTtlS: int({ label: 'Query TTL', unit: 's', min: 0, max: 31_536_000, default: 300, hint: 'Query cache TTL, default 5 min; writes do not refresh it.' }),
  },
  summary: (c) => [`${c.nodes} × ${c.nodeType.replace('dax.', '')}`, `item TTL ${c.itemTtlS} s`],
});
