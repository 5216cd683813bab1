/**
 * The SAM mapping of every node type, one entry each (a missing type is a type error):
 * which CloudFormation types import as it, the resource our export writes, which IAM
 * actions let a function call it, and the function event it becomes when it invokes one.
 * The family readers (functions.ts, apis.ts, storage.ts, messaging.ts, ...) read the rest.
 */
import type { EdgeKind, NodeOf, NodeType } from '../model';
import type { DraftNode, ImportContext } from './context';
import { getAtt, ref, type Cfn, type ExportContext } from './exportContext';
import { functionResource } from './exportFunction';
import { apiResource, daxResource, distributionResource, queueResource, ruleResource, tableResource, topicResource } from './exportResources';
import { kinesisEvent, kinesisResource, readKinesis, readKinesisMapping } from './kinesis';
import { FUNCTION_TYPES, enableStream, readBatching } from './functions';
import { HTTP, REST } from './apis';
import { stateMachineResource } from './stateMachines';
import { rdsProxyResource, rdsResource, readRds, readRdsProxies } from './rds';

type Wrap = (type: string, props: Cfn) => Cfn;

/** An invocation of a function by this kind, as a SAM function event and an event source mapping. */
export interface SamEvent<T extends NodeType> {
  /** The SAM event `Type` (Events: X: Type: SQS). */
  type: string;
  /** The property naming the source (Queue, Stream, Bucket, Topic). */
  sourceProperty: string;
  /** An AWS::Lambda::EventSourceMapping may name it too (queues and streams). */
  mapping: boolean;
  /** Edge kind of the link it draws. */
  kind?: EdgeKind;
  /** The node a source value names, when it is not simply the resource (a Kinesis consumer ARN). */
  sourceOf?: (ctx: ImportContext, value: unknown) => DraftNode | undefined;
  /** Settings of the mapping, stored on the source node. */
  read?: (ctx: ImportContext, source: DraftNode, props: Record<string, unknown>, where: string) => void;
  /** The event's Properties for an edge from `source` to a function. */
  write: (ctx: ExportContext, source: NodeOf<T>, fn: NodeOf<'lambda'>) => Cfn;
}

export interface SamKind<T extends NodeType> {
  /** CloudFormation / SAM types imported as this node type. */
  imports: readonly string[];
  /** The property that names it (its label on import). */
  nameProperty?: string;
  /** Declared by its family reader (functions, APIs) or from our metadata (clients), not from `imports` alone. */
  declaredByReader?: boolean;
  /** The resource our export writes; undefined: none (an implicit API; a client, kept in metadata). */
  exportResource: (ctx: ExportContext, node: NodeOf<T>, wrap: Wrap) => Cfn | undefined;
  /** Whether IAM actions on it let a function call it (not just consume its events). */
  grantsCalling?: (actions: string[]) => boolean;
  event?: SamEvent<T>;
  /** Phase 2 (after every node exists, before functions): settings and links of its resources. */
  read?: (ctx: ImportContext) => void;
}

/** FunctionResponseTypes: [ReportBatchItemFailures] on an event or mapping. */
function reportsItemFailures(ctx: ImportContext, p: Record<string, unknown>): boolean {
  return Array.isArray(p.FunctionResponseTypes) && p.FunctionResponseTypes.some((t) => ctx.str(t) === 'ReportBatchItemFailures');
}

const any = (actions: string[], re: RegExp) => actions.some((a) => re.test(a));
const STREAM_ONLY_ACTIONS = /^dynamodb:(GetRecords|GetShardIterator|DescribeStream|ListStreams)$/i;

/** In import declaration order (the imported document's node order follows it). */
export const SAM_KINDS: { [T in NodeType]: SamKind<T> } = {
  client: { imports: [], declaredByReader: true, exportResource: () => undefined },
  lambda: {
    get imports() {
      return FUNCTION_TYPES;
    },
    declaredByReader: true,
    exportResource: (ctx, node) => functionResource(ctx, node),
    grantsCalling: (a) => any(a, /^lambda:(\*|Invoke)/i),
  },
  apiGateway: {
    get imports() {
      return [...REST, ...HTTP]; // apis.ts tells the two flavours apart
    },
    declaredByReader: true,
    exportResource: (ctx, node, wrap) => apiResource(ctx, node, wrap),
  },
  dynamodb: {
    imports: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'],
    nameProperty: 'TableName',
    exportResource: (ctx, node) => tableResource(ctx, node),
    grantsCalling: (a) => a.some((x) => /^(dynamodb|dax):/i.test(x) && !STREAM_ONLY_ACTIONS.test(x)),
    event: {
      type: 'DynamoDB',
      sourceProperty: 'Stream',
      mapping: true,
      kind: 'stream',
      read: (ctx, table, p, where) => {
        enableStream(ctx, table, where);
        readBatching(ctx, table, ['stream'], p);
        ctx.setNumber(table, ['stream', 'parallelizationFactor'], p.ParallelizationFactor, 'ParallelizationFactor');
        if (reportsItemFailures(ctx, p)) ctx.setValue(table, ['stream', 'reportBatchItemFailures'], true);
      },
      write: (_ctx, s) => {
        const st = s.config.stream;
        return {
          Stream: getAtt(_ctx.id(s), 'StreamArn'),
          StartingPosition: 'LATEST',
          BatchSize: st.batchSize,
          ...(st.maxBatchingWindowS > 0 ? { MaximumBatchingWindowInSeconds: st.maxBatchingWindowS } : {}),
          ...(st.parallelizationFactor > 1 ? { ParallelizationFactor: st.parallelizationFactor } : {}),
          ...(st.reportBatchItemFailures ? { FunctionResponseTypes: ['ReportBatchItemFailures'] } : {}),
        };
      },
    },
  },
  dax: {
    imports: ['AWS::DAX::Cluster'],
    nameProperty: 'ClusterName',
    exportResource: (ctx, node, wrap) => daxResource(ctx, node, wrap),
    grantsCalling: (a) => any(a, /^(dax|dynamodb):/i),
  },
  s3: {
    imports: ['AWS::S3::Bucket'],
    nameProperty: 'BucketName',
    exportResource: (_ctx, _node, wrap) => wrap('AWS::S3::Bucket', {}),
    grantsCalling: (a) => any(a, /^s3:/i),
    event: { type: 'S3', sourceProperty: 'Bucket', mapping: false, write: (ctx, s) => ({ Bucket: ref(ctx.id(s)), Events: 's3:ObjectCreated:*' }) },
  },
  cloudfront: {
    imports: ['AWS::CloudFront::Distribution'],
    exportResource: (ctx, node, wrap) => distributionResource(ctx, node, wrap),
  },
  sqs: {
    imports: ['AWS::SQS::Queue'],
    nameProperty: 'QueueName',
    exportResource: (ctx, node, wrap) => wrap('AWS::SQS::Queue', queueResource(ctx, node)),
    grantsCalling: (a) => any(a, /^sqs:(\*|Send)/i),
    event: {
      type: 'SQS',
      sourceProperty: 'Queue',
      mapping: true,
      read: (ctx, queue, p) => {
        readBatching(ctx, queue, [], p);
        if (reportsItemFailures(ctx, p)) ctx.setValue(queue, ['reportBatchItemFailures'], true);
        if (p.ScalingConfig && typeof p.ScalingConfig === 'object') {
          ctx.setNumber(queue, ['maxConcurrency'], (p.ScalingConfig as Record<string, unknown>).MaximumConcurrency, 'MaximumConcurrency');
        }
      },
      write: (ctx, s) => {
        const c = s.config;
        return {
          Queue: getAtt(ctx.id(s), 'Arn'),
          BatchSize: c.batchSize,
          ...(c.maxBatchingWindowS > 0 ? { MaximumBatchingWindowInSeconds: c.maxBatchingWindowS } : {}),
          ...(c.maxConcurrency !== null ? { ScalingConfig: { MaximumConcurrency: c.maxConcurrency } } : {}),
          ...(c.reportBatchItemFailures ? { FunctionResponseTypes: ['ReportBatchItemFailures'] } : {}),
        };
      },
    },
  },
  sns: {
    imports: ['AWS::SNS::Topic'],
    nameProperty: 'TopicName',
    exportResource: (ctx, node, wrap) => topicResource(ctx, node, wrap),
    grantsCalling: (a) => any(a, /^sns:(\*|Publish)/i),
    event: {
      type: 'SNS',
      sourceProperty: 'Topic',
      mapping: false,
      read: (ctx, _topic, p, where) => {
        if (p.SqsSubscription) ctx.warn(`${where}: SqsSubscription puts a queue SAM creates between topic and function; it is drawn as a direct subscription`);
      },
      write: (ctx, s) => ({ Topic: ref(ctx.id(s)) }),
    },
  },
  kinesis: {
    imports: ['AWS::Kinesis::Stream'],
    nameProperty: 'Name',
    exportResource: (ctx, node) => kinesisResource(ctx, node),
    grantsCalling: (a) => any(a, /^kinesis:(\*|Put)/i),
    read: readKinesis,
    event: {
      type: 'Kinesis',
      sourceProperty: 'Stream',
      mapping: true,
      sourceOf: (ctx, value) => {
        // an enhanced fan-out consumer stands for its stream
        const r = ctx.refIn(value);
        const res = r ? ctx.resources.get(r.id) : undefined;
        return res?.type === 'AWS::Kinesis::StreamConsumer' ? ctx.nodeIn(res.props.StreamARN) : ctx.nodeIn(value);
      },
      read: readKinesisMapping,
      write: (ctx, s, fn) => kinesisEvent(ctx, s, fn),
    },
  },
  eventbridge: {
    imports: ['AWS::Events::Rule', 'AWS::Scheduler::Schedule'],
    nameProperty: 'Name',
    exportResource: (ctx, node, wrap) => ruleResource(ctx, node, wrap),
    grantsCalling: (a) => any(a, /^events:(\*|PutEvents)/i),
  },
  stepFunctions: {
    imports: ['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine'],
    nameProperty: 'Name', // StateMachineName (plain CloudFormation): stateMachines.ts
    exportResource: (ctx, node) => stateMachineResource(ctx, node),
    grantsCalling: (a) => any(a, /^states:(\*|StartExecution|StartSyncExecution)/i),
  },
  // declared in phase 2 (rds.ts): a cluster's member instances fold into its node; before the proxies that target them
  rds: {
    imports: ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'],
    declaredByReader: true,
    exportResource: (ctx, node, wrap) => rdsResource(ctx, node, wrap),
    grantsCalling: (a) => any(a, /^rds-db:connect$/i),
    read: readRds,
  },
  rdsProxy: {
    imports: ['AWS::RDS::DBProxy'],
    nameProperty: 'DBProxyName',
    exportResource: (ctx, node, wrap) => rdsProxyResource(ctx, node, wrap),
    grantsCalling: (a) => any(a, /^rds-db:connect$/i),
    read: readRdsProxies,
  },
};

export function samKind<T extends NodeType>(type: T): SamKind<T> {
  return SAM_KINDS[type];
}

/** Node types in import declaration order. */
export const SAM_ORDER = Object.keys(SAM_KINDS) as NodeType[];

/** The kind whose SAM function event has this Type, if any. */
export function kindForEvent(eventType: string): NodeType | undefined {
  return SAM_ORDER.find((t) => SAM_KINDS[t].event?.type === eventType);
}

/** Phase 1 for the kinds no family reader declares: a node per resource of an imported type. */
export function declareResources(ctx: ImportContext): void {
  for (const type of SAM_ORDER) {
    const kind = SAM_KINDS[type] as SamKind<NodeType>;
    if (kind.declaredByReader) continue;
    for (const res of ctx.ofType(...kind.imports)) {
      const node = ctx.addNode(res.id, type, res);
      if (kind.nameProperty) ctx.nameNode(node, res.props[kind.nameProperty]);
    }
  }
}

/** Phase 2 for the kinds with their own reader here (the family readers run beside it). */
export function readResources(ctx: ImportContext): void {
  for (const type of SAM_ORDER) SAM_KINDS[type].read?.(ctx);
}
