/**
 * A Lambda event source mapping on a stream: DynamoDB Streams (reference §4, §9.5) and
 * Kinesis Data Streams (§10, §10.9). Records go to a shard and are read in order; each
 * shard is polled every `pollMs`, and a batch (up to `batchSize`, or fewer once the
 * batching window has passed) invokes the Lambda synchronously, up to
 * `parallelizationFactor` batches per shard at once. A failed or throttled batch is retried
 * at the next poll and blocks its shard, which shows as a growing iterator age — until it
 * succeeds, the records expire (retention), its records are older than `maxRecordAgeMs`, or
 * (function errors only: a throttle is not a retry attempt) it failed `maxRetryAttempts` + 1
 * times; then the batch is discarded and, with an on-failure destination, described there.
 * `bisectOnError` splits a batch the function failed in two, without using an attempt, and
 * retries the halves in order. A host may limit reads per poll (Kinesis: 2 MB/s per shard,
 * shared or per consumer) and may dispatch the next batch as soon as one completes (the
 * records a GetRecords call returned are processed back to back).
 */
import type { StreamSummary } from '../api';
import type { Call, OutcomeCode } from '../engine/call';
import { ERROR, OK, THROTTLED } from '../engine/call';
import type { Rng } from '../engine/rng';
import type { EdgeInfo, Kernel } from '../engine/kernel';
import { num, ref } from '../metrics/eventLog';
import { waitText, type Span } from '../metrics/traces';

export const STREAM_EVENT_BASE = 100;
/**
 * A stream mapping's poll at its host (DynamoDB, Kinesis): STREAM_EVENT_BASE + the mapping's
 * index. Branded so that a host's event union keeps its own literal codes beside it.
 */
export type StreamEvent = number & { readonly streamEvent: true };
/**
 * Memory bound: records buffered per shard before the oldest unsent one is trimmed early (or,
 * while a batch holds the oldest, the newest is refused).
 */
const MAX_BUFFERED = 1 << 20;

const C_INFLIGHT = 1;
const C_RETRY = 2;
/** The second half of a split batch: waits for the first half (order per shard). */
const C_HELD = 3;

export interface MappingConfig {
  shards: number;
  batchSize: number;
  maxBatchingWindowS: number;
  parallelizationFactor: number;
  pollMs: number;
  retentionMs: number;
  /** -1: retry until the records expire. */
  maxRetryAttempts: number;
  /** Infinity: no limit. */
  maxRecordAgeMs: number;
  bisectOnError: boolean;
  /** ReportBatchItemFailures: the handler returns the first failed record; the ones before it are done. */
  reportBatchItemFailures: boolean;
  /** Records one poll may read from one shard (Infinity: all that are there). */
  readRecordsPerPoll: number;
  /** Start the next batch as soon as one completes, from records already read. */
  continuous: boolean;
}

/** The service that owns the stream: DynamoDB (its table's stream) or Kinesis. */
export interface StreamHost {
  readonly k: Kernel;
  readonly index: number;
  readonly id: string;
  mappingConfig(mapping: StreamMapping): MappingConfig;
}

class Shard {
  times = new Float64Array(256);
  /** Absolute sequence numbers: head = oldest unacknowledged, next = next undispatched, read = end of what polls fetched, tail = end. */
  head = 0;
  next = 0;
  read = 0;
  tail = 0;
  readonly batches: Call[] = [];
  /** Traced records (their write's or put's hop), in sequence order, from `tracedHead` on. */
  tracedSeq: number[] = [];
  tracedSpan: Span[] = [];
  tracedHead = 0;

  push(tMs: number): void {
    if (this.tail - this.head >= this.times.length) this.grow();
    this.times[this.tail % this.times.length] = tMs;
    this.tail++;
  }

  timeAt(seq: number): number {
    return this.times[seq % this.times.length];
  }

  private grow(): void {
    const n = this.times.length * 2;
    const t = new Float64Array(n);
    for (let s = this.head; s < this.tail; s++) t[s % n] = this.times[s % this.times.length];
    this.times = t;
  }
}

export class StreamMapping {
  private readonly shards: Shard[] = [];
  private windowMaxAgeMs = 0;
  readonly edgeId: string;
  /** On-failure destination of the mapping, if any. */
  onFailure: EdgeInfo | undefined;
  batches = 0;
  failedBatches = 0;
  /** Records expired unread (retention). */
  trimmed = 0;
  /** Records given up on after the retry or age limit (sent to the destination when there is one). */
  discarded = 0;
  retriedBatches = 0;
  splits = 0;
  recordsRead = 0;
  maxIteratorAgeMs = 0;
  /** Records delivered again after the handler had processed them (a failed batch returning whole). */
  duplicates = 0;
  /** Records acknowledged from failed batches thanks to partial batch responses. */
  partiallyAcked = 0;
  private readonly rng: Rng;
  /** Traced records of a batch beyond the first: their batch hops (the invocations are under the first's). */
  private readonly extraSpans = new Map<Call, Span[]>();

  constructor(
    private readonly host: StreamHost,
    readonly edge: EdgeInfo,
    private readonly index: number,
  ) {
    this.edgeId = edge.id;
    this.rng = host.k.rng(host.id, `stream-failures:${edge.id}`);
  }

  private get cfg(): MappingConfig {
    return this.host.mappingConfig(this);
  }

  start(): void {
    this.host.k.after(this.cfg.pollMs, this.host.index, STREAM_EVENT_BASE + this.index, 0, 0);
  }

  private shardAt(i: number): Shard {
    while (this.shards.length <= i) this.shards.push(new Shard());
    return this.shards[i];
  }

  /** A record for the shard its key hashes to (DynamoDB Streams); `span`: the traced write that made it. */
  record(key: number, span: Span | null = null): void {
    const n = Math.max(1, this.cfg.shards);
    this.shardAt(n - 1);
    this.recordAt((Math.imul(key, 0x9e3779b1) >>> 0) % n, span);
  }

  /** A record for shard `i` (Kinesis: the stream chose the shard). */
  recordAt(i: number, span: Span | null = null): void {
    const shard = this.shardAt(i);
    if (shard.tail - shard.head >= MAX_BUFFERED) {
      // The oldest records are a batch's (dispatched or retried): they must stay, their times
      // are the batch's age. The new record is refused instead, counted with the trimmed.
      if (shard.head < shard.next) {
        this.trimmed++;
        return;
      }
      this.trim(shard, shard.head + 1);
    }
    if (span !== null) {
      shard.tracedSeq.push(shard.tail);
      shard.tracedSpan.push(span);
    }
    shard.push(this.host.k.nowMs);
  }

  /**
   * A new batch of records [first, first + n) of a shard: when one of them was traced, the
   * batch becomes a hop of its trace, from when the record was written to the batch's outcome.
   * Traced records before `first` (trimmed or skipped) are forgotten.
   */
  private traceBatch(shard: Shard, carrier: Call, s: number): void {
    const k = this.host.k;
    let h = shard.tracedHead;
    const seqs = shard.tracedSeq;
    while (h < seqs.length && seqs[h] < carrier.t1) h++;
    if (h < seqs.length && seqs[h] < carrier.t1 + carrier.count && k.tracer !== null) {
      const at = shard.timeAt(seqs[h]);
      carrier.span = k.tracer.child(shard.tracedSpan[h], this.host.index, this.edge.index, at);
      const fn = k.services[this.edge.target].id;
      k.note(
        carrier,
        `waited ${waitText(k.nowMs - at)} in shard ${s + 1} (iterator age); batch of ${num(carrier.count)} record${carrier.count === 1 ? '' : 's'} to ${ref(fn)}`,
      );
      h++;
    }
    // the other traced records of the batch: a batch hop each, closed with the batch
    for (; h < seqs.length && seqs[h] < carrier.t1 + carrier.count; h++) {
      if (carrier.span === null || k.tracer === null) continue;
      const at = shard.timeAt(seqs[h]);
      const hop = k.tracer.child(shard.tracedSpan[h], this.host.index, this.edge.index, at);
      if (hop === null) continue;
      hop.note(
        `waited ${waitText(k.nowMs - at)} in shard ${s + 1} (iterator age); batch of ${num(carrier.count)} records with another traced request's; the invocation is in that trace`,
      );
      const extra = this.extraSpans.get(carrier);
      if (extra) extra.push(hop);
      else this.extraSpans.set(carrier, [hop]);
    }
    if (h === seqs.length) {
      // every traced record so far is in a batch: let go of their hops now (kept here, they
      // would outlive their requests and be moved to the old generation, traces and all)
      seqs.length = 0;
      shard.tracedSpan.length = 0;
      h = 0;
    } else if (h > 256 && h * 2 > seqs.length) {
      shard.tracedSeq = seqs.slice(h);
      shard.tracedSpan = shard.tracedSpan.slice(h);
      h = 0;
    }
    shard.tracedHead = h;
  }

  onEvent(_a: number, _b: number): void {
    const k = this.host.k;
    const cfg = this.cfg;
    for (let s = 0; s < this.shards.length; s++) this.poll(this.shards[s], s, cfg);
    k.after(cfg.pollMs, this.host.index, STREAM_EVENT_BASE + this.index, 0, 0);
    const age = this.iteratorAgeMs();
    if (age > this.windowMaxAgeMs) this.windowMaxAgeMs = age;
    if (age > this.maxIteratorAgeMs) this.maxIteratorAgeMs = age;
  }

  private poll(shard: Shard, s: number, cfg: MappingConfig): void {
    const now = this.host.k.nowMs;
    // expire records past retention (only undispatched ones can be trimmed)
    while (shard.next < shard.tail && shard.batches.length === 0 && now - shard.timeAt(shard.head) > cfg.retentionMs) this.trim(shard, shard.head + 1);
    if (shard.read < shard.next) shard.read = shard.next;
    const fetched = Math.min(shard.tail - shard.read, cfg.readRecordsPerPoll);
    shard.read += fetched;
    this.recordsRead += fetched;
    this.retryAndDispatch(shard, s, cfg);
  }

  private retryAndDispatch(shard: Shard, s: number, cfg: MappingConfig): void {
    const k = this.host.k;
    const now = k.nowMs;
    for (const b of shard.batches) {
      if (b.state !== C_RETRY) continue;
      const ageMs = now - shard.timeAt(b.t1);
      if (ageMs > cfg.retentionMs) {
        this.expire(shard, b);
        return this.retryAndDispatch(shard, s, cfg);
      }
      if (ageMs > cfg.maxRecordAgeMs) {
        this.discard(shard, b, 'age');
        return this.retryAndDispatch(shard, s, cfg);
      }
      b.state = C_INFLIGHT;
      this.retriedBatches++;
      if (b.span !== null) k.note(b, b.attempt > 0 ? `retry ${b.attempt} of the batch (the shard waited)` : 'batch retried (the shard waited)');
      k.spawn(this.edge, b, b);
    }
    // records past the maximum age are skipped before they are sent
    let aged = 0;
    while (shard.next < shard.read && now - shard.timeAt(shard.next) > cfg.maxRecordAgeMs) {
      shard.next++;
      aged++;
      if (shard.batches.length === 0) shard.head = shard.next;
    }
    if (aged > 0) this.skipAged(aged, cfg);
    while (shard.batches.length < cfg.parallelizationFactor && shard.next < shard.read) {
      const available = shard.read - shard.next;
      if (available < cfg.batchSize && now - shard.timeAt(shard.next) < cfg.maxBatchingWindowS * 1000) break;
      const n = Math.min(cfg.batchSize, available);
      const carrier = this.carrier(shard.next, n, s);
      shard.next += n;
      shard.batches.push(carrier);
      this.batches++;
      if (k.tracer !== null && shard.tracedHead < shard.tracedSeq.length) this.traceBatch(shard, carrier, s);
      k.spawn(this.edge, carrier, carrier);
    }
  }

  private carrier(first: number, n: number, s: number): Call {
    const k = this.host.k;
    const carrier = k.pool.acquire();
    carrier.node = this.host.index;
    carrier.edge = -1;
    carrier.parent = null;
    carrier.startMs = k.nowMs;
    carrier.isWrite = true; // a stream consumer's own data calls are writes
    carrier.key = 0;
    carrier.payloadKb = 1;
    carrier.trace = null;
    carrier.env = this.index;
    carrier.t1 = first;
    carrier.count = n;
    carrier.step = s;
    carrier.attempt = 0;
    carrier.state = C_INFLIGHT;
    return carrier;
  }

  batchDone(carrier: Call, outcome: OutcomeCode): void {
    const s = carrier.step; // read before the carrier is released (release clears it)
    const shard = this.shards[s];
    const cfg = this.cfg;
    if (outcome !== OK) {
      this.failedBatches++;
      // A throttle is an error before invocation: retried until the records expire or pass
      // the maximum age, never split, and not a retry attempt. A function error (or timeout)
      // is one; with bisection a batch of more than one record is split instead, which
      // consumes no attempt (AWS: kinesis-on-failure-destination, services-dynamodb-errors).
      const invoked = outcome !== THROTTLED;
      if (outcome === ERROR) this.partialFailure(shard, carrier, cfg);
      const split = invoked && cfg.bisectOnError && carrier.count > 1;
      if (invoked && !split) carrier.attempt++;
      if (carrier.span !== null)
        this.host.k.note(
          carrier,
          !invoked ? 'throttled before invocation (not a retry attempt)' : split ? 'failed; split in two' : `attempt ${carrier.attempt} failed`,
        );
      const id = this.host.id;
      const fn = this.host.k.services[this.edge.target].id;
      if (invoked && cfg.maxRetryAttempts >= 0 && carrier.attempt > cfg.maxRetryAttempts) {
        this.discard(shard, carrier, 'retries');
        if (cfg.continuous) this.retryAndDispatch(shard, s, cfg);
        return;
      }
      if (split) {
        // the first half is retried, the second waits for it (order per shard)
        const half = Math.ceil(carrier.count / 2);
        const second = this.carrier(carrier.t1 + half, carrier.count - half, carrier.step);
        second.attempt = carrier.attempt;
        second.state = C_HELD;
        carrier.count = half;
        shard.batches.splice(shard.batches.indexOf(carrier) + 1, 0, second);
        this.splits++;
      }
      carrier.state = C_RETRY; // retried at the next poll; the shard waits
      this.host.k.log.note(
        id,
        'retry',
        'stream:' + this.edge.id,
        (n) => `${ref(id)} → ${ref(fn)}: ${num(n)} stream batch${n === 1 ? '' : 'es'} failed and will be retried; the shard is blocked`,
      );
      return;
    }
    if (carrier.span !== null && carrier.attempt > 0)
      this.host.k.note(carrier, `done after ${carrier.attempt} failed attempt${carrier.attempt === 1 ? '' : 's'}`);
    this.endExtras(carrier, OK, carrier.attempt > 0 ? `done after ${carrier.attempt} failed attempt${carrier.attempt === 1 ? '' : 's'}` : null);
    this.remove(shard, carrier);
    this.host.k.drop(carrier);
    if (cfg.continuous) this.retryAndDispatch(shard, s, cfg);
  }

  /**
   * The handler ran and one record failed, at a position drawn uniformly in the batch (records
   * are processed in order). With ReportBatchItemFailures the records before it are done and
   * the batch is retried from it; without, the whole batch returns and the records before it
   * are delivered again although they were processed: duplicates.
   */
  private partialFailure(shard: Shard, carrier: Call, cfg: MappingConfig): void {
    const j = Math.floor(this.rng.next() * carrier.count);
    if (j === 0) return;
    if (!cfg.reportBatchItemFailures) {
      this.duplicates += j;
      this.host.k.services[this.edge.target].duplicateDeliveries += j;
      return;
    }
    carrier.t1 += j;
    carrier.count -= j;
    this.partiallyAcked += j;
    let head = shard.next;
    for (const b of shard.batches) head = Math.min(head, b.t1);
    shard.head = head;
  }

  private remove(shard: Shard, carrier: Call): void {
    const i = shard.batches.indexOf(carrier);
    shard.batches.splice(i, 1);
    const held = shard.batches.find((b) => b.state === C_HELD);
    if (held && !shard.batches.some((b) => b !== held && b.t1 < held.t1 && b.state !== C_HELD)) held.state = C_RETRY;
    let head = shard.next;
    for (const b of shard.batches) head = Math.min(head, b.t1);
    shard.head = head;
  }

  /**
   * A batch still being retried when its records pass the stream's retention: they are gone
   * from the stream, counted with the records trimmed for retention, and the shard moves on. (AWS:
   * a throttled batch is retried "until the records expire"; it documents the on-failure
   * destination for retries exhausted and for the maximum record age, not for this, so none
   * is sent.)
   */
  private expire(shard: Shard, carrier: Call): void {
    this.trimmed += carrier.count;
    const k = this.host.k;
    const id = this.host.id;
    k.log.note(
      id,
      'dlq',
      'expired:' + this.edge.id,
      (n) => `${ref(id)}: ${num(n)} batch${n === 1 ? '' : 'es'} still retried when the records passed the stream's retention; the records are gone`,
    );
    this.endBatch(shard, carrier, "records expired (the stream's retention) while the batch was retried");
  }

  /** Give up on a batch: its records are skipped; the destination, if any, hears of it. */
  private discard(shard: Shard, carrier: Call, why: 'retries' | 'age'): void {
    this.discarded += carrier.count;
    const k = this.host.k;
    const id = this.host.id;
    const reason = why === 'retries' ? 'maximum retries reached' : 'records older than the maximum age';
    k.log.note(
      id,
      'dlq',
      'discard:' + this.edge.id,
      (n) =>
        `${ref(id)}: ${num(n)} batch${n === 1 ? '' : 'es'} given up on (${reason})${this.onFailure ? `; described in ${ref(k.services[this.onFailure.target].id)}` : '; the records are skipped'}`,
    );
    if (this.onFailure) k.spawn(this.onFailure, null, null, true);
    this.endBatch(shard, carrier, `given up on: ${reason}`);
  }

  /** A batch that will not be retried again: its trace says why and ends as an error; it leaves the shard. */
  private endBatch(shard: Shard, carrier: Call, words: string): void {
    if (carrier.span !== null) {
      this.host.k.note(carrier, words);
      carrier.span.end(this.host.k.nowMs, ERROR);
      this.endExtras(carrier, ERROR, words);
    }
    this.remove(shard, carrier);
    this.host.k.drop(carrier);
  }

  /**
   * Records found past the maximum age before they were sent: discarded and, with an
   * on-failure destination, described there, one description per batch they would have
   * made (AWS SAM: "If an OnFailure destination is set, metadata describing the records will
   * be sent to the destination"; Lambda: kinesis-on-failure-destination).
   */
  private skipAged(records: number, cfg: MappingConfig): void {
    this.discarded += records;
    const k = this.host.k;
    const id = this.host.id;
    const batches = Math.ceil(records / cfg.batchSize);
    k.log.note(
      id,
      'dlq',
      'aged:' + this.edge.id,
      (n, mean) => {
        const skipped = Math.round(n * mean); // the value summed is records, one note per call
        return `${ref(id)}: ${num(skipped)} record${skipped === 1 ? '' : 's'} skipped, older than the maximum age${this.onFailure ? `; described in ${ref(k.services[this.onFailure.target].id)}` : ''}`;
      },
      records,
    );
    if (this.onFailure) for (let i = 0; i < batches; i++) k.spawn(this.onFailure, null, null, true);
  }

  private endExtras(carrier: Call, outcome: OutcomeCode, words: string | null): void {
    const extra = this.extraSpans.get(carrier);
    if (extra === undefined) return;
    for (const span of extra) {
      if (words !== null) span.note(words);
      span.end(this.host.k.nowMs, outcome);
    }
    this.extraSpans.delete(carrier);
  }

  private trim(shard: Shard, to: number): void {
    const n = to - shard.head;
    this.trimmed += n;
    shard.head = to;
    if (shard.next < to) shard.next = to;
    if (shard.read < to) shard.read = to;
  }

  iteratorAgeMs(): number {
    let age = 0;
    const now = this.host.k.nowMs;
    for (const s of this.shards) if (s.head < s.tail) age = Math.max(age, now - s.timeAt(s.head));
    return age;
  }

  /** Records in the stream not yet processed by this mapping. */
  backlog(): number {
    let n = 0;
    for (const s of this.shards) n += s.tail - s.head;
    return n;
  }

  takeWindowMaxAgeMs(): number {
    const a = Math.max(this.windowMaxAgeMs, this.iteratorAgeMs());
    this.windowMaxAgeMs = 0;
    return a;
  }

  summary(): StreamSummary {
    return {
      batches: this.batches,
      failedBatches: this.failedBatches,
      maxIteratorAgeMs: Math.round(this.maxIteratorAgeMs),
      trimmed: this.trimmed,
      ...(this.discarded > 0 ? { discarded: this.discarded } : {}),
      ...(this.splits > 0 ? { splits: this.splits } : {}),
      ...(this.retriedBatches > 0 ? { retriedBatches: this.retriedBatches, duplicates: this.duplicates, partiallyAcked: this.partiallyAcked } : {}),
    };
  }
}
