/**
 * SNS (reference §8, §9.9): a publish is acknowledged after an in-Region hop and fanned out
 * to every subscription — SQS queues receive the message, Lambdas are invoked
 * asynchronously (their own retries apply) — after a delivery delay (log-normal median
 * 50 ms, p99 300 ms). Endpoint-unavailable delivery retries are not modelled. Billed per
 * publish per 64 KB chunk; deliveries to Lambda and SQS are free.
 */
import type { NodeOf } from '../../model';
import type { SnsSummary } from '../api';
import { OK, type Call } from '../engine/call';
import type { Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type Rng } from '../engine/rng';
import { PRICES } from '../pricing/prices';
import { HOP_LATENCY } from './lambda';
import { Service } from './service';

const ACK = 0;
const DELIVER = 1;
/** The events this service schedules for itself (Service `Ev`). */
type SnsEvent = typeof ACK | typeof DELIVER;
const DELIVERY = lognormalFromMedianP99(50, 300);

export class SnsService extends Service<SnsEvent> {
  private readonly rng: Rng;
  publishes = 0;
  deliveries = 0;

  constructor(k: Kernel, index: number, node: NodeOf<'sns'>) {
    super(k, index, node, 'sns');
    this.rng = k.rng(node.id, 'delivery');
  }

  override call(c: Call): void {
    const k = this.k;
    if (this.refuseByFault(c, this.rng)) return;
    this.publishes++;
    this.addCost(Math.max(1, Math.ceil(c.payloadKb / PRICES.sns.chunkKb)) * PRICES.sns.perPublish);
    // a carrier per publish holds the message until its delivery delay has passed
    const carrier = k.pool.acquire();
    carrier.node = this.index;
    carrier.edge = -1;
    carrier.parent = null;
    carrier.startMs = k.nowMs;
    carrier.isWrite = c.isWrite;
    carrier.key = c.key;
    carrier.payloadKb = c.payloadKb;
    carrier.trace = c.trace;
    carrier.state = 9;
    k.afterCall(sampleLogNormal(this.rng, DELIVERY) + this.faultAddMs, carrier, DELIVER);
    k.afterCall(sampleLogNormal(this.rng, HOP_LATENCY), c, ACK);
  }

  override onEvent(kind: SnsEvent, slot: number, gen: number): void {
    const k = this.k;
    const c = k.callOf(slot, gen);
    if (c === null) return;
    if (kind === ACK) {
      k.finish(c, OK);
      return;
    }
    for (const e of this.out) {
      this.deliveries++;
      k.spawn(e, null, c, k.services[e.target].node.type === 'lambda');
    }
    k.drop(c);
  }

  override freeTierUsd(monthScale: number): number {
    return Math.min(this.publishes * monthScale, PRICES.sns.freePublishes) * PRICES.sns.perPublish;
  }

  override summary(): SnsSummary {
    return { type: 'sns', publishes: this.publishes, deliveries: this.deliveries, costUsd: this.costUsd };
  }
}
