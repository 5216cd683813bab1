/**
 * Kinesis Data Streams both ways: AWS::Kinesis::Stream (capacity mode, shards, retention),
 * a table's KinesisStreamSpecification (Kinesis Data Streams for DynamoDB), and the
 * function's Kinesis event (the mapping's settings, enhanced fan-out through an
 * AWS::Kinesis::StreamConsumer, the on-failure destination).
 */
import type { NodeOf } from '../model';
import { isObject, type DraftNode, type ImportContext } from './context';
import { getAtt, ref, type Cfn, type ExportContext } from './exportContext';
import { readBatching } from './functions';

const TABLES = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'];

export function kinesisResource(ctx: ExportContext, node: NodeOf<'kinesis'>): Cfn {
  const c = node.config;
  const id = ctx.id(node);
  const apis = ctx.to(node, 'integration').map((l) => ctx.id(l.source));
  for (const api of apis) {
    ctx.comments.push(
      `API ${api} puts each request into stream ${id} (a service integration): add its PutRecord integration and an execution role before deploying.`,
    );
  }
  // without a consumer, no function event carries the on-failure destination: keep it here
  const lonely = ctx.from(node, 'esm').length === 0 ? ctx.from(node, 'onFailure').map((l) => ({ target: ctx.id(l.target), kind: 'onFailure' as const })) : [];
  const meta = ctx.metadata(node, { ...(apis.length ? { linkedFrom: apis } : {}), ...(lonely.length ? { linkedTo: lonely } : {}) });
  return {
    Type: 'AWS::Kinesis::Stream',
    ...(meta ? { Metadata: meta } : {}),
    Properties: {
      ...(c.capacityMode === 'onDemand'
        ? { StreamModeDetails: { StreamMode: 'ON_DEMAND' } }
        : { StreamModeDetails: { StreamMode: 'PROVISIONED' }, ShardCount: c.shards }),
      RetentionPeriodHours: c.retentionH,
    },
  };
}

export function kinesisEvent(ctx: ExportContext, s: NodeOf<'kinesis'>, fn: NodeOf<'lambda'>): Cfn {
  const c = s.config;
  const sid = ctx.id(s);
  let stream: Cfn = getAtt(sid, 'Arn');
  if (c.enhancedFanOut) {
    const consumer = ctx.allocate(`${sid}${ctx.id(fn)}Consumer`);
    ctx.resources[consumer] = { Type: 'AWS::Kinesis::StreamConsumer', Properties: { StreamARN: getAtt(sid, 'Arn'), ConsumerName: consumer } };
    stream = getAtt(consumer, 'ConsumerARN');
  }
  const dest = ctx.from(s, 'onFailure')[0];
  return {
    Stream: stream,
    StartingPosition: 'LATEST',
    BatchSize: c.batchSize,
    ...(c.maxBatchingWindowS > 0 ? { MaximumBatchingWindowInSeconds: c.maxBatchingWindowS } : {}),
    ...(c.parallelizationFactor > 1 ? { ParallelizationFactor: c.parallelizationFactor } : {}),
    ...(c.bisectOnError ? { BisectBatchOnFunctionError: true } : {}),
    ...(c.maxRetryAttempts !== -1 ? { MaximumRetryAttempts: c.maxRetryAttempts } : {}),
    ...(c.maxRecordAgeS !== -1 ? { MaximumRecordAgeInSeconds: c.maxRecordAgeS } : {}),
    ...(c.reportBatchItemFailures ? { FunctionResponseTypes: ['ReportBatchItemFailures'] } : {}),
    ...(dest
      ? {
          DestinationConfig: {
            OnFailure: {
              Type: dest.target.type === 'sns' ? 'SNS' : 'SQS',
              Destination: dest.target.type === 'sns' ? ref(ctx.id(dest.target)) : getAtt(ctx.id(dest.target), 'Arn'),
            },
          },
        }
      : {}),
  };
}

export function readKinesis(ctx: ImportContext): void {
  for (const res of ctx.ofType('AWS::Kinesis::Stream')) {
    const node = ctx.nodes.get(res.id)!;
    const p = res.props;
    const mode = isObject(p.StreamModeDetails) ? ctx.str(p.StreamModeDetails.StreamMode) : undefined;
    if (mode === 'ON_DEMAND') ctx.setValue(node, ['capacityMode'], 'onDemand');
    else ctx.setNumber(node, ['shards'], p.ShardCount, 'ShardCount');
    ctx.setNumber(node, ['retentionH'], p.RetentionPeriodHours, 'RetentionPeriodHours');
    if (p.StreamEncryption !== undefined) ctx.warnOnce(`${res.id}: stream encryption is not modelled (it adds no limit the sandbox shows)`);
  }
  for (const res of ctx.ofType(...TABLES)) {
    // a global table names it on a replica (the first, the table's own Region, when exported here)
    const replicas = Array.isArray(res.props.Replicas) ? res.props.Replicas : [];
    const first = replicas.find((r) => isObject(r) && isObject(r.KinesisStreamSpecification)) as Record<string, unknown> | undefined;
    const spec = res.props.KinesisStreamSpecification ?? first?.KinesisStreamSpecification;
    if (!isObject(spec)) continue;
    const stream = ctx.nodeIn(spec.StreamArn);
    const where = `${res.id} KinesisStreamSpecification`;
    if (stream) ctx.link(ctx.nodes.get(res.id), stream, 'stream', where);
    else ctx.warn(`${where}: its stream is not in this template; no edge was drawn`);
  }
}

/** A Kinesis event or event source mapping: its settings live on the stream node. */
export function readKinesisMapping(ctx: ImportContext, stream: DraftNode, p: Record<string, unknown>, where: string): void {
  readBatching(ctx, stream, [], p);
  ctx.setNumber(stream, ['parallelizationFactor'], p.ParallelizationFactor, 'ParallelizationFactor');
  ctx.setNumber(stream, ['maxRetryAttempts'], p.MaximumRetryAttempts, 'MaximumRetryAttempts');
  ctx.setNumber(stream, ['maxRecordAgeS'], p.MaximumRecordAgeInSeconds, 'MaximumRecordAgeInSeconds');
  const bisect = ctx.lit(p.BisectBatchOnFunctionError);
  if (bisect === true || bisect === 'true') ctx.setValue(stream, ['bisectOnError'], true);
  const types = Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes.map((t) => ctx.str(t)) : [];
  if (types.includes('ReportBatchItemFailures')) ctx.setValue(stream, ['reportBatchItemFailures'], true);
  const source = ctx.refIn(p.Stream ?? p.EventSourceArn);
  if (source && ctx.resources.get(source.id)?.type === 'AWS::Kinesis::StreamConsumer') ctx.setValue(stream, ['enhancedFanOut'], true);
  const onFailure = isObject(p.DestinationConfig) && isObject(p.DestinationConfig.OnFailure) ? p.DestinationConfig.OnFailure.Destination : undefined;
  if (onFailure !== undefined) {
    const dest = ctx.nodeIn(onFailure);
    if (dest) ctx.link(stream, dest, 'onFailure', `${where} on-failure destination`);
    else ctx.warn(`${where}: its on-failure destination is not in this template; no edge was drawn`);
  }
}
