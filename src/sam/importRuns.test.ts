/** An imported template runs: clients added to its entry points make a run show requests. */
import { describe, expect, it } from 'vitest';
import { addEntryClients, restoreDocument } from '../model';
import { runToCompletion } from '../analysis/batch';
import { importTemplateGraph } from './import';

const API_TABLE = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  GetItem:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Events:
        Api:
          Type: Api
          Properties: { Path: '/items/{id}', Method: get }
      Policies:
        - DynamoDBReadPolicy: { TableName: !Ref Items }
  Items:
    Type: AWS::Serverless::SimpleTable
`;

const QUEUE_WORKER = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Events:
        Q:
          Type: SQS
          Properties: { Queue: !GetAtt Jobs.Arn }
`;

function importAndRun(text: string) {
  const imported = importTemplateGraph(text, 't.yaml');
  if (!imported.ok) throw new Error(imported.error);
  const before = runToCompletion({ ...imported.document, settings: { ...imported.document.settings, durationS: 30 } }).summary;
  const { document, added } = addEntryClients(imported.document);
  expect(restoreDocument(document).ok).toBe(true);
  const after = runToCompletion({ ...document, settings: { ...document.settings, durationS: 30 } }).summary;
  return { before, after, added };
}

describe('imported templates run', () => {
  it('SAM API → function → table: zero requests as imported, hundreds with the added client', () => {
    const { before, after, added } = importAndRun(API_TABLE);
    expect(before.requests.total).toBe(0);
    expect(added).toHaveLength(1);
    expect(after.requests.total).toBeGreaterThan(400);
    expect(after.requests.ok / after.requests.total).toBeGreaterThan(0.95);
  });

  it('a queue fed from outside gets a client sending to it with the SDK; its worker is invoked', () => {
    const { before, after, added } = importAndRun(QUEUE_WORKER);
    expect(before.requests.total).toBe(0);
    expect(added).toHaveLength(1);
    expect(added[0].producerId).toBeUndefined();
    expect(after.requests.total).toBeGreaterThan(200);
    expect((after.nodes.Worker as unknown as { invocations: number }).invocations).toBeGreaterThan(0);
  });
});
