/**
 * Asynchronous invocation (reference §1.3, §9.2). An accepted event waits on the
 * function's internal queue: when throttled it is retried with a backoff growing from 1 s,
 * doubling, up to 5 min, until its maximum age; a function error or timeout is retried
 * `maxRetryAttempts` times, ~1 min then ~2 min later. An event that runs out goes to the
 * on-failure destination when one is connected (else it is dropped). With reserved
 * concurrency 0 events go straight to failure without retries.
 */
import { ERROR, OK, THROTTLED, type Call, type OutcomeCode } from '../engine/call';
import type { Rng } from '../engine/rng';
import type { LambdaService } from './lambda';
import { ASYNC_RETRY, S_ASYNC_WAIT } from './lambda';
import { num, ref } from '../metrics/eventLog';

const THROTTLE_BACKOFF_START_MS = 1000;
const THROTTLE_BACKOFF_MAX_MS = 300_000;
const ERROR_RETRY_DELAYS_MS = [60_000, 120_000];

export class LambdaAsync {
  /** Events waiting for a retry. */
  waiting = 0;
  retries = 0;
  failed = 0;

  constructor(
    private readonly fn: LambdaService,
    private readonly rng: Rng,
  ) {}

  accept(c: Call): void {
    // the event's age counts from c.startMs, its arrival on the internal queue
    c.t1 = THROTTLE_BACKOFF_START_MS;
    c.attempt = 0;
    c.causeCode = 0;
    this.attempt(c);
  }

  private attempt(c: Call): void {
    const backoff = c.t1;
    if (this.fn.tryStart(c)) return;
    this.fn.noteThrottle();
    if (this.fn.reserved === 0) {
      this.fail(c, THROTTLED, 'reserved concurrency is 0');
      return;
    }
    c.t1 = Math.min(THROTTLE_BACKOFF_MAX_MS, backoff * 2);
    this.wait(c, backoff, THROTTLED);
  }

  private wait(c: Call, delayMs: number, cause: OutcomeCode): void {
    const k = this.fn.k;
    const ageMs = k.nowMs - c.startMs;
    if (ageMs + delayMs > this.fn.cfg.maxEventAgeS * 1000) {
      this.fail(c, cause, `older than the maximum event age (${this.fn.cfg.maxEventAgeS} s)`);
      return;
    }
    c.state = S_ASYNC_WAIT;
    c.causeCode = cause;
    this.waiting++;
    k.afterCall(delayMs * (0.9 + 0.2 * this.rng.next()), c, ASYNC_RETRY);
  }

  retry(c: Call): void {
    if (c.state !== S_ASYNC_WAIT) return;
    this.waiting--;
    c.state = 0;
    // the handler ran on this event and failed: this attempt delivers it again
    if (c.causeCode !== THROTTLED) this.fn.duplicateDeliveries++;
    // a new attempt: invalidate anything still pending from the last one
    c.gen = (c.gen + 1) | 0;
    this.retries++;
    this.attempt(c);
  }

  /** The invocation finished (the environment is already released). */
  result(c: Call, outcome: OutcomeCode): void {
    const k = this.fn.k;
    if (outcome === OK) {
      k.finish(c, OK);
      return;
    }
    if (c.attempt < this.fn.cfg.maxRetryAttempts) {
      const delay = ERROR_RETRY_DELAYS_MS[Math.min(c.attempt, ERROR_RETRY_DELAYS_MS.length - 1)];
      c.attempt++;
      if (c.span !== null) k.note(c, `async retry ${c.attempt} in ${Math.round(delay / 1000)} s`);
      const id = this.fn.id;
      k.log.note(id, 'retry', 'err', (n) => `${ref(id)}: ${num(n)} failed event${n === 1 ? '' : 's'} will be retried (async retry policy)`);
      this.wait(c, delay, outcome);
      return;
    }
    this.fail(c, outcome === THROTTLED ? THROTTLED : outcome, `failed after ${c.attempt + 1} attempt${c.attempt ? 's' : ''}`);
  }

  /** Stopped by recursive loop detection: no retries; to the on-failure destination if any (AWS). */
  stopped(c: Call): void {
    const fn = this.fn;
    const k = fn.k;
    const dest = fn.out.find((e) => e.meaning === 'onFailure');
    const id = fn.id;
    if (dest) {
      const to = k.services[dest.target].id;
      k.log.note(id, 'dlq', 'dest:loop', (n) => `${id}: ${n} stopped event${n === 1 ? '' : 's'} sent to on-failure destination ${to} — recursive loop`);
      k.spawn(dest, null, c, k.services[dest.target].node.type === 'lambda');
    }
    k.finishUnrecorded(c, ERROR);
  }

  private fail(c: Call, outcome: OutcomeCode, why: string): void {
    const fn = this.fn;
    const k = fn.k;
    this.failed++;
    const dest = fn.out.find((e) => e.meaning === 'onFailure');
    const id = fn.id;
    if (dest) {
      const to = k.services[dest.target].id;
      k.log.note(id, 'dlq', 'dest:' + why, (n) => `${ref(id)}: ${num(n)} event${n === 1 ? '' : 's'} sent to on-failure destination ${ref(to)} — ${why}`);
      k.spawn(dest, null, c, k.services[dest.target].node.type === 'lambda');
    } else {
      k.log.note(id, 'dlq', 'drop:' + why, (n) => `${ref(id)}: ${num(n)} event${n === 1 ? '' : 's'} dropped — ${why}, no on-failure destination`);
    }
    k.finish(c, outcome === OK ? ERROR : outcome);
  }
}
