import { bool, enumOf, int, num } from '../fields';
import { defineKind } from './kind';

/** Per-shard limits (docs/aws-reference.md §10.1). */
export const KINESIS_SHARD = {
  writeKbPerS: 1024,
  writeRecordsPerS: 1000,
  readKbPerS: 2048,
  getRecordsPerS: 5,
  /** One GetRecords call returns at most 10,000 records or 10 MiB. */
  getRecordsMaxRecords: 10_000,
  getRecordsMaxKb: 10_240,
} as const;

/** On-demand streams start with the write capacity of 4 shards (4 MiB/s, 4,000 records/s). */
export const KINESIS_ON_DEMAND_START_SHARDS = 4;

export const kinesisKind = defineKind({
  type: 'kinesis',
  label: 'Kinesis',
  description: 'Kinesis Data Streams: an ordered stream split into shards: each shard takes 1 MB/s or 1,000 records/s; Lambda reads each shard in order.',
  category: 'messaging',
  capabilities: ['stream', 'keyed'],
  docsUrl: 'https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html',
  entry: { ratePerS: 10, when: 'whenItHandsOn', unit: 'records', verb: 'puts records into' },
  knobs: [
    { path: ['shards'], label: 'shards', unit: '', min: 1, max: 1_000 },
    { path: ['batchSize'], label: 'batch size', unit: '', min: 1, max: 10_000, onlyWithTarget: 'lambda' },
    { path: ['parallelizationFactor'], label: 'parallelization', unit: '', min: 1, max: 10, onlyWithTarget: 'lambda' },
  ],
  fields: {
    capacityMode: enumOf({
      label: 'Capacity mode',
      hint: 'Provisioned: you set the shards, billed per shard-hour. On-demand: starts at 4 MB/s and doubles toward the peak, billed per GB and stream-hour.',
      default: 'provisioned',
      options: [
        { value: 'provisioned', label: 'Provisioned' },
        { value: 'onDemand', label: 'On-demand' },
      ],
    }),
    shards: int({
      label: 'Shards',
      min: 1,
      max: 1_000,
      default: 1,
      hint: 'Provisioned mode: each shard takes 1 MB/s or 1,000 records/s of writes and serves 2 MB/s of reads.',
    }),
    retentionH: int({
      label: 'Retention',
      unit: 'h',
      min: 24,
      max: 8_760,
      default: 24,
      hint: '24 h by default, up to 365 days (8,760 h); unread records older than this are gone. Past 24 h the provisioned extended-retention shard-hour is in the cost; long-term storage past 7 days (billed per GB-month) is not.',
    }),
    recordSizeKb: num({
      label: 'Record size',
      unit: 'KB',
      min: 0.1,
      max: 1_024,
      default: 1,
      hint: 'Data blob plus partition key, up to 1 MiB. Billed in 25 KB PUT payload units (provisioned) or per KB (on-demand).',
    }),
    sdkMaxAttempts: int({
      label: 'SDK attempts',
      min: 1,
      max: 10,
      default: 3,
      hint: 'A producer retries ProvisionedThroughputExceeded (AWS SDK standard mode: 3 attempts, backoff with jitter).',
    }),
    batchSize: int({ label: 'Batch size', min: 1, max: 10_000, default: 100, hint: 'Lambda mapping: records per invocation (default 100, max 10,000).' }),
    maxBatchingWindowS: int({
      label: 'Batching window',
      unit: 's',
      min: 0,
      max: 300,
      default: 0,
      hint: 'Lambda mapping: wait up to this long to fill a batch (0–300 s).',
    }),
    parallelizationFactor: int({
      label: 'Parallelization factor',
      min: 1,
      max: 10,
      default: 1,
      hint: 'Lambda mapping: concurrent batches per shard (1–10), still in order per partition key.',
    }),
    enhancedFanOut: bool({
      label: 'Enhanced fan-out',
      default: false,
      hint: 'Each Lambda consumer gets its own 2 MB/s per shard, pushed (~70 ms), instead of sharing 2 MB/s and 5 reads/s. Billed per consumer-shard-hour and GB.',
    }),
    bisectOnError: bool({
      label: 'Split batch on error',
      default: false,
      hint: 'Lambda mapping: a batch the function failed is split in two and each half retried, to isolate a bad record; a split uses no retry. Throttled batches are not split.',
    }),
    maxRetryAttempts: int({
      label: 'Maximum retries',
      min: -1,
      max: 10_000,
      default: -1,
      hint: 'Lambda mapping: retries of a batch the function failed; -1 = until the records expire (the shard waits meanwhile). Throttles are retried until the records expire or pass the maximum age.',
    }),
    maxRecordAgeS: int({
      label: 'Maximum record age',
      unit: 's',
      min: -1,
      max: 604_800,
      default: -1,
      hint: 'Lambda mapping: older records are skipped (to the on-failure destination); -1 = no limit, 60 s–7 days.',
    }),
    reportBatchItemFailures: bool({
      label: 'Report batch item failures',
      default: false,
      hint: 'The handler returns the failed records; only they (and those after them in the shard) are retried, not the whole batch.',
    }),
  },
  crossCheck: (c) => {
    const problems: { field: string[]; message: string }[] = [];
    if (c.maxRecordAgeS >= 0 && c.maxRecordAgeS < 60)
      problems.push({ field: ['maxRecordAgeS'], message: `${c.maxRecordAgeS} s is not allowed: use -1 (no limit) or 60 s to 604,800 s (7 days)` });
    return problems;
  },
  summary: (c) => [
    c.capacityMode === 'onDemand' ? 'on-demand' : `${c.shards} shard${c.shards === 1 ? '' : 's'}`,
    `batch ${c.batchSize}${c.parallelizationFactor > 1 ? ` × ${c.parallelizationFactor} per shard` : ''}`,
    c.enhancedFanOut ? 'enhanced fan-out' : `retention ${c.retentionH} h`,
  ],
});
