import { describe, expect, it } from 'vitest';
import { NODE_TYPES, connectionTable, edgeKindsFor, resolveEdge, type EdgeMeaning, type NodeType } from './index';

/** The table of edge meanings in docs/document-format.md, written out independently. */
const SPEC: [NodeType, NodeType, string | undefined, EdgeMeaning][] = [
  ['client', 'cloudfront', undefined, 'entry'],
  ['apiGateway', 'lambda', 'authorizer', 'authorizer'],
  ['client', 'apiGateway', undefined, 'entry'],
  ['client', 'lambda', undefined, 'entry'],
  ['cloudfront', 'apiGateway', undefined, 'origin'],
  ['cloudfront', 'lambda', undefined, 'origin'],
  ['cloudfront', 's3', undefined, 'origin'],
  ['apiGateway', 'lambda', undefined, 'proxy'],
  ['lambda', 'dax', undefined, 'data'],
  ['lambda', 'dynamodb', undefined, 'data'],
  ['dax', 'dynamodb', undefined, 'readThrough'],
  ['lambda', 'sqs', undefined, 'send'],
  ['sqs', 'lambda', undefined, 'esm'],
  ['dynamodb', 'lambda', 'stream', 'stream'],
  ['sqs', 'sqs', 'dlq', 'dlq'],
  ['lambda', 'sqs', 'onFailure', 'onFailure'],
  ['lambda', 'lambda', undefined, 'invoke'],
  ['lambda', 'lambda', 'async', 'asyncInvoke'],
  ['lambda', 'sns', undefined, 'publish'],
  ['sns', 'sqs', undefined, 'subscription'],
  ['sns', 'lambda', undefined, 'subscription'],
  ['lambda', 's3', undefined, 'objects'],
  ['s3', 'lambda', undefined, 'notification'],
  ['eventbridge', 'lambda', undefined, 'target'],
  ['eventbridge', 'sqs', undefined, 'target'],
  ['eventbridge', 'sns', undefined, 'target'],
  ['lambda', 'eventbridge', undefined, 'putEvents'],
  // additions in this round
  ['stepFunctions', 'lambda', undefined, 'task'],
  ['eventbridge', 'stepFunctions', undefined, 'target'],
  ['lambda', 'stepFunctions', undefined, 'startExecution'],
  ['apiGateway', 'stepFunctions', undefined, 'startExecution'],
  // direct integrations (docs/document-format.md "New edge meanings")
  ['eventbridge', 'sqs', 'dlq', 'dlq'],
  ['client', 'sqs', undefined, 'sdk'],
  ['client', 'sns', undefined, 'sdk'],
  ['client', 'eventbridge', undefined, 'sdk'],
  ['client', 'dynamodb', undefined, 'sdk'],
  ['apiGateway', 'sqs', undefined, 'integration'],
  ['apiGateway', 'dynamodb', undefined, 'integration'],
  ['apiGateway', 'eventbridge', undefined, 'integration'],
  // "Additions in this round": Kinesis Data Streams
  ['client', 'kinesis', undefined, 'putRecords'],
  ['apiGateway', 'kinesis', undefined, 'integration'],
  ['lambda', 'kinesis', undefined, 'putRecords'],
  ['dynamodb', 'kinesis', 'stream', 'changeStream'],
  ['kinesis', 'lambda', undefined, 'esm'],
  ['lambda', 'rdsProxy', undefined, 'sql'],
  ['lambda', 'rds', undefined, 'sql'],
  ['rdsProxy', 'rds', undefined, 'sql'],
];

describe('connection rules', () => {
  it.each(SPEC)('%s -> %s (kind %s) means %s', (source, target, kind, meaning) => {
    const r = resolveEdge(source, target, kind as never);
    expect(r).toMatchObject({ ok: true, meaning });
  });

  it('infers the kind where the pair has one meaning that needs one', () => {
    expect(resolveEdge('dynamodb', 'lambda')).toMatchObject({ ok: true, kind: 'stream' });
    expect(resolveEdge('sqs', 'sqs')).toMatchObject({ ok: true, kind: 'dlq' });
  });

  it('defaults to the plain meaning where two are possible', () => {
    expect(resolveEdge('lambda', 'sqs')).toMatchObject({ ok: true, meaning: 'send', kind: undefined });
    expect(resolveEdge('lambda', 'lambda')).toMatchObject({ ok: true, meaning: 'invoke' });
    expect(edgeKindsFor('lambda', 'lambda')).toEqual(expect.arrayContaining([undefined, 'async', 'onFailure']));
  });

  it('refuses a kind the pair does not have, listing the ones it does', () => {
    const r = resolveEdge('lambda', 'sqs', 'dlq');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/cannot have kind "dlq"; its kind may be none \(the handler sends a message\) or "onFailure"/);
  });

  it('refuses every pair outside the table with a sentence that says what would work', () => {
    const allowed = new Set(connectionTable().map((r) => `${r.source}->${r.target}`));
    let refused = 0;
    for (const source of NODE_TYPES) {
      for (const target of NODE_TYPES) {
        const r = resolveEdge(source, target);
        if (allowed.has(`${source}->${target}`)) {
          // pairs whose only meanings need an explicit kind still resolve by inference
          expect(r.ok, `${source}->${target}`).toBe(true);
          continue;
        }
        refused++;
        expect(r.ok, `${source}->${target}`).toBe(false);
        if (!r.ok) {
          expect(r.reason.length).toBeGreaterThan(30);
          expect(r.reason).toMatch(/connect|reached|not needed|offers/i);
        }
      }
    }
    expect(refused).toBe(NODE_TYPES.length ** 2 - allowed.size);
  });

  it('gives the common mistakes a specific tip', () => {
    const r = resolveEdge('client', 'dax');
    expect(!r.ok && r.reason).toBe(
      'Client → DAX is not a connection AWS offers. DAX lives inside a VPC; a Lambda calls it: client → API Gateway → Lambda → DAX.',
    );
    const back = resolveEdge('lambda', 'client');
    expect(!back.ok && back.reason).toMatch(/responses travel back/);
  });

  it('the table lists exactly the spec pairs', () => {
    const table = connectionTable().map((r) => `${r.source}->${r.target}:${r.kind ?? ''}`);
    const spec = SPEC.map(([s, t, k]) => `${s}->${t}:${k ?? ''}`);
    // onFailure is also allowed to SNS, Lambda and EventBridge destinations (AWS supports them),
    // and a Kinesis mapping's on-failure destination is an SQS queue or SNS topic
    const extra = table.filter((x) => !spec.includes(x));
    expect(extra.sort()).toEqual([
      'kinesis->sns:onFailure',
      'kinesis->sqs:onFailure',
      'lambda->eventbridge:onFailure',
      'lambda->lambda:onFailure',
      'lambda->sns:onFailure',
    ]);
    expect(spec.filter((x) => !table.includes(x))).toEqual([]);
  });
});
