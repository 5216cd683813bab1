/**
 * S3 (§12): the handler reads (GET) or writes (PUT) an object (a write when the request is a
 * write); every successful write emits an event notification that invokes each notification
 * Lambda asynchronously. Latency to the first byte: log-normal median 30 ms, p99 200 ms
 * (§9.11 assumption from AWS's guidance that small requests see "tens of milliseconds"
 * median latency and that a request slower than 2 s is worth retrying). Priced per request:
 * PUT $0.005 per 1,000, GET $0.0004 per 1,000 (S3 Standard); free tier 2,000 PUT and 20,000
 * GET a month.
 */
import type { NodeOf } from '../../model';
import type { S3Summary } from '../api';
import { OK, type Call } from '../engine/call';
import type { Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type Rng } from '../engine/rng';
import { PRICES } from '../pricing/prices';
import { Service } from './service';

const DONE = 0;
/** The events this service schedules for itself (Service `Ev`). */
type S3Event = typeof DONE;
/** §9.11 assumption: first-byte latency of a small S3 Standard request. */
export const S3_LATENCY = lognormalFromMedianP99(30, 200);

export class S3Service extends Service<S3Event> {
  private readonly rng: Rng;
  reads = 0;
  writes = 0;
  notifications = 0;
  private billedReads = 0;
  private billedWrites = 0;

  constructor(k: Kernel, index: number, node: NodeOf<'s3'>) {
    super(k, index, node, 's3');
    this.rng = k.rng(node.id, 'latency');
  }

  override call(c: Call): void {
    const k = this.k;
    if (this.refuseByFault(c, this.rng)) return;
    this.addCost(c.isWrite ? PRICES.s3.perWrite : PRICES.s3.perRead);
    if (c.isWrite) this.billedWrites++;
    else this.billedReads++;
    k.afterCall(sampleLogNormal(this.rng, S3_LATENCY) + this.faultAddMs, c, DONE);
  }

  override onEvent(_kind: S3Event, slot: number, gen: number): void {
    const k = this.k;
    const c = k.callOf(slot, gen);
    if (c === null) return;
    if (c.isWrite) {
      this.writes++;
      for (const e of this.out) {
        if (e.meaning !== 'notification') continue;
        this.notifications++;
        k.spawn(e, null, c, true);
      }
    } else this.reads++;
    k.finish(c, OK);
  }

  override freeTierUsd(monthScale: number): number {
    return (
      Math.min(this.billedWrites * monthScale, PRICES.s3.freeWrites) * PRICES.s3.perWrite +
      Math.min(this.billedReads * monthScale, PRICES.s3.freeReads) * PRICES.s3.perRead
    );
  }

  override summary(): S3Summary {
    return { type: 's3', reads: this.reads, writes: this.writes, notifications: this.notifications, costUsd: this.costUsd };
  }
}
