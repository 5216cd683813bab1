/**
 * Blueprints: ready architectures for common serverless patterns, each with a sentence on
 * when to use it. Plain, valid documents (checked at build time by `lessonDoc`), opened
 * from the gallery like a file; tests simulate each one.
 */
import type { Architecture } from '../model';
import { lessonDoc } from '../lessons/lesson';

export interface Blueprint {
  id: string;
  title: string;
  /** When to use it, in one sentence. */
  when: string;
  /** The path of a request, for the card: "API → Lambda → DynamoDB". */
  shape: string;
  document: Architecture;
}

const fn = (meanMs: number, extra: Record<string, unknown> = {}) => ({
  memoryMb: 512,
  handler: { distribution: 'lognormal', meanMs, p99Ms: meanMs * 3 },
  ...extra,
});
const steady = (rps: number, extra: Record<string, unknown> = {}) => ({ traffic: { shape: 'constant', rps }, ...extra });

export const BLUEPRINTS: readonly Blueprint[] = [
  {
    id: 'rest-api-table',
    title: 'REST API + table',
    when: 'A CRUD back end for a web or mobile app: each request reads or writes one item, and you pay per request.',
    shape: 'API Gateway → Lambda → DynamoDB',
    document: lessonDoc(
      'REST API + table',
      [
        ['users', 'client', 'App users', 0, 0, steady(50)],
        ['api', 'apiGateway', 'Items API', 1, 0, { flavor: 'rest' }],
        ['crud', 'lambda', 'itemsHandler', 2, 0, fn(30)],
        ['table', 'dynamodb', 'Items', 3, 0],
      ],
      [
        ['users', 'api'],
        ['api', 'crud'],
        ['crud', 'table'],
      ],
      { durationS: 120 },
      'A synchronous REST API: API Gateway proxies each request to one function that reads or writes an item in DynamoDB (on-demand).',
    ),
  },
  {
    id: 'async-orders',
    title: 'Async order pipeline',
    when: 'When callers should get an answer at once while the work can wait: the queue absorbs bursts and retries failures, with a dead-letter queue for poison messages.',
    shape: 'API → Lambda → SQS → Lambda → DynamoDB',
    document: lessonDoc(
      'Async order pipeline',
      [
        ['shoppers', 'client', 'Checkout', 0, 0, { traffic: { shape: 'spike', baseRps: 30, peakRps: 300, atS: 40, lengthS: 20 }, readRatio: 0 }],
        ['api', 'apiGateway', 'Orders API', 1, 0, { flavor: 'http' }],
        ['accept', 'lambda', 'acceptOrder', 2, 0, fn(15)],
        ['queue', 'sqs', 'orders', 3, 0, { batchSize: 10, maxConcurrency: 20, visibilityTimeoutS: 60, maxReceiveCount: 5 }],
        ['dlq', 'sqs', 'orders-dlq', 3, 1],
        ['process', 'lambda', 'processOrder', 4, 0, fn(120, { errorRate: 0.01 })],
        ['table', 'dynamodb', 'Orders', 5, 0],
      ],
      [
        ['shoppers', 'api'],
        ['api', 'accept'],
        ['accept', 'queue'],
        ['queue', 'process'],
        ['queue', 'dlq', 'dlq'],
        ['process', 'table'],
      ],
      { durationS: 120 },
      'Accept an order in milliseconds, queue it, and process it at a controlled concurrency; messages that keep failing move to a dead-letter queue.',
    ),
  },
  {
    id: 'sns-fanout',
    title: 'SNS fan-out',
    when: 'One event, several independent consumers (email, analytics, fulfilment) that must not slow each other down or share failures.',
    shape: 'API → Lambda → SNS → SQS queues → Lambdas',
    document: lessonDoc(
      'SNS fan-out',
      [
        ['users', 'client', 'Sign-ups', 0, 1, steady(20, { readRatio: 0 })],
        ['api', 'apiGateway', 'Sign-up API', 1, 1, { flavor: 'http' }],
        ['signup', 'lambda', 'createAccount', 2, 1, fn(25)],
        ['topic', 'sns', 'account-created', 3, 1],
        ['emailQ', 'sqs', 'welcome-emails', 4, 0, { batchSize: 10 }],
        ['email', 'lambda', 'sendWelcome', 5, 0, fn(150)],
        ['crmQ', 'sqs', 'crm-sync', 4, 1, { batchSize: 10 }],
        ['crm', 'lambda', 'syncCrm', 5, 1, fn(300)],
        ['audit', 'lambda', 'auditLog', 4, 2, fn(10)],
      ],
      [
        ['users', 'api'],
        ['api', 'signup'],
        ['signup', 'topic'],
        ['topic', 'emailQ'],
        ['emailQ', 'email'],
        ['topic', 'crmQ'],
        ['crmQ', 'crm'],
        ['topic', 'audit'],
      ],
      { durationS: 120 },
      'A topic copies each event to every subscriber: two queues with their own workers, and a function subscribed directly (invoked asynchronously).',
    ),
  },
  {
    id: 'stream-processing',
    title: 'Stream processing',
    when: 'React to every change in a table (indexing, notifications, aggregates) without touching the code that writes it.',
    shape: 'API → Lambda → DynamoDB → stream → Lambda',
    document: lessonDoc(
      'Stream processing',
      [
        ['writers', 'client', 'Order updates', 0, 0, steady(50, { readRatio: 0 })],
        ['api', 'apiGateway', 'API', 1, 0, { flavor: 'http' }],
        ['write', 'lambda', 'updateOrder', 2, 0, fn(15)],
        ['table', 'dynamodb', 'Orders', 3, 0, { stream: { enabled: true, batchSize: 100, parallelizationFactor: 2 } }],
        ['index', 'lambda', 'indexOrder', 3, 1, fn(80)],
        ['search', 'dynamodb', 'OrderIndex', 4, 1],
      ],
      [
        ['writers', 'api'],
        ['api', 'write'],
        ['write', 'table'],
        ['table', 'index', 'stream'],
        ['index', 'search'],
      ],
      { durationS: 120 },
      'Every write to Orders appears on its DynamoDB stream; a consumer reads it in batches and maintains a second table.',
    ),
  },
  {
    id: 'cdn-api',
    title: 'CDN in front of an API',
    when: 'Read-mostly public content (catalogues, profiles, prices) where many people ask for the same thing: the edge answers repeats, the API sees the misses.',
    shape: 'CloudFront → API Gateway → Lambda → DynamoDB',
    document: lessonDoc(
      'CDN in front of an API',
      [
        ['visitors', 'client', 'Visitors', 0, 0, steady(150, { keys: 1000, zipfS: 1 })],
        ['cdn', 'cloudfront', 'CDN', 1, 0, { cacheTtlS: 60, cacheable: 0.9 }],
        ['api', 'apiGateway', 'Catalogue API', 2, 0, { flavor: 'rest' }],
        ['render', 'lambda', 'getProduct', 3, 0, fn(40)],
        ['table', 'dynamodb', 'Products', 4, 0],
      ],
      [
        ['visitors', 'cdn'],
        ['cdn', 'api'],
        ['api', 'render'],
        ['render', 'table'],
      ],
      { durationS: 120 },
      'CloudFront caches API responses for 60 s at the edge; only misses reach API Gateway and Lambda.',
    ),
  },
  {
    id: 'scheduled-dlq',
    title: 'Scheduled job with a DLQ',
    when: 'Periodic work (reports, clean-ups, syncs) that nobody waits for, where a failed run must be kept for a look rather than lost.',
    shape: 'EventBridge schedule → Lambda → S3, failures to SQS; an API serves the reports',
    document: lessonDoc(
      'Scheduled job with a DLQ',
      [
        ['tick', 'eventbridge', 'Every minute', 0, 0, { schedule: 'rate(1 minute)' }],
        ['job', 'lambda', 'buildReport', 1, 0, fn(2000, { memoryMb: 1024, timeoutMs: 60_000, errorRate: 0.3 })],
        ['failed', 'sqs', 'failed-runs', 2, 1],
        ['store', 's3', 'reports', 2, 0],
        ['readers', 'client', 'Report readers', 0, 2, steady(2, { readRatio: 1 })],
        ['api', 'apiGateway', 'Reports API', 1, 2, { flavor: 'http' }],
        ['serve', 'lambda', 'getReport', 2, 2, fn(20)],
      ],
      [
        ['tick', 'job'],
        ['job', 'failed', 'onFailure'],
        ['job', 'store'],
        ['readers', 'api'],
        ['api', 'serve'],
        ['serve', 'store'],
      ],
      { durationS: 600 },
      'A schedule invokes the job asynchronously; Lambda retries a failed run twice, then sends the event to the on-failure queue. A small API serves the finished reports from the bucket.',
    ),
  },
  {
    id: 's3-upload',
    title: 'S3 upload processing',
    when: 'Work triggered by files (thumbnails, virus scans, imports): the upload is the event, and processing scales with the uploads.',
    shape: 'API → Lambda → S3 → Lambda → DynamoDB',
    document: lessonDoc(
      'S3 upload processing',
      [
        ['uploaders', 'client', 'Photo uploads', 0, 0, steady(10, { readRatio: 0, payloadKb: 2048 })],
        ['api', 'apiGateway', 'Upload API', 1, 0, { flavor: 'http' }],
        ['upload', 'lambda', 'storeUpload', 2, 0, fn(40)],
        ['bucket', 's3', 'uploads', 3, 0],
        ['thumb', 'lambda', 'makeThumbnail', 4, 0, fn(400, { memoryMb: 1769 })],
        ['meta', 'dynamodb', 'Photos', 5, 0],
      ],
      [
        ['uploaders', 'api'],
        ['api', 'upload'],
        ['upload', 'bucket'],
        ['bucket', 'thumb'],
        ['thumb', 'meta'],
      ],
      { durationS: 120 },
      'Each stored object emits an event notification that invokes the thumbnail function asynchronously; it records the result in a table.',
    ),
  },
  {
    id: 'dax-reads',
    title: 'Cached reads with DAX',
    when: 'Read-heavy traffic on a few hot keys that needs single-digit-millisecond answers from DynamoDB, and enough of it to pay for the cluster.',
    shape: 'API → Lambda → DAX → DynamoDB',
    document: lessonDoc(
      'Cached reads with DAX',
      [
        ['readers', 'client', 'Game clients', 0, 0, steady(300, { readRatio: 0.95, keys: 5000, zipfS: 1.1 })],
        ['api', 'apiGateway', 'Leaderboard API', 1, 0, { flavor: 'http' }],
        ['read', 'lambda', 'getScore', 2, 0, fn(5, { memoryMb: 1024 })],
        ['cache', 'dax', 'DAX cluster', 3, 0],
        ['table', 'dynamodb', 'Scores', 4, 0],
      ],
      [
        ['readers', 'api'],
        ['api', 'read'],
        ['read', 'cache'],
        ['cache', 'table'],
      ],
      { durationS: 120 },
      'Reads go through DAX, which answers hot keys from memory and reads through to DynamoDB on a miss; writes pass through to the table.',
    ),
  },
];
