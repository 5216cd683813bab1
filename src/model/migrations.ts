/**
 * Named, ordered migrations. Each takes a document of version `from` to `from + 1`.
 *
 * Version 0 was the pre-release draft (never published): no "format" field, node settings
 * under "data" instead of "config", and the seed and duration at the top level.
 */
export interface Migration {
  from: number;
  name: string;
  migrate: (doc: Record<string, unknown>) => Record<string, unknown>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    name: 'draft node data -> config, top-level seed/duration -> settings',
    migrate: (doc) => {
      const { seed, durationS, nodes, ...rest } = doc;
      const settings = { ...((doc.settings as Record<string, unknown> | undefined) ?? {}) };
      if (seed !== undefined) settings.seed = seed;
      if (durationS !== undefined) settings.durationS = durationS;
      const list = Array.isArray(nodes) ? nodes : [];
      return {
        ...rest,
        format: 'serverless-sandbox',
        version: 1,
        settings,
        nodes: list.map((n: unknown) => {
          if (typeof n !== 'object' || n === null) return n;
          const { data, ...node } = n as Record<string, unknown>;
          return data !== undefined && node.config === undefined ? { ...node, config: data } : n;
        }),
      };
    },
  },
];
