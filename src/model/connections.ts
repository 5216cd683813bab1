/**
 * What an edge means (docs/document-format.md, "What an edge means"). The meaning follows
 * from the two end types; `kind` picks between meanings only where two are possible.
 */
import { CATALOGUE, type NodeType } from './catalogue';

export const EDGE_KINDS = ['stream', 'dlq', 'onFailure', 'async', 'authorizer'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export type EdgeMeaning =
  | 'entry' // client -> where its requests enter
  | 'origin' // cloudfront -> origin called on a miss
  | 'proxy' // apiGateway -> lambda proxy integration (synchronous)
  | 'data' // lambda -> dax/dynamodb item reads and writes
  | 'readThrough' // dax -> dynamodb
  | 'send' // lambda -> sqs SendMessage
  | 'esm' // sqs -> lambda event source mapping
  | 'stream' // dynamodb -> lambda streams mapping
  | 'dlq' // sqs -> sqs redrive
  | 'onFailure' // lambda -> destination of failed async invocations
  | 'invoke' // lambda -> lambda synchronous
  | 'asyncInvoke' // lambda -> lambda event invoke
  | 'publish' // lambda -> sns
  | 'subscription' // sns -> sqs/lambda
  | 'objects' // lambda -> s3
  | 'notification' // s3 -> lambda
  | 'target' // eventbridge -> lambda/sqs/sns
  | 'putEvents' // lambda -> eventbridge
  | 'task' // stepFunctions -> lambda, a task of the definition
  | 'startExecution' // apiGateway, lambda, eventbridge -> stepFunctions
  | 'sdk' // client -> sqs/sns/eventbridge/dynamodb: a producer outside Lambda calls the service with the SDK
  | 'integration' // apiGateway -> sqs/dynamodb/eventbridge/kinesis: a service integration (no Lambda in between)
  | 'putRecords' // lambda / client -> kinesis PutRecord (the SDK)
  | 'changeStream' // dynamodb -> kinesis (Kinesis Data Streams for DynamoDB)
  | 'sql' // lambda -> rdsProxy/rds, rdsProxy -> rds: SQL queries over connections
  | 'authorizer'; // apiGateway -> lambda: the API's Lambda authorizer (derived from its authorizer setting)

/**
 * The end of an exhaustive `switch`: `x` has type `never` once every member of its union
 * (an edge meaning, a node type, an event code) is handled, so a new member fails the
 * type check here until it is handled. Throws if it is ever reached at run time.
 */
export function unhandled(x: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${String(x)}`);
}

interface Rule {
  source: NodeType;
  targets: readonly NodeType[];
  /** undefined: the edge's default meaning for this pair. */
  kind?: EdgeKind;
  meaning: EdgeMeaning;
  /** Kind may be left out of the document when this is the pair's only meaning. */
  inferable?: boolean;
  describe: string;
}

const RULES: readonly Rule[] = [
  { source: 'client', targets: ['cloudfront', 'apiGateway', 'lambda'], meaning: 'entry', describe: "the client's requests enter here" },
  { source: 'cloudfront', targets: ['apiGateway', 'lambda', 's3'], meaning: 'origin', describe: 'origin, called on a cache miss' },
  { source: 'apiGateway', targets: ['lambda'], meaning: 'proxy', describe: 'synchronous proxy integration' },
  {
    source: 'apiGateway',
    targets: ['lambda'],
    kind: 'authorizer',
    meaning: 'authorizer',
    describe: "Lambda authorizer: called before the integration on a cache miss (derived from the API's authorizer setting)",
  },
  { source: 'lambda', targets: ['dax', 'dynamodb'], meaning: 'data', describe: 'item reads and writes by the handler' },
  { source: 'dax', targets: ['dynamodb'], meaning: 'readThrough', describe: 'read-through on a miss, write-through on a write' },
  { source: 'lambda', targets: ['sqs'], meaning: 'send', describe: 'the handler sends a message' },
  { source: 'sqs', targets: ['lambda'], meaning: 'esm', describe: 'event source mapping: pollers invoke the function with batches' },
  { source: 'dynamodb', targets: ['lambda'], kind: 'stream', inferable: true, meaning: 'stream', describe: 'DynamoDB Streams event source mapping' },
  { source: 'sqs', targets: ['sqs'], kind: 'dlq', inferable: true, meaning: 'dlq', describe: 'dead-letter queue after maxReceiveCount receives' },
  {
    source: 'lambda',
    targets: ['sqs', 'sns', 'lambda', 'eventbridge'],
    kind: 'onFailure',
    meaning: 'onFailure',
    describe: 'on-failure destination of asynchronous invocations',
  },
  { source: 'lambda', targets: ['lambda'], meaning: 'invoke', describe: 'synchronous invoke' },
  { source: 'lambda', targets: ['lambda'], kind: 'async', meaning: 'asyncInvoke', describe: 'asynchronous (event) invoke' },
  { source: 'lambda', targets: ['sns'], meaning: 'publish', describe: 'the handler publishes a message' },
  { source: 'sns', targets: ['sqs', 'lambda'], meaning: 'subscription', describe: 'subscription (Lambda is invoked asynchronously)' },
  { source: 'lambda', targets: ['s3'], meaning: 'objects', describe: 'the handler reads and writes objects' },
  { source: 's3', targets: ['lambda'], meaning: 'notification', describe: 'event notification on object writes (asynchronous)' },
  { source: 'eventbridge', targets: ['lambda', 'sqs', 'sns', 'stepFunctions'], meaning: 'target', describe: 'schedule or rule target (asynchronous)' },
  { source: 'lambda', targets: ['eventbridge'], meaning: 'putEvents', describe: 'the handler puts events on the bus' },
  { source: 'stepFunctions', targets: ['lambda'], meaning: 'task', describe: 'a task of the definition (derived from it)' },
  {
    source: 'apiGateway',
    targets: ['stepFunctions'],
    meaning: 'startExecution',
    describe: 'service integration: starts an execution (Express: synchronously, StartSyncExecution)',
  },
  { source: 'lambda', targets: ['stepFunctions'], meaning: 'startExecution', describe: 'the handler starts an execution (asynchronous)' },
  { source: 'eventbridge', targets: ['sqs'], kind: 'dlq', meaning: 'dlq', describe: "the schedule's or rule target's dead-letter queue" },
  {
    source: 'client',
    targets: ['sqs', 'sns', 'eventbridge', 'dynamodb'],
    meaning: 'sdk',
    describe: 'a producer outside Lambda calls the service with the SDK',
  },
  { source: 'apiGateway', targets: ['sqs', 'dynamodb', 'eventbridge'], meaning: 'integration', describe: 'a service integration (no Lambda in between)' },
  { source: 'client', targets: ['kinesis'], meaning: 'putRecords', describe: 'a producer outside Lambda puts records with the SDK' },
  { source: 'lambda', targets: ['kinesis'], meaning: 'putRecords', describe: 'the handler puts records' },
  { source: 'apiGateway', targets: ['kinesis'], meaning: 'integration', describe: 'service integration: the API puts each request as a record' },
  {
    source: 'dynamodb',
    targets: ['kinesis'],
    kind: 'stream',
    inferable: true,
    meaning: 'changeStream',
    describe: 'Kinesis Data Streams for DynamoDB: every change becomes a record',
  },
  { source: 'kinesis', targets: ['lambda'], meaning: 'esm', describe: 'event source mapping: Lambda reads each shard in order, in batches' },
  { source: 'lambda', targets: ['rdsProxy', 'rds'], meaning: 'sql', describe: 'SQL queries over connections (each execution environment holds its own)' },
  { source: 'rdsProxy', targets: ['rds'], meaning: 'sql', describe: 'SQL queries over pooled connections, borrowed per transaction' },
  {
    source: 'kinesis',
    targets: ['sqs', 'sns'],
    kind: 'onFailure',
    inferable: true,
    meaning: 'onFailure',
    describe: 'on-failure destination of the mapping: records it gave up on',
  },
];

export type EdgeResolution = { ok: true; meaning: EdgeMeaning; kind: EdgeKind | undefined; describe: string } | { ok: false; reason: string };

const label = (t: NodeType) => CATALOGUE[t].label;

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Targets a node of this type may connect to (any kind). */
export function allowedTargets(source: NodeType): NodeType[] {
  return [...new Set(RULES.filter((r) => r.source === source).flatMap((r) => r.targets))];
}

/** Kinds possible for this pair; `undefined` stands for the default meaning. */
export function edgeKindsFor(source: NodeType, target: NodeType): (EdgeKind | undefined)[] {
  return RULES.filter((r) => r.source === source && r.targets.includes(target)).map((r) => r.kind);
}

const TIPS: Partial<Record<string, string>> = {
  'client->dax': 'DAX lives inside a VPC; a Lambda calls it: client → API Gateway → Lambda → DAX.',
  'client->s3': 'Serve objects through CloudFront (client → CloudFront → S3) or a Lambda.',
  'apiGateway->dax': 'DAX is called from code in the VPC: API Gateway → Lambda → DAX.',
  'lambda->apiGateway': 'To call another function, connect Lambda → Lambda directly.',
  'lambda->cloudfront': 'CloudFront sits in front of an origin, not behind a function: connect CloudFront → Lambda or CloudFront → API Gateway.',
  'dax->lambda': 'DAX only answers calls; it forwards misses and writes to DynamoDB (DAX → DynamoDB).',
  'sqs->dynamodb': 'A queue does not write to a table; a Lambda polls it: SQS → Lambda → DynamoDB.',
  'dynamodb->sqs': 'A table emits changes as a stream read by a Lambda: DynamoDB → Lambda (stream), which may send to SQS.',
  'dynamodb->dax': 'Reads go the other way: DAX → DynamoDB (read-through).',
  'sns->sns': 'Topics do not subscribe to topics; subscribe an SQS queue or a Lambda.',
  'apiGateway->rds': 'A database is called from code in its VPC: API Gateway → Lambda (VPC access on) → RDS Proxy → RDS.',
  'client->rds': 'A database in a VPC is not called from outside: client → API Gateway → Lambda → RDS Proxy → RDS.',
  'rds->lambda': 'Queries go the other way: Lambda → RDS (or Lambda → RDS Proxy → RDS).',
};

/**
 * The meaning of an edge from `source` to `target` with `kind`, or a sentence that says
 * why AWS has no such connection and what would work.
 */
export function resolveEdge(source: NodeType, target: NodeType, kind?: EdgeKind): EdgeResolution {
  const pairRules = RULES.filter((r) => r.source === source && r.targets.includes(target));
  if (pairRules.length === 0) return { ok: false, reason: refusal(source, target) };
  let rule = pairRules.find((r) => r.kind === kind);
  if (!rule && kind === undefined) rule = pairRules.find((r) => r.inferable);
  if (!rule) {
    const options = pairRules.map((r) => (r.kind ? `"${r.kind}" (${r.describe})` : `none (${r.describe})`));
    return {
      ok: false,
      reason: `${label(source)} → ${label(target)} cannot have kind "${kind}"; its kind may be ${list(options)}.`,
    };
  }
  return { ok: true, meaning: rule.meaning, kind: rule.kind, describe: rule.describe };
}

function refusal(source: NodeType, target: NodeType): string {
  const pair = `${label(source)} → ${label(target)}`;
  if (source === 'client' && target === 'client') return 'A client connects to the service that receives its requests, not to another client.';
  if (target === 'client')
    return `${pair} is not needed: responses travel back along the edge the request came in on. Connect client → ${label(source)} instead.`;
  const tip = TIPS[`${source}->${target}`];
  if (tip) return `${pair} is not a connection AWS offers. ${tip}`;
  const targets = allowedTargets(source).map(label);
  const from = targets.length ? `${label(source)} can connect to ${list(targets)}.` : `${label(source)} does not call other services.`;
  const sources = [...new Set(RULES.filter((r) => r.targets.includes(target)).map((r) => label(r.source)))];
  const to = sources.length ? ` ${label(target)} is reached from ${list(sources)}.` : '';
  return `${pair} is not a connection AWS offers. ${from}${to}`;
}

/** The whole table, for the README and the help panel. */
export function connectionTable(): { source: NodeType; target: NodeType; kind?: EdgeKind; describe: string }[] {
  return RULES.flatMap((r) => r.targets.map((t) => ({ source: r.source, target: t, kind: r.kind, describe: r.describe })));
}
