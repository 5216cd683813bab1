import { bool, enumOf, group, int, num } from '../fields';
import { defineKind } from './kind';

export const dynamodbKind = defineKind({
  type: 'dynamodb',
  label: 'DynamoDB',
  description: 'Key-value table: on-demand or provisioned capacity, throttles when over it, optional stream of changes.',
  category: 'data',
  capabilities: ['keyed', 'stream'],
  docsUrl: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadWriteCapacityMode.html',
  fields: {
    capacityMode: enumOf({
      label: 'Capacity mode',
      hint: 'On-demand: pay per request ($0.125/M reads, $0.625/M writes in the Standard class). Provisioned: pay per unit-hour, throttles above it.',
      default: 'onDemand',
      options: [
        { value: 'onDemand', label: 'On-demand' },
        { value: 'provisioned', label: 'Provisioned' },
      ],
    }),
    readCapacityUnits: int({
      label: 'Read capacity',
      unit: 'RCU',
      min: 1,
      max: 40_000,
      default: 5,
      hint: 'Provisioned mode: one RCU = one strongly consistent 4 KB read per second (two eventually consistent).',
    }),
    writeCapacityUnits: int({
      label: 'Write capacity',
      unit: 'WCU',
      min: 1,
      max: 40_000,
      default: 5,
      hint: 'Provisioned mode: one WCU = one 1 KB write per second.',
    }),
    itemSizeKb: num({
      label: 'Item size',
      unit: 'KB',
      min: 0.1,
      max: 400,
      default: 1,
      hint: 'Max 400 KB. Reads round up to 4 KB units, writes to 1 KB units.',
    }),
    storageGb: num({
      label: 'Table size',
      unit: 'GB',
      min: 0,
      max: 1_000_000,
      default: 1,
      hint: 'Data stored. A partition holds 10 GB, so a large table has more partitions (each serves at most 3,000 RCU / 1,000 WCU).',
    }),
    tableClass: enumOf({
      label: 'Table class',
      hint: 'Standard-IA stores data for $0.10 per GB-month instead of $0.25, but every read and write costs about 25 % more: for tables where storage is most of the bill.',
      default: 'standard',
      options: [
        { value: 'standard', label: 'Standard' },
        { value: 'standardIa', label: 'Standard-IA' },
      ],
    }),
    globalReplicas: int({
      label: 'Replica Regions',
      min: 0,
      max: 30,
      default: 0,
      hint: 'Global table: every write is replicated to each other Region (a replicated write unit each, typically within a second), and each replica stores and bills the whole table. Needs the stream on.',
    }),
    pointInTimeRecovery: bool({
      label: 'Point-in-time recovery',
      default: false,
      hint: 'Continuous backups: $0.20 per GB-month of table size (every replica), whatever the window. A restore always creates a new table.',
    }),
    recoveryPeriodDays: int({
      label: 'Recovery window',
      unit: 'days',
      min: 1,
      max: 35,
      default: 35,
      hint: 'PITR restores to any second in the last 1–35 days; a shorter window costs the same.',
    }),
    backupGb: num({
      label: 'On-demand backups',
      unit: 'GB',
      min: 0,
      max: 10_000_000,
      default: 0,
      hint: 'Total size of the full backups kept (each is the table size when taken): $0.10 per GB-month until deleted. A restore ($0.15 per GB) creates a new table.',
    }),
    consistentReads: bool({
      label: 'Strongly consistent reads',
      default: false,
      hint: 'Strong reads cost a full RCU per 4 KB; eventual ones half. DAX serves only eventual reads.',
    }),
    sdkMaxAttempts: int({
      label: 'SDK attempts',
      min: 1,
      max: 10,
      default: 3,
      hint: 'Caller retries on throttling (AWS SDK standard mode: 3 attempts, exponential backoff with jitter).',
    }),
    stream: group({
      label: 'Stream',
      hint: 'DynamoDB Streams: every write becomes a record, read by Lambda in ordered batches.',
      fields: {
        enabled: bool({ label: 'Stream enabled', default: false, hint: 'Needed for a stream edge to a Lambda.' }),
        viewType: enumOf({
          label: 'View type',
          hint: 'What each record carries.',
          default: 'NEW_AND_OLD_IMAGES',
          options: [
            { value: 'KEYS_ONLY', label: 'Keys only' },
            { value: 'NEW_IMAGE', label: 'New image' },
            { value: 'OLD_IMAGE', label: 'Old image' },
            { value: 'NEW_AND_OLD_IMAGES', label: 'New and old images' },
          ],
        }),
        shards: int({
          label: 'Shards',
          min: 1,
          max: 1_000,
          default: 1,
          hint: 'Open shards (about one per table partition); each is read by its own poller, in order.',
        }),
        batchSize: int({ label: 'Batch size', min: 1, max: 10_000, default: 100, hint: 'Records per Lambda invocation (default 100, max 10,000).' }),
        maxBatchingWindowS: int({ label: 'Batching window', unit: 's', min: 0, max: 300, default: 0, hint: 'Wait up to this long to fill a batch (0–300 s).' }),
        parallelizationFactor: int({
          label: 'Parallelization factor',
          min: 1,
          max: 10,
          default: 1,
          hint: 'Concurrent batches per shard (1–10), still ordered per key.',
        }),
        reportBatchItemFailures: bool({
          label: 'Report batch item failures',
          default: false,
          hint: 'The handler returns the first failed record; the records before it are not sent again. Without it a failed batch is retried whole.',
        }),
      },
    }),
  },
  crossCheck: (c) =>
    c.globalReplicas > 0 && !c.stream.enabled
      ? [{ field: ['globalReplicas'], message: 'a global table needs DynamoDB Streams: turn the stream on first (replication reads it)' }]
      : [],
  summary: (c) => [
    c.capacityMode === 'onDemand' ? 'on-demand' : `provisioned ${c.readCapacityUnits} RCU / ${c.writeCapacityUnits} WCU`,
    c.stream.enabled ? `stream on (${c.stream.viewType.toLowerCase().replace(/_/g, ' ')})` : 'stream off',
    ...[
      [c.tableClass === 'standardIa' ? 'Standard-IA' : '', c.globalReplicas > 0 ? `+${c.globalReplicas} Region${c.globalReplicas === 1 ? '' : 's'}` : '']
        .filter(Boolean)
        .join(' · '),
    ].filter(Boolean),
  ],
});
