/**
 * Recursive loops stop as AWS stops them (the same function 16 times in one chain, through
 * SQS, SNS, S3 or Lambda: https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html),
 * distinct functions are not a loop, and the run's guard stops what AWS does not.
 */
import { describe, expect, it, vi } from 'vitest';
import { Simulation, runSimulation } from './simulation';
import { liveAs, makeDoc, type RawNode, nodesOf } from './testing/docs';
import type { SimSummary } from './api';

vi.setConfig({ testTimeout: 60_000 });

const steady = (rps: number) => ({ id: 'users', type: 'client', config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform' } });
const asyncClient = (rps: number) => ({
  id: 'users',
  type: 'client',
  config: { traffic: { shape: 'constant', rps }, arrivals: 'uniform', invocation: 'async' },
});
const lambda = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'lambda',
  config: { handler: { distribution: 'constant', meanMs: 5 }, timeoutMs: 900_000, ...extra },
});
const n = (s: SimSummary, id: string, field: 'invocations' | 'recursionStopped' | 'errors' | 'loopDropped' | 'timeouts') => nodesOf(s)[id][field] as number;

/** Per node: errors + timeouts ≤ invocations (a stopped event is neither). */
function expectAccounting(s: SimSummary) {
  for (const [id, node] of Object.entries(s.nodes)) {
    if (node.type !== 'lambda') continue;
    expect(n(s, id, 'errors') + n(s, id, 'timeouts'), id).toBeLessThanOrEqual(n(s, id, 'invocations'));
  }
  const r = s.requests;
  expect(r.ok + r.throttled + r.errors + r.timeouts).toBe(r.total);
}

describe('recursive loop detection', () => {
  it('a Lambda → SQS → same Lambda loop runs the function 16 times per chain, then stops the event', () => {
    const doc = makeDoc(
      [steady(1), lambda('a'), { id: 'q', type: 'sqs', config: { batchSize: 1, visibilityTimeoutS: 5_400 } }, lambda('b')],
      [
        ['users', 'a'],
        ['a', 'q'],
        ['q', 'b'],
        ['b', 'q'],
      ],
      { durationS: 20 },
    );
    const s = runSimulation(doc);
    const sent = nodesOf(s).users.sent as number;
    expect(sent).toBe(20);
    // every chain that finished within the run: exactly 16 passes of b, then one stop
    const stopped = n(s, 'b', 'recursionStopped');
    expect(stopped).toBeGreaterThan(10);
    expect(n(s, 'b', 'invocations')).toBeLessThanOrEqual(16 * sent);
    expect(n(s, 'b', 'invocations')).toBeGreaterThanOrEqual(16 * stopped);
    // stopped events are not errors, and without a DLQ the message is dropped
    expect(n(s, 'b', 'errors')).toBe(0);
    expect(n(s, 'q', 'loopDropped')).toBe(stopped);
    expectAccounting(s);
  });

  it('stops at exactly the 17th pass of the same function (one request)', () => {
    const doc = makeDoc(
      [
        { id: 'users', type: 'client', config: { traffic: { shape: 'spike', baseRps: 0, peakRps: 1, atS: 0, lengthS: 1 }, arrivals: 'uniform' } },
        lambda('a'),
        { id: 'q', type: 'sqs', config: { batchSize: 1, visibilityTimeoutS: 5_400 } },
        lambda('b'),
      ],
      [
        ['users', 'a'],
        ['a', 'q'],
        ['q', 'b'],
        ['b', 'q'],
      ],
      { durationS: 30 },
    );
    const s = runSimulation(doc);
    expect(nodesOf(s).users.sent).toBe(1);
    expect(n(s, 'b', 'invocations')).toBe(16);
    expect(n(s, 'b', 'recursionStopped')).toBe(1);
    expect(n(s, 'a', 'invocations')).toBe(1);
  });

  it('an SNS fan-back loop (Lambda → SNS → same Lambda) is stopped and said so in the log and on the card', () => {
    const doc = makeDoc(
      [asyncClient(2), lambda('fn'), { id: 'topic', type: 'sns' }],
      [
        ['users', 'fn'],
        ['fn', 'topic'],
        ['topic', 'fn'],
      ],
      { durationS: 30 },
    );
    const sim = new Simulation(doc);
    sim.advance(15_000);
    const frame = sim.takeFrame();
    expect(liveAs(frame.nodes.fn, 'lambda').recursionStopped).toBeGreaterThan(0);
    expect(frame.nodes.fn.status).toBe('trouble');
    expect(frame.events.some((e) => e.node === 'fn' && /stopped — recursive loop detected/.test(e.message))).toBe(true);
    sim.runToEnd();
    const s = sim.summary();
    expect(s.stopped).toBeUndefined();
    expect(n(s, 'fn', 'invocations')).toBeLessThanOrEqual(16 * (nodesOf(s).users.sent as number));
    // the client's own request (fn's first pass) succeeded: what loops afterwards is not its answer
    expect(s.requests.ok).toBe(s.requests.total);
    expect(n(s, 'fn', 'errors')).toBe(0);
    expectAccounting(s);
  });

  it('an S3 notification loop is stopped too', () => {
    const doc = makeDoc(
      [steady(2), lambda('fn'), { id: 'bucket', type: 's3' }],
      [
        ['users', 'fn'],
        ['fn', 'bucket'],
        ['bucket', 'fn'],
      ],
      { durationS: 20 },
    );
    // writes trigger notifications: every request writes
    doc.nodes[0].config = { ...doc.nodes[0].config, readRatio: 0 } as never;
    const s = runSimulation(doc);
    expect(n(s, 'fn', 'recursionStopped')).toBeGreaterThan(0);
    expect(n(s, 'fn', 'invocations')).toBeLessThanOrEqual(16 * (nodesOf(s).users.sent as number));
    expectAccounting(s);
  });

  it('a synchronous Lambda → Lambda loop fails at the caller, never at the stopped function', () => {
    const doc = makeDoc(
      [steady(5), lambda('a'), lambda('b')],
      [
        ['users', 'a'],
        ['a', 'b'],
        ['b', 'a'],
      ],
      { durationS: 10 },
    );
    const s = runSimulation(doc);
    const sent = nodesOf(s).users.sent as number;
    const done = s.requests.total;
    expect(done).toBeGreaterThan(40);
    expect(s.requests.errors).toBe(done);
    // a runs 16 times per request, b 16 times (per function, not 16 in all); a's 17th pass is stopped
    expect(n(s, 'a', 'recursionStopped')).toBe(done);
    for (const id of ['a', 'b']) {
      expect(n(s, id, 'invocations')).toBeGreaterThanOrEqual(16 * done);
      expect(n(s, id, 'invocations')).toBeLessThanOrEqual(16 * sent);
    }
    expect(n(s, 'b', 'recursionStopped')).toBe(0);
    expectAccounting(s);
  });
});

describe('distinct functions are not a loop', () => {
  for (const via of ['invoke', 'sqs'] as const) {
    it(`a straight chain of 20 different functions succeeds (${via === 'invoke' ? 'synchronous invokes' : 'through SQS queues'})`, () => {
      const nodes: RawNode[] = [steady(5)];
      const edges: [string, string][] = [['users', 'f0']];
      for (let i = 0; i < 20; i++) {
        nodes.push(lambda(`f${i}`, { timeoutMs: 30_000 }));
        if (i === 0) continue;
        if (via === 'invoke') edges.push([`f${i - 1}`, `f${i}`]);
        else {
          nodes.push({ id: `q${i}`, type: 'sqs', config: { batchSize: 1, visibilityTimeoutS: 5_400 } });
          edges.push([`f${i - 1}`, `q${i}`], [`q${i}`, `f${i}`]);
        }
      }
      const s = runSimulation(makeDoc(nodes, edges, { durationS: 20 }));
      expect(s.requests.total).toBeGreaterThan(90);
      expect(s.requests.ok).toBe(s.requests.total);
      for (let i = 0; i < 20; i++) {
        expect(n(s, `f${i}`, 'recursionStopped')).toBe(0);
        expect(n(s, `f${i}`, 'errors')).toBe(0);
      }
      // the last function ran for (nearly) every request
      expect(n(s, 'f19', 'invocations')).toBeGreaterThanOrEqual(s.requests.total - 5);
      expectAccounting(s);
    });
  }
});

describe('the run guard', () => {
  it('a loop AWS does not stop (through EventBridge, fanning out) stops the run with a notice, not a hang', () => {
    // fn puts an event, the rule invokes fn and fn2, both put events again: 2^n growth
    const doc = makeDoc(
      [asyncClient(1), lambda('fn'), lambda('fn2'), { id: 'bus', type: 'eventbridge' }],
      [
        ['users', 'fn'],
        ['fn', 'bus'],
        ['fn2', 'bus'],
        ['bus', 'fn'],
        ['bus', 'fn2'],
      ],
      { durationS: 3600 },
    );
    const sim = new Simulation(doc, { lean: true });
    sim.runToEnd();
    expect(sim.done).toBe(true);
    const s = sim.summary();
    expect(s.stopped).toBeDefined();
    expect(s.stopped!.atS).toBeLessThan(3600);
    expect(s.stopped!.reason).toMatch(/work exploded|multiply/);
    expect(s.durationS).toBeCloseTo(s.stopped!.atS, 2);
    expectAccounting(s);
    // a stopped run stays stopped
    sim.advance(3_600_000);
    expect(sim.simTimeMs / 1000).toBeCloseTo(s.stopped!.atS, 2);
  });

  it('the stop reaches the frame (the worker shows it) as a notice and a log line', () => {
    const doc = makeDoc(
      [asyncClient(1), lambda('fn'), lambda('fn2'), { id: 'bus', type: 'eventbridge' }],
      [
        ['users', 'fn'],
        ['fn', 'bus'],
        ['fn2', 'bus'],
        ['bus', 'fn'],
        ['bus', 'fn2'],
      ],
      { durationS: 3600 },
    );
    const sim = new Simulation(doc, { particles: true });
    for (let t = 1000; !sim.done; t += 1000) sim.advance(t);
    const frame = sim.takeFrame();
    expect(frame.done).toBe(true);
    expect(frame.stopped).toMatch(/^Run stopped at [\d,.]+ s: /);
    expect(frame.events.some((e) => e.message.startsWith('Run stopped at'))).toBe(true);
  });

  it('an ordinary busy run is not stopped', () => {
    const doc = makeDoc([steady(2000), lambda('fn', { timeoutMs: 3000 })], [['users', 'fn']], { durationS: 30 });
    const s = runSimulation(doc, { lean: true });
    expect(s.stopped).toBeUndefined();
  });
});
