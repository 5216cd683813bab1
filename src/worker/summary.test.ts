import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../model';
import { Simulation, runSimulation } from '../sim';
import { SimulationHost } from './host';
import type { FromWorker } from './protocol';

/** Drives a host with the real core and a fake clock until the run is over. */
function runInHost(doc = defaultScenario(), edits: (host: SimulationHost) => void = () => undefined) {
  let now = 0;
  const queue: { fn: () => void; at: number }[] = [];
  const replies: FromWorker[] = [];
  const host = new SimulationHost({
    createSimulation: (d, options) => new Simulation(d, options),
    validate: () => [],
    post: (r) => replies.push(r),
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { fn, at: now + ms };
      queue.push(t);
      return t;
    },
    clearTimer: (t) => {
      const i = queue.indexOf(t as (typeof queue)[number]);
      if (i >= 0) queue.splice(i, 1);
    },
  });
  host.handle({ type: 'load', doc });
  edits(host);
  host.handle({ type: 'setSpeed', speed: 100 });
  host.handle({ type: 'run' });
  for (let guard = 0; guard < 100_000 && queue.length > 0; guard++) {
    queue.sort((a, b) => a.at - b.at);
    const t = queue.shift()!;
    now = t.at;
    t.fn();
  }
  return replies;
}

describe('the live run and the command line agree', () => {
  it('a run played in frames ends with the same summary as runSimulation for the same document and seed', () => {
    const replies = runInHost();
    const done = replies.find((r) => r.type === 'done');
    expect(done).toBeDefined();
    expect(done!.type === 'done' && done!.summary).toEqual(runSimulation(defaultScenario()));
    const frames = replies.filter((r) => r.type === 'frame');
    const last = frames.at(-1)!;
    expect(last.type === 'frame' && last.frame.totals.requests).toBe(done!.type === 'done' && done!.summary.requests.total);
  });

  it('stepping part of the way and then running gives the same summary too', () => {
    const replies = runInHost(defaultScenario(), (host) => {
      host.handle({ type: 'step' });
      host.handle({ type: 'step' });
    });
    const done = replies.find((r) => r.type === 'done');
    expect(done!.type === 'done' && done!.summary).toEqual(runSimulation(defaultScenario()));
  });
});
