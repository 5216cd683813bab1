/** The calendar queue pops exactly what the 4-ary heap pops, whatever the mix of times. */
import { describe, expect, it } from 'vitest';
import { CalendarQueue } from './calendarQueue';
import { EventQueue } from './eventQueue';
import { Rng } from './rng';

type Delay = (rng: Rng, i: number) => number;

/** Run both queues through the same pushes and pops (the kernel's pattern: a pop, then pushes at or after its time). */
function compare(delay: Delay, steps: number, pushesPerPop: () => number, seed = 1): number {
  const cal = new CalendarQueue(4);
  const heap = new EventQueue(4);
  const rng = new Rng(seed, 'calendar');
  let now = 0;
  let id = 0;
  for (let i = 0; i < 50; i++) {
    const t = now + delay(rng, i);
    cal.push(t, 1, 2, id, 3);
    heap.push(t, 1, 2, id++, 3);
  }
  let maxSize = 0;
  for (let i = 0; i < steps; i++) {
    // one expect per step would dominate the test's time: compare, and report the first difference
    const same =
      cal.size === heap.size &&
      cal.peekTimeMs() === heap.peekTimeMs() &&
      cal.pop() === heap.pop() &&
      cal.topTimeMs === heap.topTimeMs &&
      cal.topA === heap.topA &&
      cal.topTarget === heap.topTarget &&
      cal.topKind === heap.topKind &&
      cal.topB === heap.topB;
    if (!same) expect({ step: i, time: cal.topTimeMs, a: cal.topA }).toEqual({ step: i, time: heap.topTimeMs, a: heap.topA });
    if (heap.size === 0) break;
    maxSize = Math.max(maxSize, heap.size);
    now = heap.topTimeMs;
    const n = pushesPerPop();
    for (let j = 0; j < n; j++) {
      const t = now + delay(rng, i);
      cal.push(t, 1, 2, id, 3);
      heap.push(t, 1, 2, id++, 3);
    }
  }
  return maxSize;
}

describe('calendar queue', () => {
  it('pops in (time, insertion) order with many ties', () => {
    const q = new CalendarQueue(4);
    const rng = new Rng(1, 'q');
    const pushed: [number, number][] = [];
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rng.next() * 100);
      q.push(t, 0, 0, i, 0);
      pushed.push([t, i]);
    }
    pushed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [t, i] of pushed) {
      expect(q.pop()).toBe(true);
      expect([q.topTimeMs, q.topA]).toEqual([t, i]);
    }
    expect(q.pop()).toBe(false);
    expect(q.peekTimeMs()).toBe(Infinity);
  });

  it('matches the heap on a steady exponential hold (the loss model)', () => {
    compare(
      (rng) => rng.exponential(150),
      100_000,
      () => 1,
    );
  });

  it('matches the heap through growth and shrinking, ties, zero delays and far-future timers', () => {
    let phase = 0;
    const rng = new Rng(2, 'pushes');
    const maxSize = compare(
      (r, i) => {
        const u = r.next();
        if (u < 0.1) return 0; // same time as now
        if (u < 0.15) return 900_000 * r.next(); // a long timeout
        if (u < 0.3) return Math.floor(r.next() * 4) * 250; // polls on a grid: ties
        return (i % 20_000 < 10_000 ? 0.01 : 50) * r.exponential(1); // dense, then sparse
      },
      120_000,
      () => {
        phase++;
        // grow to thousands, drain to a few, grow again
        const p = phase % 60_000;
        return p < 20_000 ? (rng.next() < 0.6 ? 2 : 0) : p < 40_000 ? (rng.next() < 0.8 ? 1 : 0) : 1;
      },
      2,
    );
    expect(maxSize).toBeGreaterThan(2_000);
  });

  it('matches the heap when an event lands before a cursor that ran ahead over empty days', () => {
    const cal = new CalendarQueue(4);
    const heap = new EventQueue(4);
    for (const q of [cal, heap]) {
      q.push(10_000, 0, 0, 1, 0);
      q.pop();
      q.push(1_000_000, 0, 0, 2, 0);
      q.peekTimeMs(); // the cursor jumps ahead to 1,000,000
      q.push(10_005, 0, 0, 3, 0);
      q.push(10_005, 0, 0, 4, 0);
      q.push(999_999, 0, 0, 5, 0);
    }
    const order = (q: CalendarQueue | EventQueue) => {
      const out: number[] = [];
      while (q.pop()) out.push(q.topA);
      return out;
    };
    expect(order(cal)).toEqual([3, 4, 5, 2]);
    expect(order(heap)).toEqual([3, 4, 5, 2]);
  });
});
