/**
 * RDS Proxy (docs/aws-reference.md §13.3). Lambda environments connect to the proxy (client
 * connections cost the database nothing); each query borrows one pooled database connection
 * for its transaction and gives it back (multiplexing). The pool opens connections as
 * needed, up to MaxConnectionsPercent of the database's max_connections. With none free, a
 * query waits in arrival order up to ConnectionBorrowTimeout (default 120 s), then fails.
 * During a failover the proxy keeps client connections and queues queries until the new
 * writer is up. Pinning is not modelled: every transaction is multiplexed. The proxy's own
 * added latency is not modelled (AWS gives no figure). Priced per vCPU-hour of the
 * database behind it, at least 2 vCPUs.
 */
import { RDS_PROXY, type NodeOf, type RdsProxyConfig } from '../../model';
import type { LiveFields, RdsProxyLive, RdsProxySummary } from '../api';
import { ERROR, type Call, type OutcomeCode } from '../engine/call';
import type { EdgeInfo, Kernel } from '../engine/kernel';
import { num, ref, type LogCounter } from '../metrics/eventLog';
import { PRICES } from '../pricing/prices';
import type { FailoverListener, RdsService } from './rds';
import { Service } from './service';

const BORROW_TIMEOUT = 0;
/** The events this service schedules for itself (Service `Ev`). */
type RdsProxyEvent = typeof BORROW_TIMEOUT;
const S_WAIT = 1;
const S_QUERY = 2;

export class RdsProxyService extends Service<RdsProxyEvent> implements FailoverListener {
  cfg: RdsProxyConfig;
  private edge: EdgeInfo | null = null;
  private db: RdsService | null = null;
  /** Database connections the pool holds: open in all, idle now, lent to a query now. */
  open = 0;
  idle = 0;
  inUse = 0;
  maxInUse = 0;
  private epoch = 0;
  private readonly waiting: Call[] = [];
  private waitHead = 0;
  waitingNow = 0;
  maxWaiting = 0;
  borrows = 0;
  waitedBorrows = 0;
  borrowTimeouts = 0;
  private accruedToMs = 0;
  private readonly logTimeout: LogCounter;

  constructor(k: Kernel, index: number, node: NodeOf<'rdsProxy'>) {
    super(k, index, node, 'rdsProxy');
    this.cfg = node.config;
    const s = (n: number) => (n === 1 ? 'y' : 'ies');
    this.logTimeout = k.log.counter(
      node.id,
      'error',
      (n) =>
        `${ref(node.id)}: ${num(n)} quer${s(n)} failed — no pooled connection within the ${num(this.cfg.borrowTimeoutS)} s borrow timeout (pool of ${num(this.poolMax())})`,
    );
  }

  override start(): void {
    this.edge = this.out.find((e) => e.meaning === 'sql') ?? null;
    const db = this.edge ? this.k.services[this.edge.target] : null;
    this.db = db && db.node.type === 'rds' ? (db as RdsService) : null;
    this.db?.listeners.push(this);
  }

  override configure(node: NodeOf<'rdsProxy'>): void {
    super.configure(node);
    this.cfg = node.config;
    this.dispatch();
  }

  /** The pool's ceiling: MaxConnectionsPercent of the database's max_connections. */
  poolMax(): number {
    return this.db ? Math.floor((this.db.maxConnections * this.cfg.maxConnectionsPercent) / 100) : 0;
  }

  override call(c: Call): void {
    const k = this.k;
    if (this.db === null || this.edge === null) {
      k.note(c, 'failed: the proxy has no database target');
      k.finish(c, ERROR);
      return;
    }
    this.borrows++;
    if (this.waitingNow === 0 && this.take()) {
      this.send(c);
      return;
    }
    this.waitedBorrows++;
    c.state = S_WAIT;
    c.t0 = k.nowMs;
    this.waiting.push(c);
    this.waitingNow++;
    if (this.waitingNow > this.maxWaiting) this.maxWaiting = this.waitingNow;
    k.afterCall(this.cfg.borrowTimeoutS * 1000, c, BORROW_TIMEOUT);
  }

  /** Take a pooled connection (idle, or a new one within the pool's ceiling). */
  private take(): boolean {
    const db = this.db!;
    if (db.inFailover()) return false;
    if (this.idle > 0) this.idle--;
    else if (this.open < this.poolMax() && db.openPooled()) this.open++;
    else return false;
    this.inUse++;
    if (this.inUse > this.maxInUse) this.maxInUse = this.inUse;
    return true;
  }

  private send(c: Call): void {
    c.state = S_QUERY;
    c.t1 = this.epoch;
    this.k.spawn(this.edge!, c, c, false);
  }

  override childDone(c: Call, outcome: OutcomeCode): void {
    if (c.state !== S_QUERY) return;
    this.inUse--;
    // a connection from before a failover is gone; others go back to the pool
    if (c.t1 === this.epoch) this.idle++;
    c.state = 0;
    this.k.finish(c, outcome);
    this.dispatch();
  }

  /** Hand free connections to waiting queries, oldest first. */
  private dispatch(): void {
    while (this.waitHead < this.waiting.length) {
      const c = this.waiting[this.waitHead];
      if (c.state !== S_WAIT) {
        this.waitHead++;
        continue;
      }
      if (!this.take()) break;
      this.waitHead++;
      this.waitingNow--;
      if (c.span !== null) this.k.note(c, `waited ${num(Math.round(this.k.nowMs - c.t0))} ms to borrow a pooled connection`);
      this.send(c);
    }
    if (this.waitHead > 1024 && this.waitHead * 2 > this.waiting.length) {
      this.waiting.splice(0, this.waitHead);
      this.waitHead = 0;
    }
  }

  override onEvent(kind: RdsProxyEvent, slot: number, gen: number): void {
    const c = this.k.callOf(slot, gen);
    if (c === null || kind !== BORROW_TIMEOUT || c.state !== S_WAIT) return;
    c.state = 0;
    this.waitingNow--;
    this.borrowTimeouts++;
    this.logTimeout.add();
    if (c.span !== null) this.k.note(c, `failed: no pooled connection within the ${num(this.cfg.borrowTimeoutS)} s borrow timeout`);
    this.k.finish(c, ERROR);
  }

  dbFailover(): void {
    this.epoch++;
    this.open = 0;
    this.idle = 0;
  }

  dbRecovered(): void {
    this.dispatch();
  }

  /** vCPUs billed: the database's, at least 2 (§13.3). */
  billedVcpus(): number {
    return Math.max(RDS_PROXY.minVcpus, this.db?.vcpus ?? RDS_PROXY.minVcpus);
  }

  override tick(nowMs: number): void {
    const hours = (nowMs - this.accruedToMs) / 3_600_000;
    this.accruedToMs = nowMs;
    this.addCost(hours * this.billedVcpus() * PRICES.rdsProxy.perVcpuHour);
  }

  override live(): LiveFields<RdsProxyLive> {
    return { poolInUse: this.inUse, poolOpen: this.open, poolMax: this.poolMax(), waitingBorrows: this.waitingNow, borrowTimeouts: this.borrowTimeouts };
  }

  override summary(): RdsProxySummary {
    return {
      type: 'rdsProxy',
      borrows: this.borrows,
      waitedBorrows: this.waitedBorrows,
      borrowTimeouts: this.borrowTimeouts,
      poolMax: this.poolMax(),
      peakPoolInUse: this.maxInUse,
      peakWaiting: this.maxWaiting,
      errors: this.stats.errors,
      costUsd: this.costUsd,
    };
  }
}
