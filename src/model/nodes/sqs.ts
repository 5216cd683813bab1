import { bool, enumOf, int, nullableInt, num } from '../fields';
import { defineKind } from './kind';

export const sqsKind = defineKind({
  type: 'sqs',
  label: 'SQS',
  description: 'A queue that absorbs bursts; Lambda pollers drain it in batches; failures redeliver, then go to a DLQ.',
  category: 'messaging',
  capabilities: ['queue'],
  entry: { ratePerS: 10, when: 'whenItHandsOn', unit: 'messages', verb: 'sends to' },
  // only a queue a function consumes has a drain to shape
  knobs: [
    { path: ['batchSize'], label: 'batch size', unit: '', min: 1, max: 10_000, onlyWithTarget: 'lambda' },
    { path: ['maxConcurrency'], label: 'max concurrency', unit: '', min: 2, max: 1_000, nullLabel: 'no cap', onlyWithTarget: 'lambda' },
  ],
  docsUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html',
  fields: {
    queueType: enumOf({
      label: 'Queue type',
      hint: 'Standard: nearly unlimited throughput, at-least-once. FIFO: ordered per group, 300 TPS per action without batching.',
      default: 'standard',
      options: [
        { value: 'standard', label: 'Standard' },
        { value: 'fifo', label: 'FIFO' },
      ],
    }),
    visibilityTimeoutS: int({
      label: 'Visibility timeout',
      unit: 's',
      min: 0,
      max: 43_200,
      default: 30,
      hint: '0 s–12 h, default 30 s. A failed batch reappears after this; AWS advises ≥ 6 × the function timeout.',
    }),
    maxReceiveCount: int({
      label: 'Max receives',
      min: 1,
      max: 1_000,
      default: 3,
      hint: 'Receives before a message moves to the DLQ (needs a DLQ edge). AWS advises at least 5.',
    }),
    retentionS: int({
      label: 'Retention',
      unit: 's',
      min: 60,
      max: 1_209_600,
      default: 345_600,
      hint: '1 min–14 days, default 4 days; older messages are deleted.',
    }),
    batchSize: int({
      label: 'Batch size',
      min: 1,
      max: 10_000,
      default: 10,
      hint: 'Messages per Lambda invocation (default 10; above 10 needs a batching window ≥ 1 s; FIFO max 10).',
    }),
    maxBatchingWindowS: int({ label: 'Batching window', unit: 's', min: 0, max: 300, default: 0, hint: 'How long pollers wait to fill a batch (0–300 s).' }),
    messageGroups: int({
      label: 'Message groups',
      min: 1,
      max: 1_000_000,
      default: 100,
      hint: 'FIFO: distinct message group IDs the producers use (from the request key). One batch per group is in flight at a time, in order.',
    }),
    highThroughput: bool({
      label: 'High throughput (FIFO)',
      default: false,
      hint: 'FIFO high-throughput mode: up to 70,000 sends a second in us-east-1 instead of 300.',
    }),
    duplicateShare: num({
      label: 'Duplicate sends',
      min: 0,
      max: 1,
      step: 0.01,
      default: 0,
      hint: 'Share of sends that repeat an earlier message (producer retries). FIFO drops them within 5 minutes (deduplication); a standard queue delivers them again.',
    }),
    reportBatchItemFailures: bool({
      label: 'Report batch item failures',
      default: false,
      hint: 'The handler returns the messages that failed; only they come back. Without it one bad message returns the whole batch.',
    }),
    maxConcurrency: nullableInt({
      label: 'Maximum concurrency',
      min: 2,
      max: 1_000,
      default: null,
      nullLabel: 'no cap: pollers scale to 1,250',
      setLabel: 'Cap at',
      hint: 'Caps concurrent batches from this queue (2–1,000) without throttling the function.',
    }),
  },
  crossCheck: (c) => {
    const problems: { field: string[]; message: string }[] = [];
    if (c.queueType === 'fifo' && c.batchSize > 10)
      problems.push({ field: ['batchSize'], message: `${c.batchSize} is above 10, the largest batch for a FIFO queue` });
    if (c.batchSize > 10 && c.maxBatchingWindowS < 1)
      problems.push({ field: ['maxBatchingWindowS'], message: `must be at least 1 s when the batch size is above 10 (it is ${c.batchSize})` });
    return problems;
  },
  summary: (c) => [
    `batch ${c.batchSize}${c.maxBatchingWindowS ? ` / ${c.maxBatchingWindowS} s` : ''}`,
    `visibility ${c.visibilityTimeoutS} s`,
    `max receives ${c.maxReceiveCount}`,
  ],
});
