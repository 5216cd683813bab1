/**
 * RDS / Aurora (docs/aws-reference.md §13). Connections: each Lambda execution environment
 * that queries the database directly opens one connection on its first query and holds it
 * while the environment lives (closed when Lambda reclaims the environment). A connection
 * past max_connections is refused: the query fails with "too many connections" and the
 * function's invocation fails. An RDS Proxy in front opens its pooled connections here too
 * (they count against the same max_connections).
 *
 * CPU (§13.5 assumption): a query keeps one vCPU busy for its query time; at most `vcpus`
 * queries run at once and the rest wait in arrival order (an M/G/c queue), so latency rises
 * as the instance saturates. Real queries also wait on I/O and locks; this treats them as
 * CPU-bound, the pessimistic case.
 *
 * Failover (a `failover` fault): every connection drops and the writer is unavailable for
 * the engine's typical failover time (Aurora 30 s, RDS Multi-AZ 60 s), shortened by 66% when
 * an RDS Proxy fronts the database; queries running or waiting then fail. Priced per
 * instance-hour (on-demand, us-east-1); storage and I/O are not modelled.
 */
import { RDS_INSTANCE_CLASSES, RDS_PROXY, isAurora, maxConnectionsOf, type NodeOf, type RdsConfig } from '../../model';
import type { LiveFields, RdsLive, RdsSummary } from '../api';
import { ERROR, OK, type Call } from '../engine/call';
import type { Kernel } from '../engine/kernel';
import { logNormal, lognormalFromMeanP99, sampleLogNormal, type LogNormal, type Rng } from '../engine/rng';
import { num, ref, type LogCounter } from '../metrics/eventLog';
import { PRICES } from '../pricing/prices';
import { Service } from './service';

const DONE = 0;
const FAILOVER_END = 1;
/** The events this service schedules for itself (Service `Ev`). */
type RdsEvent = typeof DONE | typeof FAILOVER_END;
/** §13.4: typical failover, s: Aurora (to a replica) and RDS Multi-AZ (lower end of 60–120 s). */
export const FAILOVER_S = { aurora: 30, rds: 60 } as const;

/** A Lambda environment's connection, keyed by function and environment slot. */
export const envKey = (fn: number, env: number) => fn * 1_048_576 + env;

/** Told when the database fails over (an RDS Proxy drops its pool and queues). */
export interface FailoverListener {
  dbFailover(untilMs: number): void;
  dbRecovered(): void;
}

export class RdsService extends Service<RdsEvent> {
  cfg: RdsConfig;
  private readonly rng: Rng;
  private dist: LogNormal = logNormal(0, 0);
  maxConnections = 0;
  vcpus = 2;
  /** Open connections: direct ones (one per environment) and the proxies' pooled ones. */
  connections = 0;
  maxConnectionsSeen = 0;
  private readonly envConns = new Set<number>();
  /** Queries running on a vCPU now, and waiting for one. */
  running = 0;
  private readonly waiting: Call[] = [];
  private waitHead = 0;
  queries = 0;
  tooManyConnections = 0;
  failovers = 0;
  failoverFailed = 0;
  failoverUntilMs = -1;
  /** Bumped at each failover: queries started before it fail when they end. */
  private epoch = 0;
  readonly listeners: FailoverListener[] = [];
  private accruedToMs = 0;
  private readonly logTooMany: LogCounter;
  private readonly logFailover: LogCounter;

  constructor(k: Kernel, index: number, node: NodeOf<'rds'>) {
    super(k, index, node, 'rds');
    this.cfg = node.config;
    this.rng = k.rng(node.id, 'query');
    this.derive();
    const s = (n: number) => (n === 1 ? 'y' : 'ies');
    this.logTooMany = k.log.counter(
      node.id,
      'error',
      (n) =>
        `${ref(node.id)}: ${num(n)} quer${s(n)} refused — too many connections (max_connections ${num(this.maxConnections)}, every connection held by an execution environment)`,
    );
    this.logFailover = k.log.counter(node.id, 'error', (n) => `${ref(node.id)}: ${num(n)} quer${s(n)} failed — connection lost, failover in progress`);
  }

  private derive(): void {
    const c = this.cfg;
    this.maxConnections = maxConnectionsOf(c);
    this.vcpus = RDS_INSTANCE_CLASSES[c.instanceClass].vcpus;
    if (c.queryMs.distribution === 'lognormal') this.dist = lognormalFromMeanP99(c.queryMs.meanMs, c.queryMs.p99Ms);
  }

  override configure(node: NodeOf<'rds'>): void {
    super.configure(node);
    this.cfg = node.config;
    this.derive();
    this.drain();
  }

  get proxied(): boolean {
    return this.listeners.length > 0;
  }

  /** The failover time for this engine, shortened when a proxy fronts it (§13.4). */
  failoverMs(): number {
    const base = isAurora(this.cfg.engine) ? FAILOVER_S.aurora : FAILOVER_S.rds;
    return base * 1000 * (this.proxied ? 1 - RDS_PROXY.failoverReduction : 1);
  }

  inFailover(): boolean {
    return this.failoverUntilMs > this.k.nowMs;
  }

  /** A proxy asks for one more pooled connection. */
  openPooled(): boolean {
    if (this.inFailover() || this.connections >= this.maxConnections) return false;
    this.open();
    return true;
  }

  private open(): void {
    this.connections++;
    if (this.connections > this.maxConnectionsSeen) this.maxConnectionsSeen = this.connections;
  }

  /** A Lambda environment is gone: its connection closes. */
  releaseEnv(fn: number, env: number): void {
    if (this.envConns.delete(envKey(fn, env))) this.connections--;
  }

  /** Connections held by Lambda environments directly (not through a proxy). */
  get directConnections(): number {
    return this.envConns.size;
  }

  override call(c: Call): void {
    const k = this.k;
    if (this.refuseByFault(c, this.rng)) return;
    if (this.inFailover()) {
      this.failoverFailed++;
      this.logFailover.add();
      k.note(c, 'failed: connection lost — failover in progress');
      k.finish(c, ERROR);
      return;
    }
    const p = c.parent;
    const viaProxy = p !== null && k.services[p.node].node.type === 'rdsProxy';
    if (!viaProxy) {
      const key = p !== null && p.env >= 0 ? envKey(p.node, p.env) : -1;
      if (key < 0 || !this.envConns.has(key)) {
        if (this.connections >= this.maxConnections) {
          this.tooManyConnections++;
          this.logTooMany.add();
          if (c.span !== null) k.note(c, `failed: too many connections (${num(this.connections)} of max_connections ${num(this.maxConnections)} open)`);
          k.finish(c, ERROR);
          return;
        }
        if (key >= 0) {
          this.envConns.add(key);
          this.open();
          if (c.span !== null) k.note(c, `opened a connection (${num(this.connections)} of ${num(this.maxConnections)})`);
        }
      }
    }
    this.queries++;
    c.t1 = this.epoch;
    if (this.running < this.vcpus) this.run(c);
    else {
      c.t0 = k.nowMs;
      this.waiting.push(c);
    }
  }

  private queryMs(): number {
    const q = this.cfg.queryMs;
    if (q.distribution === 'constant') return q.meanMs;
    if (q.distribution === 'exponential') return this.rng.exponential(q.meanMs);
    return sampleLogNormal(this.rng, this.dist);
  }

  private run(c: Call): void {
    this.running++;
    this.k.afterCall(this.queryMs() + this.faultAddMs, c, DONE);
  }

  private drain(): void {
    while (this.running < this.vcpus && this.waitHead < this.waiting.length) {
      const c = this.waiting[this.waitHead++];
      if (c.span !== null) this.k.note(c, `waited ${num(Math.round(this.k.nowMs - c.t0))} ms for a vCPU`);
      this.running++;
      this.k.afterCall(this.queryMs() + this.faultAddMs, c, DONE);
    }
    if (this.waitHead > 1024 && this.waitHead * 2 > this.waiting.length) {
      this.waiting.splice(0, this.waitHead);
      this.waitHead = 0;
    }
  }

  override onEvent(kind: RdsEvent, slot: number, gen: number): void {
    if (kind === FAILOVER_END) {
      if (this.k.nowMs >= this.failoverUntilMs) {
        this.k.log.now(this.k.nowMs, this.id, 'fault', `${ref(this.id)}: failover complete — the new writer accepts connections`);
        for (const l of this.listeners) l.dbRecovered();
      }
      return;
    }
    const c = this.k.callOf(slot, gen);
    if (c === null) return;
    this.running--;
    if (c.t1 !== this.epoch) {
      this.failoverFailed++;
      this.logFailover.add();
      this.k.note(c, 'failed: connection lost — failover');
      this.k.finish(c, ERROR);
    } else this.k.finish(c, OK);
    this.drain();
  }

  /** The writer fails over: connections drop, queries in flight or waiting fail. */
  failover(): void {
    const k = this.k;
    const ms = this.failoverMs();
    this.failovers++;
    this.epoch++;
    this.failoverUntilMs = k.nowMs + ms;
    this.envConns.clear();
    this.connections = 0;
    while (this.waitHead < this.waiting.length) {
      const c = this.waiting[this.waitHead++];
      this.failoverFailed++;
      this.logFailover.add();
      k.note(c, 'failed: connection lost — failover');
      k.finish(c, ERROR);
    }
    this.waiting.length = 0;
    this.waitHead = 0;
    k.log.now(
      k.nowMs,
      this.id,
      'fault',
      `${ref(this.id)}: failover started — writer unavailable for about ${num(ms / 1000)} s${this.proxied ? ' (RDS Proxy shortens it by up to 66%)' : ''}; every connection dropped`,
    );
    for (const l of this.listeners) l.dbFailover(this.failoverUntilMs);
    k.after(ms, this.index, FAILOVER_END);
  }

  hourlyUsd(): number {
    const prices = PRICES.rds.perInstanceHour[this.cfg.instanceClass];
    return isAurora(this.cfg.engine) ? prices.aurora : this.cfg.engine === 'mysql' ? prices.mysql : prices.postgres;
  }

  override tick(nowMs: number): void {
    const hours = (nowMs - this.accruedToMs) / 3_600_000;
    this.accruedToMs = nowMs;
    this.addCost(hours * this.hourlyUsd());
  }

  override live(): LiveFields<RdsLive> {
    return {
      connections: this.connections,
      maxConnections: this.maxConnections,
      queries: this.queries,
      tooManyConnections: this.tooManyConnections,
      queriesRunning: this.running,
      queriesWaiting: this.waiting.length - this.waitHead,
      vcpus: this.vcpus,
      ...(this.inFailover() ? { failingOver: true } : {}),
    };
  }

  override summary(): RdsSummary {
    return {
      type: 'rds',
      queries: this.queries,
      errors: this.stats.errors,
      tooManyConnections: this.tooManyConnections,
      maxConnections: this.maxConnections,
      peakConnections: this.maxConnectionsSeen,
      connectionsAtEnd: this.connections,
      failovers: this.failovers,
      failoverErrors: this.failoverFailed,
      costUsd: this.costUsd,
    };
  }
}
