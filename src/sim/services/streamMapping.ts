/**
 * A DynamoDB Streams event source mapping (reference §4, §9.5): records go to a shard by
 * key hash and are read in order; each shard is polled every 250 ms, and a batch (up to
 * `batchSize`, or fewer once the batching window has passed) invokes the Lambda
 * synchronously, up to `parallelizationFactor` batches per shard at once. A failed or
 * throttled batch is retried at the next poll and blocks its shard (the default "retry
 * until the records expire"), which shows as a growing iterator age. Records older than
 * the 24 h retention are trimmed. Propagation delay is not modelled beyond the poll gap.
 */
import type { Call } from '../engine/call';
import { OK } from '../engine/call';
import type { EdgeInfo } from '../engine/kernel';
import type { DynamodbService } from './dynamodb';
import { num, ref } from '../metrics/eventLog';

export const STREAM_EVENT_BASE = 100;
const POLL_MS = 250;
const RETENTION_MS = 24 * 3_600_000;
/** Memory bound: records buffered per shard before the oldest are trimmed early. */
const MAX_BUFFERED = 1 << 20;

const C_INFLIGHT = 1;
const C_RETRY = 2;

class Shard {
  times = new Float64Array(256);
  /** Absolute sequence numbers: head = oldest unacknowledged, next = next undispatched, tail = end. */
  head = 0;
  next = 0;
  tail = 0;
  readonly batches: Call[] = [];

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
  batches = 0;
  failedBatches = 0;
  trimmed = 0;
  maxIteratorAgeMs = 0;

  constructor(
    private readonly table: DynamodbService,
    private readonly edge: EdgeInfo,
    private readonly index: number,
  ) {
    this.edgeId = edge.id;
  }

  private get cfg() {
    return this.table.cfg.stream;
  }

  start(): void {
    this.table.k.after(POLL_MS, this.table.index, STREAM_EVENT_BASE + this.index, 0, 0);
  }

  record(key: number): void {
    const n = Math.max(1, this.cfg.shards);
    while (this.shards.length < n) this.shards.push(new Shard());
    const shard = this.shards[(Math.imul(key, 0x9e3779b1) >>> 0) % n];
    if (shard.tail - shard.head >= MAX_BUFFERED) this.trim(shard, shard.head + 1);
    shard.push(this.table.k.nowMs);
  }

  onEvent(_a: number, _b: number): void {
    const k = this.table.k;
    for (let s = 0; s < this.shards.length; s++) this.poll(this.shards[s]);
    k.after(POLL_MS, this.table.index, STREAM_EVENT_BASE + this.index, 0, 0);
    const age = this.iteratorAgeMs();
    if (age > this.windowMaxAgeMs) this.windowMaxAgeMs = age;
    if (age > this.maxIteratorAgeMs) this.maxIteratorAgeMs = age;
  }

  private poll(shard: Shard): void {
    const k = this.table.k;
    const now = k.nowMs;
    // expire records past retention (only undispatched ones can be trimmed)
    while (shard.next < shard.tail && shard.batches.length === 0 && now - shard.timeAt(shard.head) > RETENTION_MS) this.trim(shard, shard.head + 1);
    for (const b of shard.batches) {
      if (b.state === C_RETRY) {
        b.state = C_INFLIGHT;
        k.spawn(this.edge, b, b);
      }
    }
    const cfg = this.cfg;
    while (shard.batches.length < cfg.parallelizationFactor && shard.next < shard.tail) {
      const available = shard.tail - shard.next;
      if (available < cfg.batchSize && now - shard.timeAt(shard.next) < cfg.maxBatchingWindowS * 1000) break;
      const n = Math.min(cfg.batchSize, available);
      const carrier = k.pool.acquire();
      carrier.node = this.table.index;
      carrier.edge = -1;
      carrier.parent = null;
      carrier.startMs = now;
      carrier.isWrite = true; // a stream consumer's own data calls are writes
      carrier.key = 0;
      carrier.payloadKb = 1;
      carrier.trace = null;
      carrier.env = this.index;
      carrier.t1 = shard.next;
      carrier.count = n;
      carrier.step = this.shards.indexOf(shard);
      carrier.state = C_INFLIGHT;
      shard.next += n;
      shard.batches.push(carrier);
      this.batches++;
      k.spawn(this.edge, carrier, carrier);
    }
  }

  batchDone(carrier: Call, outcome: number): void {
    const shard = this.shards[carrier.step];
    if (outcome !== OK) {
      this.failedBatches++;
      carrier.state = C_RETRY; // retried at the next poll; the shard waits
      const id = this.table.id;
      const fn = this.table.k.services[this.edge.target].id;
      this.table.k.log.note(id, 'retry', 'stream:' + this.edge.id, (n) => `${ref(id)} → ${ref(fn)}: ${num(n)} stream batch${n === 1 ? '' : 'es'} failed and will be retried; the shard is blocked`);
      return;
    }
    const i = shard.batches.indexOf(carrier);
    shard.batches.splice(i, 1);
    let head = shard.next;
    for (const b of shard.batches) head = Math.min(head, b.t1);
    shard.head = head;
    this.table.k.drop(carrier);
  }

  private trim(shard: Shard, to: number): void {
    const n = to - shard.head;
    this.trimmed += n;
    shard.head = to;
    if (shard.next < to) shard.next = to;
  }

  iteratorAgeMs(): number {
    let age = 0;
    const now = this.table.k.nowMs;
    for (const s of this.shards) if (s.head < s.tail) age = Math.max(age, now - s.timeAt(s.head));
    return age;
  }

  takeWindowMaxAgeMs(): number {
    const a = Math.max(this.windowMaxAgeMs, this.iteratorAgeMs());
    this.windowMaxAgeMs = 0;
    return a;
  }

  summary(): Record<string, number> {
    return { batches: this.batches, failedBatches: this.failedBatches, maxIteratorAgeMs: Math.round(this.maxIteratorAgeMs), trimmed: this.trimmed };
  }
}
