/**
 * The one way to read and write a value by its path inside plain data (a document, a node's
 * config): `["traffic", "rps"]`, or `["nodes", 2, "config"]` with array indices.
 */

/** The value at `path`, or undefined when the path leaves the data. */
export function getAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** A copy of `root` with the value at `path` replaced (objects on the way are copied, not mutated; missing ones created). */
export function setAt<T>(root: T, path: readonly PropertyKey[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy as T;
  }
  const base = (root !== null && typeof root === 'object' ? root : {}) as Record<PropertyKey, unknown>;
  return { ...base, [head]: setAt(base[head], rest, value) } as T;
}
