import { DAX_NODE_TYPES, RDS_INSTANCE_CLASSES, type DaxNodeType, type NodeType, type RdsInstanceClass } from '../../model';

/**
 * One entry per node type (a missing type is a type error): us-east-1 list prices, USD, each with its section in docs/aws-reference.md.
 * Other Regions use this table (the model warns about it).
 */
export const PRICES = {
  /** Clients are outside AWS: nothing to bill. */
  client: {},
  lambda: {
    /** §1.7: $0.20 per 1 M requests (x86 and Arm). */
    perRequest: 0.2 / 1e6,
    /** §1.7: first tier, per GB-s. Higher tiers start at 6 B (x86) / 7.5 B (arm) GB-s a month. */
    perGbS: { x86_64: 0.0000166667, arm64: 0.0000133334 },
    /** §1.7: provisioned concurrency, per GB-s configured and per GB-s of execution on it. */
    pcPerGbS: { x86_64: 0.0000041667, arm64: 0.0000033334 },
    pcExecPerGbS: { x86_64: 0.0000097222, arm64: 0.0000077778 },
    /** §1.6: SnapStart cache per GB-s while active and per GB restored (not for Java). */
    snapCachePerGbS: 0.0000015046,
    snapRestorePerGb: 0.0001397998,
    /** §1.1: async events are billed one request per 64 KB chunk above 256 KB. */
    asyncChunkKb: 64,
    asyncFreeKb: 256,
    /** §1.7 free tier: 1 M requests + 400,000 GB-s a month (not for PC). */
    freeRequests: 1e6,
    freeGbS: 400_000,
  },
  apiGateway: {
    /** §2: REST $3.50 per M (first 333 M), HTTP $1.00 per M (first 300 M), 512 KB metering. */
    perRequest: { rest: 3.5 / 1e6, http: 1.0 / 1e6 },
    httpMeterKb: 512,
    /** §2: free tier 1 M calls a month (first 12 months). */
    freeRequests: 1e6,
  },
  dynamodb: {
    /** §3.3: on-demand $0.125 per M RRU, $0.625 per M WRU. */
    perReadUnit: 0.125 / 1e6,
    perWriteUnit: 0.625 / 1e6,
    /** §3.3: provisioned $0.00013 per RCU-hour, $0.00065 per WCU-hour. */
    perRcuHour: 0.00013,
    perWcuHour: 0.00065,
    /** §3.4: Standard-IA on-demand $0.155 per M RRU, $0.78 per M WRU; provisioned $0.00016 per RCU-hour, $0.00081 per WCU-hour. */
    ia: { perReadUnit: 0.155 / 1e6, perWriteUnit: 0.78 / 1e6, perRcuHour: 0.00016, perWcuHour: 0.00081 },
    /** §3.4: storage per GB-month by table class; the first 25 GB of Standard storage are free each month. */
    storagePerGbMonth: { standard: 0.25, standardIa: 0.1 },
    freeStorageGb: 25,
    /** §3.4 global tables: per M replicated write request units, per replicated WCU-hour, by table class. */
    perReplicatedWriteUnit: { standard: 0.625 / 1e6, standardIa: 0.78 / 1e6 },
    perRwcuHour: { standard: 0.00065, standardIa: 0.00081 },
    /** §3.4 global tables: data transfer out from us-east-1 to another Region, per GB (secondary; $0.01 to us-east-2). */
    crossRegionPerGb: 0.02,
    /** §3.4: PITR per GB-month of table size; on-demand backups per GB-month kept; a restore per GB. */
    pitrPerGbMonth: 0.2,
    backupPerGbMonth: 0.1,
    restorePerGb: 0.15,
  },
  sqs: {
    /** §6.4: standard $0.40 per M, FIFO $0.50 per M; per 64 KB chunk; 1 M free a month. */
    perRequest: { standard: 0.4 / 1e6, fifo: 0.5 / 1e6 },
    chunkKb: 64,
    /** §6.4: a receive or delete call carries at most 10 messages. */
    messagesPerCall: 10,
    freeRequests: 1e6,
  },
  cloudfront: {
    /** §7: HTTPS $0.0100 per 10,000 requests; data out $0.085 per GB (first 10 TB). */
    perRequest: 0.01 / 10_000,
    perGbOut: 0.085,
    /** §7 free: 10 M requests and 1 TB a month. */
    freeRequests: 10e6,
    freeGbOut: 1000,
  },
  sns: {
    /** §8: $0.50 per M publishes (64 KB chunks), first 1 M free; Lambda/SQS deliveries free. */
    perPublish: 0.5 / 1e6,
    chunkKb: 64,
    freePublishes: 1e6,
  },
  s3: {
    /** §12: S3 Standard, PUT/COPY/POST/LIST $0.005 per 1,000; GET/SELECT and others $0.0004 per 1,000. */
    perWrite: 0.005 / 1000,
    perRead: 0.0004 / 1000,
    /** §12 free tier (12 months): 2,000 PUT/COPY/POST/LIST and 20,000 GET requests a month. */
    freeWrites: 2_000,
    freeReads: 20_000,
  },
  eventbridge: {
    /** §8: custom events $1.00 per M (64 KB chunks); Scheduler $1.00 per M (14 M free). */
    perEvent: 1.0 / 1e6,
    perScheduledInvocation: 1.0 / 1e6,
    chunkKb: 64,
    freeScheduledInvocations: 14e6,
  },
  /** §5: per node-hour by node type, kept with the node types in model/nodes/dax.ts. */
  dax: { perNodeHour: Object.fromEntries(Object.entries(DAX_NODE_TYPES).map(([t, v]) => [t, v.usdPerHour])) as Record<DaxNodeType, number> },
  stepFunctions: {
    /** §11.4: Standard $0.025 per 1,000 state transitions (retries included); 4,000 free a month. */
    perTransition: 0.025 / 1000,
    freeTransitions: 4_000,
    /** §11.4: Express $1.00 per 1 M requests, plus duration × memory: first tier $0.00001667 per GB-s. */
    expressPerRequest: 1.0 / 1e6,
    expressPerGbS: 0.00001667,
    /** §11.4: Express duration rounds up to 100 ms; memory is billed in 64 MB chunks. */
    expressDurationStepMs: 100,
    expressMemoryStepMb: 64,
  },
  kinesis: {
    /** §10.6 provisioned: $0.015 per shard-hour; $0.014 per M PUT payload units of 25 KB. */
    perShardHour: 0.015,
    perPutUnit: 0.014 / 1e6,
    putUnitKb: 25,
    /** §10.6 provisioned extended retention (25 h–7 days): $0.02 per shard-hour. */
    extendedRetentionPerShardHour: 0.02,
    /** §10.6 on-demand: $0.04 per stream-hour; $0.08 per GB in, $0.04 per GB out, each record rounded up to 1 KB. */
    perStreamHour: 0.04,
    perGbIn: 0.08,
    perGbOut: 0.04,
    /** §10.6 enhanced fan-out: provisioned $0.015 per consumer-shard-hour + $0.013 per GB; on-demand $0.05 per GB. */
    efoPerConsumerShardHour: 0.015,
    efoPerGb: { provisioned: 0.013, onDemand: 0.05 },
  },
  /** §13.2: on-demand per instance-hour by class (Aurora Standard; RDS Single-AZ), kept with the classes in model/nodes/rds.ts. */
  rds: {
    perInstanceHour: Object.fromEntries(Object.entries(RDS_INSTANCE_CLASSES).map(([t, v]) => [t, v.usdPerHour])) as Record<
      RdsInstanceClass,
      { aurora: number; postgres: number; mysql: number }
    >,
  },
  /** §13.3: $0.015 per vCPU-hour of the database behind it (provisioned instances), at least 2 vCPUs. */
  rdsProxy: { perVcpuHour: 0.015 },
} as const satisfies Record<NodeType, object>;

export const SECONDS_PER_30_DAYS = 30 * 86_400;
