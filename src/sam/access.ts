/**
 * What a function talks to, read from the places a template says it: SAM policy templates,
 * inline and role IAM statements naming resource ARNs, environment variables that carry a
 * resource's name or ARN, and SAM connectors. Each becomes a function -> resource edge
 * when the sandbox has a meaning for that pair.
 */
import type { EdgeKind, NodeType } from '../model';
import { SAM_KINDS } from './kinds';
import { isObject, type DraftNode, type ImportContext, type Resource } from './context';
import { referencesIn } from './intrinsics';
import type { FunctionProps } from './functions';

/** Policy templates that grant consuming, not calling: the event source gives that edge. */
const CONSUMER_TEMPLATES = /^(DynamoDBStreamReadPolicy|SQSPollerPolicy|KinesisStreamReadPolicy)$/;

export function readAccess(ctx: ImportContext, functions: FunctionProps): void {
  for (const [fnId, props] of functions) {
    const fn = ctx.nodes.get(fnId)!;
    readEnvironment(ctx, fn, props);
    readPolicies(ctx, fn, props.Policies);
    const role = ctx.refIn(props.Role);
    if (role && ctx.resources.get(role.id)?.type === 'AWS::IAM::Role') {
      for (const statement of roleStatements(ctx, role.id)) readStatement(ctx, fn, statement, `${fnId} role ${role.id}`);
    }
  }
  for (const res of ctx.ofType('AWS::Serverless::Connector')) readConnector(ctx, res, res.props.Source, res.props);
  for (const res of ctx.resources.values()) {
    for (const [name, c] of Object.entries(res.connectors)) {
      if (isObject(c) && isObject(c.Properties)) readConnector(ctx, { ...res, id: `${res.id}${name}` }, { Id: res.id }, c.Properties);
    }
  }
}

/** Quietly connect when the pair has a meaning (env vars and policies name many things). */
function connect(ctx: ImportContext, fn: DraftNode, target: DraftNode | undefined, why: string, kind?: EdgeKind): void {
  if (!target || target.id === fn.id) return;
  if (['apiGateway', 'cloudfront', 'client'].includes(target.type)) return;
  ctx.link(fn, target, kind, why);
}

function readEnvironment(ctx: ImportContext, fn: DraftNode, props: Record<string, unknown>): void {
  const vars = isObject(props.Environment) && isObject(props.Environment.Variables) ? props.Environment.Variables : {};
  for (const [name, value] of Object.entries(vars)) {
    const refs = referencesIn(value);
    const why = `${fn.id} environment variable ${name}`;
    for (const ref of refs) connect(ctx, fn, ctx.nodeFor(ref), why);
    // No reference: maybe the resource's physical name, written the same way on both sides.
    if (refs.length === 0) connect(ctx, fn, ctx.nodeIn(value), why);
  }
}

function readPolicies(ctx: ImportContext, fn: DraftNode, policies: unknown): void {
  const items = Array.isArray(policies) ? policies : policies === undefined ? [] : [policies];
  for (const item of items) {
    if (!isObject(item)) continue;
    if ('Statement' in item) {
      for (const s of asList(item.Statement)) readStatement(ctx, fn, s, `${fn.id} inline policy`);
      continue;
    }
    // A map of policy templates ({DynamoDBCrudPolicy: {TableName: !Ref T}}), one or many keys.
    for (const [template, params] of Object.entries(item)) {
      if (CONSUMER_TEMPLATES.test(template)) continue;
      if (!isObject(params)) continue;
      for (const value of Object.values(params)) connect(ctx, fn, ctx.nodeIn(value), `${fn.id} policy ${template}`);
    }
  }
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** Statements of a role's inline policies and of the IAM policies attached to it. */
function roleStatements(ctx: ImportContext, roleId: string): unknown[] {
  const role = ctx.resources.get(roleId)!;
  const docs: unknown[] = asList(role.props.Policies).map((p) => (isObject(p) ? p.PolicyDocument : undefined));
  for (const arn of asList(role.props.ManagedPolicyArns)) {
    const ref = ctx.refIn(arn);
    const managed = ref ? ctx.resources.get(ref.id) : undefined;
    if (managed?.type === 'AWS::IAM::ManagedPolicy') docs.push(managed.props.PolicyDocument);
  }
  for (const p of ctx.ofType('AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy')) {
    if (asList(p.props.Roles).some((r) => ctx.refIn(r)?.id === roleId)) docs.push(p.props.PolicyDocument);
  }
  return docs.flatMap((d) => (isObject(d) ? asList(d.Statement) : []));
}

function readStatement(ctx: ImportContext, fn: DraftNode, statement: unknown, why: string): void {
  if (!isObject(statement) || (statement.Effect !== undefined && ctx.str(statement.Effect) !== 'Allow')) return;
  const actions = asList(statement.Action).map((a) => ctx.str(a) ?? '');
  const resources = asList(statement.Resource);
  if (resources.some((r) => ctx.str(r) === '*')) {
    ctx.warnOnce(`${why} grants ${actions.join(', ') || 'access'} on Resource "*"; which resources ${fn.id} uses cannot be read from it`);
  }
  for (const r of resources) {
    for (const ref of referencesIn(r)) {
      const target = ctx.nodeFor(ref);
      if (!target) continue;
      if (!grantsCalling(target.type, actions)) continue;
      connect(ctx, fn, target, why);
    }
  }
}

/** Whether the actions let a function call the resource (not just consume its events). */
function grantsCalling(type: NodeType, actions: string[]): boolean {
  return SAM_KINDS[type].grantsCalling?.(actions) ?? false;
}

/** AWS::Serverless::Connector (or a resource's embedded Connectors): Source -> Destination. */
function readConnector(ctx: ImportContext, res: Resource, sourceSpec: unknown, props: Record<string, unknown>): void {
  const where = `connector ${res.id}`;
  const endpoint = (spec: unknown) => (isObject(spec) ? (spec.Id !== undefined ? ctx.nodeFor(ctx.str(spec.Id)) : ctx.nodeIn(spec.Arn)) : undefined);
  const source = endpoint(sourceSpec);
  const permissions = asList(props.Permissions).map((p) => ctx.str(p));
  const write = permissions.includes('Write');
  for (const destSpec of asList(props.Destination)) {
    const target = endpoint(destSpec);
    if (!source || !target) {
      ctx.warn(`${where}: its ${source ? 'destination' : 'source'} is not a node in this diagram; no edge was drawn`);
      continue;
    }
    if (source.type === 'lambda' && ['sqs', 'sns', 'lambda', 'eventbridge', 'kinesis'].includes(target.type) && !write) continue;
    if (source.type === 'lambda' && target.type === 'dynamodb' && permissions.length > 0 && !write && !permissions.includes('Read')) continue;
    if (source.type === 'dynamodb' || (source.type === 'lambda' && target.type === 'sqs' && !write)) continue;
    ctx.link(source, target, undefined, where);
  }
}
