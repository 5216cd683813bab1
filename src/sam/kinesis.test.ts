/** Kinesis Data Streams through SAM: a template written for this test, imported, exported and imported again. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { newNode, type Architecture } from '../model';
import { exportTemplate } from './export';
import { importTemplateGraph } from './import';

const TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties:
      Name: click-stream
      ShardCount: 4
      RetentionPeriodHours: 48
  Audit:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamModeDetails: { StreamMode: ON_DEMAND }
  AuditConsumer:
    Type: AWS::Kinesis::StreamConsumer
    Properties: { StreamARN: !GetAtt Audit.Arn, ConsumerName: audit-reader }
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      KinesisStreamSpecification: { StreamArn: !GetAtt Audit.Arn }
  Failed:
    Type: AWS::SQS::Queue
  Producer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Policies:
        - KinesisCrudPolicy: { StreamName: !Ref Clicks }
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        FromClicks:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Clicks.Arn
            StartingPosition: LATEST
            BatchSize: 500
            MaximumBatchingWindowInSeconds: 2
            ParallelizationFactor: 4
            BisectBatchOnFunctionError: true
            MaximumRetryAttempts: 3
            MaximumRecordAgeInSeconds: 3600
            FunctionResponseTypes: [ReportBatchItemFailures]
            DestinationConfig: { OnFailure: { Type: SQS, Destination: !GetAtt Failed.Arn } }
  AuditReader:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        FromAudit:
          Type: Kinesis
          Properties: { Stream: !GetAtt AuditConsumer.ConsumerARN, StartingPosition: TRIM_HORIZON }
`;

const edges = (doc: Architecture) => doc.edges.map((e) => `${e.source}>${e.target}${e.kind ? ':' + e.kind : ''}`).sort();
const node = (doc: Architecture, id: string) => doc.nodes.find((n) => n.id === id)!;

function imported(text: string): Architecture {
  const r = importTemplateGraph(text, 'kinesis.yaml');
  if (!r.ok) throw new Error(r.error);
  return r.document;
}

describe('Kinesis in SAM templates', () => {
  it('imports streams, their mappings, producers and Kinesis Data Streams for DynamoDB', () => {
    const doc = imported(TEMPLATE);
    expect(node(doc, 'Clicks').type).toBe('kinesis');
    expect(node(doc, 'Clicks').label).toBe('click-stream');
    expect(node(doc, 'Clicks').config).toMatchObject({
      capacityMode: 'provisioned',
      shards: 4,
      retentionH: 48,
      batchSize: 500,
      maxBatchingWindowS: 2,
      parallelizationFactor: 4,
      bisectOnError: true,
      maxRetryAttempts: 3,
      maxRecordAgeS: 3600,
      reportBatchItemFailures: true,
      enhancedFanOut: false,
    });
    expect(node(doc, 'Audit').config).toMatchObject({ capacityMode: 'onDemand', enhancedFanOut: true });
    expect(doc.nodes.some((n) => n.id === 'AuditConsumer')).toBe(false);
    expect(edges(doc)).toEqual(['Audit>AuditReader', 'Clicks>Failed:onFailure', 'Clicks>Reader', 'Orders>Audit:stream', 'Producer>Clicks'].sort());
  });

  it('exports them back: the stream, the Kinesis event with its settings, the consumer, the policy, the table spec', () => {
    const doc = imported(TEMPLATE);
    const t = parse(exportTemplate(doc)) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    expect(t.Resources.Clicks).toMatchObject({ Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 4, RetentionPeriodHours: 48 } });
    expect(t.Resources.Audit.Properties).toMatchObject({ StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
    const reader = t.Resources.Reader.Properties as { Events: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const event = Object.values(reader.Events)[0];
    expect(event.Type).toBe('Kinesis');
    expect(event.Properties).toMatchObject({
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 2,
      ParallelizationFactor: 4,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Type: 'SQS', Destination: { 'Fn::GetAtt': ['Failed', 'Arn'] } } },
    });
    const consumers = Object.values(t.Resources).filter((r) => r.Type === 'AWS::Kinesis::StreamConsumer');
    expect(consumers).toHaveLength(1);
    expect(t.Resources.Producer.Properties.Policies).toEqual([{ KinesisCrudPolicy: { StreamName: { Ref: 'Clicks' } } }]);
    expect(t.Resources.Orders.Properties.KinesisStreamSpecification).toEqual({ StreamArn: { 'Fn::GetAtt': ['Audit', 'Arn'] } });
  });

  it('round-trips: import(export(doc)) has the same nodes, settings and edges, API integrations and client producers included', () => {
    const doc = imported(TEMPLATE);
    const withApi: Architecture = {
      ...doc,
      nodes: [...doc.nodes, newNode('apiGateway', 'Api', { x: 0, y: 0 }), newNode('client', 'devices', { x: 0, y: 0 })],
      edges: [...doc.edges, { id: 'api-clicks', source: 'Api', target: 'Clicks' }, { id: 'devices-audit', source: 'devices', target: 'Audit' }],
    };
    const back = imported(exportTemplate(withApi));
    expect(edges(back)).toEqual(edges(withApi));
    for (const n of withApi.nodes) expect(node(back, n.id).config, n.id).toEqual(n.config);
  });
});

describe('partial batch responses in SAM', () => {
  it('FunctionResponseTypes: [ReportBatchItemFailures] on SQS and DynamoDB events is read and written back', () => {
    const doc = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Q: { Type: AWS::SQS::Queue }
  T:
    Type: AWS::DynamoDB::Table
    Properties: { StreamSpecification: { StreamViewType: NEW_IMAGE } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Q: { Type: SQS, Properties: { Queue: !GetAtt Q.Arn, FunctionResponseTypes: [ReportBatchItemFailures] } }
        T: { Type: DynamoDB, Properties: { Stream: !GetAtt T.StreamArn, StartingPosition: LATEST, FunctionResponseTypes: [ReportBatchItemFailures] } }
`);
    expect(node(doc, 'Q').config).toMatchObject({ reportBatchItemFailures: true });
    expect(node(doc, 'T').config).toMatchObject({ stream: { reportBatchItemFailures: true } });
    const t = parse(exportTemplate(doc)) as { Resources: Record<string, { Properties: { Events?: Record<string, { Properties: Record<string, unknown> }> } }> };
    const events = Object.values(t.Resources.Fn.Properties.Events ?? {});
    expect(events.map((e) => e.Properties.FunctionResponseTypes)).toEqual([['ReportBatchItemFailures'], ['ReportBatchItemFailures']]);
  });
});
