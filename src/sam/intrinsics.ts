/**
 * Reading CloudFormation values without deploying them: which logical IDs a value refers
 * to, and what literal it evaluates to when that can be known from the template alone
 * (parameter defaults, mappings, !Sub without variables, !If taken on its first branch).
 */

export interface Reference {
  id: string;
  attribute?: string;
}

const PSEUDO = /^AWS::/;

export type IsObject = Record<string, unknown>;
export const isObject = (v: unknown): v is IsObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every logical ID referenced anywhere inside `value` (Ref, GetAtt, Sub), pseudo parameters left out. */
export function referencesIn(value: unknown, out: Reference[] = [], depth = 0): Reference[] {
  if (depth > 100) return out;
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, out, depth + 1);
    return out;
  }
  if (!isObject(value)) return out;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys;
    const arg = value[key];
    if (key === 'Ref') {
      if (typeof arg === 'string' && !PSEUDO.test(arg)) out.push({ id: arg });
      return out;
    }
    if (key === 'Fn::GetAtt') {
      const parts = typeof arg === 'string' ? arg.split('.') : Array.isArray(arg) ? arg : [];
      if (typeof parts[0] === 'string') out.push({ id: parts[0], attribute: typeof parts[1] === 'string' ? parts.slice(1).join('.') : undefined });
      else referencesIn(parts, out, depth + 1);
      return out;
    }
    if (key === 'Fn::Sub') {
      const [text, vars] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) ? [arg[0], arg[1]] : [undefined, undefined];
      const local = isObject(vars) ? vars : {};
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const [id, ...attr] = m[1].trim().split('.');
          if (!PSEUDO.test(m[1]) && !(id in local)) out.push({ id, attribute: attr.length ? attr.join('.') : undefined });
        }
      }
      referencesIn(Object.values(local), out, depth + 1);
      return out;
    }
  }
  for (const v of Object.values(value)) referencesIn(v, out, depth + 1);
  return out;
}

export interface Evaluation {
  parameters: Record<string, unknown>;
  mappings: Record<string, unknown>;
  /** Called once per !If, with the condition name, when the first branch was taken. */
  onCondition?: (condition: string) => void;
}

/** The literal value of `value`, or undefined when it depends on deployment. */
export function literal(value: unknown, ev: Evaluation, depth = 0): string | number | boolean | undefined {
  if (depth > 50) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  const arg = value[key];
  switch (key) {
    case 'Ref': {
      if (typeof arg !== 'string') return undefined;
      const param = ev.parameters[arg];
      return isObject(param) ? literal(param.Default, ev, depth + 1) : undefined;
    }
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3) return undefined;
      if (typeof arg[0] === 'string') ev.onCondition?.(arg[0]);
      return literal(arg[1], ev, depth + 1);
    }
    case 'Fn::Sub': {
      const [text, vars] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) ? [arg[0], arg[1]] : [undefined, undefined];
      if (typeof text !== 'string') return undefined;
      let ok = true;
      const out = text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
        if (name.startsWith('!')) return '${' + name.slice(1) + '}';
        const v = literal(isObject(vars) && name in vars ? vars[name] : { Ref: name }, ev, depth + 1);
        if (v === undefined) ok = false;
        return String(v ?? whole);
      });
      return ok ? out : undefined;
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return undefined;
      const parts = arg[1].map((p) => literal(p, ev, depth + 1));
      return parts.every((p) => p !== undefined) ? parts.join(arg[0]) : undefined;
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg)) return undefined;
      const index = Number(literal(arg[0], ev, depth + 1));
      const list = arg[1];
      return Array.isArray(list) && Number.isInteger(index) ? literal(list[index], ev, depth + 1) : undefined;
    }
    case 'Fn::FindInMap': {
      if (!Array.isArray(arg) || arg.length < 3) return undefined;
      const [map, top, second] = arg.slice(0, 3).map((a) => literal(a, ev, depth + 1));
      const table = ev.mappings[String(map)];
      const row = isObject(table) ? table[String(top)] : undefined;
      return isObject(row) ? literal(row[String(second)], ev, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** A number from a literal (CloudFormation JSON often writes numbers as strings). */
export function literalNumber(value: unknown, ev: Evaluation): number | undefined {
  const v = literal(value, ev);
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function literalString(value: unknown, ev: Evaluation): string | undefined {
  const v = literal(value, ev);
  return v === undefined ? undefined : String(v);
}
