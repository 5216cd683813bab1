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
          if (!PSEUDO.test(m[1]) && !Object.prototype.hasOwnProperty.call(local, id)) out.push({ id, attribute: attr.length ? attr.join('.') : undefined });
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
  /** Called when a value cannot be evaluated safely (a reference cycle, a value too long). */
  onProblem?: (message: string) => void;
}

/** Deepest nesting of intrinsic functions evaluated; deeper values are not known. */
export const MAX_EVALUATION_DEPTH = 50;
/** Longest text a literal may evaluate to (a parameter doubling itself through !Sub grows fast). */
export const MAX_LITERAL_CHARS = 100_000;

type Literal = string | number | boolean | undefined;
const EVALUATING = Symbol('evaluating');

/** Each parameter's value is evaluated once per Evaluation: linear however often it is used. */
const parameterValues = new WeakMap<Evaluation, Map<string, Literal | typeof EVALUATING>>();

const own = (o: Record<string, unknown>, key: string): unknown => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);

function parameterValue(name: string, ev: Evaluation, depth: number): Literal {
  let values = parameterValues.get(ev);
  if (!values) parameterValues.set(ev, (values = new Map()));
  const known = values.get(name);
  if (known === EVALUATING) {
    ev.onProblem?.(
      `parameter ${name} refers to itself through its Default (a reference cycle); its value is not known, so the settings it feeds keep their defaults`,
    );
    return undefined;
  }
  if (values.has(name)) return known as Literal;
  const param = own(ev.parameters, name);
  if (!isObject(param)) return undefined;
  values.set(name, EVALUATING);
  const v = literal(param.Default, ev, depth + 1);
  values.set(name, v);
  return v;
}

function tooLong(ev: Evaluation): undefined {
  ev.onProblem?.(
    `a value evaluates to more than ${MAX_LITERAL_CHARS.toLocaleString('en-US')} characters (parameters repeating each other through !Sub?); it was not evaluated`,
  );
  return undefined;
}

/** The literal value of `value`, or undefined when it depends on deployment. */
export function literal(value: unknown, ev: Evaluation, depth = 0): Literal {
  if (depth > MAX_EVALUATION_DEPTH) {
    ev.onProblem?.(
      `a value is nested deeper than ${MAX_EVALUATION_DEPTH} levels (intrinsic functions, or parameters referring to each other); it was not evaluated`,
    );
    return undefined;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  const arg = value[key];
  switch (key) {
    case 'Ref': {
      if (typeof arg !== 'string') return undefined;
      return parameterValue(arg, ev, depth);
    }
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3) return undefined;
      if (typeof arg[0] === 'string') ev.onCondition?.(arg[0]);
      return literal(arg[1], ev, depth + 1);
    }
    case 'Fn::Sub': {
      const [text, vars] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) ? [arg[0], arg[1]] : [undefined, undefined];
      if (typeof text !== 'string') return undefined;
      if (text.length > MAX_LITERAL_CHARS) return tooLong(ev);
      let ok = true;
      let length = text.length;
      const out = text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
        if (!ok) return whole;
        if (name.startsWith('!')) return '${' + name.slice(1) + '}';
        const local = isObject(vars) ? own(vars, name) : undefined;
        const v = local !== undefined ? literal(local, ev, depth + 1) : parameterValue(name, ev, depth);
        if (v === undefined) ok = false;
        const piece = String(v ?? whole);
        length += piece.length;
        if (length > MAX_LITERAL_CHARS) ok = false;
        return ok ? piece : whole;
      });
      if (ok) return out;
      return length > MAX_LITERAL_CHARS ? tooLong(ev) : undefined;
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return undefined;
      const parts: Literal[] = [];
      let length = 0;
      for (const p of arg[1]) {
        const v = literal(p, ev, depth + 1);
        if (v === undefined) return undefined;
        length += String(v).length + arg[0].length;
        if (length > MAX_LITERAL_CHARS) return tooLong(ev);
        parts.push(v);
      }
      return parts.join(arg[0]);
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
      const table = own(ev.mappings, String(map));
      const row = isObject(table) ? own(table, String(top)) : undefined;
      return isObject(row) ? literal(own(row, String(second)), ev, depth + 1) : undefined;
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
