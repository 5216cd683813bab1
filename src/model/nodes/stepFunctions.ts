/**
 * AWS Step Functions: a state machine whose definition is a small ordered list of steps
 * (docs/document-format.md, "Additions in this round"; behaviour in docs/aws-reference.md §11).
 *
 * A step is a Task (one Lambda, with Retry and Catch), a Wait, a Parallel (branches that run
 * at once), a Map (one Lambda per item, with a maximum concurrency), a Choice (one of its
 * branches, picked with the given weights) or a Pass. Inside Parallel and Choice branches a
 * bare function id is short for a Task on that function with no Retry. The edges from the
 * state machine to the functions it calls are derived from the definition
 * (`stepFunctionsTargets`, `withDerivedTaskEdges`).
 */
import { z } from 'zod';
import { custom, enumOf, int } from '../fields';
import { defineKind } from './kind';

export interface RetrySpec {
  /** Retries after the first attempt (ASL MaxAttempts; 0 = never retry). */
  maxAttempts: number;
  /** Wait before the first retry (ASL IntervalSeconds). */
  intervalS: number;
  /** Multiplier of the wait for each further retry (ASL BackoffRate, ≥ 1). */
  backoffRate: number;
}

export interface TaskStep {
  type: 'task';
  /** Id of the Lambda the task invokes. */
  target: string;
  /** null = no Retry field: the first failure is final. */
  retry: RetrySpec | null;
  /** Catch (States.ALL): a failure left after the retries goes to a handler state and the execution succeeds. */
  catch: boolean;
}
export interface WaitStep {
  type: 'wait';
  seconds: number;
}
export interface PassStep {
  type: 'pass';
}
/** A branch: steps in order; a bare string is a Task on that function with no Retry. */
export type Branch = (Step | string)[];
export interface ParallelStep {
  type: 'parallel';
  branches: Branch[];
}
export interface MapStep {
  type: 'map';
  target: string;
  /** Items in each execution's input list (one iteration each). */
  items: number;
  /** ASL MaxConcurrency; 0 = no limit (an inline Map runs at most 40 iterations at once). */
  maxConcurrency: number;
  retry: RetrySpec | null;
  catch: boolean;
}
export interface ChoiceStep {
  type: 'choice';
  /** Each execution follows one branch, drawn with these relative weights. */
  branches: { weight: number; steps: Branch }[];
}
export type Step = TaskStep | WaitStep | PassStep | ParallelStep | MapStep | ChoiceStep;
export type StepType = Step['type'];

/** AWS limits and defaults (docs/aws-reference.md §11.3). */
export const SFN_LIMITS = {
  /** ASL Retry defaults when a field is left out. */
  retryDefaults: { maxAttempts: 3, intervalS: 1, backoffRate: 2 } as RetrySpec,
  maxAttempts: 99_999_999,
  intervalS: 99_999_999,
  backoffRate: 1_000,
  /** A Wait may last up to the Standard maximum execution time, one year. */
  waitS: 31_536_000,
  /** Inline Map: at most 40 concurrent iterations. */
  inlineMapConcurrency: 40,
  mapItems: 10_000,
  maxConcurrency: 1_000,
  /** Steps in one definition, counted through every branch (a bound for hostile documents). */
  steps: 200,
  depth: 8,
} as const;

const idText = z
  .string({ error: 'expected the id of a Lambda node' })
  .min(1, { error: 'must name a Lambda node' })
  .max(128, { error: 'is longer than 128 characters' });
const count = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}: expected a number` })
    .int({ error: `${label}: must be a whole number` })
    .min(min, { error: `is below the minimum; allowed: ${min}–${max.toLocaleString('en-US')}` })
    .max(max, { error: `is above the maximum; allowed: ${min}–${max.toLocaleString('en-US')}` });

// built on first use (z.lazy): the range messages format numbers, and the first Intl formatter costs ~30 ms at start-up
const retrySchema = z.lazy(() =>
  z.strictObject({
    maxAttempts: count('maxAttempts', 0, SFN_LIMITS.maxAttempts).default(SFN_LIMITS.retryDefaults.maxAttempts),
    intervalS: count('intervalS', 1, SFN_LIMITS.intervalS).default(SFN_LIMITS.retryDefaults.intervalS),
    backoffRate: z
      .number({ error: 'expected a number' })
      .min(1, { error: 'is below 1.0, the smallest BackoffRate; allowed: 1–1,000' })
      .max(SFN_LIMITS.backoffRate, { error: 'is above the maximum; allowed: 1–1,000' })
      .default(SFN_LIMITS.retryDefaults.backoffRate),
  }),
);

const stepSchema: z.ZodType<Step> = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('task'), target: idText, retry: retrySchema.nullable().default(null), catch: z.boolean().default(false) }),
      z.strictObject({ type: z.literal('wait'), seconds: count('seconds', 0, SFN_LIMITS.waitS).default(1) }),
      z.strictObject({ type: z.literal('pass') }),
      z.strictObject({
        type: z.literal('parallel'),
        branches: z
          .array(branchSchema, { error: 'expected a list of branches' })
          .min(1, { error: 'needs at least one branch' })
          .max(50, { error: 'has more than 50 branches' }),
      }),
      z.strictObject({
        type: z.literal('map'),
        target: idText,
        items: count('items', 0, SFN_LIMITS.mapItems).default(10),
        maxConcurrency: count('maxConcurrency', 0, SFN_LIMITS.maxConcurrency).default(0),
        retry: retrySchema.nullable().default(null),
        catch: z.boolean().default(false),
      }),
      z.strictObject({
        type: z.literal('choice'),
        branches: z
          .array(
            z.strictObject({
              weight: z.number({ error: 'expected a number' }).min(0, { error: 'must be 0 or more' }).max(1_000_000, { error: 'is above 1,000,000' }),
              steps: branchSchema,
            }),
            { error: 'expected a list of branches' },
          )
          .min(1, { error: 'needs at least one branch' })
          .max(50, { error: 'has more than 50 branches' })
          .refine((bs) => bs.some((b) => b.weight > 0), { error: 'needs at least one branch with a weight above 0' }),
      }),
    ],
    { error: 'is not a step type; allowed: task, wait, pass, parallel, map, choice' },
  ),
) as unknown as z.ZodType<Step>;

const branchSchema: z.ZodType<Branch> = z.lazy(() => z.array(z.union([idText, stepSchema]), { error: 'expected a list of steps' }).max(SFN_LIMITS.steps));

/** Visit every step (a bare id as the Task it stands for), depth first, with its nesting depth. */
export function forEachStep(definition: Branch, visit: (step: Step, depth: number) => void, depth = 0): void {
  for (const item of definition) {
    const step = normaliseStep(item);
    visit(step, depth);
    if (step.type === 'parallel') for (const b of step.branches) forEachStep(b, visit, depth + 1);
    if (step.type === 'choice') for (const b of step.branches) forEachStep(b.steps, visit, depth + 1);
  }
}

/** A bare id in a branch is a Task on that function with no Retry or Catch. */
export function normaliseStep(item: Step | string): Step {
  return typeof item === 'string' ? { type: 'task', target: item, retry: null, catch: false } : item;
}

const definitionSchema = z.lazy(() =>
  z
    .array(z.union([idText, stepSchema]), { error: 'expected a list of steps' })
    .max(SFN_LIMITS.steps, { error: `has more than ${SFN_LIMITS.steps} steps` })
    .superRefine((definition, ctx) => {
      let steps = 0;
      let deepest = 0;
      forEachStep(definition, (_s, depth) => {
        steps++;
        deepest = Math.max(deepest, depth);
      });
      if (steps > SFN_LIMITS.steps)
        ctx.addIssue({ code: 'custom', message: `has ${steps} steps in all branches; the sandbox simulates up to ${SFN_LIMITS.steps}` });
      if (deepest >= SFN_LIMITS.depth)
        ctx.addIssue({ code: 'custom', message: `nests branches ${deepest + 1} deep; the sandbox simulates up to ${SFN_LIMITS.depth}` });
    }),
) as unknown as z.ZodType<Branch>;

/** The ids of the functions a definition calls, in first-use order. */
export function stepFunctionsTargets(definition: Branch): string[] {
  const out: string[] = [];
  forEachStep(definition, (s) => {
    if ((s.type === 'task' || s.type === 'map') && !out.includes(s.target)) out.push(s.target);
  });
  return out;
}

/** Steps of every type, for the card and the inspector. */
export const STEP_TYPES: readonly { value: StepType; label: string; hint: string }[] = [
  { value: 'task', label: 'Task → Lambda', hint: 'Invokes one function and waits for its result; Retry and Catch apply to its failures.' },
  { value: 'parallel', label: 'Parallel', hint: 'Runs its branches at once and goes on when all have finished.' },
  { value: 'map', label: 'Map', hint: 'Invokes one function per item of the input list, up to the maximum concurrency at once.' },
  { value: 'wait', label: 'Wait', hint: 'Pauses the execution. Standard: billed as one transition; Express: every second is billed duration.' },
  { value: 'choice', label: 'Choice', hint: 'Follows one of its branches; weights stand for how often each condition matches.' },
  { value: 'pass', label: 'Pass', hint: 'Passes its input on (one transition).' },
];

/** Sentence-case one step for cards and lists: "Task → resize (retry 3×)". */
export function describeStep(item: Step | string, labelOf: (id: string) => string = (id) => id): string {
  const s = normaliseStep(item);
  switch (s.type) {
    case 'task':
      return `Task → ${labelOf(s.target)}${s.retry && s.retry.maxAttempts > 0 ? ` (retry ${s.retry.maxAttempts}×)` : ''}${s.catch ? ', catch' : ''}`;
    case 'wait':
      return `Wait ${s.seconds.toLocaleString('en-US')} s`;
    case 'pass':
      return 'Pass';
    case 'parallel':
      return `Parallel, ${s.branches.length} branch${s.branches.length === 1 ? '' : 'es'}`;
    case 'map':
      return `Map → ${labelOf(s.target)}, ${s.items.toLocaleString('en-US')} item${s.items === 1 ? '' : 's'}, ${s.maxConcurrency === 0 ? 'no limit' : `${s.maxConcurrency} at once`}`;
    case 'choice':
      return `Choice, ${s.branches.length} branch${s.branches.length === 1 ? '' : 'es'}`;
  }
}

export const stepFunctionsKind = defineKind({
  type: 'stepFunctions',
  label: 'Step Functions',
  description: 'A state machine that orchestrates functions: tasks with Retry and Catch, waits, parallel branches, maps and choices.',
  category: 'compute',
  capabilities: [],
  /** Its executions call the functions of the definition's tasks (one edge each, derived). */
  handlerCalls: ['task'],
  crossCheck: (c, doc) =>
    checkStepFunctions(c.definition, new Map(doc.nodes.map((n) => [n.id, n]))).map((p) => ({ field: ['definition', ...p.path], message: p.message })),
  docsUrl: 'https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html',
  fields: {
    workflowType: enumOf({
      label: 'Workflow type',
      hint: 'Standard: billed per state transition, exactly-once, up to a year. Express: billed per request and duration × memory, at-least-once (asynchronous), 5 minutes at most.',
      default: 'standard',
      options: [
        { value: 'standard', label: 'Standard' },
        { value: 'express', label: 'Express' },
      ],
    }),
    definition: custom<Branch>({
      label: 'Definition',
      hint: 'The steps in order. Edges to the functions it calls follow from it.',
      schema: definitionSchema,
      default: [],
      editor: 'steps',
      allowed: 'list of steps: `task`, `wait`, `pass`, `parallel`, `map`, `choice` (a bare function id is a task); empty runs like one Pass state',
    }),
    billedMemoryMb: int({
      label: 'Express memory',
      unit: 'MB',
      min: 64,
      max: 4_096,
      default: 64,
      hint: 'Memory an Express execution uses for its state and payloads, billed in 64 MB steps (64 MB minimum). Standard ignores it.',
    }),
  },
  summary: (c) => {
    const steps = c.definition.length;
    const fns = stepFunctionsTargets(c.definition).length;
    return [c.workflowType === 'express' ? 'Express' : 'Standard', `${steps} step${steps === 1 ? '' : 's'}`, `${fns} function${fns === 1 ? '' : 's'}`];
  },
});

interface EdgeLike {
  id: string;
  source: string;
  target: string;
  kind?: string;
  label?: string;
}
interface NodeLike {
  id: string;
  type: string;
  config?: unknown;
}

/**
 * The edges with every state machine's task edges derived from its definition: one edge to
 * each function its definition calls (kept when present, added as `<machine>-<function>`
 * otherwise), and none to a function it does not call. Other edges are unchanged.
 */
export function withDerivedTaskEdges<E extends EdgeLike>(nodes: readonly NodeLike[], edges: readonly E[]): E[] {
  const types = new Map(nodes.map((n) => [n.id, n.type]));
  const wanted = new Map<string, string[]>();
  for (const n of nodes) {
    if (n.type !== 'stepFunctions') continue;
    const def = (n.config as { definition?: Branch } | undefined)?.definition ?? [];
    wanted.set(
      n.id,
      stepFunctionsTargets(def).filter((t) => types.get(t) === 'lambda'),
    );
  }
  if (wanted.size === 0) return edges as E[];
  const taken = new Set(edges.map((e) => e.id));
  const have = new Set<string>();
  const out: E[] = [];
  for (const e of edges) {
    const targets = wanted.get(e.source);
    if (targets && types.get(e.target) === 'lambda') {
      if (!targets.includes(e.target) || have.has(`${e.source}\u0000${e.target}`)) continue;
      have.add(`${e.source}\u0000${e.target}`);
    }
    out.push(e);
  }
  for (const [machine, targets] of wanted) {
    for (const t of targets) {
      if (have.has(`${machine}\u0000${t}`)) continue;
      let id = `${machine.slice(0, 60)}-${t.slice(0, 60)}`;
      for (let i = 2; taken.has(id); i++) id = `${machine}-${t}-${i}`;
      taken.add(id);
      out.push({ id, source: machine, target: t } as E);
    }
  }
  return out;
}

/** Problems of a definition that need the other nodes: every task and map target must be a Lambda. */
export function checkStepFunctions(definition: Branch, byId: ReadonlyMap<string, NodeLike>): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const walk = (branch: Branch, path: string[]) => {
    branch.forEach((item, i) => {
      const s = normaliseStep(item);
      const at = [...path, String(i)];
      if (s.type === 'task' || s.type === 'map') {
        const target = byId.get(s.target);
        const where = typeof item === 'string' ? at : [...at, 'target'];
        if (!target)
          problems.push({ path: where, message: `"${s.target}" is not the id of any node; a ${s.type === 'map' ? 'Map' : 'Task'} step invokes a Lambda node` });
        else if (target.type !== 'lambda')
          problems.push({ path: where, message: `"${s.target}" is not a Lambda; a ${s.type === 'map' ? 'Map' : 'Task'} step invokes a Lambda function` });
      }
      if (s.type === 'parallel') s.branches.forEach((b, j) => walk(b, [...at, 'branches', String(j)]));
      if (s.type === 'choice') s.branches.forEach((b, j) => walk(b.steps, [...at, 'branches', String(j), 'steps']));
    });
  };
  walk(definition, []);
  return problems;
}

/** The definition without the Task and Map steps that call one of `targets` (their branches kept). */
export function definitionWithout(definition: Branch, targets: ReadonlySet<string>): Branch {
  const out: Branch = [];
  for (const item of definition) {
    const s = normaliseStep(item);
    if ((s.type === 'task' || s.type === 'map') && targets.has(s.target)) continue;
    if (s.type === 'parallel') out.push({ ...s, branches: s.branches.map((b) => definitionWithout(b, targets)) });
    else if (s.type === 'choice') out.push({ ...s, branches: s.branches.map((b) => ({ ...b, steps: definitionWithout(b.steps, targets) })) });
    else out.push(item);
  }
  return out;
}

interface DocLike<N extends NodeLike, E extends EdgeLike> {
  nodes: N[];
  edges: E[];
}

/**
 * After nodes or edges were removed: a state machine stops calling a function whose node is
 * gone or whose task edge was deleted (those steps leave its definition), and its task edges
 * follow the definition again.
 */
export function reconcileStepFunctions<N extends NodeLike, E extends EdgeLike, D extends DocLike<N, E>>(before: D, after: D): D {
  if (!after.nodes.some((n) => n.type === 'stepFunctions')) return after;
  const alive = new Set(after.nodes.map((n) => n.id));
  const kept = new Set(after.edges.map((e) => `${e.source}\u0000${e.target}`));
  const types = new Map(before.nodes.map((n) => [n.id, n.type]));
  let changed = false;
  const nodes = after.nodes.map((n) => {
    if (n.type !== 'stepFunctions') return n;
    const config = n.config as { definition: Branch };
    const cut = new Set<string>();
    for (const t of stepFunctionsTargets(config.definition)) {
      if (!alive.has(t)) cut.add(t);
      else if (types.get(t) === 'lambda' && before.edges.some((e) => e.source === n.id && e.target === t) && !kept.has(`${n.id}\u0000${t}`)) cut.add(t);
    }
    if (cut.size === 0) return n;
    changed = true;
    return { ...n, config: { ...config, definition: definitionWithout(config.definition, cut) } };
  });
  const next = changed ? { ...after, nodes } : after;
  return { ...next, edges: withDerivedTaskEdges(next.nodes, next.edges) };
}
