/** Service integrations (API Gateway → SQS / DynamoDB / EventBridge, no Lambda) and dead-letter queues the importer reads. */
import { describe, expect, it } from 'vitest';
import { restoreDocument, type Architecture } from '../model';
import { importTemplateGraph } from './import';

function imported(text: string): { doc: Architecture; warnings: string[] } {
  const r = importTemplateGraph(text, 'test.yaml');
  if (!r.ok) throw new Error(r.error);
  const restored = restoreDocument(r.document);
  if (!restored.ok) throw new Error(restored.errors.join('\n'));
  return { doc: restored.document, warnings: r.warnings };
}
const edges = (doc: Architecture) => doc.edges.map((e) => `${e.source}>${e.target}${e.kind ? ':' + e.kind : ''}`).sort();

describe('API Gateway service integrations', () => {
  it('an HTTP API integration with IntegrationSubtype SQS-SendMessage or EventBridge-PutEvents becomes an edge to the queue or bus', () => {
    const { doc } = imported(`Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: orders, ProtocolType: HTTP }
  Queue:
    Type: AWS::SQS::Queue
  Bus:
    Type: AWS::Events::Rule
    Properties: { EventPattern: { source: [shop] } }
  ToQueue:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationSubtype: SQS-SendMessage
      PayloadFormatVersion: '1.0'
      TimeoutInMillis: 10000
      RequestParameters: { QueueUrl: !Ref Queue, MessageBody: $request.body }
  ToBus:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationSubtype: EventBridge-PutEvents
      RequestParameters: { Detail: $request.body, DetailType: Bus, Source: shop }
`);
    expect(edges(doc)).toEqual(['Api>Bus', 'Api>Queue']);
    expect(doc.nodes.find((n) => n.id === 'Api')!.config).toMatchObject({ flavor: 'http', timeoutMs: 10_000 });
  });

  it('a REST method with an AWS integration to DynamoDB or SQS becomes an edge to the table or queue', () => {
    const { doc } = imported(`Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
  Table:
    Type: AWS::DynamoDB::Table
    Properties: { BillingMode: PAY_PER_REQUEST, KeySchema: [{ AttributeName: pk, KeyType: HASH }], AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }] }
  Queue:
    Type: AWS::SQS::Queue
  Put:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      HttpMethod: POST
      Integration:
        Type: AWS
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:dynamodb:action/PutItem
        RequestTemplates:
          application/json: !Sub '{"TableName": "\${Table}", "Item": {"pk": {"S": "$context.requestId"}}}'
  Send:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      HttpMethod: PUT
      Integration:
        Type: AWS
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:\${AWS::Region}:sqs:path/\${AWS::AccountId}/\${Queue.QueueName}
`);
    expect(edges(doc)).toEqual(['Api>Queue', 'Api>Table']);
  });
});

describe('dead-letter queues', () => {
  it('a plain AWS::SQS::Queue keeps its RedrivePolicy (as JSON text or an object)', () => {
    const { doc } = imported(`Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Main:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 4 }
  Other:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: !Sub '{"deadLetterTargetArn": "\${Dlq.Arn}", "maxReceiveCount": 7}'
`);
    expect(edges(doc)).toEqual(['Main>Dlq:dlq', 'Other>Dlq:dlq']);
    expect(doc.nodes.find((n) => n.id === 'Main')!.config).toMatchObject({ maxReceiveCount: 4 });
    expect(doc.nodes.find((n) => n.id === 'Other')!.config).toMatchObject({ maxReceiveCount: 7 });
  });

  it("an EventBridge Scheduler schedule's DeadLetterConfig becomes a dlq edge", () => {
    const { doc, warnings } = imported(`Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: app.handler, InlineCode: 'def handler(e, c): pass' }
  Dlq:
    Type: AWS::SQS::Queue
  Nightly:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 hour)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target: { Arn: !GetAtt Fn.Arn, RoleArn: arn, DeadLetterConfig: { Arn: !GetAtt Dlq.Arn } }
`);
    expect(edges(doc)).toEqual(['Nightly>Dlq:dlq', 'Nightly>Fn']);
    expect(warnings.join('\n')).not.toMatch(/dead-letter queue is not modelled/);
  });
});
