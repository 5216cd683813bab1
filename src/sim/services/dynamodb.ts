/**
 * DynamoDB (reference §3, §9.4). Each read or write consumes capacity units (reads round
 * the item up to 4 KB and cost half when eventually consistent; writes round up to 1 KB).
 * Provisioned tables refill RCU/WCU token buckets holding up to 300 s of unused capacity
 * (burst, §3.1; buckets start full). On-demand tables serve up to max(12,000 RRU / 4,000
 * WRU per second, 2 × the previous peak), re-evaluated every 30 min, within the 40,000
 * table quota (§3.1). Over capacity: ProvisionedThroughputExceeded, which the caller's SDK
 * retries up to `sdkMaxAttempts` with full-jitter exponential backoff (base 1 s, cap 20 s,
 * §3.1 standard mode); the caller sees one slower call, or a throttle after the last
 * attempt. Latency: log-normal median 3 ms, p99 10 ms (§9.4). Every successful write
 * becomes a stream record (streamMapping.ts). Before the table's capacity, each request
 * meets its key's partition: 3,000 RCU / 1,000 WCU a second at most, with adaptive capacity
 * and splits for heat (partitions.ts).
 */
import type { DynamodbConfig, NodeOf } from '../../model';
import type { DynamodbSummary, NodeWindow, LiveFields, DynamodbLive } from '../api';
import { ERROR, OK, THROTTLED, type Call, type OutcomeCode } from '../engine/call';
import type { EdgeInfo, Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type Rng } from '../engine/rng';
import { PRICES, SECONDS_PER_30_DAYS } from '../pricing/prices';
import { Service, TokenBucket, sdkBackoffMs } from './service';
import { num, ref, type LogCounter } from '../metrics/eventLog';
import { StreamMapping, STREAM_EVENT_BASE, type MappingConfig, type StreamEvent, type StreamHost } from './streamMapping';
import { PARTITION_READ_UNITS, PARTITION_WRITE_UNITS, PartitionMap, partitionsFor } from './partitions';

const ATTEMPT = 0;
const DONE = 1;
/** The events this service schedules for itself (Service `Ev`). */
type DynamodbEvent = typeof ATTEMPT | typeof DONE | StreamEvent;
const LATENCY = lognormalFromMedianP99(3, 10);
const BURST_S = 300;
const ON_DEMAND_START = { read: 12_000, write: 4_000 };
const TABLE_QUOTA_UNITS = 40_000;
const ON_DEMAND_PEAK_WINDOW_MS = 30 * 60_000;

/** DynamoDB Streams: shards polled 4 times a second, records kept 24 h (§4, §9.5). */
const STREAM_POLL_MS = 250;
const STREAM_RETENTION_MS = 24 * 3_600_000;

/** Global tables: AWS's typical replication latency ("typically within a second", §3.4); no consumer reads the replicas. */
export const REPLICATION_LATENCY_MS = 1_000;
/** Data transfer is billed per GB of 2^30 bytes (§3.4). */
const KB_PER_GB = 1_048_576;

/** What a table costs, by part (USD so far; §3.3, §3.4). */
export interface TableCostParts {
  /** Reads and writes (on-demand) or provisioned capacity, in the table's own Region. */
  capacity: number;
  storage: number;
  /** Replicated write units (on-demand) or replicated WCU-hours (provisioned) in every replica Region. */
  replicatedWrites: number;
  /** The replicas' storage, and their read capacity when provisioned. */
  replicas: number;
  /** Global tables: each replicated write's item sent out to every replica Region, per GB (§3.4). */
  crossRegionTransfer: number;
  pointInTimeRecovery: number;
  backups: number;
}

/** Per-unit prices of a table class (§3.3, §3.4). */
export function classPrices(tableClass: DynamodbConfig['tableClass']) {
  const d = PRICES.dynamodb;
  const ia = tableClass === 'standardIa';
  return {
    perReadUnit: ia ? d.ia.perReadUnit : d.perReadUnit,
    perWriteUnit: ia ? d.ia.perWriteUnit : d.perWriteUnit,
    perRcuHour: ia ? d.ia.perRcuHour : d.perRcuHour,
    perWcuHour: ia ? d.ia.perWcuHour : d.perWcuHour,
    storagePerGbMonth: d.storagePerGbMonth[tableClass],
    perReplicatedWriteUnit: d.perReplicatedWriteUnit[tableClass],
    perRwcuHour: d.perRwcuHour[tableClass],
  };
}

/**
 * A table's charges that run with time, per second (§3.3, §3.4): provisioned capacity in its
 * Region and in each replica, storage in each copy, PITR on each copy, on-demand backups. A
 * GB-month is 30 days here, so the 30-day projection of a GB stored is its monthly price.
 */
export function timedCostPerS(c: DynamodbConfig): TableCostParts {
  const p = classPrices(c.tableClass);
  const month = (perGbMonth: number, gb: number) => (gb * perGbMonth) / SECONDS_PER_30_DAYS;
  const prov = c.capacityMode === 'provisioned';
  const r = c.globalReplicas;
  return {
    capacity: prov ? (c.readCapacityUnits * p.perRcuHour + c.writeCapacityUnits * p.perWcuHour) / 3600 : 0,
    storage: month(p.storagePerGbMonth, c.storageGb),
    replicatedWrites: prov ? (r * c.writeCapacityUnits * p.perRwcuHour) / 3600 : 0,
    replicas: r * month(p.storagePerGbMonth, c.storageGb) + (prov ? (r * c.readCapacityUnits * p.perRcuHour) / 3600 : 0),
    // per replicated write, not per second
    crossRegionTransfer: 0,
    pointInTimeRecovery: c.pointInTimeRecovery ? (1 + r) * month(PRICES.dynamodb.pitrPerGbMonth, c.storageGb) : 0,
    backups: month(PRICES.dynamodb.backupPerGbMonth, c.backupGb),
  };
}

export class DynamodbService extends Service<DynamodbEvent> implements StreamHost {
  cfg: DynamodbConfig;
  /** The table class's unit prices (classPrices), kept with the config rather than made per request. */
  private prices: ReturnType<typeof classPrices>;
  private readonly rng: Rng;
  private rcu: TokenBucket;
  private wcu: TokenBucket;
  // on-demand: per-second usage and the allowance set from the previous peak
  private secondIdx = -1;
  private readUsed = 0;
  private writeUsed = 0;
  private readAllowance = ON_DEMAND_START.read;
  private writeAllowance = ON_DEMAND_START.write;
  private readPeak = 0;
  private writePeak = 0;
  private nextPeakReviewMs = ON_DEMAND_PEAK_WINDOW_MS;
  private accruedToMs = 0;
  readonly streams: StreamMapping[] = [];
  private changeStreams: EdgeInfo[] = [];
  reads = 0;
  writes = 0;
  readUnits = 0;
  writeUnits = 0;
  sdkRetries = 0;
  streamRecords = 0;
  replicatedWriteUnits = 0;
  readonly costParts: TableCostParts = {
    capacity: 0,
    storage: 0,
    replicatedWrites: 0,
    replicas: 0,
    crossRegionTransfer: 0,
    pointInTimeRecovery: 0,
    backups: 0,
  };
  private readonly logThrottle: [LogCounter, LogCounter];
  private readonly logHot: [LogCounter, LogCounter];
  readonly partitions: PartitionMap;
  private readonly logDown: LogCounter;
  private readonly logRetry: LogCounter;

  constructor(k: Kernel, index: number, node: NodeOf<'dynamodb'>) {
    super(k, index, node, 'dynamodb');
    this.cfg = node.config;
    this.prices = classPrices(this.cfg.tableClass);
    this.rng = k.rng(node.id, 'latency');
    this.rcu = new TokenBucket(this.cfg.readCapacityUnits, this.cfg.readCapacityUnits * BURST_S);
    this.wcu = new TokenBucket(this.cfg.writeCapacityUnits, this.cfg.writeCapacityUnits * BURST_S);
    const id = node.id;
    const s = (n: number) => (n === 1 ? '' : 's');
    const throttled = (write: boolean) =>
      k.log.counter(id, 'throttle', (n) => {
        const what =
          this.cfg.capacityMode === 'provisioned'
            ? `${write ? num(this.cfg.writeCapacityUnits) + ' WCU' : num(this.cfg.readCapacityUnits) + ' RCU'} provisioned`
            : 'on-demand allowance';
        return `${ref(id)}: ${num(n)} ${write ? 'write' : 'read'}${s(n)} throttled (ProvisionedThroughputExceeded) — ${this.faultThrottle ? 'throttle fault injected' : what}`;
      });
    this.logThrottle = [throttled(false), throttled(true)];
    const hot = (write: boolean) =>
      k.log.counter(
        id,
        'throttle',
        (n) =>
          `${ref(id)}: ${num(n)} ${write ? 'write' : 'read'}${s(n)} throttled (ProvisionedThroughputExceeded) — hot partition: one partition serves at most ${write ? num(PARTITION_WRITE_UNITS) + ' WCU' : num(PARTITION_READ_UNITS) + ' RCU'} a second`,
      );
    this.logHot = [hot(false), hot(true)];
    this.partitions = new PartitionMap(this.partitionsNeeded());
    this.logDown = k.log.counter(id, 'error', (n) => `${ref(id)}: ${num(n)} request${s(n)} failed (500) — table down`);
    this.logRetry = k.log.counter(id, 'retry', (n) => `${ref(id)}: ${num(n)} SDK retr${n === 1 ? 'y' : 'ies'} with backoff`);
  }

  private mapping: MappingConfig | null = null;

  mappingConfig(): MappingConfig {
    if (this.mapping) return this.mapping;
    const st = this.cfg.stream;
    return (this.mapping = {
      shards: st.shards,
      batchSize: st.batchSize,
      maxBatchingWindowS: st.maxBatchingWindowS,
      parallelizationFactor: st.parallelizationFactor,
      pollMs: STREAM_POLL_MS,
      retentionMs: STREAM_RETENTION_MS,
      maxRetryAttempts: -1,
      maxRecordAgeMs: Infinity,
      bisectOnError: false,
      reportBatchItemFailures: st.reportBatchItemFailures,
      readRecordsPerPoll: Infinity,
      continuous: false,
    });
  }

  override start(): void {
    this.changeStreams = this.edgesWith('changeStream');
    for (const e of this.edgesWith('stream')) {
      const m = new StreamMapping(this, e, this.streams.length);
      this.streams.push(m);
      m.start();
    }
  }

  override configure(node: NodeOf<'dynamodb'>): void {
    super.configure(node);
    this.cfg = node.config;
    this.prices = classPrices(this.cfg.tableClass);
    this.mapping = null;
    const now = this.k.nowMs;
    for (const [b, units] of [
      [this.rcu, this.cfg.readCapacityUnits],
      [this.wcu, this.cfg.writeCapacityUnits],
    ] as const) {
      b.refill(now);
      b.ratePerS = units;
      b.capacity = units * BURST_S;
      b.tokens = Math.min(b.tokens, b.capacity);
    }
    this.partitions.grow(this.partitionsNeeded()); // partitions are never merged
  }

  private addPart(part: keyof TableCostParts, usd: number): void {
    this.costParts[part] += usd;
    this.addCost(usd);
  }

  /** Partitions for the capacity (provisioned, or the on-demand allowance) and the size (§3.1). */
  private partitionsNeeded(): number {
    const c = this.cfg;
    return c.capacityMode === 'provisioned'
      ? partitionsFor(c.readCapacityUnits, c.writeCapacityUnits, c.storageGb)
      : partitionsFor(this.readAllowance, this.writeAllowance, c.storageGb);
  }

  readUnitsPer(): number {
    return Math.ceil(this.cfg.itemSizeKb / 4) * (this.cfg.consistentReads ? 1 : 0.5);
  }

  writeUnitsPer(): number {
    return Math.ceil(this.cfg.itemSizeKb);
  }

  override call(c: Call): void {
    c.attempt = 1;
    this.attempt(c);
  }

  private hasCapacity(write: boolean, units: number): boolean {
    const now = this.k.nowMs;
    if (this.cfg.capacityMode === 'provisioned') return (write ? this.wcu : this.rcu).take(now, units);
    const sec = Math.floor(now / 1000);
    if (sec !== this.secondIdx) {
      this.readPeak = Math.max(this.readPeak, this.readUsed);
      this.writePeak = Math.max(this.writePeak, this.writeUsed);
      this.readUsed = 0;
      this.writeUsed = 0;
      this.secondIdx = sec;
      if (now >= this.nextPeakReviewMs) {
        this.readAllowance = Math.min(TABLE_QUOTA_UNITS, Math.max(this.readAllowance, 2 * this.readPeak));
        this.writeAllowance = Math.min(TABLE_QUOTA_UNITS, Math.max(this.writeAllowance, 2 * this.writePeak));
        this.nextPeakReviewMs += ON_DEMAND_PEAK_WINDOW_MS;
        this.partitions.grow(this.partitionsNeeded());
      }
    }
    if (write) {
      if (this.writeUsed + units > this.writeAllowance) return false;
      this.writeUsed += units;
    } else {
      if (this.readUsed + units > this.readAllowance) return false;
      this.readUsed += units;
    }
    return true;
  }

  private attempt(c: Call): void {
    const k = this.k;
    const write = c.isWrite;
    const units = write ? this.writeUnitsPer() : this.readUnitsPer();
    const latency = sampleLogNormal(this.rng, LATENCY) + this.faultAddMs;
    let failure: OutcomeCode = OK;
    let hotPartition = false;
    if (this.faultDown) failure = ERROR;
    else if (this.faultThrottle) failure = THROTTLED;
    else if (!this.partitions.admits(k.nowMs, c.key, write, units)) {
      failure = THROTTLED;
      hotPartition = true;
    } else if (!this.hasCapacity(write, units)) failure = THROTTLED;
    else this.partitions.use(c.key, write, units);
    if (failure === OK) {
      if (this.faultErrorRate > 0 && this.rng.next() < this.faultErrorRate) c.causeCode = ERROR;
      else c.causeCode = OK;
      const p = this.prices;
      const parts = this.costParts;
      if (write) {
        this.writes++;
        this.writeUnits += units;
        if (this.cfg.capacityMode === 'onDemand') {
          const usd = units * p.perWriteUnit;
          parts.capacity += usd;
          this.costUsd += usd;
        }
        // global table: the write is replicated to every replica Region (§3.4)
        const replicated = units * this.cfg.globalReplicas;
        this.replicatedWriteUnits += replicated;
        if (replicated > 0) {
          if (this.cfg.capacityMode === 'onDemand') this.addPart('replicatedWrites', replicated * p.perReplicatedWriteUnit);
          // the item itself crosses to each replica Region: data transfer out, per GB (§3.4)
          this.addPart('crossRegionTransfer', ((this.cfg.itemSizeKb * this.cfg.globalReplicas) / KB_PER_GB) * PRICES.dynamodb.crossRegionPerGb);
        }
      } else {
        this.reads++;
        this.readUnits += units;
        if (this.cfg.capacityMode === 'onDemand') {
          const usd = units * p.perReadUnit;
          parts.capacity += usd;
          this.costUsd += usd;
        }
      }
      k.afterCall(latency, c, DONE);
      return;
    }
    if (failure === THROTTLED) {
      this.stats.noteThrottle();
      (hotPartition ? this.logHot : this.logThrottle)[write ? 1 : 0].add();
    } else {
      this.logDown.add();
    }
    if (c.attempt < this.cfg.sdkMaxAttempts) {
      // SDK retry: full jitter, exponential (§3.1 standard mode)
      const backoff = sdkBackoffMs(this.rng, c.attempt);
      if (c.span !== null) k.note(c, `${failure === THROTTLED ? 'throttled' : 'unavailable'}; SDK retry ${c.attempt} after ${Math.round(backoff)} ms back-off`);
      c.attempt++;
      this.sdkRetries++;
      this.logRetry.add();
      k.afterCall(latency + backoff, c, ATTEMPT);
      return;
    }
    c.causeCode = failure;
    k.afterCall(latency, c, DONE);
  }

  override onEvent(kind: DynamodbEvent, a: number, b: number): void {
    if (kind >= STREAM_EVENT_BASE) {
      this.streams[kind - STREAM_EVENT_BASE].onEvent(a, b);
      return;
    }
    const c = this.k.callOf(a, b);
    if (c === null) return;
    if (kind === ATTEMPT) this.attempt(c);
    else if (kind === DONE) {
      if (c.causeCode === OK && c.isWrite) {
        this.streamRecords += this.cfg.stream.enabled ? 1 : 0;
        for (const m of this.streams) m.record(c.key, c.span);
        // Kinesis Data Streams for DynamoDB: the change is put into the Kinesis stream
        for (const e of this.changeStreams) this.k.spawn(e, null, c, true);
      }
      this.k.finish(c, c.causeCode);
    }
  }

  override childDone(carrier: Call, outcome: OutcomeCode): void {
    this.streams[carrier.env].batchDone(carrier, outcome);
  }

  override tick(nowMs: number): void {
    const hours = (nowMs - this.accruedToMs) / 3_600_000;
    this.accruedToMs = nowMs;
    for (const note of this.partitions.review(nowMs)) {
      const what = note.isolated ? 'a hot item moved to a partition of its own' : 'a hot partition split in two';
      this.k.log.now(nowMs, this.id, 'scaling', `${ref(this.id)}: split for heat — ${what} (now ${num(note.partitions)} partitions)`);
    }
    const perS = timedCostPerS(this.cfg);
    const s = hours * 3600;
    for (const part of Object.keys(perS) as (keyof TableCostParts)[]) if (perS[part] > 0) this.addPart(part, perS[part] * s);
  }

  /** §3.4 free tier: 25 GB of Standard-class storage a month (counted per table here). */
  override freeTierUsd(_monthScale: number): number {
    if (this.cfg.tableClass !== 'standard') return 0;
    return Math.min(this.cfg.storageGb, PRICES.dynamodb.freeStorageGb) * PRICES.dynamodb.storagePerGbMonth.standard;
  }

  private iteratorAgeMs(): number {
    let age = 0;
    for (const m of this.streams) age = Math.max(age, m.iteratorAgeMs());
    return age;
  }

  override live(): LiveFields<DynamodbLive> {
    const live: LiveFields<DynamodbLive> = {
      streamRecords: this.streamRecords,
      iteratorAgeMs: this.streams.length ? this.iteratorAgeMs() : undefined,
      partitions: this.partitions.count,
    };
    if (this.cfg.globalReplicas > 0) live.replicaRegions = this.cfg.globalReplicas;
    if (this.partitions.throttles > 0) live.hotPartitionThrottles = this.partitions.throttles;
    return live;
  }

  override windowExtra(): Partial<NodeWindow> {
    if (this.streams.length === 0) return {};
    let age = 0;
    for (const m of this.streams) age = Math.max(age, m.takeWindowMaxAgeMs());
    return { iteratorAgeMs: age };
  }

  override summary(): DynamodbSummary {
    return {
      type: 'dynamodb',
      reads: this.reads,
      writes: this.writes,
      readUnits: this.readUnits,
      writeUnits: this.writeUnits,
      throttles: this.stats.throttleEvents,
      sdkRetries: this.sdkRetries,
      hotPartitionThrottles: this.partitions.throttles,
      partitions: this.partitions.count,
      errors: this.stats.errors,
      streamRecords: this.streamRecords,
      ...(this.cfg.globalReplicas > 0
        ? { replicaRegions: this.cfg.globalReplicas, replicatedWriteUnits: this.replicatedWriteUnits, replicationLatencyMs: REPLICATION_LATENCY_MS }
        : {}),
      costParts: Object.fromEntries(Object.entries(this.costParts).map(([k, v]) => [k, Math.round(v * 1e8) / 1e8])),
      streams: Object.fromEntries(this.streams.map((m) => [m.edgeId, m.summary()])),
      costUsd: this.costUsd,
    };
  }
}
