/**
 * A function's execution environments: initialising, busy, idle (warm) or gone. Idle
 * on-demand environments sit in a deque ordered by last use: a request takes the most
 * recently used (as real reuse does), and the least recently used are reclaimed from the
 * other end once idle longer than the idle lifetime (reference §1.4, §9.2) — no timer per
 * environment. Provisioned environments are kept apart and never reclaimed.
 */
export const DEAD = 0;
export const INIT = 1;
export const BUSY = 2;
export const IDLE = 3;

export class EnvPool {
  state = new Uint8Array(64);
  idleSinceMs = new Float64Array(64);
  provisioned = new Uint8Array(64);
  /** INIT time not yet billed (billed with the environment's first invocation). */
  unbilledInitMs = new Float64Array(64);
  /** INIT (or restore) time of an environment's first invocation, until it completes. */
  coldMs = new Float64Array(64);
  private freeSlots: number[] = [];
  private size = 0;
  // on-demand idle deque (ring buffer): head = least recently used, tail = most recent
  private ring = new Int32Array(64);
  private head = 0;
  private count = 0;
  readonly pcIdle: number[] = [];

  busy = 0;
  initializing = 0;
  /** Provisioned environments in existence. */
  pcCount = 0;
  /** On-demand environments initialising or busy (they count against concurrency). */
  odInUse = 0;

  get idleOnDemand(): number {
    return this.count;
  }

  newEnv(provisioned: boolean, state: number): number {
    let e = this.freeSlots.pop();
    if (e === undefined) {
      if (this.size === this.state.length) this.grow();
      e = this.size++;
    }
    this.state[e] = state;
    this.provisioned[e] = provisioned ? 1 : 0;
    this.unbilledInitMs[e] = 0;
    this.coldMs[e] = 0;
    return e;
  }

  /** Told when an environment is gone (a database connection it held closes). */
  onKill: ((e: number) => void) | null = null;

  kill(e: number): void {
    if (this.onKill !== null) this.onKill(e);
    this.state[e] = DEAD;
    this.freeSlots.push(e);
  }

  pushIdle(e: number, nowMs: number): void {
    this.state[e] = IDLE;
    this.idleSinceMs[e] = nowMs;
    if (this.provisioned[e]) {
      this.pcIdle.push(e);
      return;
    }
    if (this.count === this.ring.length) this.growRing();
    this.ring[(this.head + this.count) % this.ring.length] = e;
    this.count++;
  }

  /** Most recently used idle on-demand environment, or -1. */
  popIdleMru(): number {
    if (this.count === 0) return -1;
    this.count--;
    return this.ring[(this.head + this.count) % this.ring.length];
  }

  /** Reclaim on-demand environments idle for at least `idleMs`; returns how many. */
  reclaim(nowMs: number, idleMs: number): number {
    let n = 0;
    while (this.count > 0) {
      const e = this.ring[this.head];
      if (this.idleSinceMs[e] + idleMs > nowMs) break;
      this.head = (this.head + 1) % this.ring.length;
      this.count--;
      this.kill(e);
      n++;
    }
    return n;
  }

  /** Remove one idle provisioned environment (provisioned concurrency lowered). */
  dropIdleProvisioned(): boolean {
    const e = this.pcIdle.pop();
    if (e === undefined) return false;
    this.kill(e);
    this.pcCount--;
    return true;
  }

  private grow(): void {
    const n = this.state.length * 2;
    const s = new Uint8Array(n);
    s.set(this.state);
    this.state = s;
    const t = new Float64Array(n);
    t.set(this.idleSinceMs);
    this.idleSinceMs = t;
    const p = new Uint8Array(n);
    p.set(this.provisioned);
    this.provisioned = p;
    const u = new Float64Array(n);
    u.set(this.unbilledInitMs);
    this.unbilledInitMs = u;
    const m = new Float64Array(n);
    m.set(this.coldMs);
    this.coldMs = m;
  }

  private growRing(): void {
    const n = this.ring.length * 2;
    const r = new Int32Array(n);
    for (let i = 0; i < this.count; i++) r[i] = this.ring[(this.head + i) % this.ring.length];
    this.ring = r;
    this.head = 0;
  }
}
