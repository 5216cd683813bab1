/**
 * Timeouts without one event per call. A service whose timeout is the same for every call
 * sees deadlines in the order calls start, so it keeps them in a FIFO and arms one timer,
 * for the oldest deadline still live. When it fires, finished calls are skipped (most are:
 * calls usually end long before their timeout) and the timer is re-armed for the next live
 * one — about one event per timeout period instead of one per call. If the timeout setting
 * is lowered mid-run, deadlines after the change may fire late, at the older ones' pace.
 */
import type { Call } from './call';
import type { Kernel } from './kernel';

export class DeadlineQueue {
  private slot = new Int32Array(256);
  private gen = new Int32Array(256);
  private atMs = new Float64Array(256);
  private head = 0;
  private count = 0;
  private armed = false;

  constructor(
    private readonly k: Kernel,
    private readonly target: number,
    private readonly kind: number,
    /** Is the call still waiting on this deadline? */
    private readonly isLive: (c: Call) => boolean,
    private readonly expire: (c: Call) => void,
  ) {}

  add(c: Call, deadlineMs: number): void {
    if (this.count === this.slot.length) this.grow();
    const i = (this.head + this.count) % this.slot.length;
    this.slot[i] = c.slot;
    this.gen[i] = c.gen;
    this.atMs[i] = deadlineMs;
    this.count++;
    if (!this.armed) {
      this.armed = true;
      this.k.at(deadlineMs, this.target, this.kind, 0, 0);
    }
  }

  /** The timer fired: expire what is due, skip what has finished, re-arm. */
  fire(): void {
    this.armed = false;
    const now = this.k.nowMs;
    const n = this.slot.length;
    while (this.count > 0) {
      const h = this.head;
      const c = this.k.pool.get(this.slot[h], this.gen[h]);
      if (c !== null && this.isLive(c)) {
        if (this.atMs[h] > now) break;
        this.head = (h + 1) % n;
        this.count--;
        this.expire(c);
        continue;
      }
      this.head = (h + 1) % n;
      this.count--;
    }
    if (this.count > 0) {
      this.armed = true;
      this.k.at(this.atMs[this.head], this.target, this.kind, 0, 0);
    }
  }

  private grow(): void {
    const n = this.slot.length;
    const s = new Int32Array(n * 2);
    const g = new Int32Array(n * 2);
    const a = new Float64Array(n * 2);
    for (let i = 0; i < this.count; i++) {
      const j = (this.head + i) % n;
      s[i] = this.slot[j];
      g[i] = this.gen[j];
      a[i] = this.atMs[j];
    }
    this.slot = s;
    this.gen = g;
    this.atMs = a;
    this.head = 0;
  }
}
