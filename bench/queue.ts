/**
 * The event queue (npx tsx bench/queue.ts): the simulator's calendar queue vs the 4-ary heap
 * it replaced and a binary twin (bench/binaryQueue.ts), steady sizes of 200 (the loss
 * model's size) and 3,000 events, 5 M pop+push pairs, best of 4 interleaved rounds.
 */
import { CalendarQueue } from '../src/sim/engine/calendarQueue';
import { EventQueue } from '../src/sim/engine/eventQueue';
import { Rng } from '../src/sim/engine/rng';
import { EventQueue2 } from './binaryQueue';

const OPS = 5_000_000;
for (const size of [200, 3000]) {
  const best: Record<string, number> = { calendar: Infinity, '4-ary': Infinity, binary: Infinity };
  for (let round = 0; round < 4; round++) {
    for (const [name, Q] of [
      ['calendar', CalendarQueue],
      ['4-ary', EventQueue],
      ['binary', EventQueue2],
    ] as const) {
      const q = new Q(1024);
      const rng = new Rng(1, 'q');
      for (let i = 0; i < size; i++) q.push(rng.next() * 150, 0, 0, i, 0);
      const t0 = performance.now();
      for (let i = 0; i < OPS; i++) {
        q.pop();
        q.push(q.topTimeMs + rng.exponential(150), 0, 0, q.topA, 0);
      }
      best[name] = Math.min(best[name], performance.now() - t0);
    }
  }
  console.log(`${size} events: calendar ${best.calendar.toFixed(0)} ms, 4-ary heap ${best['4-ary'].toFixed(0)} ms, binary heap ${best.binary.toFixed(0)} ms`);
}
