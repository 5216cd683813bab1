import { describe, expect, it } from 'vitest';
import type { NodeLive, WindowSample } from '../../../sim/api';
import { fakeWindow } from '../../../worker/fakeSimulation';
import { MAX_POINTS, buildSeries, concurrencyScale, lastLimit, peak, thinIndices, timeAxis, timeTicks } from './series';

// only the type matters to the series (which nodes are Lambdas and queues)
const live = (type: string) => ({ type, status: 'ok', rps: 0, requests: 0, throttles: 0, errors: 0, timeouts: 0 }) as NodeLive;

function windowWith(tS: number, nodes: WindowSample['nodes'], over: Partial<WindowSample> = {}): WindowSample {
  return { ...fakeWindow(tS), nodes, ...over };
}

describe('chart series', () => {
  it('thins long runs evenly and keeps the last window', () => {
    expect(thinIndices(5)).toEqual([0, 1, 2, 3, 4]);
    const many = thinIndices(10_000);
    expect(many).toHaveLength(MAX_POINTS);
    expect(many.at(-1)).toBe(9_999);
  });

  it('shows the whole system: latency, rates per second, summed concurrency and queue depth, cost by service', () => {
    const nodes = { fn: live('lambda'), q: live('sqs') };
    const windows = [1, 2].map((t) =>
      windowWith(
        t,
        {
          fn: { requests: 10, ok: 10, throttled: 0, errors: 0, timeouts: 0, busy: 3, concurrencyLimit: 10 },
          q: { requests: 4, ok: 4, throttled: 0, errors: 0, timeouts: 0, queueDepth: 7 },
        },
        { requests: { ok: 8, throttled: 2, error: 1, timeout: 0 } },
      ),
    );
    const series = buildSeries(windows, null, nodes);
    expect(series.hasConcurrency).toBe(true);
    expect(series.hasQueue).toBe(true);
    expect(series.services).toEqual(['apiGateway', 'lambda']);
    expect(series.rows[1]).toMatchObject({ t: 2, p50: 40, p95: 90, p99: 120, ok: 8, throttled: 2, errors: 1, busy: 3, limit: 10, queueDepth: 7 });
    expect(series.rows[1]['cost:lambda']).toBeCloseTo(0.0012);
  });

  it('follows a selected node with its own numbers', () => {
    const windows = [
      windowWith(1, {
        fn: { requests: 5, ok: 3, throttled: 2, errors: 0, timeouts: 0, latencyMs: { p50: 20, p99: 80 }, busy: 4, concurrencyLimit: 5, coldStarts: 1 },
      }),
    ];
    const series = buildSeries(windows, { nodeId: 'fn', type: 'lambda' }, { fn: live('lambda') });
    expect(series.rows[0]).toMatchObject({ p50: 20, p99: 80, ok: 3, throttled: 2, busy: 4, limit: 5, coldStarts: 1 });
    expect(series.rows[0].p95).toBeUndefined();
  });

  it('divides counts by the window length when windows are longer than a second', () => {
    const windows = [
      windowWith(5, {}, { requests: { ok: 50, throttled: 0, error: 0, timeout: 0 } }),
      windowWith(10, {}, { requests: { ok: 100, throttled: 0, error: 0, timeout: 0 } }),
    ];
    const rows = buildSeries(windows, null, {}).rows;
    expect(rows.map((r) => r.ok)).toEqual([10, 20]);
  });

  it('puts at most four round ticks on the time axis, labelled in the unit of their step', () => {
    const rows = (from: number, to: number, by = 1) => Array.from({ length: Math.floor((to - from) / by) + 1 }, (_, i) => ({ t: from + i * by }));
    expect(timeTicks(rows(1, 31))).toEqual([10, 20, 30]);
    expect(timeTicks(rows(1, 300))).toEqual([100, 200, 300]);
    expect(timeTicks(rows(1, 2))).toEqual([1, 2]);
    expect(timeTicks([{ t: 5 }])).toEqual([5]);
    expect(timeTicks([])).toEqual([]);
    const short = timeAxis(rows(1, 300));
    expect(short.ticks.map(short.format)).toEqual(['100 s', '200 s', '300 s']);
    const hour = timeAxis(rows(10, 3600, 10));
    expect(hour.ticks.map(hour.format)).toEqual(['15 min', '30 min', '45 min', '60 min']);
    const day = timeAxis(rows(60, 86_400, 60));
    expect(day.ticks.map(day.format)).toEqual(['6 h', '12 h', '18 h', '24 h']);
    for (const a of [short, hour, day]) expect(new Set(a.ticks.map(a.format)).size).toBe(a.ticks.length);
  });

  it('scales concurrency to the data: 14 environments under a limit of 1,000 fill the chart', () => {
    expect(concurrencyScale(14, 1000)).toEqual({ top: 14, limitShown: false });
    // near the limit, the scale reaches it and the limit line is drawn
    expect(concurrencyScale(600, 1000)).toEqual({ top: 1000, limitShown: true });
    expect(concurrencyScale(5, 5)).toEqual({ top: 5, limitShown: true });
    expect(concurrencyScale(7, undefined)).toEqual({ top: 7, limitShown: false });
  });

  it('finds the peak of lines and of stacked areas, and the limit in force at the end', () => {
    const windows = [1, 2].map((t) =>
      windowWith(
        t,
        { fn: { requests: 1, ok: 1, throttled: 0, errors: 0, timeouts: 0, busy: t * 7, concurrencyLimit: t === 1 ? 10 : 1000 } },
        { requests: { ok: 8, throttled: 2, error: 1, timeout: 0 } },
      ),
    );
    const rows = buildSeries(windows, null, { fn: live('lambda') }).rows;
    expect(peak(rows, ['busy'])).toBe(14);
    expect(peak(rows, ['ok', 'throttled', 'errors', 'timeouts'], true)).toBe(11);
    expect(lastLimit(rows)).toBe(1000);
  });
});
