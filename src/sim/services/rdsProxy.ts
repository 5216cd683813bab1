/**
 * RDS Proxy (docs/aws-reference.md §13.3). Lambda environments connect to the proxy (client
 * connections cost the database nothing); each query borrows one pooled database connection
 * for its transaction and gives it back (multiplexing). The pool opens connections as
 * needed, up to MaxConnectionsPercent of the database's max_connections. With none free, a
 * query waits in arrival order up to ConnectionBorrowTimeout (default 120 s), then fails.
 * During a failover the proxy keeps client connections and queues queries until the new
 * writer is up. The proxy's own added latency is not modelled (AWS gives no figure). Priced
 * per vCPU-hour of the database behind it, at least 2 vCPUs.
 *
 * Pinning (§13.3): `pinningPercent` of transactions change session state; the proxy then pins
 * that client session (one per Lambda environment) to the database connection it borrowed:
 * the session's later transactions use it without borrowing, nobody else may, and it goes
 * back to the pool only when the environment ends (Lambda reclaims it; `releaseEnv`). At
 * 100% the proxy holds one connection per environment, as without a proxy. A failover drops
 * pinned connections with the rest; the sessions start unpinned again.
 */
import { RDS_PROXY, type NodeOf, type RdsProxyConfig } from '../../model';
import type { LiveFields, RdsProxyLive, RdsProxySummary } from '../api';
import { ERROR, type Call, type OutcomeCode } from '../engine/call';
import type { EdgeInfo, Kernel } from '../engine/kernel';
import type { Rng } from '../engine/rng';
import { num, ref, type LogCounter } from '../metrics/eventLog';
import { PRICES } from '../pricing/prices';
import { envKey, type FailoverListener, type RdsService } from './rds';
import { Service } from './service';

const BORROW_TIMEOUT = 0;
/** The events this service schedules for itself (Service `Ev`). */
type RdsProxyEvent = typeof BORROW_TIMEOUT;
const S_WAIT = 1;
const S_QUERY = 2;
/** A pinned session's entry while a transaction runs on its connection (`pinned` values). */
const RUNNING = -1;

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
  private readonly logPinnedOut: LogCounter;
  private readonly pinRng: Rng;
  /**
   * Pinned sessions, by environment (`envKey`): the pool's epoch the connection belongs to, or
   * RUNNING while a transaction uses it. Their connections count in neither `idle` nor
   * `inUse` while no transaction runs on them (`pinnedIdle`).
   */
  private readonly pinned = new Map<number, number>();
  pinnedIdle = 0;
  maxPinned = 0;
  pinnedSessions = 0;
  pinnedTimeouts = 0;

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
    this.logPinnedOut = k.log.counter(
      node.id,
      'error',
      (n) =>
        `${ref(node.id)}: ${num(n)} quer${s(n)} failed after the ${num(this.cfg.borrowTimeoutS)} s borrow timeout — all ${num(this.poolMax())} pooled connections pinned to execution environments`,
    );
    this.pinRng = k.rng(node.id, 'pinning');
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
    const p = c.parent;
    const key = p !== null && p.env >= 0 ? envKey(p.node, p.env) : -1;
    c.step = key;
    c.attempt = 0;
    if (key >= 0 && this.pinned.get(key) === this.epoch) {
      // the session's own connection: no borrowing, no wait
      this.pinned.set(key, RUNNING);
      this.pinnedIdle--;
      this.inUse++;
      c.attempt = 1;
      if (c.span !== null) this.k.note(c, 'pinned session: on its own database connection');
      this.send(c);
      return;
    }
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
    if (this.inUse + this.pinnedIdle > this.maxInUse) this.maxInUse = this.inUse + this.pinnedIdle;
    return true;
  }

  private send(c: Call): void {
    c.state = S_QUERY;
    c.t1 = this.epoch;
    const pct = this.cfg.pinningPercent;
    // a transaction that changes session state pins the session (only a Lambda environment's)
    if (c.attempt === 0 && pct > 0 && c.step >= 0 && !this.pinned.has(c.step) && (pct >= 100 || this.pinRng.next() * 100 < pct)) {
      c.attempt = 1;
      this.pinned.set(c.step, RUNNING);
      this.pinnedSessions++;
      if (this.pinned.size > this.maxPinned) this.maxPinned = this.pinned.size;
      if (c.span !== null) this.k.note(c, 'changed session state: the session is pinned to this connection until its environment ends');
    }
    this.k.spawn(this.edge!, c, c, false);
  }

  override childDone(c: Call, outcome: OutcomeCode): void {
    if (c.state !== S_QUERY) return;
    this.inUse--;
    // a connection from before a failover is gone; a pinned session keeps its own; others go back to the pool
    if (c.t1 === this.epoch) {
      if (c.attempt === 1 && this.pinned.get(c.step) === RUNNING) {
        this.pinned.set(c.step, this.epoch);
        this.pinnedIdle++;
      } else this.idle++;
    }
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
    if (this.pinned.size > 0 && this.pinned.size >= this.poolMax()) {
      this.pinnedTimeouts++;
      this.logPinnedOut.add();
    } else this.logTimeout.add();
    if (c.span !== null) this.k.note(c, `failed: no pooled connection within the ${num(this.cfg.borrowTimeoutS)} s borrow timeout`);
    this.k.finish(c, ERROR);
  }

  dbFailover(): void {
    this.epoch++;
    this.open = 0;
    this.idle = 0;
    this.pinned.clear();
    this.pinnedIdle = 0;
  }

  /** A Lambda environment is gone: its session ends, and a pinned connection goes back to the pool. */
  releaseEnv(fn: number, env: number): void {
    const key = envKey(fn, env);
    const e = this.pinned.get(key);
    if (e === undefined) return;
    this.pinned.delete(key);
    // while a transaction runs on it, childDone returns it
    if (e === RUNNING) return;
    this.pinnedIdle--;
    this.idle++;
    this.dispatch();
  }

  /** Database connections pinned to a session now. */
  get pinnedNow(): number {
    return this.pinned.size;
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
    return {
      poolInUse: this.inUse + this.pinnedIdle,
      poolOpen: this.open,
      poolMax: this.poolMax(),
      waitingBorrows: this.waitingNow,
      borrowTimeouts: this.borrowTimeouts,
      ...(this.cfg.pinningPercent > 0 || this.pinned.size > 0 ? { pinned: this.pinned.size } : {}),
    };
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
      ...(this.cfg.pinningPercent > 0 || this.pinnedSessions > 0
        ? { pinnedSessions: this.pinnedSessions, peakPinned: this.maxPinned, pinnedAtEnd: this.pinned.size, pinnedTimeouts: this.pinnedTimeouts }
        : {}),
      errors: this.stats.errors,
      costUsd: this.costUsd,
    };
  }
}
