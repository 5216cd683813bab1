import { describe, expect, it } from 'vitest';
import type { RequestTrace } from '../../sim/api';
import { hopRows, traceSpanMs } from './TracePanel';

const hop = (nodeId: string, parent: number, startMs: number, durationMs: number | null) => ({
  nodeId,
  edgeId: 'e',
  parent,
  startMs,
  durationMs,
  outcome: 'ok' as const,
  notes: [],
});

const trace: RequestTrace = {
  id: 1,
  clientId: 'users',
  sentAtMs: 1000,
  latencyMs: 50,
  outcome: 'ok',
  reasons: ['slowest'],
  truncated: false,
  // recorded in time order: api, fn, table, then a second call from api after fn (queue)
  hops: [hop('api', -1, 0, 50), hop('fn', 0, 2, 40), hop('queue', 0, 45, 3), hop('table', 1, 10, 5), hop('consumer', 2, 60, 30)],
};

describe('trace waterfall', () => {
  it('lists each hop right after the hop that made it, indented by depth', () => {
    expect(hopRows(trace).map((r) => `${'  '.repeat(r.depth)}${r.hop.nodeId}`)).toEqual(['api', '  fn', '    table', '  queue', '    consumer']);
  });

  it('spans the request and any hop that went on after it answered', () => {
    expect(traceSpanMs(trace)).toBe(90);
    expect(traceSpanMs({ ...trace, hops: trace.hops.slice(0, 4) })).toBe(50);
  });
});
