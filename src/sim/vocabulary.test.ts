/**
 * The simulator's vocabulary is typed (README "Vocabulary"): these lines only compile while
 * a wrong outcome code, a wrong event code, an unknown edge meaning or a field of another
 * node type is refused. `tsc -b` checks the `@ts-expect-error` lines; vitest checks the values.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { EdgeMeaning } from '../model';
import type { AnyLiveFields, LambdaLive, NodeLive, NodeSummary, SummaryFields } from './api';
import { OUTCOME, OUTCOME_NAME, type OutcomeCode } from './engine/call';
import type { Kernel } from './engine/kernel';
import type { LambdaService } from './services/lambda';
import type { Service } from './services/service';

// Never called: the bodies exist for the type checker.
function outcomes(k: Kernel, svc: Service) {
  const c = k.pool.acquire();
  k.finish(c, OUTCOME.THROTTLED);
  // @ts-expect-error 7 is no outcome code
  k.finish(c, 7);
  const n: number = 2;
  // @ts-expect-error an arbitrary number is not an outcome code
  svc.stats.record(n, 1);
  // @ts-expect-error nor in a service hook
  svc.childDone(c, n, c);
}

function events(fn: LambdaService, svc: Service) {
  fn.onEvent(2, 0, 0);
  // @ts-expect-error Lambda schedules no event 42
  fn.onEvent(42, 0, 0);
  // @ts-expect-error an edge meaning is one of the model's, not any string
  svc.edgesWith('sideways');
}

function live(n: NodeLive) {
  // @ts-expect-error busy is a Lambda's field: read it after narrowing
  void n.busy;
  if (n.type === 'lambda') expectTypeOf(n.busy).toEqualTypeOf<number>();
  if (n.type === 'sqs') {
    // @ts-expect-error a queue has no cold starts
    void n.coldStarts;
  }
}

function anyLive(f: AnyLiveFields) {
  // every type's own fields, derived from the union: the first type's and the last type's
  expectTypeOf(f.busy).toEqualTypeOf<number>();
  expectTypeOf(f.poolMax).toEqualTypeOf<number>();
  // @ts-expect-error no type has this field
  void f.queueDepthMs;
}

function summaries(n: NodeSummary, any: SummaryFields) {
  // @ts-expect-error invocations are a Lambda's
  void n.invocations;
  if (n.type === 'lambda') expectTypeOf(n.invocations).toEqualTypeOf<number>();
  if (n.type === 'dynamodb') expectTypeOf(n.streams.e1.failedBatches).toEqualTypeOf<number>();
  expectTypeOf(any.maxDepth).toEqualTypeOf<number | undefined>();
  // @ts-expect-error the cross-type view still knows every field name
  void any.maxDeptj;
}

describe('the simulator vocabulary', () => {
  it('outcome codes are small integers with one name each', () => {
    expectTypeOf<OutcomeCode>().toEqualTypeOf<0 | 1 | 2 | 3>();
    expect(Object.values(OUTCOME)).toEqual([0, 1, 2, 3]);
    expect(Object.values(OUTCOME).map((c) => OUTCOME_NAME[c])).toEqual(['ok', 'throttled', 'error', 'timeout']);
  });

  it('a Lambda live state carries its environments, and a summary entry its type', () => {
    expectTypeOf<Extract<NodeLive, { type: 'lambda' }>>().toEqualTypeOf<LambdaLive>();
    expectTypeOf<NodeSummary['type']>().toEqualTypeOf<SummaryFields['type']>();
    expectTypeOf<'stream'>().toMatchTypeOf<EdgeMeaning>();
    // the type-only functions above are not run
    expect([outcomes, events, live, anyLive, summaries].every((f) => typeof f === 'function')).toBe(true);
  });
});
