/**
 * Messaging: SQS queues (redrive policies), SNS topics and subscriptions, EventBridge rules
 * and EventBridge Scheduler schedules with their targets.
 */
import { isObject, type DraftNode, type ImportContext, type Resource } from './context';
import { setSchedule } from './functions';
import { referencesIn } from './intrinsics';

export function readMessaging(ctx: ImportContext): void {
  for (const res of ctx.ofType('AWS::SQS::Queue')) readQueue(ctx, res);
  for (const res of ctx.ofType('AWS::SNS::Topic')) {
    const topic = ctx.nodes.get(res.id)!;
    for (const sub of Array.isArray(res.props.Subscription) ? res.props.Subscription : []) {
      if (isObject(sub)) subscribe(ctx, topic, sub.Protocol, sub.Endpoint, `${res.id} subscription`);
    }
  }
  for (const res of ctx.ofType('AWS::SNS::Subscription')) {
    const topic = ctx.nodeIn(res.props.TopicArn);
    if (topic?.type === 'sns') subscribe(ctx, topic, res.props.Protocol, res.props.Endpoint, `subscription ${res.id}`);
    else ctx.warn(`subscription ${res.id}: its topic is not in this template; no edge was drawn`);
  }
  for (const res of ctx.ofType('AWS::Events::Rule')) readRule(ctx, res);
  for (const res of ctx.ofType('AWS::Scheduler::Schedule')) {
    const node = ctx.nodes.get(res.id)!;
    const expression = ctx.str(res.props.ScheduleExpression);
    setSchedule(ctx, node, expression ?? null, res.id);
    if (ctx.str(res.props.State) === 'DISABLED') ctx.warn(`${res.id} is disabled in the template; it was imported as enabled`);
    const target = isObject(res.props.Target) ? res.props.Target : {};
    addTarget(ctx, node, target.Arn, res.id);
    if (isObject(target.DeadLetterConfig)) {
      const dlq = ctx.nodeIn(target.DeadLetterConfig.Arn);
      if (dlq?.type === 'sqs') ctx.link(node, dlq, 'dlq', `${res.id} dead-letter queue`);
      else ctx.warn(`${res.id}: its dead-letter queue is not in this template; no edge was drawn`);
    }
  }
}

function readQueue(ctx: ImportContext, res: Resource): void {
  const queue = ctx.nodes.get(res.id)!;
  const p = res.props;
  const fifo = ctx.lit(p.FifoQueue);
  if (fifo === true || fifo === 'true') ctx.setValue(queue, ['queueType'], 'fifo');
  ctx.setNumber(queue, ['visibilityTimeoutS'], p.VisibilityTimeout, 'VisibilityTimeout');
  ctx.setNumber(queue, ['retentionS'], p.MessageRetentionPeriod, 'MessageRetentionPeriod');
  let redrive: unknown = p.RedrivePolicy;
  if (typeof redrive === 'string') {
    try {
      redrive = JSON.parse(redrive);
    } catch {
      ctx.warn(`${res.id}: RedrivePolicy is text that is not JSON; it was skipped`);
      return;
    }
  }
  if (isObject(redrive) && redrive.deadLetterTargetArn === undefined && redrive.maxReceiveCount === undefined) {
    // JSON text built with an intrinsic (!Sub '{"deadLetterTargetArn": "${Dlq.Arn}", ...}', !Join):
    // the queue is the reference in it, the count the number after "maxReceiveCount"
    const text = JSON.stringify(redrive);
    const ref = referencesIn(redrive)[0];
    const count = /maxReceiveCount\\?"?\s*:\s*\\?"?(\d+)/.exec(text);
    redrive = { deadLetterTargetArn: ref ? { Ref: ref.id } : undefined, maxReceiveCount: count ? Number(count[1]) : undefined };
  }
  if (!isObject(redrive)) return;
  ctx.setNumber(queue, ['maxReceiveCount'], redrive.maxReceiveCount, 'maxReceiveCount');
  const dlq = ctx.nodeIn(redrive.deadLetterTargetArn);
  if (dlq) ctx.link(queue, dlq, 'dlq', `${res.id} redrive policy`);
  else ctx.warn(`${res.id}: its dead-letter queue is not in this template; no edge was drawn`);
}

function subscribe(ctx: ImportContext, topic: DraftNode, protocol: unknown, endpoint: unknown, where: string): void {
  const proto = ctx.str(protocol);
  if (proto !== 'sqs' && proto !== 'lambda') {
    ctx.warnOnce(`${where}: ${proto ?? 'unknown'} subscriptions are not modelled`);
    return;
  }
  const target = ctx.nodeIn(endpoint);
  if (target) ctx.link(topic, target, undefined, where);
  else ctx.warn(`${where}: its endpoint is not in this template; no edge was drawn`);
}

function readRule(ctx: ImportContext, res: Resource): void {
  const node = ctx.nodes.get(res.id)!;
  const expression = ctx.str(res.props.ScheduleExpression);
  setSchedule(ctx, node, expression ?? null, res.id);
  if (ctx.str(res.props.State) === 'DISABLED') ctx.warn(`${res.id} is disabled in the template; it was imported as enabled`);
  for (const t of Array.isArray(res.props.Targets) ? res.props.Targets : []) {
    if (!isObject(t)) continue;
    addTarget(ctx, node, t.Arn, res.id);
    const dlq = isObject(t.DeadLetterConfig) ? ctx.nodeIn(t.DeadLetterConfig.Arn) : undefined;
    if (dlq?.type === 'sqs' && !ctx.edges.some((e) => e.source === node.id && e.target === dlq.id))
      ctx.link(node, dlq, 'dlq', `${res.id} target dead-letter queue`);
  }
}

function addTarget(ctx: ImportContext, rule: DraftNode, arn: unknown, where: string): void {
  const target = ctx.nodeIn(arn);
  if (target) ctx.link(rule, target, undefined, `${where} target`);
  else ctx.warn(`${where}: a target is not a function, queue or topic in this template; no edge was drawn`);
}
