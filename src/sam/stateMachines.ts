/**
 * Step Functions state machines: `AWS::Serverless::StateMachine` (Definition, DefinitionUri,
 * DefinitionSubstitutions, Type, Events) and `AWS::StepFunctions::StateMachine`
 * (Definition, DefinitionString, DefinitionSubstitutions, StateMachineType) <-> the
 * `stepFunctions` node, whose definition is an ordered list of steps
 * (model/nodes/stepFunctions.ts).
 *
 * Reading an Amazon States Language definition follows `StartAt` and each state's `Next`:
 * Task on Lambda (the function ARN, or `arn:aws:states:::lambda:invoke` with
 * `FunctionName`) -> task with its first retrier and whether it has a Catch; Wait (Seconds)
 * -> wait; Pass and Succeed -> pass; Parallel -> parallel; Map whose item processor is one
 * Lambda task -> map; Choice -> choice with equal weights, its branches followed to the
 * state where they meet again. Everything else (other service integrations, callbacks,
 * Fail states, loops, distributed maps, timestamps, jitter…) is listed in the warnings as not
 * understood, and read as the nearest step (a Pass keeps its state transition).
 */
import { SFN_LIMITS, normaliseStep, type ArchNode, type Branch, type NodeOf, type RetrySpec, type Step } from '../model';
import { isObject, type DraftNode, type ImportContext, type Resource } from './context';
import { getAtt, ref, type Cfn, type ExportContext } from './exportContext';
import { setSchedule } from './functions';
import { resourceMetadata } from './sandboxMetadata';

const SAM_TYPE = 'AWS::Serverless::StateMachine';
const CFN_TYPE = 'AWS::StepFunctions::StateMachine';

/** After every function is declared: definitions, task edges and the events that start executions. */
export function readStateMachines(ctx: ImportContext): void {
  for (const res of ctx.ofType(SAM_TYPE, CFN_TYPE)) readStateMachine(ctx, res);
}

function readStateMachine(ctx: ImportContext, res: Resource): void {
  const node = ctx.nodes.get(res.id)!;
  const p = res.props;
  if (res.type === CFN_TYPE) ctx.nameNode(node, p.StateMachineName);
  const type = ctx.str(res.type === SAM_TYPE ? p.Type : p.StateMachineType);
  if (type === 'EXPRESS') ctx.setValue(node, ['workflowType'], 'express');
  else if (type !== undefined && type !== 'STANDARD') ctx.warn(`${res.id}: workflow type ${type} is not STANDARD or EXPRESS; STANDARD was used`);
  const asl = definitionOf(ctx, res);
  if (asl === undefined) {
    ctx.warn(
      `${res.id}: its definition is not in the template (${p.DefinitionUri !== undefined || p.DefinitionS3Location !== undefined ? 'a DefinitionUri or S3 file is not read' : 'none given'}); the state machine was imported with no steps`,
    );
  } else {
    const subs = isObject(p.DefinitionSubstitutions) ? p.DefinitionSubstitutions : {};
    const resolve = (value: unknown) => resolveFunction(ctx, value, subs);
    const steps = stepsFromAsl(asl, resolve, (m) => ctx.warnOnce(`${res.id}: not understood: ${m}`));
    ctx.setValue(node, ['definition'], steps);
    for (const target of targetsOf(steps)) ctx.link(node, ctx.nodes.get(target), undefined, `${res.id} task`);
  }
  const startedBy = resourceMetadata(ctx, res.id)?.startedBy;
  for (const id of Array.isArray(startedBy) ? startedBy.slice(0, 100) : []) ctx.link(ctx.nodes.get(String(id)), node, undefined, `${res.id} metadata`);
  if (res.type === SAM_TYPE && isObject(p.Events)) {
    for (const [eventId, raw] of Object.entries(p.Events))
      if (isObject(raw)) readEvent(ctx, node, eventId, ctx.str(raw.Type) ?? '', isObject(raw.Properties) ? raw.Properties : {});
  }
}

/** The ASL object: an inline Definition, or DefinitionString (JSON text, maybe inside !Sub). */
function definitionOf(ctx: ImportContext, res: Resource): Record<string, unknown> | undefined {
  const p = res.props;
  if (isObject(p.Definition)) return p.Definition;
  let text: unknown = p.DefinitionString;
  if (isObject(text) && 'Fn::Sub' in text) {
    const arg = text['Fn::Sub'];
    text = typeof arg === 'string' ? arg : Array.isArray(arg) ? arg[0] : undefined;
  } else if (text !== undefined && typeof text !== 'string') text = ctx.str(text);
  if (typeof text !== 'string') {
    if (p.DefinitionString !== undefined) ctx.warn(`${res.id}: DefinitionString is built with functions the sandbox cannot evaluate; it was not read`);
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    ctx.warn(`${res.id}: DefinitionString is not JSON; it was not read`);
    return undefined;
  }
}

/** The Lambda node a Task's Resource or FunctionName names: `${Sub}`, an intrinsic, an ARN or a name. */
function resolveFunction(ctx: ImportContext, value: unknown, subs: Record<string, unknown>): string | undefined {
  if (isObject(value)) return lambdaId(ctx.nodeIn(value));
  if (typeof value !== 'string') return undefined;
  const m = /\$\{([^}]+)\}/.exec(value);
  if (m) {
    const name = m[1];
    if (name in subs) return lambdaId(ctx.nodeIn(subs[name]));
    return lambdaId(ctx.nodeFor(name.split('.')[0]));
  }
  const arn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(value);
  return lambdaId(ctx.nodeIn(arn ? arn[1] : value));
}

function lambdaId(node: DraftNode | undefined): string | undefined {
  return node?.type === 'lambda' ? node.id : undefined;
}

function readEvent(ctx: ImportContext, machine: DraftNode, eventId: string, type: string, p: Record<string, unknown>): void {
  const where = `${machine.id} event ${eventId} (${type})`;
  switch (type) {
    case 'Api': {
      let api: DraftNode | undefined;
      if (p.RestApiId === undefined) {
        api = ctx.addNode('ServerlessRestApi', 'apiGateway');
        ctx.setValue(api, ['flavor'], 'rest');
      } else api = ctx.nodeIn(p.RestApiId);
      if (api) ctx.link(api, machine, undefined, where);
      else ctx.warn(`${where}: its API is not in this template; no edge was drawn`);
      return;
    }
    case 'Schedule':
    case 'ScheduleV2':
    case 'EventBridgeRule':
    case 'CloudWatchEvent': {
      // SAM names the generated rule or schedule <StateMachineId><EventId>.
      const rule = ctx.addNode(`${machine.id}${eventId}`, 'eventbridge');
      const expression = type.startsWith('Schedule') ? ctx.str(type === 'Schedule' ? p.Schedule : p.ScheduleExpression) : undefined;
      setSchedule(ctx, rule, type.startsWith('Schedule') ? (expression ?? null) : null, where);
      ctx.link(rule, machine, undefined, where);
      return;
    }
    default:
      ctx.warn(`${where}: ${type || 'this'} event sources are not modelled; no edge was drawn`);
  }
}

function targetsOf(steps: Branch): string[] {
  const out: string[] = [];
  const walk = (b: Branch) => {
    for (const item of b) {
      const s = normaliseStep(item);
      if ((s.type === 'task' || s.type === 'map') && !out.includes(s.target)) out.push(s.target);
      if (s.type === 'parallel') s.branches.forEach(walk);
      if (s.type === 'choice') s.branches.forEach((c) => walk(c.steps));
    }
  };
  walk(steps);
  return out;
}

// ---- ASL -> steps ----

type States = Record<string, unknown>;

/**
 * The steps an ASL definition runs, in order. `resolve` names the Lambda node of a Task's
 * function (undefined when it is not a Lambda of this template); `warn` hears each part
 * that is not understood.
 */
export function stepsFromAsl(asl: Record<string, unknown>, resolve: (value: unknown) => string | undefined, warn: (message: string) => void): Branch {
  let budget = SFN_LIMITS.steps;
  const chain = (startAt: unknown, states: States, depth: number, stopAt: ReadonlySet<string>, seen: Set<string>): Branch => {
    const out: Branch = [];
    let name = typeof startAt === 'string' ? startAt : undefined;
    while (name !== undefined && !stopAt.has(name)) {
      if (seen.has(name)) {
        warn(`a loop back to state "${name}" (the branch ends there)`);
        break;
      }
      seen.add(name);
      const state = states[name];
      if (!isObject(state)) {
        warn(`state "${name}" is missing from States`);
        break;
      }
      if (--budget < 0) {
        warn(`more than ${SFN_LIMITS.steps} states (the rest are left out)`);
        break;
      }
      const type = typeof state.Type === 'string' ? state.Type : '';
      let next: string | undefined = state.End === true || typeof state.Next !== 'string' ? undefined : state.Next;
      switch (type) {
        case 'Task':
          out.push(task(name, state, states));
          break;
        case 'Wait': {
          const seconds = typeof state.Seconds === 'number' ? state.Seconds : undefined;
          if (seconds === undefined)
            warn(
              `Wait state "${name}" waits for ${state.Timestamp !== undefined ? 'a Timestamp' : state.SecondsPath !== undefined ? 'SecondsPath' : state.TimestampPath !== undefined ? 'TimestampPath' : 'an unknown time'} (read as 1 s)`,
            );
          out.push({ type: 'wait', seconds: Math.max(0, Math.min(SFN_LIMITS.waitS, Math.round(seconds ?? 1))) });
          break;
        }
        case 'Pass':
          out.push({ type: 'pass' });
          break;
        case 'Succeed':
          out.push({ type: 'pass' });
          next = undefined;
          break;
        case 'Fail':
          warn(`Fail state "${name}" (read as the end of its branch)`);
          out.push({ type: 'pass' });
          next = undefined;
          break;
        case 'Parallel': {
          const branches = Array.isArray(state.Branches) ? state.Branches.filter(isObject) : [];
          if (depth + 1 >= SFN_LIMITS.depth) {
            warn(`Parallel state "${name}" nests deeper than ${SFN_LIMITS.depth} levels (read as a Pass)`);
            out.push({ type: 'pass' });
            break;
          }
          if (branches.length === 0) {
            warn(`Parallel state "${name}" has no branches (read as a Pass)`);
            out.push({ type: 'pass' });
            break;
          }
          out.push({
            type: 'parallel',
            branches: branches.slice(0, 50).map((b) => chain(b.StartAt, isObject(b.States) ? b.States : {}, depth + 1, new Set(), new Set())),
          });
          errorHandling(name, state, 'Parallel');
          break;
        }
        case 'Map':
          out.push(map(name, state));
          break;
        case 'Choice': {
          const choices = Array.isArray(state.Choices) ? state.Choices.filter(isObject) : [];
          const heads = [...choices.map((c) => c.Next), state.Default].filter((n): n is string => typeof n === 'string');
          if (heads.length === 0) {
            warn(`Choice state "${name}" has no Next states (read as a Pass)`);
            out.push({ type: 'pass' });
            break;
          }
          if (depth + 1 >= SFN_LIMITS.depth) {
            warn(`Choice state "${name}" nests deeper than ${SFN_LIMITS.depth} levels (read as a Pass)`);
            out.push({ type: 'pass' });
            break;
          }
          const written = typeof state.Comment === 'string' ? /^weights ([\d.:]+)$/.exec(state.Comment) : null;
          const weights = written ? written[1].split(':').map(Number) : [];
          const weighted = weights.length === heads.length && weights.every((w) => Number.isFinite(w) && w >= 0) && weights.some((w) => w > 0);
          if (!weighted) warn(`the conditions of Choice state "${name}" (each branch is given the same weight)`);
          const join = meetingPoint(heads, states, seen);
          const stop = new Set(join === undefined ? [] : [join]);
          out.push({
            type: 'choice',
            branches: heads.slice(0, 50).map((h, j) => ({ weight: weighted ? weights[j] : 1, steps: chain(h, states, depth + 1, stop, new Set(seen)) })),
          });
          next = join;
          break;
        }
        default:
          warn(`state "${name}" of type ${type || 'none'} (read as a Pass)`);
          out.push({ type: 'pass' });
      }
      name = next;
    }
    return out;
  };

  const errorHandling = (name: string, state: Record<string, unknown>, what: string) => {
    if (Array.isArray(state.Retry) && state.Retry.length) warn(`Retry on ${what} state "${name}" (only task retries are modelled)`);
    if (Array.isArray(state.Catch) && state.Catch.length) warn(`Catch on ${what} state "${name}" (only task catchers are modelled)`);
  };

  const retryOf = (name: string, state: Record<string, unknown>): RetrySpec | null => {
    const retriers = Array.isArray(state.Retry) ? state.Retry.filter(isObject) : [];
    if (retriers.length === 0) return null;
    if (retriers.length > 1) warn(`state "${name}" has ${retriers.length} retriers (the first is used for every error)`);
    const r = retriers[0];
    if (r.MaxDelaySeconds !== undefined || r.JitterStrategy !== undefined) warn(`MaxDelaySeconds / JitterStrategy of state "${name}"`);
    const d = SFN_LIMITS.retryDefaults;
    const n = (v: unknown, fallback: number, lo: number, hi: number, int: boolean) => {
      const x = typeof v === 'number' && Number.isFinite(v) ? v : fallback;
      return Math.max(lo, Math.min(hi, int ? Math.round(x) : x));
    };
    return {
      maxAttempts: n(r.MaxAttempts, d.maxAttempts, 0, SFN_LIMITS.maxAttempts, true),
      intervalS: n(r.IntervalSeconds, d.intervalS, 1, SFN_LIMITS.intervalS, true),
      backoffRate: n(r.BackoffRate, d.backoffRate, 1, SFN_LIMITS.backoffRate, false),
    };
  };

  const catchOf = (name: string, state: Record<string, unknown>, scope: States) => {
    const catchers = Array.isArray(state.Catch) ? state.Catch.filter(isObject) : [];
    const handlerEnds = (c: Record<string, unknown>) => {
      const h = typeof c.Next === 'string' ? scope[c.Next] : undefined;
      return isObject(h) && (h.End === true || h.Type === 'Succeed' || h.Type === 'Fail');
    };
    const toFail = (c: Record<string, unknown>) => {
      const h = typeof c.Next === 'string' ? scope[c.Next] : undefined;
      return isObject(h) && h.Type === 'Fail';
    };
    const handled = catchers.filter((c) => !toFail(c));
    if (handled.length < catchers.length) warn(`the Catch of "${name}" that goes to a Fail state (read as no Catch: the execution fails)`);
    if (handled.some((c) => !handlerEnds(c))) warn(`the states after the Catch of "${name}" (the handler is counted as one state, then the branch ends)`);
    return handled.length > 0;
  };

  /** The function of a Task state, or undefined (with a warning) when it is not a Lambda invoke. */
  const functionOf = (name: string, state: Record<string, unknown>): string | undefined => {
    const resource = state.Resource;
    const text = typeof resource === 'string' ? resource : undefined;
    let fnValue: unknown = resource;
    if (text !== undefined && text.startsWith('arn:aws:states:::')) {
      const integration = text.slice('arn:aws:states:::'.length);
      if (integration === 'lambda:invoke') {
        const params = isObject(state.Parameters) ? state.Parameters : isObject(state.Arguments) ? state.Arguments : {};
        fnValue = params.FunctionName;
        if (fnValue === undefined) {
          warn(`Task state "${name}" takes its function from the input (${'FunctionName.$'} in Parameters)`);
          return undefined;
        }
      } else {
        warn(`Task state "${name}" calls ${integration} (only Lambda tasks are modelled; read as a Pass)`);
        return undefined;
      }
    }
    const id = resolve(fnValue);
    if (id === undefined) warn(`Task state "${name}" invokes a function that is not a Lambda of this template (read as a Pass)`);
    return id;
  };

  const task = (name: string, state: Record<string, unknown>, scope: States): Step => {
    const target = functionOf(name, state);
    if (state.TimeoutSeconds !== undefined || state.HeartbeatSeconds !== undefined) warn(`TimeoutSeconds / HeartbeatSeconds of state "${name}"`);
    const retry = retryOf(name, state);
    const caught = catchOf(name, state, scope);
    if (target === undefined) return { type: 'pass' };
    return { type: 'task', target, retry, catch: caught };
  };

  const map = (name: string, state: Record<string, unknown>): Step => {
    const processor = isObject(state.ItemProcessor) ? state.ItemProcessor : isObject(state.Iterator) ? state.Iterator : {};
    const config = isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : {};
    if (config.Mode === 'DISTRIBUTED') warn(`Map state "${name}" runs in distributed mode (read as an inline Map)`);
    const states = isObject(processor.States) ? processor.States : {};
    const tasks = Object.entries(states).filter(([, s]) => isObject(s) && s.Type === 'Task');
    const others = Object.entries(states).filter(([, s]) => !isObject(s) || (s.Type !== 'Task' && s.Type !== 'Pass' && s.Type !== 'Succeed'));
    errorHandling(name, state, 'Map');
    if (tasks.length !== 1 || others.length > 0) {
      warn(
        `the item processor of Map state "${name}" (${tasks.length} tasks${others.length ? ' and other states' : ''}; a Map of one Lambda task is modelled; read as a Pass)`,
      );
      return { type: 'pass' };
    }
    const [taskName, taskState] = tasks[0] as [string, Record<string, unknown>];
    const target = functionOf(taskName, taskState);
    if (target === undefined) return { type: 'pass' };
    warn(`the number of items of Map state "${name}" comes from the execution's input (10 assumed)`);
    const mc = typeof state.MaxConcurrency === 'number' ? Math.max(0, Math.min(SFN_LIMITS.maxConcurrency, Math.round(state.MaxConcurrency))) : 0;
    return { type: 'map', target, items: 10, maxConcurrency: mc, retry: retryOf(taskName, taskState), catch: catchOf(taskName, taskState, states) };
  };

  const states = isObject(asl.States) ? asl.States : {};
  if (asl.QueryLanguage === 'JSONata') warn('JSONata expressions (the states are read, the data is not)');
  return chain(asl.StartAt, states, 0, new Set(), new Set());
}

/** The first state every branch reaches (following Next), where a Choice's branches meet again. */
function meetingPoint(heads: string[], states: States, before: ReadonlySet<string>): string | undefined {
  const pathOf = (start: string) => {
    const path: string[] = [];
    const seen = new Set<string>();
    let name: string | undefined = start;
    while (name !== undefined && !seen.has(name) && !before.has(name) && path.length < 500) {
      seen.add(name);
      path.push(name);
      const s: unknown = states[name];
      if (!isObject(s)) break;
      if (s.Type === 'Choice') {
        // follow the Default (or first choice) through nested choices
        const c = Array.isArray(s.Choices) ? s.Choices.find(isObject) : undefined;
        name = typeof s.Default === 'string' ? s.Default : typeof c?.Next === 'string' ? c.Next : undefined;
      } else name = s.End === true || typeof s.Next !== 'string' ? undefined : s.Next;
    }
    return path;
  };
  const paths = heads.map(pathOf);
  const others = paths.slice(1).map((p) => new Set(p));
  return paths[0].find((n) => others.every((o) => o.has(n)));
}

// ---- steps -> ASL and the resource ----

/** An ASL definition for the steps; `arnOf(fnId)` gives the `${…}` substitution name of a function. */
export function aslFromSteps(steps: Branch, arnOf: (fnId: string) => string): Record<string, unknown> {
  let n = 0;
  const invoke = (target: string) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: `\${${arnOf(target)}}`, 'Payload.$': '$' },
  });
  /** Write `branch` into `states`, its last state going on to `after` (or ending); returns its first state's name. */
  const emit = (branch: Branch, states: Record<string, unknown>, after: string | null): string | null => {
    let next = after;
    for (let i = branch.length - 1; i >= 0; i--) {
      const s = normaliseStep(branch[i]);
      const id = ++n;
      const link = next === null ? { End: true } : { Next: next };
      let name: string;
      switch (s.type) {
        case 'task':
          name = `Invoke ${s.target} ${id}`;
          states[name] = { ...invoke(s.target), ...retryCatch(s.retry, s.catch, name), ...link };
          break;
        case 'wait':
          name = `Wait ${id}`;
          states[name] = { Type: 'Wait', Seconds: s.seconds, ...link };
          break;
        case 'pass':
          name = `Pass ${id}`;
          states[name] = { Type: 'Pass', ...link };
          break;
        case 'parallel':
          name = `Parallel ${id}`;
          states[name] = { Type: 'Parallel', Branches: s.branches.map(machine), ...link };
          break;
        case 'map': {
          name = `Map ${s.target} ${id}`;
          const inner = `Invoke ${s.target} ${id} item`;
          states[name] = {
            Type: 'Map',
            ItemsPath: '$.items',
            MaxConcurrency: s.maxConcurrency,
            ItemProcessor: {
              ProcessorConfig: { Mode: 'INLINE' },
              StartAt: inner,
              States: { [inner]: { ...invoke(s.target), ...retryCatch(s.retry, s.catch, inner), End: true } },
            },
            ...link,
          };
          break;
        }
        case 'choice': {
          name = `Choice ${id}`;
          let done = next;
          if (done === null) {
            done = `Done ${id}`;
            states[done] = { Type: 'Succeed' };
          }
          const heads = s.branches.map((b) => emit(b.steps, states, done) ?? done!);
          states[name] = {
            Type: 'Choice',
            Comment: `weights ${s.branches.map((b) => b.weight).join(':')}`,
            Choices: heads.slice(0, -1).map((h, j) => ({ Variable: '$.branch', NumericEquals: j, Next: h })),
            Default: heads[heads.length - 1],
          };
          break;
        }
      }
      next = name;
    }
    return next === after ? null : next;
  };
  const machine = (branch: Branch): { StartAt: string; States: Record<string, unknown> } => {
    const states: Record<string, unknown> = {};
    const start = emit(branch, states, null);
    if (start === null) return { StartAt: 'Start', States: { Start: { Type: 'Pass', End: true } } };
    return { StartAt: start, States: states };
  };
  return { Comment: 'Exported from Serverless Sandbox', ...machine(steps) };
}

function retryCatch(retry: RetrySpec | null, canCatch: boolean, name: string): Record<string, unknown> {
  return {
    ...(retry
      ? { Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: retry.intervalS, MaxAttempts: retry.maxAttempts, BackoffRate: retry.backoffRate }] }
      : {}),
    ...(canCatch ? { Catch: [{ ErrorEquals: ['States.ALL'], Next: `${name} failed` }] } : {}),
  };
}

/** The state machine's resource (and the Catch handler states its definition needs). */
export function stateMachineResource(ctx: ExportContext, node: NodeOf<'stepFunctions'>): Cfn {
  const c = node.config;
  const fns = targetsOf(c.definition);
  const byId = new Map(ctx.doc.nodes.map((n) => [n.id, n] as [string, ArchNode]));
  const subName = (fnId: string) => `${byId.get(fnId) ? ctx.id(byId.get(fnId)!) : fnId.replace(/[^A-Za-z0-9]/g, '')}Arn`;
  const asl = aslFromSteps(c.definition, subName);
  addCatchHandlers(asl);
  const events: Cfn = {};
  for (const link of ctx.to(node, 'startExecution', 'target')) {
    const s = link.source;
    const sid = ctx.id(s);
    if (s.type === 'apiGateway') {
      if (s.config.flavor === 'http') {
        ctx.comments.push(
          `${ctx.id(node)} is started by HTTP API ${sid}: SAM state machine events support REST APIs only, so the integration is kept in the sandbox metadata; add an AWS::ApiGatewayV2::Integration (StepFunctions-Start${c.workflowType === 'express' ? 'Sync' : ''}Execution) before deploying.`,
        );
        continue;
      }
      const implicit = s.id === 'ServerlessRestApi';
      events[`From${sid}`] = { Type: 'Api', Properties: { ...(implicit ? {} : { RestApiId: ref(sid) }), Path: `/${ctx.id(node)}`, Method: 'POST' } };
      if (c.workflowType === 'express')
        ctx.comments.push(
          `${ctx.id(node)}: SAM's Api event calls StartExecution; for a synchronous Express workflow (what the sandbox simulates) integrate StartSyncExecution in the API's definition.`,
        );
    }
  }
  const startedByHttp = ctx.to(node, 'startExecution').filter((l) => l.source.type === 'apiGateway' && l.source.config.flavor === 'http');
  const meta = ctx.metadata(node, startedByHttp.length ? { startedBy: startedByHttp.map((l) => ctx.id(l.source)) } : {});
  return {
    Type: SAM_TYPE,
    ...(meta ? { Metadata: meta } : {}),
    Properties: {
      Type: c.workflowType === 'express' ? 'EXPRESS' : 'STANDARD',
      Definition: asl,
      ...(fns.length
        ? { DefinitionSubstitutions: Object.fromEntries(fns.filter((f) => byId.has(f)).map((f) => [subName(f), getAtt(ctx.id(byId.get(f)!), 'Arn')])) }
        : {}),
      ...(fns.length ? { Policies: fns.filter((f) => byId.has(f)).map((f) => ({ LambdaInvokePolicy: { FunctionName: ref(ctx.id(byId.get(f)!)) } })) } : {}),
      ...(Object.keys(events).length ? { Events: events } : {}),
    },
  };
}

/** Each `Catch` names a handler state "<task> failed": add it (a Pass that ends the branch) where it is missing. */
function addCatchHandlers(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(addCatchHandlers);
    return;
  }
  if (!isObject(value)) return;
  if (isObject(value.States)) {
    const states = value.States;
    for (const s of Object.values(states)) {
      if (!isObject(s) || !Array.isArray(s.Catch)) continue;
      for (const c of s.Catch) if (isObject(c) && typeof c.Next === 'string' && !(c.Next in states)) states[c.Next] = { Type: 'Pass', End: true };
    }
  }
  for (const v of Object.values(value)) addCatchHandlers(v);
}
