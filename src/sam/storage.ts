/**
 * Data and edge: DynamoDB tables (Table, GlobalTable, SimpleTable), DAX clusters, S3 buckets
 * with their Lambda notifications, and CloudFront distributions with their origins.
 */
import { isObject, type DraftNode, type ImportContext } from './context';
import { nearestDaxNodeType } from './runtimeMap';

const TABLES = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'];
const VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];

export function readStorage(ctx: ImportContext): void {
  readTables(ctx);
  for (const res of ctx.ofType('AWS::DAX::Cluster')) {
    const node = ctx.nodes.get(res.id)!;
    const raw = ctx.str(res.props.NodeType);
    if (raw) {
      const mapped = nearestDaxNodeType(raw);
      if (mapped) ctx.setValue(node, ['nodeType'], mapped);
      if (mapped !== raw) ctx.warn(`${res.id}: DAX node type ${raw} is not one the sandbox models; ${mapped ?? 'the default'} was used`);
    }
    ctx.setNumber(node, ['nodes'], res.props.ReplicationFactor, 'ReplicationFactor');
    // A DAX cluster names no table; its role's statements do.
    const role = ctx.refIn(res.props.IAMRoleARN);
    const roleRes = role ? ctx.resources.get(role.id) : undefined;
    const statements = roleRes && Array.isArray(roleRes.props.Policies) ? roleRes.props.Policies : [];
    for (const p of statements) {
      const doc = isObject(p) && isObject(p.PolicyDocument) ? p.PolicyDocument : {};
      for (const s of Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) {
        if (!isObject(s)) continue;
        for (const r of Array.isArray(s.Resource) ? s.Resource : [s.Resource]) {
          const table = ctx.nodeIn(r);
          if (table?.type === 'dynamodb') ctx.link(node, table, undefined, `${res.id} role`);
        }
      }
    }
  }
  for (const res of ctx.ofType('AWS::S3::Bucket')) {
    const bucket = ctx.nodes.get(res.id)!;
    const n = isObject(res.props.NotificationConfiguration) ? res.props.NotificationConfiguration : {};
    const list = (v: unknown) => (Array.isArray(v) ? v : []);
    for (const c of list(n.LambdaConfigurations)) {
      if (isObject(c)) ctx.link(bucket, ctx.nodeIn(c.Function), undefined, `${res.id} notification`);
    }
    for (const c of list(n.QueueConfigurations)) if (isObject(c)) ctx.link(bucket, ctx.nodeIn(c.Queue), undefined, `${res.id} notification`);
    for (const c of list(n.TopicConfigurations)) if (isObject(c)) ctx.link(bucket, ctx.nodeIn(c.Topic), undefined, `${res.id} notification`);
    if (n.EventBridgeConfiguration !== undefined) ctx.warn(`${res.id}: notifications through EventBridge are not modelled`);
  }
}

/** After function events, so origins can name SAM's implicit APIs. */
export function readDistributions(ctx: ImportContext): void {
  for (const res of ctx.ofType('AWS::CloudFront::Distribution')) readDistribution(ctx, res.id, res.props);
}

function readTables(ctx: ImportContext): void {
  for (const res of ctx.ofType(...TABLES)) {
    const node = ctx.nodes.get(res.id)!;
    const p = res.props;
    const throughput = isObject(p.ProvisionedThroughput) ? p.ProvisionedThroughput : undefined;
    const mode = ctx.str(p.BillingMode);
    // SimpleTable without throughput is on-demand; throughput without BillingMode is provisioned.
    const provisioned = mode ? mode === 'PROVISIONED' : throughput !== undefined;
    ctx.setValue(node, ['capacityMode'], provisioned ? 'provisioned' : 'onDemand');
    if (throughput) {
      ctx.setNumber(node, ['readCapacityUnits'], throughput.ReadCapacityUnits, 'ReadCapacityUnits');
      ctx.setNumber(node, ['writeCapacityUnits'], throughput.WriteCapacityUnits, 'WriteCapacityUnits');
    }
    const stream = isObject(p.StreamSpecification) ? ctx.str(p.StreamSpecification.StreamViewType) : undefined;
    if (stream && VIEW_TYPES.includes(stream)) {
      ctx.setValue(node, ['stream', 'enabled'], true);
      ctx.setValue(node, ['stream', 'viewType'], stream);
    }
    if (res.type === 'AWS::DynamoDB::GlobalTable') readGlobalTable(ctx, node, res.id, p);
    else readTableExtras(ctx, node, res.id, p);
  }
}

const TABLE_CLASSES: Record<string, string> = { STANDARD: 'standard', STANDARD_INFREQUENT_ACCESS: 'standardIa' };

/** TableClass and PointInTimeRecoverySpecification, on a table or on one replica of a global table. */
function readTableExtras(ctx: ImportContext, node: DraftNode, id: string, p: Record<string, unknown>): void {
  const cls = ctx.str(p.TableClass);
  if (cls) {
    if (TABLE_CLASSES[cls]) ctx.setValue(node, ['tableClass'], TABLE_CLASSES[cls]);
    else ctx.warn(`${id}: table class ${cls} is not STANDARD or STANDARD_INFREQUENT_ACCESS; Standard was used`);
  }
  const pitr = isObject(p.PointInTimeRecoverySpecification) ? p.PointInTimeRecoverySpecification : undefined;
  if (pitr) {
    const on = pitr.PointInTimeRecoveryEnabled === true || ctx.str(pitr.PointInTimeRecoveryEnabled) === 'true';
    ctx.setValue(node, ['pointInTimeRecovery'], on);
    if (on && pitr.RecoveryPeriodInDays !== undefined) ctx.setNumber(node, ['recoveryPeriodDays'], pitr.RecoveryPeriodInDays, 'RecoveryPeriodInDays');
  }
}

/**
 * AWS::DynamoDB::GlobalTable: one node for every replica (the first is the table's own Region),
 * taking the first replica's class, PITR and read capacity; replicas that differ are named in a warning.
 */
function readGlobalTable(ctx: ImportContext, node: DraftNode, id: string, p: Record<string, unknown>): void {
  const replicas = (Array.isArray(p.Replicas) ? p.Replicas : []).filter(isObject);
  if (replicas.length === 0) {
    ctx.warn(`${id}: a global table without Replicas; read as a single-Region table`);
    return;
  }
  ctx.setValue(node, ['globalReplicas'], Math.min(30, replicas.length - 1));
  if (replicas.length > 31) ctx.warn(`${id}: ${replicas.length} replicas; the sandbox models at most 30 besides the table's own Region`);
  const first = replicas[0];
  readTableExtras(ctx, node, id, first);
  const read = isObject(first.ReadProvisionedThroughputSettings) ? first.ReadProvisionedThroughputSettings : undefined;
  if (read?.ReadCapacityUnits !== undefined) ctx.setNumber(node, ['readCapacityUnits'], read.ReadCapacityUnits, 'ReadCapacityUnits');
  const writes = isObject(p.WriteProvisionedThroughputSettings) ? p.WriteProvisionedThroughputSettings : undefined;
  const scaling = writes && isObject(writes.WriteCapacityAutoScalingSettings) ? writes.WriteCapacityAutoScalingSettings : undefined;
  if (scaling?.MaxCapacity !== undefined) {
    ctx.setNumber(node, ['writeCapacityUnits'], scaling.MaxCapacity, 'WriteCapacityAutoScalingSettings.MaxCapacity');
    if (scaling.MinCapacity !== scaling.MaxCapacity)
      ctx.warn(`${id}: write auto scaling is not modelled; the maximum, ${String(scaling.MaxCapacity)} WCU, was used`);
  }
  const differ = replicas
    .slice(1)
    .some(
      (r) =>
        JSON.stringify({ ...r, Region: '', KinesisStreamSpecification: undefined }) !==
        JSON.stringify({ ...first, Region: '', KinesisStreamSpecification: undefined }),
    );
  if (differ) ctx.warn(`${id}: its replicas differ in settings; every replica takes those of ${ctx.str(first.Region) ?? 'the first'}`);
  if (!isObject(p.StreamSpecification) && replicas.length > 1) {
    ctx.setValue(node, ['stream', 'enabled'], true);
    ctx.setValue(node, ['stream', 'viewType'], 'NEW_AND_OLD_IMAGES');
    ctx.warn(`${id}: a global table with more than one replica needs StreamSpecification; the stream was turned on (NEW_AND_OLD_IMAGES)`);
  }
}

function readDistribution(ctx: ImportContext, id: string, props: Record<string, unknown>): void {
  const node = ctx.nodes.get(id)!;
  const config = isObject(props.DistributionConfig) ? props.DistributionConfig : {};
  for (const origin of Array.isArray(config.Origins) ? config.Origins : []) {
    if (!isObject(origin)) continue;
    const target = ctx.nodeIn(origin.DomainName);
    if (target) ctx.link(node, target, undefined, `${id} origin ${ctx.str(origin.Id) ?? ''}`.trim());
    else ctx.warn(`${id}: origin ${ctx.str(origin.Id) ?? ctx.str(origin.DomainName) ?? ''} is outside this template; no edge was drawn`);
  }
  const behaviour = isObject(config.DefaultCacheBehavior) ? config.DefaultCacheBehavior : {};
  readEdgeFunctions(ctx, node, id, behaviour);
  if (behaviour.DefaultTTL !== undefined) ctx.setNumber(node, ['cacheTtlS'], behaviour.DefaultTTL, 'DefaultTTL');
  const policy = ctx.refIn(behaviour.CachePolicyId);
  const policyRes = policy ? ctx.resources.get(policy.id) : undefined;
  if (policyRes?.type === 'AWS::CloudFront::CachePolicy' && isObject(policyRes.props.CachePolicyConfig)) {
    ctx.setNumber(node, ['cacheTtlS'], policyRes.props.CachePolicyConfig.DefaultTTL, `${policy!.id} DefaultTTL`);
  }
}

const TRIGGERS: Record<string, string> = {
  'viewer-request': 'viewerRequest',
  'viewer-response': 'viewerResponse',
  'origin-request': 'originRequest',
  'origin-response': 'originResponse',
};

/** The default behaviour's CloudFront Functions and Lambda@Edge associations, at their trigger points. */
function readEdgeFunctions(ctx: ImportContext, node: DraftNode, id: string, behaviour: Record<string, unknown>): void {
  for (const a of Array.isArray(behaviour.FunctionAssociations) ? behaviour.FunctionAssociations : []) {
    if (!isObject(a)) continue;
    const event = ctx.str(a.EventType) ?? '';
    const trigger = TRIGGERS[event];
    if (trigger === 'viewerRequest' || trigger === 'viewerResponse') ctx.setValue(node, ['functions', trigger], 'cloudfrontFunction');
    else ctx.warn(`${id}: a CloudFront Function on ${event || 'an unknown event'} is not possible (viewer request and response only); it was left out`);
  }
  for (const a of Array.isArray(behaviour.LambdaFunctionAssociations) ? behaviour.LambdaFunctionAssociations : []) {
    if (!isObject(a)) continue;
    const event = ctx.str(a.EventType) ?? '';
    const trigger = TRIGGERS[event];
    if (!trigger) {
      ctx.warn(`${id}: Lambda@Edge on ${event || 'an unknown event'} is not a CloudFront trigger point; it was left out`);
      continue;
    }
    ctx.setValue(node, ['functions', trigger], 'lambdaEdge');
    const fn = ctx.nodeIn(a.LambdaFunctionARN);
    ctx.warn(
      `${id}: Lambda@Edge on ${event} is simulated inside the distribution (its code settings are the CDN's "Edge function code")${fn ? `; ${fn.id} also stays on the canvas as a regional function` : ''}`,
    );
  }
}
