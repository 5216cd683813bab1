/**
 * DAX (reference §5, §9.6): an item cache in front of DynamoDB. Eventually consistent reads
 * are served from the cache while fresh (item TTL; 0 = until evicted or overwritten); a miss
 * reads through to the table and caches the item. Writes go through to the table and, on
 * success, update the cached item (write-through). Strongly consistent reads (the table's
 * `consistentReads`) pass through uncached. The cache is an LRU bounded by one node's
 * memory divided by the item size (replicas hold the same items). Hit latency log-normal
 * median 0.4 ms, p99 1.5 ms; a miss adds the table's latency. The query cache is not
 * modelled (requests are single-item GetItem/PutItem). Billed per node-hour.
 */
import { DAX_NODE_TYPES, type DaxConfig, type NodeOf } from '../../model';
import { PRICES } from '../pricing/prices';
import { HitCounter } from '../metrics/hitCounter';
import type { LiveFields, DaxLive, DaxSummary, NodeWindow } from '../api';
import { OK, type Call, type OutcomeCode } from '../engine/call';
import type { EdgeInfo, Kernel } from '../engine/kernel';
import { lognormalFromMedianP99, sampleLogNormal, type Rng } from '../engine/rng';
import type { DynamodbService } from './dynamodb';
import { Service } from './service';
import { TtlCache } from './ttlCache';
import { ref } from '../metrics/eventLog';

const RESPOND = 0;
/** The events this service schedules for itself (Service `Ev`). */
type DaxEvent = typeof RESPOND;
const HIT_LATENCY = lognormalFromMedianP99(0.4, 1.5);
const S_WAIT = 1;

export class DaxService extends Service<DaxEvent> {
  private cfg: DaxConfig;
  private readonly rng: Rng;
  cache: TtlCache;
  private accruedToMs = 0;
  readonly lookups = new HitCounter();

  constructor(k: Kernel, index: number, node: NodeOf<'dax'>) {
    super(k, index, node, 'dax');
    this.cfg = node.config;
    this.rng = k.rng(node.id, 'latency');
    this.cache = new TtlCache(1, this.cfg.itemTtlS * 1000, true);
  }

  private tableEdge: EdgeInfo | undefined;

  private table(): DynamodbService | null {
    const e = this.out.find((x) => x.meaning === 'readThrough');
    return e ? (this.k.services[e.target] as DynamodbService) : null;
  }

  private capacityItems(): number {
    const itemKb = this.table()?.cfg.itemSizeKb ?? 1;
    return (DAX_NODE_TYPES[this.cfg.nodeType].memoryGb * 1024 * 1024) / Math.max(0.1, itemKb);
  }

  override start(): void {
    this.tableEdge = this.out.find((x) => x.meaning === 'readThrough');
    this.cache = new TtlCache(this.capacityItems(), this.cfg.itemTtlS * 1000, true);
  }

  override configure(node: NodeOf<'dax'>): void {
    super.configure(node);
    this.cfg = node.config;
    this.cache.ttlMs = this.cfg.itemTtlS * 1000;
    this.cache.capacity = TtlCache.bound(this.capacityItems());
  }

  override flushCache(): void {
    this.cache.clear();
    this.k.log.now(this.k.nowMs, this.id, 'fault', `${ref(this.id)}: cache flushed — every item will miss once`);
  }

  override call(c: Call): void {
    const k = this.k;
    if (this.refuseByFault(c, this.rng)) return;
    c.t0 = sampleLogNormal(this.rng, HIT_LATENCY) + this.faultAddMs;
    const table = this.tableEdge;
    const consistent = table !== undefined && (k.services[table.target] as DynamodbService).cfg.consistentReads;
    if (!c.isWrite && !consistent) {
      if (this.cache.hit(c.key, k.nowMs)) {
        this.lookups.hit();
        k.note(c, 'cache hit');
        this.respond(c, OK);
        return;
      }
      this.lookups.miss();
      k.note(c, 'cache miss');
    }
    if (!table) {
      this.respond(c, OK);
      return;
    }
    c.state = S_WAIT;
    k.spawn(table, c, c);
  }

  override childDone(c: Call, outcome: OutcomeCode): void {
    if (c.state !== S_WAIT) return;
    if (outcome === OK) {
      const table = this.k.services[this.tableEdge!.target] as DynamodbService;
      if (c.isWrite || !table.cfg.consistentReads) this.cache.put(c.key, this.k.nowMs);
    }
    this.respond(c, outcome);
  }

  private respond(c: Call, outcome: OutcomeCode): void {
    c.state = 2;
    c.causeCode = outcome;
    this.k.afterCall(c.t0, c, RESPOND);
  }

  override onEvent(kind: DaxEvent, slot: number, gen: number): void {
    const c = this.k.callOf(slot, gen);
    if (c !== null && kind === RESPOND) this.k.finish(c, c.causeCode);
  }

  override tick(nowMs: number): void {
    const hours = (nowMs - this.accruedToMs) / 3_600_000;
    this.accruedToMs = nowMs;
    this.addCost(hours * this.cfg.nodes * PRICES.dax.perNodeHour[this.cfg.nodeType]);
  }

  hitRatio(): number {
    return this.lookups.ratio();
  }

  override live(): LiveFields<DaxLive> {
    return { hitRatio: this.hitRatio() };
  }

  override windowExtra(): Partial<NodeWindow> {
    return { hitRatio: this.lookups.closeWindow() };
  }

  override summary(): DaxSummary {
    return {
      type: 'dax',
      hits: this.lookups.hits,
      misses: this.lookups.misses,
      hitRatio: Math.round(this.hitRatio() * 10000) / 10000,
      evictions: this.cache.evictions,
      cachedItems: this.cache.size,
      errors: this.stats.errors,
      costUsd: this.costUsd,
    };
  }
}
