/**
 * S3: the handler reads or writes an object (write when the request is a write); every
 * successful write emits an event notification that invokes each notification Lambda
 * asynchronously. The reference has no S3 latency or price, so a call takes one in-Region
 * hop (§9.1 assumption, median 1 ms, p99 5 ms) and S3 requests are not priced (a known gap).
 */
import type { NodeOf } from '../../model';
import type { NodeSummary } from '../api';
import { OK, type Call } from '../engine/call';
import type { Kernel } from '../engine/kernel';
import { sampleLogNormal, type Rng } from '../engine/rng';
import { HOP_LATENCY } from './lambda';
import { Service } from './service';

const DONE = 0;

export class S3Service extends Service {
  private readonly rng: Rng;
  reads = 0;
  writes = 0;
  notifications = 0;

  constructor(k: Kernel, index: number, node: NodeOf<'s3'>) {
    super(k, index, node, 's3');
    this.rng = k.rng(node.id, 'latency');
  }

  override call(c: Call): void {
    const k = this.k;
    if (this.refuseByFault(c, this.rng)) return;
    k.afterCall(sampleLogNormal(this.rng, HOP_LATENCY) + this.faultAddMs, c, DONE);
  }

  override onEvent(_kind: number, slot: number, gen: number): void {
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

  override summary(): NodeSummary {
    return { type: 's3', reads: this.reads, writes: this.writes, notifications: this.notifications };
  }
}
