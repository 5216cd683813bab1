/** Log lines name nodes as `<id>` for the page to label, and count what the totals count. */
import { describe, expect, it, vi } from 'vitest';
import { Simulation } from '../simulation';
import { liveAs, makeDoc, nodesOf } from '../testing/docs';
import { num, ref } from './eventLog';

vi.setConfig({ testTimeout: 60_000 });

describe('event log lines', () => {
  it('writes nodes as references and counts with thousands separators', () => {
    expect(ref('fn')).toBe('<fn>');
    expect(num(7)).toBe('7');
    expect(num(1902)).toBe('1,902');
    expect(num(1_234_567.4)).toBe('1,234,567');
    // the short cases skip the regular expression: their edges read the same
    expect(num(999.4)).toBe('999');
    expect(num(999.5)).toBe('1,000');
    expect(num(-999.6)).toBe('-1,000');
    expect(num(-1234)).toBe('-1,234');
    expect(num(999_999.4)).toBe('999,999');
    expect(num(999_999.5)).toBe('1,000,000');
    expect(num(0.4)).toBe('0');
  });

  it('a Lambda throttled behind API Gateway is logged at both, in words that add up to the throttled total', () => {
    const doc = makeDoc(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps: 100 }, arrivals: 'uniform' } },
        { id: 'api', type: 'apiGateway' },
        { id: 'fn', type: 'lambda', config: { reservedConcurrency: 2, handler: { distribution: 'constant', meanMs: 100 } } },
      ],
      [
        ['users', 'api'],
        ['api', 'fn'],
      ],
      { durationS: 10 },
    );
    const sim = new Simulation(doc);
    sim.runToEnd();
    const events = sim.takeFrame().events;
    const count = (line: string) => Number(/: ([\d,]+) request/.exec(line)?.[1].replace(/,/g, '') ?? NaN);
    const at500 = events.filter((e) => e.node === 'api' && /throttled by Lambda <fn> \(API returned 500\)/.test(e.message));
    const atFn = events.filter((e) => e.node === 'fn' && e.kind === 'throttle');
    expect(at500.length).toBeGreaterThan(0);
    expect(at500.every((e) => e.kind === 'throttle' && e.message.startsWith('<api>: '))).toBe(true);
    const seen500 = at500.reduce((n, e) => n + count(e.message), 0);
    const seenFn = atFn.reduce((n, e) => n + count(e.message), 0);
    const s = sim.summary();
    // the log is written per window: a throttle at the run's very last instant may miss it
    expect(seen500).toBe(seenFn);
    expect((nodesOf(s).api.lambdaThrottled500 as number) - seen500).toBeGreaterThanOrEqual(0);
    expect((nodesOf(s).api.lambdaThrottled500 as number) - seen500).toBeLessThanOrEqual(1);
    expect(nodesOf(s).fn.throttles).toBe(nodesOf(s).api.lambdaThrottled500);
    expect(Math.abs(s.requests.throttled - seen500)).toBeLessThanOrEqual(2);
    expect(liveAs(sim.takeFrame().nodes.api, 'apiGateway').throttled500).toBe(nodesOf(s).api.lambdaThrottled500);
    // no line names a node by a bare id
    for (const e of events) expect(e.message.startsWith(`<${e.node}>`)).toBe(true);
  });
});
