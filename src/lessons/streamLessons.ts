import { lessonDoc, type Lesson } from './lesson';

const clicks = { traffic: { shape: 'constant', rps: 1500 }, arrivals: 'uniform', readRatio: 0, keys: 100_000, zipfS: 0 };
const reader = { memoryMb: 1024, provisionedConcurrency: 20, handler: { distribution: 'constant', meanMs: 300 } };

export const kinesisScaling: Lesson = {
  id: 'kinesis-scaling',
  title: 'Kinesis does not scale like SQS',
  summary: 'Shards cap what a stream takes and how fast Lambda reads it: throttles, then a growing iterator age.',
  misconception: '"Kinesis scales like SQS: put more in and more Lambdas pick it up."',
  learnt:
    'A shard takes 1,000 records a second and Lambda reads it one batch at a time (up to the parallelization factor). More shards raise both limits; the parallelization factor raises only the reading.',
  document: lessonDoc(
    'Lesson 12 — Kinesis shards',
    [
      ['devices', 'client', 'Click events', 0, 0, clicks],
      ['stream', 'kinesis', 'clicks', 1, 0, { shards: 1, batchSize: 100 }],
      ['fn', 'lambda', 'countClicks', 2, 0, reader],
    ],
    [
      ['devices', 'stream'],
      ['stream', 'fn'],
    ],
    { durationS: 120 },
  ),
  steps: [
    {
      title: 'Run it',
      text: 'One shard takes 1,000 records a second; 1,500 arrive. The rest get ProvisionedThroughputExceeded, which the SDK retries and then gives up. Lambda reads the shard one batch of 100 at a time, 300 ms each: about 330 records a second.',
      watch: 'Throttles on the stream, and its iterator age (how far the reader is behind) climbing.',
      check: { label: 'Puts are throttled', measure: { of: 'node', nodes: ['stream'], field: 'throttles' }, op: '>', value: 0 },
    },
    {
      title: 'Two shards',
      text: 'Two shards take 2,000 records a second: no more throttles. But each shard is still read one batch at a time, so the reader manages about 660 a second.',
      watch: 'No throttles; the iterator age still grows.',
      check: { label: 'Throttles on the stream: 0', measure: { of: 'node', nodes: ['stream'], field: 'throttles' }, op: '<=', value: 0 },
      change: { kind: 'edit', label: 'Set shards to 2', node: 'stream', path: ['shards'], value: 2 },
    },
    {
      title: 'Read five batches per shard',
      text: 'A parallelization factor of 5 lets Lambda run five batches per shard at once (still in order per partition key): about 3,300 records a second.',
      watch: 'The iterator age stays around the one-second poll.',
      check: {
        label: 'Iterator age stays under 5 s',
        measure: { of: 'node', nodes: ['stream'], field: 'maxIteratorAgeMs' },
        op: '<',
        value: 5_000,
        unit: 'ms',
      },
      change: { kind: 'edit', label: 'Set parallelization factor to 5', node: 'stream', path: ['parallelizationFactor'], value: 5 },
    },
  ],
};

export const partialBatch: Lesson = {
  id: 'partial-batch',
  title: 'One bad message retries the whole batch',
  summary: 'Without partial batch responses a failed batch comes back whole: the good messages are processed again.',
  misconception: '"One bad message only retries itself."',
  learnt:
    'A Lambda that throws fails its whole batch: every message comes back and the ones already handled run again, so handlers must be idempotent. Reporting batch item failures returns only the failed messages.',
  document: lessonDoc(
    'Lesson 13 — partial batch responses',
    [
      ['shop', 'client', 'Orders', 0, 0, { traffic: { shape: 'constant', rps: 100 }, readRatio: 0, invocation: 'async' }],
      ['accept', 'lambda', 'acceptOrder', 1, 0, { memoryMb: 512, handler: { distribution: 'constant', meanMs: 5 } }],
      ['queue', 'sqs', 'orders', 2, 0, { batchSize: 10, maxBatchingWindowS: 1, visibilityTimeoutS: 10, maxReceiveCount: 100 }],
      ['fn', 'lambda', 'chargeOrder', 3, 0, { memoryMb: 512, errorRate: 0.1, handler: { distribution: 'constant', meanMs: 20 } }],
    ],
    [
      ['shop', 'accept'],
      ['accept', 'queue'],
      ['queue', 'fn'],
    ],
    { durationS: 120 },
  ),
  steps: [
    {
      title: 'Run it',
      text: 'One invocation in ten throws on one bad message. The whole batch of ten fails, becomes visible again after the visibility timeout, and is received again: nine good orders are charged a second time.',
      watch: 'Duplicates on chargeOrder: deliveries of orders it had already handled.',
      check: { label: 'Orders processed twice', measure: { of: 'node', nodes: ['fn'], field: 'duplicates' }, op: '>', value: 0 },
    },
    {
      title: 'Report batch item failures',
      text: 'With ReportBatchItemFailures the handler returns the ids of the messages that failed; Lambda deletes the others. Only the bad message comes back.',
      watch: 'No duplicates; fewer receives and invocations for the same orders.',
      check: { label: 'No order processed twice', measure: { of: 'node', nodes: ['fn'], field: 'duplicates' }, op: '<=', value: 0 },
      change: { kind: 'edit', label: 'Turn on report batch item failures', node: 'queue', path: ['reportBatchItemFailures'], value: true },
    },
  ],
};
