/**
 * Reading and writing one value deep inside a node's config, checked against the field
 * spec the model declares for it. Nothing here knows a range: the specs do.
 */
import { defaultsOf, fieldSchema, findField, type FieldSpec, type Fields, type UnionSpec } from './fields';
import { getAt } from './valuePath';

export type FieldCheck = { ok: true; value: unknown } | { ok: false; reason: string };

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'empty';
  return String(value);
}

/** Check one value against its spec; the message says what is allowed. */
export function checkValue(spec: FieldSpec, value: unknown): FieldCheck {
  if (value === undefined) return { ok: false, reason: 'a value is required' };
  if (typeof value === 'number' && !Number.isFinite(value)) return { ok: false, reason: 'expected a number' };
  const parsed = fieldSchema(spec).safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  const shown = issue.path.length ? '' : `${describe(value)} `;
  return { ok: false, reason: `${where}${shown}${issue.message}` };
}

/** The union whose discriminator `path` points at, if it does. */
export function unionAt(fields: Fields, path: readonly string[], config: unknown): UnionSpec | undefined {
  if (path.length < 2) return undefined;
  const parent = findField(fields, path.slice(0, -1), config);
  if (parent?.kind === 'union' && parent.discriminator === path[path.length - 1]) return parent;
  return undefined;
}

/**
 * The new value of a whole union when its discriminator changes: the new variant's defaults,
 * keeping any same-named setting the person already chose (e.g. `meanMs`).
 */
export function switchVariant(spec: UnionSpec, current: unknown, variant: string): FieldCheck {
  const chosen = spec.variants[variant];
  if (!chosen) return { ok: false, reason: `${describe(variant)} must be one of: ${Object.keys(spec.variants).join(', ')}` };
  const next: Record<string, unknown> = { [spec.discriminator]: variant, ...defaultsOf(chosen.fields) };
  const old = (current ?? {}) as Record<string, unknown>;
  for (const [key, fieldSpec] of Object.entries(chosen.fields)) {
    if (key in old && checkValue(fieldSpec, old[key]).ok) next[key] = old[key];
  }
  return checkValue(spec, next);
}

/** Check an edit of `config` at `path`; returns the value to store at that path. */
export function checkConfigEdit(
  fields: Fields,
  config: unknown,
  path: readonly string[],
  value: unknown,
): { ok: true; path: string[]; value: unknown } | { ok: false; reason: string } {
  if (path.length === 0) return { ok: false, reason: 'no field named' };
  const union = unionAt(fields, path, config);
  if (union) {
    const unionPath = path.slice(0, -1);
    const result = switchVariant(union, getAt(config, unionPath), String(value));
    return result.ok ? { ok: true, path: unionPath, value: result.value } : result;
  }
  const spec = findField(fields, path, config);
  if (!spec) return { ok: false, reason: `"${path.join('.')}" is not a setting of this service` };
  const result = checkValue(spec, value);
  return result.ok ? { ok: true, path: [...path], value: result.value } : result;
}
