import { lessonDoc, type Lesson } from './lesson';

const handler = (meanMs: number) => ({ distribution: 'lognormal', meanMs, p99Ms: meanMs * 3 });

const readers = { traffic: { shape: 'constant', rps: 200 }, readRatio: 0.95, keys: 2000, zipfS: 1 };

export const dax: Lesson = {
  id: 'dax',
  title: 'DAX: milliseconds to microseconds',
  summary: 'A cache in front of DynamoDB answers hot reads in microseconds; writes still pay DynamoDB.',
  misconception: '"DAX makes writes faster too" — and "a cache is always cheaper".',
  learnt:
    'DAX answers repeated reads from memory in microseconds and forwards only misses and writes to DynamoDB; it pays off for hot, read-heavy keys and costs node-hours whatever the traffic.',
  document: lessonDoc(
    'Lesson 6 — DAX',
    [
      ['users', 'client', 'Catalogue readers', 0, 0, readers],
      ['api', 'apiGateway', 'API', 1, 0, { flavor: 'http' }],
      ['fn', 'lambda', 'getItem', 2, 0, { memoryMb: 1024, provisionedConcurrency: 20, handler: handler(5) }],
      ['table', 'dynamodb', 'Catalogue', 4, 0],
    ],
    [
      ['users', 'api'],
      ['api', 'fn'],
      ['fn', 'table'],
    ],
    { durationS: 120 },
  ),
  steps: [
    {
      title: 'Run it',
      text: 'Every read goes to DynamoDB: single-digit milliseconds each, paid per request.',
      watch: 'Note p50 latency and the DynamoDB read count on the table.',
    },
    {
      title: 'Put DAX in front',
      text: 'DAX keeps recently read items in memory for their TTL (5 min). Popular keys are read again and again, so most reads become hits answered in well under a millisecond. Writes go through DAX to DynamoDB and are not faster.',
      watch:
        'The DAX hit ratio climbs within seconds; p50 latency drops by the DynamoDB time; reads reaching the table fall. The cost chart shows DAX node-hours: three r5.large nodes cost about $590 a month whatever the traffic.',
      check: { label: 'DAX hit ratio above 80%', measure: { of: 'nodeRatio', node: 'cache', field: 'hitRatio' }, op: '>', value: 0.8, unit: 'percent' },
      change: {
        kind: 'document',
        label: 'Insert a DAX cluster',
        document: lessonDoc(
          'Lesson 6 — DAX (with cache)',
          [
            ['users', 'client', 'Catalogue readers', 0, 0, readers],
            ['api', 'apiGateway', 'API', 1, 0, { flavor: 'http' }],
            ['fn', 'lambda', 'getItem', 2, 0, { memoryMb: 1024, provisionedConcurrency: 20, handler: handler(5) }],
            ['cache', 'dax', 'DAX', 3, 0],
            ['table', 'dynamodb', 'Catalogue', 4, 0],
          ],
          [
            ['users', 'api'],
            ['api', 'fn'],
            ['fn', 'cache'],
            ['cache', 'table'],
          ],
          { durationS: 120 },
        ),
      },
    },
  ],
};

const streamsDoc = lessonDoc(
  'Lesson 7 — DynamoDB Streams',
  [
    ['writers', 'client', 'Order updates', 0, 0, { traffic: { shape: 'constant', rps: 100 }, readRatio: 0 }],
    ['api', 'apiGateway', 'API', 1, 0, { flavor: 'http' }],
    ['fn', 'lambda', 'updateOrder', 2, 0, { memoryMb: 512, handler: handler(10) }],
    ['table', 'dynamodb', 'Orders', 3, 0, { stream: { enabled: true, batchSize: 10 } }],
    ['consumer', 'lambda', 'indexOrder', 3, 1, { memoryMb: 512, handler: { distribution: 'constant', meanMs: 500 } }],
  ],
  [
    ['writers', 'api'],
    ['api', 'fn'],
    ['fn', 'table'],
    ['table', 'consumer', 'stream'],
  ],
  { durationS: 120 },
);

export const streams: Lesson = {
  id: 'streams',
  title: 'DynamoDB Streams and iterator age',
  summary: 'Every write becomes a record, consumed in order, in batches — or falls behind.',
  misconception: '"The stream consumer scales like any Lambda."',
  learnt:
    'A stream consumer reads each shard one batch at a time; when it falls behind, the iterator age grows. The parallelization factor lets up to ten batches per shard run at once.',
  document: streamsDoc,
  steps: [
    {
      title: 'Run it',
      text: 'Each write to the table emits a stream record. Lambda polls each shard four times a second and invokes the consumer with a batch, one batch at a time per shard, to keep order. Here a batch of up to 10 takes 500 ms: at most 20 records a second, while 100 arrive.',
      watch: 'The stream edge pulses and the iterator age (how old the oldest unread record is) climbs steadily: the consumer is falling behind.',
      check: {
        label: 'Iterator age climbs past 30 s',
        measure: { of: 'node', nodes: ['table'], field: 'maxIteratorAgeMs' },
        op: '>',
        value: 30_000,
        unit: 'ms',
      },
    },
    {
      title: 'Process batches in parallel',
      text: 'A parallelization factor of 10 lets Lambda run 10 batches per shard at once, still in order for each item key.',
      watch: 'Iterator age stops growing and falls back to under a second.',
      check: {
        label: 'Iterator age stays under 15 s',
        measure: { of: 'node', nodes: ['table'], field: 'maxIteratorAgeMs' },
        op: '<',
        value: 15_000,
        unit: 'ms',
      },
      change: { kind: 'edit', label: 'Set parallelization factor to 10', node: 'table', path: ['stream', 'parallelizationFactor'], value: 10 },
    },
  ],
};

const spike = { traffic: { shape: 'spike', baseRps: 20, peakRps: 1000, atS: 30, lengthS: 20 } };

export const sqsSpike: Lesson = {
  id: 'sqs-spike',
  title: 'SQS absorbs a spike',
  summary: 'A queue turns a burst that would throttle into a backlog that drains.',
  misconception: '"Adding a queue just adds latency."',
  learnt:
    'A queue between the API and the work turns a spike into a backlog instead of throttles: the API answers at once, and the consumers drain the queue at the concurrency you allow.',
  document: lessonDoc(
    'Lesson 8 — SQS absorbs a spike',
    [
      ['users', 'client', 'Order bursts', 0, 0, spike],
      ['api', 'apiGateway', 'API', 1, 0, { flavor: 'http' }],
      ['fn', 'lambda', 'processOrder', 2, 0, { memoryMb: 512, reservedConcurrency: 50, handler: handler(200) }],
      ['table', 'dynamodb', 'Orders', 3, 0],
    ],
    [
      ['users', 'api'],
      ['api', 'fn'],
      ['fn', 'table'],
    ],
    { durationS: 120 },
  ),
  steps: [
    {
      title: 'Run it',
      text: 'processOrder may run 50 at once (to protect the database); at 200 ms that is 250 orders a second. The spike brings 1,000 a second for 20 s, and the synchronous API has nowhere to put the excess.',
      watch: 'Thousands of throttled requests during the spike.',
      check: { label: 'Requests are throttled during the spike', measure: { of: 'total', field: 'throttled' }, op: '>', value: 0 },
    },
    {
      title: 'Accept fast, process from a queue',
      text: 'A thin function puts each order on an SQS queue and answers at once; a worker drains the queue at its own pace. Maximum concurrency on the event source mapping caps the worker without throttling it.',
      watch: 'No throttles: the queue depth rises during the spike and drains after it.',
      check: { label: 'Throttled requests: 0', measure: { of: 'total', field: 'throttled' }, op: '<=', value: 0 },
      change: {
        kind: 'document',
        label: 'Switch to API → Lambda → SQS → worker',
        document: lessonDoc(
          'Lesson 8 — SQS absorbs a spike (queued)',
          [
            ['users', 'client', 'Order bursts', 0, 0, spike],
            ['api', 'apiGateway', 'API', 1, 0, { flavor: 'http' }],
            ['accept', 'lambda', 'acceptOrder', 2, 0, { memoryMb: 512, handler: handler(10) }],
            ['queue', 'sqs', 'orders', 3, 0, { maxConcurrency: 50, batchSize: 1 }],
            ['fn', 'lambda', 'processOrder', 4, 0, { memoryMb: 512, reservedConcurrency: 50, handler: handler(200) }],
            ['table', 'dynamodb', 'Orders', 5, 0],
          ],
          [
            ['users', 'api'],
            ['api', 'accept'],
            ['accept', 'queue'],
            ['queue', 'fn'],
            ['fn', 'table'],
          ],
          { durationS: 120 },
        ),
      },
    },
    {
      title: 'Shape the drain',
      text: 'Batch size decides how many messages one invocation handles; maximum concurrency decides how many invocations run at once. Raising either drains faster — and loads the database harder.',
      watch: 'With maximum concurrency 10 the backlog drains more slowly.',
      change: { kind: 'edit', label: 'Set maximum concurrency to 10', node: 'queue', path: ['maxConcurrency'], value: 10 },
    },
  ],
};

const cdnDoc = lessonDoc(
  'Lesson 9 — CloudFront',
  [
    ['users', 'client', 'Visitors', 0, 0, { traffic: { shape: 'constant', rps: 200 }, keys: 500, zipfS: 0.8 }],
    ['cdn', 'cloudfront', 'CDN', 1, 0, { cacheTtlS: 1, cacheable: 0.9 }],
    ['api', 'apiGateway', 'API', 2, 0, { flavor: 'rest' }],
    ['fn', 'lambda', 'render', 3, 0, { memoryMb: 1024, handler: handler(50) }],
  ],
  [
    ['users', 'cdn'],
    ['cdn', 'api'],
    ['api', 'fn'],
  ],
  { durationS: 120 },
);

export const cloudfront: Lesson = {
  id: 'cloudfront',
  title: 'CloudFront in front of API Gateway',
  summary: 'The hit ratio follows the TTL and the traffic per object; every hit is a request you do not pay the API for.',
  misconception: '"Any CDN in front halves the load."',
  learnt:
    'CloudFront answers repeated requests from its edge cache for as long as the TTL allows, so the origin (API Gateway and Lambda) sees only the misses; a longer TTL means fewer origin calls and lower cost.',
  document: cdnDoc,
  steps: [
    {
      title: 'Run it with a 1-second TTL',
      text: 'An edge cache keeps each response for its TTL. With a 1 s TTL an object requested less than once a second is almost always expired: most requests miss and go to API Gateway and Lambda.',
      watch: 'A low CloudFront hit ratio; API Gateway sees most of the traffic.',
      check: { label: 'Hit ratio below 60%', measure: { of: 'nodeRatio', node: 'cdn', field: 'hitRatio' }, op: '<', value: 0.6, unit: 'percent' },
    },
    {
      title: 'Cache for 5 minutes',
      text: 'With a 300 s TTL each object is fetched once per 5 minutes and served from the edge in between: hit ratio ≈ λT / (1 + λT) per object. The 10% that is not cacheable always reaches the origin.',
      watch: 'The hit ratio rises towards 90% (the cacheable share); API Gateway requests and cost fall.',
      check: { label: 'Hit ratio above 70%', measure: { of: 'nodeRatio', node: 'cdn', field: 'hitRatio' }, op: '>', value: 0.7, unit: 'percent' },
      change: { kind: 'edit', label: 'Set the cache TTL to 300 s', node: 'cdn', path: ['cacheTtlS'], value: 300 },
    },
  ],
};

const edgeDoc = lessonDoc(
  'Lesson 13 — Code at the edge',
  [
    ['users', 'client', 'Visitors', 0, 0, { traffic: { shape: 'constant', rps: 500 }, keys: 2000, zipfS: 1, readRatio: 1 }],
    [
      'cdn',
      'cloudfront',
      'CDN',
      1,
      0,
      { cacheTtlS: 300, cacheable: 0.9, functions: { viewerRequest: 'cloudfrontFunction' }, edgeFunction: { lambdaEdgeMs: 20 } },
    ],
    ['site', 's3', 'Site bucket', 2, 0],
  ],
  [
    ['users', 'cdn'],
    ['cdn', 'site'],
  ],
  { durationS: 120 },
);

export const edgeFunctions: Lesson = {
  id: 'edge-functions',
  title: 'CloudFront Functions or Lambda@Edge',
  summary: 'The same small job costs and waits differently depending on which edge function runs it, and where.',
  misconception: '"CloudFront Functions and Lambda@Edge are interchangeable."',
  learnt:
    'CloudFront Functions are for tiny viewer-side jobs: sub-millisecond, no cold starts, $0.10 per million. Lambda@Edge can run on all four triggers and reach the network, but it has cold starts, a concurrency limit and costs $0.60 per million plus duration; put it on origin triggers when it can, so it runs only when CloudFront goes to the origin.',
  document: edgeDoc,
  steps: [
    {
      title: 'A CloudFront Function rewrites every URL',
      text: 'A viewer-request CloudFront Function runs before the cache on every request. It is JavaScript with no network access and must finish in under a millisecond, so it adds almost nothing.',
      watch: 'No cold starts on the CDN; its cost is mostly requests and data out.',
      check: { label: 'No cold starts at the edge', measure: { of: 'node', nodes: ['cdn'], field: 'coldStarts' }, op: '<=', value: 0, unit: 'count' },
    },
    {
      title: 'Do the same job with Lambda@Edge',
      text: 'Lambda@Edge on viewer request also runs on every request, but in execution environments of its own: a new one starts cold, each run takes milliseconds, and it costs $0.60 per million plus GB-seconds.',
      watch: 'Cold starts appear on the CDN card; p99 latency and the CDN’s cost rise.',
      change: { kind: 'edit', label: 'Run the viewer-request job on Lambda@Edge', node: 'cdn', path: ['functions', 'viewerRequest'], value: 'lambdaEdge' },
      check: { label: 'Lambda@Edge cold starts', measure: { of: 'node', nodes: ['cdn'], field: 'coldStarts' }, op: '>', value: 0, unit: 'count' },
    },
    {
      title: 'Move it to the origin request',
      text: 'Work that only matters when CloudFront goes to the origin (signing, choosing an origin, adding headers) can run on the origin-request trigger: then it runs only when CloudFront goes to the origin — cache misses and uncacheable requests, a small share of the traffic.',
      watch:
        'Lambda@Edge runs fall to the requests that reach the origin; latency of cached responses is back to the CloudFront Function’s, and the cost falls.',
      change: {
        kind: 'edit',
        label: 'Move Lambda@Edge to the origin request',
        node: 'cdn',
        path: ['functions'],
        value: { viewerRequest: 'none', viewerResponse: 'none', originRequest: 'lambdaEdge', originResponse: 'none' },
      },
    },
  ],
};
