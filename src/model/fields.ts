/**
 * Field specifications: one declaration per setting gives the zod schema (range, default),
 * the TypeScript type and everything the inspector shows (label, unit, hint). Declaring a
 * field once keeps the schema, the editor and the docs from drifting apart.
 */
import { z } from 'zod';

interface FieldBase {
  label: string;
  /** One line on the AWS behaviour behind the field, shown under the input. */
  hint: string;
}

export interface NumberSpec<Nullable extends boolean = boolean> extends FieldBase {
  kind: 'number';
  min: number;
  max: number;
  integer: boolean;
  unit?: string;
  step?: number;
  default: Nullable extends true ? number | null : number;
  /** When set, `null` is allowed and means what this label says (e.g. "unreserved"). */
  nullLabel?: Nullable extends true ? string : undefined;
  /** The verb of the other choice, before the number (e.g. "Reserve" for "Reserve 10"). */
  setLabel?: Nullable extends true ? string : undefined;
}

export interface EnumSpec<V extends string = string> extends FieldBase {
  kind: 'enum';
  options: readonly { value: V; label: string }[];
  default: V;
}

export interface BooleanSpec extends FieldBase {
  kind: 'boolean';
  default: boolean;
}

export interface TextSpec<Nullable extends boolean = boolean> extends FieldBase {
  kind: 'text';
  default: Nullable extends true ? string | null : string;
  maxLength: number;
  /** Checks the text; returns a message saying what is allowed, or null when fine. */
  validate?: (value: string) => string | null;
  nullLabel?: Nullable extends true ? string : undefined;
  placeholder?: string;
  /** The text is the id of a node of this type: the inspector offers those nodes by their names. */
  nodeRef?: string;
}

export interface GroupSpec<F extends Fields = Fields> extends FieldBase {
  kind: 'group';
  fields: F;
}

export interface Variant<F extends Fields = Fields> {
  label: string;
  fields: F;
}

export interface UnionSpec<D extends string = string, V extends Record<string, Variant> = Record<string, Variant>> extends FieldBase {
  kind: 'union';
  discriminator: D;
  variants: V;
  default: keyof V & string;
}

/**
 * A value with its own schema (e.g. a state machine's list of steps): the inspector gives it a
 * dedicated editor; `allowed` says in words what the schema accepts (for the docs).
 */
export interface CustomSpec<T = unknown> extends FieldBase {
  kind: 'custom';
  schema: z.ZodType<T>;
  default: T;
  allowed: string;
  /** Which dedicated editor the inspector shows ('steps': a state machine's definition). */
  editor: 'steps';
}

export type FieldSpec = CustomSpec | NumberSpec<true> | NumberSpec<false> | EnumSpec | BooleanSpec | TextSpec<true> | TextSpec<false> | GroupSpec | UnionSpec;

export type Fields = { readonly [key: string]: FieldSpec };

/** The value type a field spec describes. */
export type Infer<S> =
  S extends CustomSpec<infer T>
    ? T
    : S extends NumberSpec<true>
      ? number | null
      : S extends NumberSpec<false>
        ? number
        : S extends EnumSpec<infer V>
          ? V
          : S extends BooleanSpec
            ? boolean
            : S extends TextSpec<true>
              ? string | null
              : S extends TextSpec<false>
                ? string
                : S extends GroupSpec<infer F>
                  ? InferFields<F>
                  : S extends UnionSpec<infer D, infer V>
                    ? { [K in keyof V & string]: { [P in D]: K } & InferFields<V[K]['fields']> }[keyof V & string]
                    : never;

export type InferFields<F extends Fields> = { -readonly [K in keyof F]: Infer<F[K]> };

// ---- builders (keep literal types so Infer works) ----

export function num(spec: Omit<NumberSpec<false>, 'kind' | 'integer' | 'nullLabel'> & { integer?: boolean }): NumberSpec<false> {
  return { kind: 'number', integer: false, ...spec };
}
export function int(spec: Omit<NumberSpec<false>, 'kind' | 'integer' | 'nullLabel'>): NumberSpec<false> {
  return { kind: 'number', ...spec, integer: true };
}
export function nullableInt(spec: Omit<NumberSpec<true>, 'kind' | 'integer'> & { nullLabel: string }): NumberSpec<true> {
  return { kind: 'number', ...spec, integer: true };
}
export function enumOf<const V extends string>(spec: Omit<EnumSpec<V>, 'kind'>): EnumSpec<V> {
  return { kind: 'enum', ...spec };
}
export function bool(spec: Omit<BooleanSpec, 'kind'>): BooleanSpec {
  return { kind: 'boolean', ...spec };
}
export function text(spec: Omit<TextSpec<false>, 'kind' | 'nullLabel'>): TextSpec<false> {
  return { kind: 'text', ...spec };
}
export function nullableText(spec: Omit<TextSpec<true>, 'kind'> & { nullLabel: string }): TextSpec<true> {
  return { kind: 'text', ...spec };
}
export function custom<T>(spec: Omit<CustomSpec<T>, 'kind'>): CustomSpec<T> {
  return { kind: 'custom', ...spec };
}
export function group<const F extends Fields>(spec: Omit<GroupSpec<F>, 'kind'>): GroupSpec<F> {
  return { kind: 'group', ...spec };
}
export function union<const D extends string, const V extends Record<string, Variant>>(spec: Omit<UnionSpec<D, V>, 'kind'>): UnionSpec<D, V> {
  return { kind: 'union', ...spec };
}

// ---- formatting shared by messages and the inspector ----

// One formatter for all: toLocaleString() builds a new Intl.NumberFormat on every call, which
// made building the schemas (hundreds of range messages) cost ~60 ms at page start.
// Made on first use: the first Intl.NumberFormat loads ICU's data (~30 ms of CPU), which a
// command line that prints JSON never needs.
let numberFormat: Intl.NumberFormat | undefined;

export function formatNumber(value: number): string {
  return (numberFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 })).format(value);
}

/** "128–10,240 MB" */
export function describeRange(spec: NumberSpec): string {
  const unit = spec.unit ? ` ${spec.unit}` : '';
  return `${formatNumber(spec.min)}–${formatNumber(spec.max)}${unit}`;
}

// ---- defaults ----

export function defaultOf<S extends FieldSpec>(spec: S): Infer<S> {
  switch (spec.kind) {
    case 'group':
      return defaultsOf(spec.fields) as Infer<S>;
    case 'union': {
      const variant = spec.variants[spec.default];
      return { [spec.discriminator]: spec.default, ...defaultsOf(variant.fields) } as Infer<S>;
    }
    default:
      return spec.default as Infer<S>;
  }
}

export function defaultsOf<F extends Fields>(fields: F): InferFields<F> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(fields)) out[key] = defaultOf(spec);
  return out as InferFields<F>;
}

// ---- zod ----

function numberSchema(spec: NumberSpec): z.ZodType {
  // the messages are written when a value fails (a schema of every field is built at start-up; formatting them all cost more than the rest)
  const allowed = () => `allowed: ${describeRange(spec)}${spec.integer ? ', whole numbers' : ''}${spec.nullLabel ? `, or null (${spec.nullLabel})` : ''}`;
  let schema = z.number({ error: () => `expected a number; ${allowed()}` });
  if (spec.integer) schema = schema.int({ error: () => `must be a whole number; ${allowed()}` });
  schema = schema.min(spec.min, { error: () => `is below the minimum; ${allowed()}` }).max(spec.max, { error: () => `is above the maximum; ${allowed()}` });
  return spec.nullLabel ? schema.nullable() : schema;
}

function textSchema(spec: TextSpec): z.ZodType {
  let schema: z.ZodType<string> = z.string({ error: 'expected text' }).max(spec.maxLength, { error: `is longer than ${spec.maxLength} characters` });
  const validate = spec.validate;
  if (validate) {
    schema = schema.superRefine((value, ctx) => {
      const problem = validate(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
  }
  return spec.nullLabel ? schema.nullable() : schema;
}

export function fieldsSchema(fields: Fields): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, spec] of Object.entries(fields)) shape[key] = fieldSchema(spec);
  return z.strictObject(shape);
}

/** The zod schema of one field, with its default applied when the field is omitted. */
export function fieldSchema(spec: FieldSpec): z.ZodType {
  switch (spec.kind) {
    case 'custom':
      return spec.schema.default(spec.default as never);
    case 'number':
      return numberSchema(spec).default(spec.default);
    case 'enum': {
      const values = spec.options.map((o) => o.value) as [string, ...string[]];
      return z.enum(values, { error: `must be one of: ${values.join(', ')}` }).default(spec.default);
    }
    case 'boolean':
      return z.boolean({ error: 'expected true or false' }).default(spec.default);
    case 'text':
      return textSchema(spec).default(spec.default);
    case 'group':
      return fieldsSchema(spec.fields).default(defaultOf(spec));
    case 'union': {
      const names = Object.keys(spec.variants);
      const options = names.map((name) =>
        z.strictObject({
          [spec.discriminator]: z.literal(name),
          ...(fieldsSchema(spec.variants[name].fields) as z.ZodObject).shape,
        }),
      );
      // A field of another variant (left behind when a hand-written document switched the
      // variant, e.g. an IAM authorizer that still says cacheTtlS) is dropped, as the inspector
      // drops it; only a field no variant knows is refused as unknown.
      const own = new Map(names.map((name) => [name, new Set(Object.keys(spec.variants[name].fields))]));
      const others = new Set(names.flatMap((name) => Object.keys(spec.variants[name].fields)));
      const dropOtherVariants = (value: unknown): unknown => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
        const chosen = own.get((value as Record<string, unknown>)[spec.discriminator] as string);
        if (!chosen) return value;
        const entries = Object.entries(value).filter(([key]) => key === spec.discriminator || chosen.has(key) || !others.has(key));
        return entries.length === Object.keys(value).length ? value : Object.fromEntries(entries);
      };
      const union = z.discriminatedUnion(spec.discriminator, options as unknown as [z.ZodObject, ...z.ZodObject[]], {
        error: `"${spec.discriminator}" must be one of: ${names.join(', ')}`,
      });
      return z.preprocess(dropOtherVariants, union).default(defaultOf(spec));
    }
  }
}

/** Look up the spec of a nested field by its path below `config` (e.g. ["traffic","rps"]). */
export function findField(fields: Fields, path: readonly string[], value?: unknown): FieldSpec | undefined {
  const [head, ...rest] = path;
  const spec = fields[head];
  if (!spec || rest.length === 0) return spec;
  if (spec.kind === 'group') return findField(spec.fields, rest, (value as Record<string, unknown> | undefined)?.[head]);
  if (spec.kind === 'union') {
    const current = (value as Record<string, Record<string, unknown>> | undefined)?.[head];
    const variantName = (current?.[spec.discriminator] as string | undefined) ?? spec.default;
    const variant = spec.variants[variantName];
    if (rest.length === 1 && rest[0] === spec.discriminator) return undefined;
    return variant ? findField(variant.fields, rest, current) : undefined;
  }
  return undefined;
}
