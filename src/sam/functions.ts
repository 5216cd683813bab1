/**
 * Lambda functions: AWS::Serverless::Function (with Globals and Events) and
 * AWS::Lambda::Function, plus the resources that configure them (Version/Alias
 * provisioned concurrency, EventInvokeConfig, EventSourceMapping).
 */
import { isObject, type DraftNode, type ImportContext, type Resource } from './context';
import { nearestRuntime, normaliseSchedule } from './runtimeMap';
import { SAM_KINDS, kindForEvent } from './kinds';
import type { NodeType } from '../model';

/** Globals merged under a resource's properties: maps merge, the resource's own values win. */
export function withGlobals(globals: unknown, props: Record<string, unknown>): Record<string, unknown> {
  if (!isObject(globals)) return props;
  const out: Record<string, unknown> = { ...globals };
  for (const [key, value] of Object.entries(props)) {
    out[key] = isObject(value) && isObject(out[key]) ? withGlobals(out[key], value) : value;
  }
  return out;
}

/** What a function event's source is called in warnings. */
const EVENT_SOURCE_WORDS: Partial<Record<NodeType, string>> = { sqs: 'queue', dynamodb: 'table stream', s3: 'bucket', sns: 'topic', kinesis: 'stream' };

export const FUNCTION_TYPES = ['AWS::Serverless::Function', 'AWS::Lambda::Function'];

/** Effective properties of every function, Globals applied; filled by readFunctions. */
export type FunctionProps = Map<string, Record<string, unknown>>;

/** Phase 1: a node per function (ids, labels, physical names), before any links are read. */
export function declareFunctions(ctx: ImportContext): FunctionProps {
  const globals = isObject(ctx.template.Globals) ? ctx.template.Globals.Function : undefined;
  const all: FunctionProps = new Map();
  for (const res of ctx.ofType(...FUNCTION_TYPES)) {
    const props = res.type === 'AWS::Serverless::Function' ? withGlobals(globals, res.props) : res.props;
    all.set(res.id, props);
    const node = ctx.addNode(res.id, 'lambda', res);
    ctx.nameNode(node, props.FunctionName);
  }
  return all;
}

/** Phase 2: settings, dead-letter queues and destinations, once every node exists. */
export function readFunctions(ctx: ImportContext, functions: FunctionProps): void {
  for (const [id, props] of functions) readSettings(ctx, ctx.nodes.get(id)!, props);
}

function readSettings(ctx: ImportContext, node: DraftNode, p: Record<string, unknown>): void {
  const runtime = ctx.str(p.Runtime);
  if (runtime !== undefined) {
    const mapped = nearestRuntime(runtime);
    if (mapped) {
      ctx.setValue(node, ['runtime'], mapped);
      if (mapped !== runtime) ctx.warn(`${node.id}: runtime ${runtime} is not one the sandbox models; ${mapped}, the nearest, was used`);
    } else ctx.warn(`${node.id}: runtime ${runtime} is not one the sandbox models; the default was kept`);
  } else if (ctx.str(p.PackageType) === 'Image') {
    ctx.warn(`${node.id}: a container image function has no runtime in the template; the default runtime was used`);
  }
  const arch = Array.isArray(p.Architectures) ? ctx.str(p.Architectures[0]) : undefined;
  if (arch === 'arm64' || arch === 'x86_64') ctx.setValue(node, ['architecture'], arch);
  ctx.setNumber(node, ['memoryMb'], p.MemorySize, 'MemorySize');
  ctx.setNumber(node, ['timeoutMs'], p.Timeout, 'Timeout (s)', 1000);
  ctx.setNumber(node, ['reservedConcurrency'], p.ReservedConcurrentExecutions, 'ReservedConcurrentExecutions');
  if (isObject(p.ProvisionedConcurrencyConfig)) {
    ctx.setNumber(node, ['provisionedConcurrency'], p.ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions, 'ProvisionedConcurrentExecutions');
  }
  if (isObject(p.SnapStart) && ctx.str(p.SnapStart.ApplyOn) === 'PublishedVersions') ctx.setValue(node, ['snapStart'], true);
  if (isObject(p.VpcConfig) && (Array.isArray(p.VpcConfig.SubnetIds) ? p.VpcConfig.SubnetIds.length > 0 : p.VpcConfig.SubnetIds !== undefined))
    ctx.setValue(node, ['vpc'], true);
  if (isObject(p.EventInvokeConfig)) readInvokeConfig(ctx, node, p.EventInvokeConfig);
  // SAM: DeadLetterQueue {Type, TargetArn}; CloudFormation: DeadLetterConfig {TargetArn}.
  const dlq = isObject(p.DeadLetterQueue) ? p.DeadLetterQueue.TargetArn : isObject(p.DeadLetterConfig) ? p.DeadLetterConfig.TargetArn : undefined;
  if (dlq !== undefined) {
    const target = ctx.nodeIn(dlq);
    if (target) ctx.link(node, target, 'onFailure', `${node.id} dead-letter queue`);
    else ctx.warn(`${node.id}: its dead-letter queue is not a queue or topic in this template; no edge was drawn`);
  }
}

export function readInvokeConfig(ctx: ImportContext, node: DraftNode, cfg: Record<string, unknown>): void {
  ctx.setNumber(node, ['maxRetryAttempts'], cfg.MaximumRetryAttempts, 'MaximumRetryAttempts');
  ctx.setNumber(node, ['maxEventAgeS'], cfg.MaximumEventAgeInSeconds, 'MaximumEventAgeInSeconds');
  const dest = isObject(cfg.DestinationConfig) ? cfg.DestinationConfig : {};
  if (isObject(dest.OnFailure)) {
    const target = ctx.nodeIn(dest.OnFailure.Destination);
    if (target) ctx.link(node, target, 'onFailure', `${node.id} on-failure destination`);
    else ctx.warn(`${node.id}: its on-failure destination is not a queue, topic, function or rule in this template; no edge was drawn`);
  }
  if (isObject(dest.OnSuccess)) ctx.warnOnce(`${node.id}: on-success destinations are not modelled`);
}

/** SAM function Events: each becomes an edge (and, for APIs and schedules, maybe a node). */
export function readEvents(ctx: ImportContext, functions: FunctionProps): void {
  for (const [fnId, props] of functions) {
    if (!isObject(props.Events)) continue;
    const fn = ctx.nodes.get(fnId)!;
    for (const [eventId, raw] of Object.entries(props.Events)) {
      if (!isObject(raw)) continue;
      const type = ctx.str(raw.Type) ?? '';
      const p = isObject(raw.Properties) ? raw.Properties : {};
      readEvent(ctx, fn, eventId, type, p);
    }
  }
}

function readEvent(ctx: ImportContext, fn: DraftNode, eventId: string, type: string, p: Record<string, unknown>): void {
  const where = `${fn.id} event ${eventId} (${type})`;
  const source = (value: unknown, what: string) => {
    const node = ctx.nodeIn(value);
    if (!node) ctx.warn(`${where}: its ${what} is not in this template; no edge was drawn`);
    return node;
  };
  if (p.Enabled === false || ctx.str(p.State) === 'DISABLED') ctx.warn(`${where} is disabled in the template; it was imported as enabled`);
  switch (type) {
    case 'Api':
    case 'HttpApi': {
      const explicit = type === 'Api' ? p.RestApiId : p.ApiId;
      let api = explicit === undefined ? undefined : source(explicit, 'API');
      if (explicit === undefined) {
        api = ctx.addNode(type === 'Api' ? 'ServerlessRestApi' : 'ServerlessHttpApi', 'apiGateway');
        ctx.setValue(api, ['flavor'], type === 'Api' ? 'rest' : 'http');
      }
      if (!api) return;
      if (p.TimeoutInMillis !== undefined) ctx.setNumber(api, ['timeoutMs'], p.TimeoutInMillis, 'TimeoutInMillis');
      ctx.link(api, fn, undefined, where);
      return;
    }
    case 'Schedule':
    case 'ScheduleV2':
    case 'EventBridgeRule':
    case 'CloudWatchEvent': {
      // SAM names the generated rule or schedule <FunctionId><EventId>.
      const id = `${fn.id}${eventId}`;
      const rule = ctx.addNode(id, 'eventbridge');
      const expression = type.startsWith('Schedule') ? ctx.str(type === 'Schedule' ? p.Schedule : p.ScheduleExpression) : undefined;
      setSchedule(ctx, rule, type.startsWith('Schedule') ? (expression ?? null) : null, where);
      ctx.link(rule, fn, undefined, where);
      return;
    }
    default: {
      const kind = kindForEvent(type);
      const event = kind ? SAM_KINDS[kind].event : undefined;
      if (!kind || !event) {
        ctx.warn(`${where}: ${type || 'this'} event sources are not modelled; no edge was drawn`);
        return;
      }
      const value = p[event.sourceProperty];
      const from = event.sourceOf ? event.sourceOf(ctx, value) : ctx.nodeIn(value);
      if (!from) ctx.warn(`${where}: its ${EVENT_SOURCE_WORDS[kind] ?? 'source'} is not in this template; no edge was drawn`);
      if (!from) return;
      if (from.type === kind) event.read?.(ctx, from, p, where);
      ctx.link(from, fn, event.kind, where);
    }
  }
}

export function setSchedule(ctx: ImportContext, rule: DraftNode, expression: string | null, where: string): void {
  if (expression === null) {
    ctx.setValue(rule, ['schedule'], null);
    return;
  }
  const fixed = normaliseSchedule(expression);
  if (fixed === null) ctx.warn(`${where}: schedule "${expression}" is not a rate(...) or cron(...) the sandbox can run; it was imported as an event rule`);
  else if (fixed !== expression.trim()) ctx.warn(`${where}: schedule "${expression}" was read as "${fixed}"`);
  ctx.setValue(rule, ['schedule'], fixed);
}

export function enableStream(ctx: ImportContext, table: DraftNode, where: string): void {
  if (table.type !== 'dynamodb') return;
  const stream = table.config.stream as { enabled: boolean };
  if (!stream.enabled) {
    ctx.warn(`${where}: table ${table.id} has no StreamSpecification in the template; its stream was turned on to connect it`);
    ctx.setValue(table, ['stream', 'enabled'], true);
  }
}

/** BatchSize / MaximumBatchingWindowInSeconds of an event source, stored on the source node. */
export function readBatching(ctx: ImportContext, node: DraftNode, prefix: string[], p: Record<string, unknown>): void {
  ctx.setNumber(node, [...prefix, 'batchSize'], p.BatchSize, 'BatchSize');
  ctx.setNumber(node, [...prefix, 'maxBatchingWindowS'], p.MaximumBatchingWindowInSeconds, 'MaximumBatchingWindowInSeconds');
}

/** Resources that configure functions from outside: versions, aliases, invoke configs, mappings. */
export function readFunctionSatellites(ctx: ImportContext): void {
  for (const res of ctx.ofType('AWS::Lambda::Version', 'AWS::Lambda::Alias')) {
    const fn = ctx.nodeFor(ctx.refIn(res.props.FunctionName));
    if (fn && isObject(res.props.ProvisionedConcurrencyConfig)) {
      ctx.setNumber(
        fn,
        ['provisionedConcurrency'],
        res.props.ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions,
        `${res.id} ProvisionedConcurrentExecutions`,
      );
    }
  }
  for (const res of ctx.ofType('AWS::Lambda::EventInvokeConfig')) {
    const fn = ctx.nodeFor(ctx.refIn(res.props.FunctionName)) ?? ctx.nodeIn(res.props.FunctionName);
    if (fn) readInvokeConfig(ctx, fn, res.props);
    else ctx.warn(`${res.id}: its function is not in this template; it was skipped`);
  }
  for (const res of ctx.ofType('AWS::Lambda::EventSourceMapping')) readMapping(ctx, res);
}

function readMapping(ctx: ImportContext, res: Resource): void {
  const where = `event source mapping ${res.id}`;
  const fn = ctx.nodeFor(ctx.refIn(res.props.FunctionName)) ?? ctx.nodeIn(res.props.FunctionName);
  const consumer = ctx.refIn(res.props.EventSourceArn);
  const consumerRes = consumer ? ctx.resources.get(consumer.id) : undefined;
  const source = consumerRes?.type === 'AWS::Kinesis::StreamConsumer' ? ctx.nodeIn(consumerRes.props.StreamARN) : ctx.nodeIn(res.props.EventSourceArn);
  if (!fn || !source) {
    ctx.warn(`${where}: its ${fn ? 'event source (Kafka, MQ or a resource outside the template)' : 'function'} is not modelled; no edge was drawn`);
    return;
  }
  if (res.props.Enabled === false) ctx.warn(`${where} is disabled in the template; it was imported as enabled`);
  const event = SAM_KINDS[source.type].event;
  if (event?.mapping) event.read?.(ctx, source, res.props, where);
  ctx.link(source, fn, event?.mapping ? event.kind : undefined, where);
}
