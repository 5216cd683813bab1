/**
 * EventBridge (reference §8, §9.9). With a schedule it fires `rate(...)` at its period from
 * t = 0; a `cron(...)` expression is approximated by its finest period (every minute, every
 * n minutes, hourly, daily, weekly or monthly) — firing at exact wall-clock times is not
 * modelled. Without a schedule it is a rule forwarding events that Lambdas put. Each event
 * goes to every target asynchronously (Lambda async invoke, SQS send, SNS publish) after a
 * delivery delay (log-normal median 250 ms, p99 1 s). Billed: scheduled invocations
 * $1.00/M (Scheduler), put events $1.00/M per 64 KB.
 */
import { ratePeriodS, type EventbridgeConfig, type NodeOf } from '../../model';
import type { EventbridgeSummary } from '../api';
import { OK, type Call } from '../engine/call';
import type { Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type Rng } from '../engine/rng';
import { PRICES } from '../pricing/prices';
import { HOP_LATENCY } from './lambda';
import { Service } from './service';

const FIRE = 0;
const ACK = 1;
const DELIVER = 2;
/** The events this service schedules for itself (Service `Ev`). */
type EventbridgeEvent = typeof FIRE | typeof ACK | typeof DELIVER;
const DELIVERY = lognormalFromMedianP99(250, 1000);

/** Seconds between firings of a schedule expression (cron approximated), or null. */
export function schedulePeriodS(expression: string): number | null {
  const rate = ratePeriodS(expression);
  if (rate !== null) return rate;
  const m = /^cron\(\s*(.+?)\s*\)$/.exec(expression.trim());
  if (!m) return null;
  const [minute, hour, dom, , dow] = m[1].split(/\s+/);
  const step = (field: string) => {
    const s = /^(?:\*|\d+)\/(\d+)$/.exec(field);
    return s ? Number(s[1]) : null;
  };
  if (minute === '*') return 60;
  const ms = step(minute);
  if (ms) return ms * 60;
  if (hour === '*') return 3600;
  const hs = step(hour);
  if (hs) return hs * 3600;
  if (dom === '*' || dom === '?') return dow === '*' || dow === '?' ? 86_400 : 7 * 86_400;
  return 30 * 86_400;
}

export class EventbridgeService extends Service<EventbridgeEvent> {
  private cfg: EventbridgeConfig;
  private readonly rng: Rng;
  private scheduleGen = 0;
  events = 0;
  fired = 0;

  constructor(k: Kernel, index: number, node: NodeOf<'eventbridge'>) {
    super(k, index, node, 'eventbridge');
    this.cfg = node.config;
    this.rng = k.rng(node.id, 'delivery');
  }

  override start(): void {
    if (this.cfg.schedule !== null && schedulePeriodS(this.cfg.schedule) !== null) this.k.at(this.k.nowMs, this.index, FIRE, this.scheduleGen, 0);
  }

  override configure(node: NodeOf<'eventbridge'>): void {
    const before = this.cfg.schedule;
    super.configure(node);
    this.cfg = node.config;
    if (before !== this.cfg.schedule) {
      this.scheduleGen++;
      const p = this.cfg.schedule === null ? null : schedulePeriodS(this.cfg.schedule);
      if (p !== null) this.k.after(p * 1000, this.index, FIRE, this.scheduleGen, 0);
    }
  }

  override call(c: Call): void {
    const k = this.k;
    if (this.refuseByFault(c, this.rng)) return;
    this.events++;
    this.addCost(Math.max(1, Math.ceil(c.payloadKb / PRICES.eventbridge.chunkKb)) * PRICES.eventbridge.perEvent);
    this.dispatch(c);
    k.afterCall(sampleLogNormal(this.rng, HOP_LATENCY), c, ACK);
  }

  private dispatch(from: Call | null): void {
    const k = this.k;
    const carrier = k.pool.acquire();
    carrier.node = this.index;
    carrier.edge = -1;
    carrier.parent = null;
    carrier.startMs = k.nowMs;
    carrier.isWrite = from ? from.isWrite : true;
    carrier.key = from ? from.key : 0;
    carrier.payloadKb = from ? from.payloadKb : 1;
    carrier.trace = null; // EventBridge does not carry the loop-detection chain
    carrier.state = 9;
    k.afterCall(sampleLogNormal(this.rng, DELIVERY) + this.faultAddMs, carrier, DELIVER);
  }

  override onEvent(kind: EventbridgeEvent, a: number, b: number): void {
    const k = this.k;
    if (kind === FIRE) {
      if (a !== this.scheduleGen || this.cfg.schedule === null) return;
      const p = schedulePeriodS(this.cfg.schedule);
      if (p === null) return;
      this.fired++;
      this.addCost(PRICES.eventbridge.perScheduledInvocation);
      if (!this.faultDown) this.dispatch(null);
      k.after(p * 1000, this.index, FIRE, this.scheduleGen, 0);
      return;
    }
    const c = k.callOf(a, b);
    if (c === null) return;
    if (kind === ACK) {
      k.finish(c, OK);
      return;
    }
    // targets only: a dead-letter queue (kind "dlq") receives nothing the model fails to deliver
    for (const e of this.out) if (e.meaning === 'target') k.spawn(e, null, c, k.services[e.target].node.type === 'lambda');
    k.drop(c);
  }

  override freeTierUsd(monthScale: number): number {
    return Math.min(this.fired * monthScale, PRICES.eventbridge.freeScheduledInvocations) * PRICES.eventbridge.perScheduledInvocation;
  }

  override summary(): EventbridgeSummary {
    return { type: 'eventbridge', scheduledFirings: this.fired, putEvents: this.events, costUsd: this.costUsd };
  }
}
