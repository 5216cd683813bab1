/**
 * SQS standard queue with the Lambda event source mapping (reference §6, §9.7). Messages
 * are visible or in flight. Pollers long-poll, so a waiting poller takes a message as soon
 * as it arrives; batches of up to `batchSize` (waiting up to the batching window to fill
 * one) invoke the function synchronously. Concurrent batches start at 5 and grow by up to
 * 300 a minute while a backlog remains, up to `maxConcurrency` or 1,250 (§6.2); they fall
 * back to 5 when the queue is idle for a minute and are cut to the running number when the
 * function throttles. A failed or throttled batch becomes visible again a visibility
 * timeout after it was received; a message received `maxReceiveCount` times moves to the
 * DLQ edge's queue (without one it keeps coming back until retention). Messages older than
 * the retention period are deleted. FIFO queues are simulated like standard ones.
 * Billed per request per 64 KB chunk: sends, receives (including empty long polls, one per
 * poller per 20 s), deletes.
 */
import type { NodeOf, SqsConfig } from '../../model';
import type { NodeLive, NodeSummary, NodeWindow } from '../api';
import { ERROR, OK, THROTTLED, type Call } from '../engine/call';
import type { EdgeInfo, Kernel } from '../engine/kernel';
import { sampleLogNormal, type Rng } from '../engine/rng';
import { Histogram } from '../metrics/histogram';
import { PRICES } from '../pricing/prices';
import { HOP_LATENCY } from './lambda';
import { Service } from './service';
import { num, ref } from '../metrics/eventLog';
import { passesOf, type LoopTrace } from '../engine/loopTrace';

const ACK = 0;
const WINDOW_TIMER = 1;
const VISIBLE = 2;
const SCALE = 3;

const START_BATCHES = 5;
const SCALE_STEP = 300;
const SCALE_PERIOD_MS = 60_000;
const DEFAULT_MAX_BATCHES = 1250;
const LONG_POLL_S = 20;

export class SqsService extends Service {
  cfg: SqsConfig;
  private readonly rng: Rng;
  private readonly failRng: Rng;
  /** Messages of failed batches deleted thanks to partial batch responses. */
  partiallyDeleted = 0;
  /** Processed messages delivered again because their batch came back whole. */
  duplicates = 0;
  // message slots
  private visibleSinceMs = new Float64Array(1024);
  private sentMs = new Float64Array(1024);
  private receives = new Int32Array(1024);
  /** Each message's loop-detection chain (loopTrace.ts), so Lambda → SQS → Lambda loops are stopped too. */
  private traces: LoopTrace[] = [];
  private freeSlots: number[] = [];
  private slots = 0;
  // visible messages, FIFO ring of slots
  private ring = new Int32Array(1024);
  private head = 0;
  visible = 0;
  inFlightMessages = 0;
  private inFlightBatches = 0;
  private allowedBatches = START_BATCHES;
  private windowTimerAtMs = -1;
  private esm: EdgeInfo[] = [];
  private dlq: EdgeInfo | null = null;
  private rr = 0;
  private idleSinceMs = 0;
  private accruedToMs = 0;
  readonly waitMs = new Histogram();
  sent = 0;
  received = 0;
  deleted = 0;
  toDlq = 0;
  expired = 0;
  /** Messages dropped because the function stopped them as a recursive loop (no DLQ). */
  loopDropped = 0;
  maxDepth = 0;
  requests = 0;
  private wMaxDepth = 0;

  constructor(k: Kernel, index: number, node: NodeOf<'sqs'>) {
    super(k, index, node, 'sqs');
    this.cfg = node.config;
    this.rng = k.rng(node.id, 'sqs');
    this.failRng = k.rng(node.id, 'sqs-failures');
  }

  override start(): void {
    this.esm = this.edgesWith('esm');
    this.dlq = this.edgesWith('dlq')[0] ?? null;
    this.allowedBatches = Math.min(START_BATCHES, this.maxBatches());
    if (this.esm.length > 0) this.k.after(SCALE_PERIOD_MS, this.index, SCALE);
  }

  override configure(node: NodeOf<'sqs'>): void {
    super.configure(node);
    this.cfg = node.config;
    this.allowedBatches = Math.min(this.allowedBatches, this.maxBatches());
    this.tryDispatch();
  }

  private maxBatches(): number {
    return this.cfg.maxConcurrency ?? DEFAULT_MAX_BATCHES;
  }

  private bill(requests: number): void {
    this.requests += requests;
    this.addCost(requests * PRICES.sqs.perRequest[this.cfg.queueType]);
  }

  override call(c: Call): void {
    const k = this.k;
    if (this.refuseByFault(c, this.rng)) return;
    this.bill(Math.max(1, Math.ceil(c.payloadKb / PRICES.sqs.chunkKb)));
    this.sent++;
    this.enqueue(k.nowMs, 0, c.trace);
    k.afterCall(sampleLogNormal(this.rng, HOP_LATENCY) + this.faultAddMs, c, ACK);
    this.tryDispatch();
  }

  private enqueue(sentMs: number, receives: number, trace: LoopTrace): void {
    let s = this.freeSlots.pop();
    if (s === undefined) {
      if (this.slots === this.sentMs.length) this.growSlots();
      s = this.slots++;
    }
    this.sentMs[s] = sentMs;
    this.receives[s] = receives;
    this.traces[s] = trace;
    this.visibleSinceMs[s] = this.k.nowMs;
    if (this.visible === this.ring.length) this.growRing();
    this.ring[(this.head + this.visible) % this.ring.length] = s;
    this.visible++;
    const queued = this.visible + this.inFlightMessages;
    if (queued > this.maxDepth) this.maxDepth = queued;
    if (queued > this.wMaxDepth) this.wMaxDepth = queued;
  }

  private dequeue(): number {
    const s = this.ring[this.head];
    this.head = (this.head + 1) % this.ring.length;
    this.visible--;
    return s;
  }

  private tryDispatch(): void {
    if (this.esm.length === 0) return;
    const k = this.k;
    const now = k.nowMs;
    const batchSize = this.cfg.batchSize;
    const windowMs = this.cfg.maxBatchingWindowS * 1000;
    const retentionMs = this.cfg.retentionS * 1000;
    while (this.inFlightBatches < this.allowedBatches && this.visible > 0) {
      if (this.visible < batchSize && windowMs > 0) {
        const readyAt = this.visibleSinceMs[this.ring[this.head]] + windowMs;
        if (readyAt > now) {
          if (this.windowTimerAtMs < now || this.windowTimerAtMs > readyAt) {
            this.windowTimerAtMs = readyAt;
            k.at(readyAt, this.index, WINDOW_TIMER);
          }
          return;
        }
      }
      const carrier = k.pool.acquire();
      carrier.node = this.index;
      carrier.edge = -1;
      carrier.parent = null;
      carrier.startMs = now;
      carrier.isWrite = true; // a consumer's own data calls are writes
      carrier.key = 0;
      carrier.payloadKb = 0;
      carrier.trace = null;
      const edge = this.esm[this.rr++ % this.esm.length];
      const fn = edge.target;
      let passes = 0;
      while (carrier.batch.length < batchSize && this.visible > 0) {
        const s = this.dequeue();
        if (now - this.sentMs[s] > retentionMs) {
          this.expired++;
          this.freeSlots.push(s);
          continue;
        }
        this.receives[s]++;
        this.waitMs.record(now - this.visibleSinceMs[s]);
        // the batch carries the chain that has passed through its function most often
        const t = this.traces[s];
        if (t !== null && (carrier.trace === null || passesOf(t, fn) > passes)) {
          carrier.trace = t;
          passes = passesOf(t, fn);
        }
        carrier.batch.push(s);
      }
      if (carrier.batch.length === 0) {
        k.drop(carrier);
        continue;
      }
      const n = carrier.batch.length;
      carrier.count = n;
      this.received += n;
      this.inFlightMessages += n;
      this.inFlightBatches++;
      this.bill(1);
      k.spawn(edge, carrier, carrier);
    }
  }

  override childDone(carrier: Call, outcome: number, child: Call): void {
    const k = this.k;
    this.inFlightBatches--;
    if (child.loopStopped) this.endLoop(carrier);
    else if (outcome === OK) {
      this.bill(1); // DeleteMessageBatch
      for (const s of carrier.batch) this.freeSlots.push(s);
      this.deleted += carrier.batch.length;
      this.inFlightMessages -= carrier.batch.length;
      k.drop(carrier);
    } else {
      if (outcome === THROTTLED) this.allowedBatches = Math.max(START_BATCHES, this.inFlightBatches);
      carrier.t1 = -1;
      if (outcome === ERROR && carrier.batch.length > 0) this.partialFailure(carrier, child.node);
      const visibleAt = Math.max(k.nowMs, carrier.startMs + this.cfg.visibilityTimeoutS * 1000);
      const id = this.id;
      k.log.note(id, 'retry', 'redeliver', (n) => `${ref(id)}: ${num(n)} batch${n === 1 ? '' : 'es'} failed; messages return after the ${this.cfg.visibilityTimeoutS} s visibility timeout`);
      k.at(visibleAt, this.index, VISIBLE, carrier.slot, carrier.gen);
    }
    this.tryDispatch();
  }

  /**
   * The handler ran and one message of the batch failed (drawn uniformly). With
   * ReportBatchItemFailures it returns that message: the others are deleted and only it
   * comes back. Without, the whole batch comes back and the others, already processed,
   * are delivered again (counted as the handler's duplicates when they are redelivered).
   */
  private partialFailure(carrier: Call, fn: number): void {
    const n = carrier.batch.length;
    const failed = carrier.batch[Math.floor(this.failRng.next() * n)];
    carrier.t1 = failed;
    carrier.step = fn;
    if (!this.cfg.reportBatchItemFailures || n === 1) return;
    for (const slot of carrier.batch) {
      if (slot === failed) continue;
      this.freeSlots.push(slot);
      this.deleted++;
      this.inFlightMessages--;
    }
    this.bill(1); // DeleteMessageBatch of the ones that succeeded
    this.partiallyDeleted += n - 1;
    carrier.batch.length = 0;
    carrier.batch.push(failed);
  }

  /**
   * The function stopped the batch as a recursive loop: AWS does not invoke it, and sends
   * the messages to the queue's DLQ when it has one (else they are dropped).
   */
  private endLoop(carrier: Call): void {
    const k = this.k;
    const n = carrier.batch.length;
    for (const s of carrier.batch) {
      this.freeSlots.push(s);
      this.traces[s] = null;
      if (this.dlq) k.spawn(this.dlq, null, carrier);
    }
    this.inFlightMessages -= n;
    const id = this.id;
    if (this.dlq) {
      this.toDlq += n;
      const to = k.services[this.dlq.target].id;
      k.log.note(id, 'dlq', 'loop', (c, mean) => `${id}: ${Math.round(c * mean)} message${c * mean === 1 ? '' : 's'} moved to ${to} — recursive loop stopped`, n);
    } else {
      this.loopDropped += n;
      k.log.note(id, 'dlq', 'loop', (c, mean) => `${id}: ${Math.round(c * mean)} message${c * mean === 1 ? '' : 's'} dropped — recursive loop stopped, no DLQ`, n);
    }
    k.drop(carrier);
  }

  private redeliver(carrier: Call): void {
    const k = this.k;
    let moved = 0;
    for (const s of carrier.batch) {
      this.inFlightMessages--;
      if (this.receives[s] >= this.cfg.maxReceiveCount && this.dlq) {
        moved++;
        this.freeSlots.push(s);
        k.spawn(this.dlq, null, carrier);
      } else {
        if (carrier.t1 >= 0 && s !== carrier.t1) {
          this.duplicates++;
          k.services[carrier.step].duplicateDeliveries++;
        }
        const receives = this.receives[s];
        const sent = this.sentMs[s];
        const trace = this.traces[s];
        this.freeSlots.push(s);
        this.enqueue(sent, receives, trace);
      }
    }
    if (moved > 0) {
      this.toDlq += moved;
      const id = this.id;
      const to = k.services[this.dlq!.target].id;
      k.log.note(id, 'dlq', 'dlq', (n, mean) => `${ref(id)}: ${num(n * mean)} message${Math.round(n * mean) === 1 ? '' : 's'} moved to ${ref(to)} after ${this.cfg.maxReceiveCount} receives`, moved);
    }
    k.drop(carrier);
    this.tryDispatch();
  }

  override onEvent(kind: number, a: number, b: number): void {
    const k = this.k;
    if (kind === WINDOW_TIMER) {
      if (k.nowMs >= this.windowTimerAtMs) this.windowTimerAtMs = -1;
      this.tryDispatch();
      return;
    }
    if (kind === SCALE) {
      const busy = this.visible > 0 || this.inFlightBatches > 0;
      if (this.visible > 0) this.allowedBatches = Math.min(this.maxBatches(), this.allowedBatches + SCALE_STEP);
      if (busy) this.idleSinceMs = k.nowMs;
      else if (k.nowMs - this.idleSinceMs >= SCALE_PERIOD_MS) this.allowedBatches = Math.min(START_BATCHES, this.maxBatches());
      k.after(SCALE_PERIOD_MS, this.index, SCALE);
      this.tryDispatch();
      return;
    }
    const c = k.callOf(a, b);
    if (c === null) return;
    if (kind === ACK) k.finish(c, OK);
    else if (kind === VISIBLE) this.redeliver(c);
  }

  override tick(nowMs: number): void {
    const dtS = (nowMs - this.accruedToMs) / 1000;
    this.accruedToMs = nowMs;
    // empty long polls: each idle poller asks once per 20 s
    if (this.esm.length > 0 && this.visible === 0) {
      const idlePollers = Math.max(0, Math.min(this.allowedBatches, this.maxBatches()) - this.inFlightBatches);
      this.bill((idlePollers * dtS) / LONG_POLL_S);
    }
  }

  private oldestAgeMs(): number {
    return this.visible > 0 ? this.k.nowMs - this.visibleSinceMs[this.ring[this.head]] : 0;
  }

  override freeTierUsd(monthScale: number): number {
    return Math.min(this.requests * monthScale, PRICES.sqs.freeRequests) * PRICES.sqs.perRequest[this.cfg.queueType];
  }

  override live(): Partial<NodeLive> {
    return { queueDepth: this.visible, inFlight: this.inFlightMessages, toDlq: this.toDlq, iteratorAgeMs: this.oldestAgeMs() };
  }

  override windowExtra(): Partial<NodeWindow> {
    const depth = Math.max(this.wMaxDepth, this.visible + this.inFlightMessages);
    this.wMaxDepth = this.visible + this.inFlightMessages;
    return { queueDepth: depth, iteratorAgeMs: this.oldestAgeMs() };
  }

  override summary(): NodeSummary {
    return {
      type: 'sqs',
      sent: this.sent,
      received: this.received,
      deleted: this.deleted,
      maxDepth: this.maxDepth,
      depthAtEnd: this.visible + this.inFlightMessages,
      toDlq: this.toDlq,
      expired: this.expired,
      loopDropped: this.loopDropped,
      ...(this.partiallyDeleted > 0 || this.duplicates > 0 ? { partiallyDeleted: this.partiallyDeleted, duplicates: this.duplicates } : {}),
      meanWaitMs: Math.round(this.waitMs.mean() * 100) / 100,
      costUsd: this.costUsd,
    };
  }

  private growSlots(): void {
    const n = this.sentMs.length * 2;
    const a = new Float64Array(n);
    a.set(this.sentMs);
    this.sentMs = a;
    const v = new Float64Array(n);
    v.set(this.visibleSinceMs);
    this.visibleSinceMs = v;
    const r = new Int32Array(n);
    r.set(this.receives);
    this.receives = r;
  }

  private growRing(): void {
    const n = this.ring.length * 2;
    const r = new Int32Array(n);
    for (let i = 0; i < this.visible; i++) r[i] = this.ring[(this.head + i) % this.ring.length];
    this.ring = r;
    this.head = 0;
  }
}
