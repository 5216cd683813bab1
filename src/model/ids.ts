/**
 * Ids are just text: a node may be called `__proto__`, `constructor` or `toString`. Records
 * keyed by ids are made without a prototype, so such ids are ordinary keys (on a plain `{}`
 * `rec['__proto__'] = x` would replace the prototype and `rec['toString']` would find
 * Object.prototype's). Read records that may come from elsewhere (JSON, structured clone)
 * with `ownValue`.
 */
export function recordById<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `rec[id]` if `rec` has it as its own property, else undefined. */
export function ownValue<T>(rec: Record<string, T>, id: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(rec, id) ? rec[id] : undefined;
}
