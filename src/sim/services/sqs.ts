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
 * the retention period are deleted.
 * FIFO queues (§6.1): a message's group is its request key modulo `messageGroups`; messages
 * of a group are received in order and one batch per group is in flight at a time (a
 * failed batch holds its group until it is visible again, then goes first). Sends are
 * limited to 300 a second (70,000 in high-throughput mode; ThrottlingException → the
 * sender sees a throttle); a repeated send (`duplicateShare`) within the 5-minute
 * deduplication interval is accepted but not delivered (a standard queue delivers it twice).
 * Billed per request per 64 KB chunk (§6.4): sends, receives (one call per 10 messages,
 * each billed per 64 KB of the messages it carries; empty long polls, one per idle poller
 * per 20 s — 2 pollers after an idle minute when no maximum concurrency is set), deletes
 * (one DeleteMessageBatch per 10 messages).
 */
import type { NodeOf, SqsConfig } from '../../model';
import type { LiveFields, SqsLive, SqsSummary, NodeWindow } from '../api';
import { ERROR, OK, THROTTLED, type Call, type OutcomeCode } from '../engine/call';
import type { EdgeInfo, Kernel } from '../engine/kernel';
import { sampleLogNormal, type Rng } from '../engine/rng';
import { Histogram } from '../metrics/histogram';
import { PRICES } from '../pricing/prices';
import { HOP_LATENCY } from './lambda';
import { Service, TokenBucket } from './service';
import { num, ref } from '../metrics/eventLog';
import { passesOf, type LoopTrace } from '../engine/loopTrace';
import { waitText as fmtMs, type Span } from '../metrics/traces';

const ACK = 0;
const WINDOW_TIMER = 1;
const VISIBLE = 2;
const SCALE = 3;
const THROTTLE_ACK = 4;
/** The events this service schedules for itself (Service `Ev`). */
type SqsEvent = typeof ACK | typeof WINDOW_TIMER | typeof VISIBLE | typeof SCALE | typeof THROTTLE_ACK;

const START_BATCHES = 5;
const SCALE_STEP = 300;
const SCALE_PERIOD_MS = 60_000;
const DEFAULT_MAX_BATCHES = 1250;
const LONG_POLL_S = 20;
/** §6.2: with little traffic and no maximum concurrency, Lambda polls with as few as 2. */
const IDLE_POLLERS = 2;
/** §6.1: FIFO sends per second per action, without and with high-throughput mode (us-east-1). */
const FIFO_SEND_TPS = 300;
const FIFO_HIGH_SEND_TPS = 70_000;

/** FIFO group flags: a batch of the group is in flight; the group waits in the ready queue. */
const LOCKED = 1;
const READY = 2;

export class SqsService extends Service<SqsEvent> {
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
  private payloadKb = new Float32Array(1024);
  private groupOf = new Int32Array(1024);
  /** FIFO: the next waiting message of the same group (-1: the group's last). */
  private nextInGroup = new Int32Array(1024);
  // FIFO groups, indexed by group id (typed arrays, grown to the largest id seen: no object
  // per group, nothing made or dropped as a group empties and fills again): the first and
  // last waiting message (-1: none) and the LOCKED / READY flags
  private groupFirst = new Int32Array(0);
  private groupLast = new Int32Array(0);
  private groupFlags = new Uint8Array(0);
  // the groups that have messages and no batch in flight, in order: a ring of group ids
  // (a group is in it at most once, so it never holds more than the groups there are)
  private ready = new Int32Array(64);
  private readyHead = 0;
  private readyCount = 0;
  private sendBucket: TokenBucket | null = null;
  private readonly dedupRng: Rng;
  /** FIFO sends refused by the 300 (or 70,000) per second limit. */
  sendThrottles = 0;
  /** Repeated sends (producer retries): FIFO drops them by deduplication; standard delivers them again. */
  duplicateSends = 0;
  private lastBusyMs = 0;
  /** The queue type is fixed when the run starts (AWS cannot change it either). */
  private readonly fifo: boolean;
  /** Each message's loop-detection chain (loopTrace.ts), so Lambda → SQS → Lambda loops are stopped too. */
  private traces: LoopTrace[] = [];
  /** Each message's traced send (metrics/traces.ts), or null: its batch continues the trace. */
  private spans: (Span | null)[] = [];
  /** Traced messages of a batch beyond the first: their batch hops (the invocation is under the first's). */
  private readonly extraSpans = new Map<Call, Span[]>();
  private freeSlots: number[] = [];
  private slots = 0;
  /**
   * In-flight batches: batch `b` (its carrier's `state`) holds the message slots
   * batchSlots[b][0 .. batchLen[b]). The arrays are reused and never emptied (emptying a JS
   * array frees its storage, so a carrier's own array was allocated again for every batch).
   */
  private readonly batchSlots: number[][] = [];
  private readonly batchLen: number[] = [];
  private readonly freeBatches: number[] = [];
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
    this.dedupRng = k.rng(node.id, 'dedup');
    this.failRng = k.rng(node.id, 'sqs-failures');
    this.fifo = node.config.queueType === 'fifo';
    this.setSendLimit();
  }

  private setSendLimit(): void {
    if (!this.fifo) {
      this.sendBucket = null;
      return;
    }
    const tps = this.cfg.highThroughput ? FIFO_HIGH_SEND_TPS : FIFO_SEND_TPS;
    if (this.sendBucket === null) this.sendBucket = new TokenBucket(tps, tps);
    this.sendBucket.refill(this.k.nowMs);
    this.sendBucket.ratePerS = tps;
    this.sendBucket.capacity = tps;
    this.sendBucket.tokens = Math.min(this.sendBucket.tokens, tps);
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
    this.setSendLimit();
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
    if (this.sendBucket !== null && !this.sendBucket.take(k.nowMs, 1)) {
      this.sendThrottles++;
      this.stats.noteThrottle();
      const id = this.id;
      k.log.note(
        id,
        'throttle',
        'fifoSend',
        (n) =>
          `${ref(id)}: ${num(n)} send${n === 1 ? '' : 's'} throttled (ThrottlingException) — FIFO limit ${num(this.sendBucket!.ratePerS)} sends a second${this.cfg.highThroughput ? ' (high throughput)' : '; high-throughput mode allows 70,000'}`,
      );
      k.afterCall(sampleLogNormal(this.rng, HOP_LATENCY), c, THROTTLE_ACK);
      return;
    }
    this.bill(Math.max(1, Math.ceil(c.payloadKb / PRICES.sqs.chunkKb)));
    this.sent++;
    const duplicate = this.cfg.duplicateShare > 0 && this.dedupRng.next() < this.cfg.duplicateShare;
    if (duplicate) this.duplicateSends++;
    const group = Math.max(0, c.key - 1) % this.cfg.messageGroups;
    if (!(duplicate && this.fifo)) this.enqueue(k.nowMs, 0, c.trace, c.payloadKb, group, false, c.span);
    if (duplicate && !this.fifo) this.enqueue(k.nowMs, 0, c.trace, c.payloadKb, group, false, c.span); // at-least-once: delivered twice
    k.afterCall(sampleLogNormal(this.rng, HOP_LATENCY) + this.faultAddMs, c, ACK);
    this.tryDispatch();
  }

  private enqueue(sentMs: number, receives: number, trace: LoopTrace, payloadKb: number, group: number, front = false, span: Span | null = null): void {
    let s = this.freeSlots.pop();
    if (s === undefined) {
      if (this.slots === this.sentMs.length) this.growSlots();
      s = this.slots++;
    }
    this.sentMs[s] = sentMs;
    this.receives[s] = receives;
    this.traces[s] = trace;
    this.spans[s] = span;
    this.payloadKb[s] = payloadKb;
    this.groupOf[s] = group;
    this.visibleSinceMs[s] = this.k.nowMs;
    if (this.fifo) {
      if (group >= this.groupFlags.length) this.growGroups(group);
      const first = this.groupFirst[group];
      if (front) {
        this.nextInGroup[s] = first;
        this.groupFirst[group] = s;
        if (first === -1) this.groupLast[group] = s;
      } else {
        this.nextInGroup[s] = -1;
        if (first === -1) this.groupFirst[group] = s;
        else this.nextInGroup[this.groupLast[group]] = s;
        this.groupLast[group] = s;
      }
      this.markReady(group);
    } else {
      if (this.visible === this.ring.length) this.growRing();
      this.ring[(this.head + this.visible) % this.ring.length] = s;
    }
    this.visible++;
    const queued = this.visible + this.inFlightMessages;
    if (queued > this.maxDepth) this.maxDepth = queued;
    if (queued > this.wMaxDepth) this.wMaxDepth = queued;
  }

  /** A group with waiting messages and no batch in flight joins the end of the ready queue. */
  private markReady(id: number): void {
    const f = this.groupFlags[id];
    if ((f & (LOCKED | READY)) !== 0 || this.groupFirst[id] === -1) return;
    this.groupFlags[id] = f | READY;
    if (this.readyCount === this.ready.length) this.growReady();
    const r = this.ready;
    r[(this.readyHead + this.readyCount) & (r.length - 1)] = id;
    this.readyCount++;
  }

  /** A new (empty) batch for a carrier: its id goes in `carrier.state`. */
  private openBatch(carrier: Call): void {
    let b = this.freeBatches.pop();
    if (b === undefined) {
      b = this.batchSlots.length;
      this.batchSlots.push([]);
      this.batchLen.push(0);
    } else this.batchLen[b] = 0;
    carrier.state = b;
  }

  /** The carrier's batch is over (its messages deleted, moved or visible again). */
  private closeBatch(carrier: Call): void {
    this.freeBatches.push(carrier.state);
  }

  /** FIFO: fill a batch from the ready groups, in order, locking each group it takes from. */
  private takeFifo(carrier: Call, batchSize: number, fn: number, edge: number): void {
    const len = this.batchLen;
    const b = carrier.state;
    const first = this.groupFirst;
    const next = this.nextInGroup;
    while (len[b] < batchSize && this.readyCount > 0) {
      const id = this.ready[this.readyHead];
      this.readyHead = (this.readyHead + 1) & (this.ready.length - 1);
      this.readyCount--;
      let f = this.groupFlags[id] & ~READY;
      while (len[b] < batchSize && first[id] !== -1) {
        const s = first[id];
        first[id] = next[s];
        this.visible--;
        if (this.takeMessage(carrier, s, fn, edge)) f |= LOCKED;
      }
      this.groupFlags[id] = f;
    }
  }

  /** Unlock the groups of a finished (or redelivered) FIFO batch. */
  private unlockGroups(carrier: Call): void {
    const batch = this.batchSlots[carrier.state];
    const n = this.batchLen[carrier.state];
    for (let i = 0; i < n; i++) {
      const id = this.groupOf[batch[i]];
      const f = this.groupFlags[id];
      if ((f & LOCKED) === 0) continue;
      this.groupFlags[id] = f & ~LOCKED;
      this.markReady(id);
    }
  }

  /** Received into `carrier`, or false when the message had expired. */
  private takeMessage(carrier: Call, s: number, fn: number, edge: number): boolean {
    const now = this.k.nowMs;
    if (now - this.sentMs[s] > this.cfg.retentionS * 1000) {
      this.expired++;
      this.freeSlots.push(s);
      return false;
    }
    this.receives[s]++;
    this.waitMs.record(now - this.visibleSinceMs[s]);
    // the batch carries the chain that has passed through its function most often
    const t = this.traces[s];
    if (t !== null && (carrier.trace === null || passesOf(t, fn) > passesOf(carrier.trace, fn))) carrier.trace = t;
    this.batchSlots[carrier.state][this.batchLen[carrier.state]++] = s;
    // a traced message: the batch is a hop of its trace, from when the message became visible
    const span = this.spans[s];
    if (span !== null && this.k.tracer !== null) {
      const hop = this.k.tracer.child(span, this.index, edge, this.visibleSinceMs[s]);
      const r = this.receives[s];
      hop?.note(`waited ${fmtMs(now - this.visibleSinceMs[s])} in the queue${r > 1 ? `; receive ${r} (a retry after the visibility timeout)` : ''}`);
      if (carrier.span === null) carrier.span = hop;
      else if (hop !== null) {
        hop.note("in a batch with another traced request's message; the invocation is in that trace");
        const extra = this.extraSpans.get(carrier);
        if (extra) extra.push(hop);
        else this.extraSpans.set(carrier, [hop]);
      }
    }
    return true;
  }

  /** Receive calls carry up to 10 messages each, billed per 64 KB of what they carry (§6.4). */
  private billReceives(carrier: Call): void {
    const per = PRICES.sqs.messagesPerCall;
    const b = this.batchSlots[carrier.state];
    const n = this.batchLen[carrier.state];
    for (let i = 0; i < n; i += per) {
      let kb = 0;
      for (let j = i; j < Math.min(n, i + per); j++) kb += this.payloadKb[b[j]];
      this.bill(Math.max(1, Math.ceil(kb / PRICES.sqs.chunkKb)));
    }
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
    // FIFO: no batching window (AWS does not support one), one batch per group in flight
    const windowMs = this.fifo ? 0 : this.cfg.maxBatchingWindowS * 1000;
    while (this.inFlightBatches < this.allowedBatches && this.visible > 0) {
      if (this.fifo && this.readyCount === 0) return; // every waiting group has a batch in flight
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
      this.openBatch(carrier);
      const edge = this.esm[this.rr++ % this.esm.length];
      const fn = edge.target;
      if (this.fifo) this.takeFifo(carrier, batchSize, fn, edge.index);
      else while (this.batchLen[carrier.state] < batchSize && this.visible > 0) this.takeMessage(carrier, this.dequeue(), fn, edge.index);
      const n = this.batchLen[carrier.state];
      if (n === 0) {
        this.closeBatch(carrier);
        k.drop(carrier);
        continue;
      }
      carrier.count = n;
      this.received += n;
      this.inFlightMessages += n;
      this.inFlightBatches++;
      this.lastBusyMs = now;
      this.billReceives(carrier);
      if (carrier.span !== null) {
        const words = `batch of ${num(n)} message${n === 1 ? '' : 's'} to ${ref(k.services[fn].id)}`;
        k.note(carrier, words);
        for (const x of this.extraSpans.get(carrier) ?? []) x.note(words);
      }
      k.spawn(edge, carrier, carrier);
    }
  }

  override childDone(carrier: Call, outcome: OutcomeCode, child: Call): void {
    const k = this.k;
    this.inFlightBatches--;
    if (carrier.span !== null) {
      const words =
        outcome !== OK && !child.loopStopped
          ? `batch ${outcome === THROTTLED ? 'throttled' : 'failed'}: its messages return after the ${this.cfg.visibilityTimeoutS} s visibility timeout`
          : outcome === OK
            ? 'batch done: its messages deleted'
            : null;
      const extra = this.extraSpans.get(carrier);
      for (const span of extra === undefined ? [carrier.span] : [carrier.span, ...extra]) {
        if (words !== null) span.note(words);
        span.end(k.nowMs, outcome);
      }
      if (extra !== undefined) this.extraSpans.delete(carrier);
    }
    if (child.loopStopped) this.endLoop(carrier);
    else if (outcome === OK) {
      const batch = this.batchSlots[carrier.state];
      const n = this.batchLen[carrier.state];
      this.bill(Math.ceil(n / PRICES.sqs.messagesPerCall)); // DeleteMessageBatch, 10 a call
      if (this.fifo) this.unlockGroups(carrier);
      for (let i = 0; i < n; i++) this.freeSlots.push(batch[i]);
      this.deleted += n;
      this.inFlightMessages -= n;
      this.closeBatch(carrier);
      k.drop(carrier);
    } else {
      if (outcome === THROTTLED) this.allowedBatches = Math.max(START_BATCHES, this.inFlightBatches);
      carrier.t1 = -1;
      if (outcome === ERROR && this.batchLen[carrier.state] > 0) this.partialFailure(carrier, child.node);
      const visibleAt = Math.max(k.nowMs, carrier.startMs + this.cfg.visibilityTimeoutS * 1000);
      const id = this.id;
      k.log.note(
        id,
        'retry',
        'redeliver',
        (n) => `${ref(id)}: ${num(n)} batch${n === 1 ? '' : 'es'} failed; messages return after the ${this.cfg.visibilityTimeoutS} s visibility timeout`,
      );
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
    const batch = this.batchSlots[carrier.state];
    const n = this.batchLen[carrier.state];
    const failed = batch[Math.floor(this.failRng.next() * n)];
    carrier.t1 = failed;
    carrier.step = fn;
    if (!this.cfg.reportBatchItemFailures || n === 1) return;
    for (let i = 0; i < n; i++) {
      const slot = batch[i];
      if (slot === failed) continue;
      this.freeSlots.push(slot);
      this.deleted++;
      this.inFlightMessages--;
    }
    this.bill(1); // DeleteMessageBatch of the ones that succeeded
    this.partiallyDeleted += n - 1;
    batch[0] = failed;
    this.batchLen[carrier.state] = 1;
  }

  /**
   * The function stopped the batch as a recursive loop: AWS does not invoke it, and sends
   * the messages to the queue's DLQ when it has one (else they are dropped).
   */
  private endLoop(carrier: Call): void {
    const k = this.k;
    const batch = this.batchSlots[carrier.state];
    const n = this.batchLen[carrier.state];
    if (this.fifo) this.unlockGroups(carrier);
    for (let i = 0; i < n; i++) {
      const s = batch[i];
      this.freeSlots.push(s);
      this.traces[s] = null;
      if (this.dlq) k.spawn(this.dlq, null, carrier);
    }
    this.inFlightMessages -= n;
    const id = this.id;
    if (this.dlq) {
      this.toDlq += n;
      const to = k.services[this.dlq.target].id;
      k.log.note(
        id,
        'dlq',
        'loop',
        (c, mean) => `${id}: ${Math.round(c * mean)} message${c * mean === 1 ? '' : 's'} moved to ${to} — recursive loop stopped`,
        n,
      );
    } else {
      this.loopDropped += n;
      k.log.note(
        id,
        'dlq',
        'loop',
        (c, mean) => `${id}: ${Math.round(c * mean)} message${c * mean === 1 ? '' : 's'} dropped — recursive loop stopped, no DLQ`,
        n,
      );
    }
    this.closeBatch(carrier);
    k.drop(carrier);
  }

  private redeliver(carrier: Call): void {
    const k = this.k;
    let moved = 0;
    if (this.fifo) this.unlockGroups(carrier);
    // FIFO: the batch goes back to the front of its groups, in order (so walk it backwards)
    const b = this.batchSlots[carrier.state];
    const n = this.batchLen[carrier.state];
    for (let i = this.fifo ? n - 1 : 0; this.fifo ? i >= 0 : i < n; i += this.fifo ? -1 : 1) {
      const s = b[i];
      this.inFlightMessages--;
      if (this.receives[s] >= this.cfg.maxReceiveCount && this.dlq) {
        moved++;
        this.freeSlots.push(s);
        // in a trace, only the traced message's move is a hop
        const batchSpan = carrier.span;
        if (batchSpan !== null && this.spans[s]?.trace !== batchSpan.trace) carrier.span = null;
        k.spawn(this.dlq, null, carrier);
        carrier.span = batchSpan;
      } else {
        if (carrier.t1 >= 0 && s !== carrier.t1) {
          this.duplicates++;
          k.services[carrier.step].duplicateDeliveries++;
        }
        const receives = this.receives[s];
        const sent = this.sentMs[s];
        const trace = this.traces[s];
        this.freeSlots.push(s);
        this.enqueue(sent, receives, trace, this.payloadKb[s], this.groupOf[s], true, this.spans[s]);
      }
    }
    if (moved > 0) {
      this.toDlq += moved;
      const id = this.id;
      const to = k.services[this.dlq!.target].id;
      k.log.note(
        id,
        'dlq',
        'dlq',
        (n, mean) =>
          `${ref(id)}: ${num(n * mean)} message${Math.round(n * mean) === 1 ? '' : 's'} moved to ${ref(to)} after ${this.cfg.maxReceiveCount} receives`,
        moved,
      );
    }
    this.closeBatch(carrier);
    k.drop(carrier);
    this.tryDispatch();
  }

  override onEvent(kind: SqsEvent, a: number, b: number): void {
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
    else if (kind === THROTTLE_ACK) k.finish(c, THROTTLED);
    else if (kind === VISIBLE) this.redeliver(c);
  }

  override tick(nowMs: number): void {
    const dtS = (nowMs - this.accruedToMs) / 1000;
    this.accruedToMs = nowMs;
    // empty long polls: each idle poller asks once per 20 s
    if (this.esm.length > 0 && this.visible === 0) {
      const quiet = this.cfg.maxConcurrency === null && this.inFlightBatches === 0 && nowMs - this.lastBusyMs >= SCALE_PERIOD_MS;
      const idlePollers = quiet ? IDLE_POLLERS : Math.max(0, Math.min(this.allowedBatches, this.maxBatches()) - this.inFlightBatches);
      this.bill((idlePollers * dtS) / LONG_POLL_S);
    }
  }

  private oldestAgeMs(): number {
    if (this.visible === 0) return 0;
    if (!this.fifo) return this.k.nowMs - this.visibleSinceMs[this.ring[this.head]];
    // FIFO: the oldest waiting head of a group that is ready (a close bound, O(1))
    if (this.readyCount === 0) return 0;
    const s = this.groupFirst[this.ready[this.readyHead]];
    return s !== -1 ? this.k.nowMs - this.visibleSinceMs[s] : 0;
  }

  override freeTierUsd(monthScale: number): number {
    return Math.min(this.requests * monthScale, PRICES.sqs.freeRequests) * PRICES.sqs.perRequest[this.cfg.queueType];
  }

  override live(): LiveFields<SqsLive> {
    return { queueDepth: this.visible, inFlight: this.inFlightMessages, toDlq: this.toDlq, iteratorAgeMs: this.oldestAgeMs() };
  }

  override windowExtra(): Partial<NodeWindow> {
    const depth = Math.max(this.wMaxDepth, this.visible + this.inFlightMessages);
    this.wMaxDepth = this.visible + this.inFlightMessages;
    return { queueDepth: depth, iteratorAgeMs: this.oldestAgeMs() };
  }

  override summary(): SqsSummary {
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
      requestsBilled: Math.round(this.requests),
      ...(this.fifo
        ? { sendThrottles: this.sendThrottles, deduplicated: this.duplicateSends }
        : this.duplicateSends > 0
          ? { duplicatesDelivered: this.duplicateSends }
          : {}),
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
    const p = new Float32Array(n);
    p.set(this.payloadKb);
    this.payloadKb = p;
    const g = new Int32Array(n);
    g.set(this.groupOf);
    this.groupOf = g;
    const x = new Int32Array(n);
    x.set(this.nextInGroup);
    this.nextInGroup = x;
  }

  /** Room for FIFO group `id` (doubling; new groups start empty and unlocked). */
  private growGroups(id: number): void {
    const n = Math.max(64, this.groupFlags.length * 2, id + 1);
    const first = new Int32Array(n).fill(-1);
    first.set(this.groupFirst);
    this.groupFirst = first;
    const last = new Int32Array(n).fill(-1);
    last.set(this.groupLast);
    this.groupLast = last;
    const flags = new Uint8Array(n);
    flags.set(this.groupFlags);
    this.groupFlags = flags;
  }

  /** Double the ready ring (a power of two), its queue laid out from the start. */
  private growReady(): void {
    const r = this.ready;
    const out = new Int32Array(r.length * 2);
    for (let i = 0; i < this.readyCount; i++) out[i] = r[(this.readyHead + i) & (r.length - 1)];
    this.ready = out;
    this.readyHead = 0;
  }

  private growRing(): void {
    const n = this.ring.length * 2;
    const r = new Int32Array(n);
    for (let i = 0; i < this.visible; i++) r[i] = this.ring[(this.head + i) % this.ring.length];
    this.ring = r;
    this.head = 0;
  }
}
