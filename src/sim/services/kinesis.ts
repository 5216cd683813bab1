/**
 * Kinesis Data Streams (reference §10). A record goes to the shard its partition key hashes
 * to (the client's Zipf keys: a hot key makes a hot shard). Each shard takes writes up to
 * 1 MiB/s or 1,000 records/s (token buckets holding one second); above it the put fails with
 * ProvisionedThroughputExceeded, which the producer's SDK retries up to `sdkMaxAttempts`
 * with full-jitter exponential backoff (base 1 s, cap 20 s, as for DynamoDB §3.1); the
 * caller sees one slower call, or a throttle after the last attempt. On-demand streams start
 * with 4 shards' worth and grow to twice the peak every 15 minutes (§10.2, §10.9), still with
 * per-shard limits. Each Lambda consumer is a StreamMapping (streamMapping.ts): standard
 * consumers poll each shard once a second and share its 2 MiB/s and 5 GetRecords/s;
 * with enhanced fan-out each gets 2 MiB/s of its own, pushed every 100 ms (§10.3).
 */
import { KINESIS_ON_DEMAND_START_SHARDS, KINESIS_SHARD, type KinesisConfig, type NodeOf } from '../../model';
import type { LiveFields, KinesisLive, KinesisSummary, NodeWindow } from '../api';
import { ERROR, OK, THROTTLED, type Call, type OutcomeCode } from '../engine/call';
import type { Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type Rng } from '../engine/rng';
import { num, ref, type LogCounter } from '../metrics/eventLog';
import { PRICES } from '../pricing/prices';
import { Service, TokenBucket, sdkBackoffMs } from './service';
import { StreamMapping, STREAM_EVENT_BASE, type MappingConfig, type StreamEvent, type StreamHost } from './streamMapping';

const ATTEMPT = 0;
const DONE = 1;
/** The events this service schedules for itself (Service `Ev`). */
type KinesisEvent = typeof ATTEMPT | typeof DONE | StreamEvent;
/** PutRecord latency: median 5 ms, p99 20 ms (§10.9 assumption). */
const LATENCY = lognormalFromMedianP99(5, 20);
const STANDARD_POLL_MS = 1000;
const EFO_POLL_MS = 100;
const ON_DEMAND_REVIEW_MS = 15 * 60_000;
/** On-demand default maximum: 200 MiB/s of writes per stream (§10.2). */
const ON_DEMAND_MAX_SHARDS = 200;
const RETENTION_FREE_H = 24;

class ShardLimit {
  readonly records = new TokenBucket(KINESIS_SHARD.writeRecordsPerS, KINESIS_SHARD.writeRecordsPerS);
  readonly kb = new TokenBucket(KINESIS_SHARD.writeKbPerS, KINESIS_SHARD.writeKbPerS);
  puts = 0;

  take(nowMs: number, kb: number): boolean {
    this.records.refill(nowMs);
    this.kb.refill(nowMs);
    if (this.records.tokens < 1 || this.kb.tokens < kb) return false;
    this.records.tokens -= 1;
    this.kb.tokens -= kb;
    this.puts++;
    return true;
  }
}

export class KinesisService extends Service<KinesisEvent> implements StreamHost {
  cfg: KinesisConfig;
  private readonly rng: Rng;
  private readonly limits: ShardLimit[] = [];
  readonly mappings: StreamMapping[] = [];
  private readonly mappingCfg = new Map<StreamMapping, MappingConfig>();
  private shardCount: number;
  private maxShards: number;
  // on-demand: per-second writes and the peak since the last review
  private secondIdx = -1;
  private secondKb = 0;
  private secondRecords = 0;
  private peakShardsWorth = 0;
  private nextReviewMs = ON_DEMAND_REVIEW_MS;
  private accruedToMs = 0;
  private billedReads = 0;
  puts = 0;
  sdkRetries = 0;
  private readonly logThrottle: LogCounter;
  private readonly logDown: LogCounter;
  private readonly logRetry: LogCounter;

  constructor(k: Kernel, index: number, node: NodeOf<'kinesis'>) {
    super(k, index, node, 'kinesis');
    this.cfg = node.config;
    this.rng = k.rng(node.id, 'latency');
    this.shardCount = this.initialShards();
    this.maxShards = this.shardCount;
    const id = node.id;
    const s = (n: number) => (n === 1 ? '' : 's');
    this.logThrottle = k.log.counter(
      id,
      'throttle',
      (n) =>
        `${ref(id)}: ${num(n)} put${s(n)} throttled (ProvisionedThroughputExceeded) — ${this.faultThrottle ? 'throttle fault injected' : `a shard takes 1 MB/s or 1,000 records/s (${num(this.shardCount)} shard${s(this.shardCount)})`}`,
    );
    this.logDown = k.log.counter(id, 'error', (n) => `${ref(id)}: ${num(n)} put${s(n)} failed (500) — stream down`);
    this.logRetry = k.log.counter(id, 'retry', (n) => `${ref(id)}: ${num(n)} SDK retr${n === 1 ? 'y' : 'ies'} with backoff`);
  }

  private initialShards(): number {
    return this.cfg.capacityMode === 'onDemand' ? KINESIS_ON_DEMAND_START_SHARDS : this.cfg.shards;
  }

  get shards(): number {
    return this.shardCount;
  }

  override start(): void {
    const onFailure = this.edgesWith('onFailure')[0];
    for (const e of this.edgesWith('esm')) {
      const m = new StreamMapping(this, e, this.mappings.length);
      m.onFailure = onFailure;
      this.mappings.push(m);
    }
    for (const m of this.mappings) m.start();
  }

  override configure(node: NodeOf<'kinesis'>): void {
    const modeChanged = node.config.capacityMode !== this.cfg.capacityMode;
    super.configure(node);
    this.cfg = node.config;
    if (this.cfg.capacityMode === 'provisioned') this.shardCount = this.cfg.shards;
    else if (modeChanged) this.shardCount = Math.max(this.shardCount, KINESIS_ON_DEMAND_START_SHARDS);
    this.maxShards = Math.max(this.maxShards, this.shardCount);
    this.mappingCfg.clear();
  }

  mappingConfig(m: StreamMapping): MappingConfig {
    let cfg = this.mappingCfg.get(m);
    if (cfg) return cfg;
    const c = this.cfg;
    const efo = c.enhancedFanOut;
    const standard = efo ? 1 : Math.max(1, this.mappings.length);
    // standard consumers share a shard's 5 GetRecords/s: more than 5 poll less often
    const pollMs = efo ? EFO_POLL_MS : STANDARD_POLL_MS * Math.max(1, standard / KINESIS_SHARD.getRecordsPerS);
    const kbPerPoll = (KINESIS_SHARD.readKbPerS / standard) * (pollMs / 1000);
    const perCall = Math.min(KINESIS_SHARD.getRecordsMaxRecords, Math.floor(KINESIS_SHARD.getRecordsMaxKb / c.recordSizeKb));
    cfg = {
      shards: this.shardCount,
      batchSize: c.batchSize,
      maxBatchingWindowS: c.maxBatchingWindowS,
      parallelizationFactor: c.parallelizationFactor,
      pollMs,
      retentionMs: c.retentionH * 3_600_000,
      maxRetryAttempts: c.maxRetryAttempts,
      maxRecordAgeMs: c.maxRecordAgeS < 0 ? Infinity : c.maxRecordAgeS * 1000,
      bisectOnError: c.bisectOnError,
      reportBatchItemFailures: c.reportBatchItemFailures,
      readRecordsPerPoll: Math.max(1, Math.min(perCall, Math.floor(kbPerPoll / c.recordSizeKb))),
      continuous: true,
    };
    this.mappingCfg.set(m, cfg);
    return cfg;
  }

  shardOf(key: number): number {
    return (Math.imul(key, 0x9e3779b1) >>> 0) % this.shardCount;
  }

  private limitAt(i: number): ShardLimit {
    while (this.limits.length <= i) this.limits.push(new ShardLimit());
    return this.limits[i];
  }

  override call(c: Call): void {
    c.attempt = 1;
    c.step = this.shardOf(c.key);
    this.attempt(c);
  }

  private noteSecond(kb: number): void {
    const sec = Math.floor(this.k.nowMs / 1000);
    if (sec !== this.secondIdx) {
      this.peakShardsWorth = Math.max(this.peakShardsWorth, this.secondKb / KINESIS_SHARD.writeKbPerS, this.secondRecords / KINESIS_SHARD.writeRecordsPerS);
      this.secondKb = 0;
      this.secondRecords = 0;
      this.secondIdx = sec;
    }
    this.secondKb += kb;
    this.secondRecords++;
  }

  private attempt(c: Call): void {
    const k = this.k;
    const kb = this.cfg.recordSizeKb;
    const latency = sampleLogNormal(this.rng, LATENCY) + this.faultAddMs;
    if (this.cfg.capacityMode === 'onDemand') this.noteSecond(kb);
    let failure: OutcomeCode = OK;
    if (this.faultDown) failure = ERROR;
    else if (this.faultThrottle || !this.limitAt(c.step).take(k.nowMs, kb)) failure = THROTTLED;
    if (failure === OK) {
      c.causeCode = this.faultErrorRate > 0 && this.rng.next() < this.faultErrorRate ? ERROR : OK;
      if (c.causeCode === OK) {
        this.puts++;
        const p = PRICES.kinesis;
        if (this.cfg.capacityMode === 'provisioned') this.addCost(Math.max(1, Math.ceil(kb / p.putUnitKb)) * p.perPutUnit);
        else this.addCost((Math.ceil(kb) / 1_048_576) * p.perGbIn);
        for (const m of this.mappings) m.recordAt(c.step, c.span);
      }
      k.afterCall(latency, c, DONE);
      return;
    }
    if (failure === THROTTLED) {
      this.stats.noteThrottle();
      this.logThrottle.add();
    } else this.logDown.add();
    if (c.attempt < this.cfg.sdkMaxAttempts) {
      const backoff = sdkBackoffMs(this.rng, c.attempt);
      c.attempt++;
      this.sdkRetries++;
      this.logRetry.add();
      k.afterCall(latency + backoff, c, ATTEMPT);
      return;
    }
    c.causeCode = failure;
    k.afterCall(latency, c, DONE);
  }

  override onEvent(kind: KinesisEvent, a: number, b: number): void {
    if (kind >= STREAM_EVENT_BASE) {
      this.mappings[kind - STREAM_EVENT_BASE].onEvent(a, b);
      return;
    }
    const c = this.k.callOf(a, b);
    if (c === null) return;
    if (kind === ATTEMPT) this.attempt(c);
    else if (kind === DONE) this.k.finish(c, c.causeCode);
  }

  override childDone(carrier: Call, outcome: OutcomeCode): void {
    this.mappings[carrier.env].batchDone(carrier, outcome);
  }

  override tick(nowMs: number): void {
    const hours = (nowMs - this.accruedToMs) / 3_600_000;
    this.accruedToMs = nowMs;
    const p = PRICES.kinesis;
    const c = this.cfg;
    const efoConsumers = c.enhancedFanOut ? this.mappings.length : 0;
    let read = 0;
    for (const m of this.mappings) read += m.recordsRead;
    const readGb = ((read - this.billedReads) * Math.ceil(c.recordSizeKb)) / 1_048_576;
    this.billedReads = read;
    if (c.capacityMode === 'provisioned') {
      let perShardHour = p.perShardHour + (c.retentionH > RETENTION_FREE_H ? p.extendedRetentionPerShardHour : 0);
      perShardHour += efoConsumers * p.efoPerConsumerShardHour;
      this.addCost(hours * this.shardCount * perShardHour);
      if (efoConsumers) this.addCost(readGb * p.efoPerGb.provisioned);
    } else {
      this.addCost(hours * p.perStreamHour);
      this.addCost(readGb * (efoConsumers ? p.efoPerGb.onDemand : p.perGbOut));
      if (nowMs >= this.nextReviewMs) {
        this.nextReviewMs += ON_DEMAND_REVIEW_MS;
        const want = Math.min(ON_DEMAND_MAX_SHARDS, Math.ceil(2 * this.peakShardsWorth));
        if (want > this.shardCount) {
          this.k.log.note(
            this.id,
            'scaling',
            'kinesis-scale',
            () => `${ref(this.id)}: on-demand stream grew from ${num(this.shardCount)} to ${num(want)} shards (twice the peak write rate)`,
          );
          this.shardCount = want;
          this.maxShards = Math.max(this.maxShards, want);
          this.mappingCfg.clear();
        }
        this.peakShardsWorth = 0;
      }
    }
  }

  private iteratorAgeMs(): number {
    let age = 0;
    for (const m of this.mappings) age = Math.max(age, m.iteratorAgeMs());
    return age;
  }

  /** Share of the successful puts that went to the busiest shard (1 / shards when even). */
  hotShardShare(): number {
    let max = 0;
    let all = 0;
    for (const l of this.limits) {
      max = Math.max(max, l.puts);
      all += l.puts;
    }
    return all ? max / all : 0;
  }

  override live(): LiveFields<KinesisLive> {
    let backlog = 0;
    for (const m of this.mappings) backlog = Math.max(backlog, m.backlog());
    return {
      shards: this.shardCount,
      streamRecords: this.puts,
      ...(this.mappings.length ? { iteratorAgeMs: this.iteratorAgeMs(), queueDepth: backlog } : {}),
    };
  }

  override windowExtra(): Partial<NodeWindow> {
    if (this.mappings.length === 0) return {};
    let age = 0;
    for (const m of this.mappings) age = Math.max(age, m.takeWindowMaxAgeMs());
    return { iteratorAgeMs: age };
  }

  override summary(): KinesisSummary {
    return {
      type: 'kinesis',
      capacityMode: this.cfg.capacityMode,
      shards: this.shardCount,
      maxShards: this.maxShards,
      puts: this.puts,
      throttles: this.stats.throttleEvents,
      sdkRetries: this.sdkRetries,
      errors: this.stats.errors,
      hotShardShare: Math.round(this.hotShardShare() * 1e4) / 1e4,
      maxIteratorAgeMs: Math.round(Math.max(0, ...this.mappings.map((m) => m.maxIteratorAgeMs))),
      streams: Object.fromEntries(this.mappings.map((m) => [m.edgeId, m.summary()])),
      costUsd: this.costUsd,
    };
  }
}
