import { beforeAll, describe, expect, it } from 'vitest';
import { restoreDocument, type Architecture } from '../model';
import { importTemplate, importTemplateGraph } from './import';
import { parseTemplate } from './parse';
import { compareConfig, edgeSet, expectedEdgeSet } from './testing/expectedGraph';
import { CORPUS_FIXTURES, CORPUS_SKIPPED, OWN_FIXTURES, readExpected, readTemplate, templateFiles } from './testing/fixtureFiles';

function graph(text: string) {
  const r = importTemplateGraph(text, 'test.yaml');
  if (!r.ok) throw new Error(r.error);
  return r;
}
const node = (doc: Architecture, id: string) => {
  const n = doc.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}; nodes: ${doc.nodes.map((x) => x.id).join(', ')}`);
  return n as { id: string; type: string; label?: string; config: Record<string, unknown> };
};
const edges = (doc: Architecture) => doc.edges.map((e) => `${e.source}>${e.target}${e.kind ? ':' + e.kind : ''}`).sort();

/** Every template in `dir` imports as its NAME.expected.json says. */
function fixtureSuite(dir: string, minimum: number) {
  const files = templateFiles(dir);
  // Loading elkjs takes a few seconds on a busy machine; do it once, outside the test timeouts.
  beforeAll(async () => {
    await import('../layout/elk');
  }, 60_000);

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(minimum);
  });

  for (const file of files) {
    it(`imports ${file} as its expected graph`, async () => {
      const expected = readExpected(dir, file);
      const result = await importTemplate(readTemplate(dir, file), file);
      expect(result.ok, result.ok ? '' : result.error).toBe(true);
      if (!result.ok) return;
      const doc = result.document;
      expect(restoreDocument(doc).ok).toBe(true);
      expect(doc.nodes.map((n) => `${n.id}:${n.type}`).sort()).toEqual(expected.nodes.map((n) => `${n.id}:${n.type}`).sort());
      expect(edgeSet(doc)).toEqual(expectedEdgeSet(expected));
      expect(compareConfig(doc, expected, result.warnings)).toEqual([]);
      for (const text of expected.warnings ?? []) expect(result.warnings.join('\n'), `a warning mentions ${text}`).toContain(text);
      // Laid out: no two nodes share a position.
      expect(new Set(doc.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(doc.nodes.length);
    }, 30_000);
  }
}

describe('SAM fixtures written for this project (src/sam/fixtures)', () => {
  fixtureSuite(OWN_FIXTURES, 6);
});

describe.skipIf(!CORPUS_FIXTURES)(CORPUS_FIXTURES ? `SAM conformance corpus (${CORPUS_FIXTURES})` : CORPUS_SKIPPED, () => {
  if (CORPUS_FIXTURES) fixtureSuite(CORPUS_FIXTURES, 10);
  else it('imports every real template as its expected graph', () => {});
});

describe('not a template', () => {
  it.each([
    ['', /empty/],
    ['hello: world', /no Resources section/],
    ['- 1\n- 2', /not a CloudFormation or SAM template/],
    ['Resources: [unclosed', /not valid YAML/],
    ['{"format":"serverless-sandbox","version":1,"nodes":[]}', /Serverless Sandbox document/],
    ['{"Resources": ', /not valid/],
  ])('%j fails with a clear message', (text, message) => {
    const r = importTemplateGraph(text, 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('an empty Resources section is a template with nothing to show', () => {
    const r = graph('Resources: {}');
    expect(r.document.nodes).toEqual([]);
  });
});

describe('template traps', () => {
  it('reads every short-form tag as its long form', () => {
    const text = `Resources:
  X:
    Type: AWS::SNS::Topic
    Properties:
      a: !Ref P
      b: !GetAtt Q.Arn
      c: !Sub '\${Q}'
      d: !Join ['', [a, b]]
      e: !If [Cond, 1, 2]
      f: !Select [0, !GetAZs '']
      g: !ImportValue Exported
      h: !FindInMap [M, K, V]
      i: !Equals [a, b]
      j: !Not [!Condition C]
      k: !And [!Condition C, !Condition D]
      l: !Or [!Condition C, !Condition D]
      m: !Base64 text
      n: !Split [',', 'a,b']
      o: !Cidr [10.0.0.0/16, 2, 8]
      p: !GetAtt [Q, Arn]
`;
    const r = parseTemplate(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = (r.template.Resources.X as { Properties: Record<string, unknown> }).Properties;
    expect(p.a).toEqual({ Ref: 'P' });
    expect(p.b).toEqual({ 'Fn::GetAtt': ['Q', 'Arn'] });
    expect(p.p).toEqual({ 'Fn::GetAtt': ['Q', 'Arn'] });
    expect(p.c).toEqual({ 'Fn::Sub': '${Q}' });
    expect(p.f).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    expect(p.j).toEqual({ 'Fn::Not': [{ Condition: 'C' }] });
    for (const key of ['d', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o']) expect(Object.keys(p[key] as object)[0]).toMatch(/^Fn::/);
  });

  it('duplicate keys: the last wins, with a warning', () => {
    const r = graph(`Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      MemorySize: 256
      MemorySize: 1024
`);
    expect(node(r.document, 'Fn').config.memoryMb).toBe(1024);
    expect(r.warnings.join('\n')).toMatch(/duplicate key "MemorySize" \(line 7\)/);
  });

  it('YAML anchors, aliases and merge keys', () => {
    const r = graph(`Resources:
  A:
    Type: AWS::Lambda::Function
    Properties: &common
      Runtime: python3.12
      MemorySize: 256
  B:
    Type: AWS::Lambda::Function
    Properties:
      <<: *common
      MemorySize: 512
`);
    expect([node(r.document, 'A').config.memoryMb, node(r.document, 'B').config.memoryMb, node(r.document, 'B').config.runtime]).toEqual([
      256,
      512,
      'python3.12',
    ]);
  });

  it('Transform as a list, with AWS::Include, and Fn::Transform includes', () => {
    const r = graph(`Transform:
  - AWS::Serverless-2016-10-31
  - Name: AWS::Include
    Parameters: { Location: s3://bucket/extra.yaml }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Environment:
        Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://bucket/env.yaml } }
`);
    expect(r.document.nodes.map((n) => n.id)).toEqual(['Fn']);
    const w = r.warnings.join('\n');
    expect(w).toMatch(/Transform AWS::Include/);
    expect(w).toMatch(/s3:\/\/bucket\/env\.yaml/);
  });

  it('SAM resources without the transform still import, with a warning', () => {
    const r = graph('Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: { Runtime: nodejs22.x }\n');
    expect(r.document.nodes).toHaveLength(1);
    expect(r.warnings.join('\n')).toMatch(/without "Transform/);
  });

  it('resources under conditions are imported, and !If takes its first branch, with warnings', () => {
    const r = graph(`Transform: AWS::Serverless-2016-10-31
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Parameters:
  Env: { Type: String, Default: dev }
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condition: IsProd
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      MemorySize: !If [IsProd, 2048, 512]
      Events:
        Q: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }
`);
    expect(node(r.document, 'Queue').type).toBe('sqs');
    expect(node(r.document, 'Fn').config.memoryMb).toBe(2048);
    expect(edges(r.document)).toEqual(['Queue>Fn']);
    const w = r.warnings.join('\n');
    expect(w).toMatch(/Queue is created only when condition IsProd/);
    expect(w).toMatch(/condition IsProd: a value under !If/);
  });

  it('connectors become edges where they mean a call', () => {
    const r = graph(`Transform: AWS::Serverless-2016-10-31
Resources:
  Table: { Type: AWS::DynamoDB::Table, Properties: { BillingMode: PAY_PER_REQUEST } }
  Queue: { Type: AWS::SQS::Queue }
  Topic: { Type: AWS::SNS::Topic }
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x }
    Connectors:
      ToQueue:
        Properties:
          Destination: { Id: Queue }
          Permissions: [Write]
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: Fn }
      Destination: [{ Id: Table }, { Id: Topic }]
      Permissions: [Read, Write]
  ReadOnly:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: Fn }
      Destination: { Id: Queue }
      Permissions: [Read]
`);
    expect(edges(r.document)).toEqual(['Fn>Queue', 'Fn>Table', 'Fn>Topic']);
  });

  it('explicit event source mappings (SQS and DynamoDB streams, through an alias) carry their settings', () => {
    const r = graph(`Resources:
  Queue: { Type: AWS::SQS::Queue, Properties: { FifoQueue: true, VisibilityTimeout: 120 } }
  Table:
    Type: AWS::DynamoDB::Table
    Properties: { BillingMode: PAY_PER_REQUEST, StreamSpecification: { StreamViewType: KEYS_ONLY } }
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Runtime: java21, MemorySize: "512", Timeout: "30", ReservedConcurrentExecutions: 20 }
  Live:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Fn
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 5 }
  FromQueue:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Live
      BatchSize: 5
      MaximumBatchingWindowInSeconds: 2
      ScalingConfig: { MaximumConcurrency: 10 }
  FromStream:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Table.StreamArn
      FunctionName: !GetAtt Fn.Arn
      BatchSize: 500
      ParallelizationFactor: 4
      StartingPosition: LATEST
`);
    const doc = r.document;
    expect(edges(doc)).toEqual(['Queue>Fn', 'Table>Fn:stream']);
    const fn = node(doc, 'Fn').config;
    expect([fn.runtime, fn.memoryMb, fn.timeoutMs, fn.reservedConcurrency, fn.provisionedConcurrency]).toEqual(['java21', 512, 30_000, 20, 5]);
    const q = node(doc, 'Queue').config;
    expect([q.queueType, q.visibilityTimeoutS, q.batchSize, q.maxBatchingWindowS, q.maxConcurrency]).toEqual(['fifo', 120, 5, 2, 10]);
    const t = node(doc, 'Table').config;
    expect(t.stream).toMatchObject({ enabled: true, viewType: 'KEYS_ONLY', batchSize: 500, parallelizationFactor: 4 });
  });

  it('maps events, subscriptions, notifications, rules, origins and destinations', () => {
    const r = graph(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: python3.13, Timeout: 10, Architectures: [arm64] }
  Api: { MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 }] }
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        LambdaConfigurations: [{ Event: s3:ObjectCreated:*, Function: !GetAtt Worker.Arn }]
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription: [{ Protocol: lambda, Endpoint: !GetAtt Worker.Arn }, { Protocol: email, Endpoint: a@b.c }]
  Failures: { Type: AWS::SQS::Queue }
  Nightly:
    Type: AWS::Events::Rule
    Properties: { ScheduleExpression: cron(0 3 * * ? *), Targets: [{ Id: w, Arn: !GetAtt Worker.Arn }, { Id: t, Arn: !Ref Topic }] }
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior: { DefaultTTL: 60, TargetOriginId: api }
        Origins:
          - { Id: api, DomainName: !Sub '\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com' }
          - { Id: ext, DomainName: example.com }
  Api:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: 20000
      Policies:
        - SNSPublishMessagePolicy: { TopicName: !GetAtt Topic.TopicName }
        - S3ReadPolicy: { BucketName: !Ref Bucket }
        - LambdaInvokePolicy: { FunctionName: !Ref Worker }
      Events:
        Get: { Type: Api, Properties: { Path: /, Method: get, TimeoutInMillis: 5000 } }
        Http: { Type: HttpApi }
        Every: { Type: Schedule, Properties: { Schedule: rate(1 hour) } }
        Pattern: { Type: EventBridgeRule, Properties: { Pattern: { source: [x] } } }
        Stream: { Type: Kinesis, Properties: { Stream: !GetAtt Missing.Arn } }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: go1.x
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        DestinationConfig: { OnFailure: { Type: SQS, Destination: !GetAtt Failures.Arn } }
  Step: { Type: AWS::AppSync::GraphQLApi }
`);
    const doc = r.document;
    expect(edges(doc)).toEqual(
      [
        'ApiEvery>Api',
        'ApiPattern>Api',
        'Api>Bucket',
        'Api>Topic',
        'Api>Worker',
        'Bucket>Worker',
        'Cdn>ServerlessRestApi',
        'Nightly>Topic',
        'Nightly>Worker',
        'ServerlessHttpApi>Api',
        'ServerlessRestApi>Api',
        'Topic>Worker',
        'Worker>Failures:onFailure',
      ].sort(),
    );
    const api = node(doc, 'Api').config;
    expect([api.runtime, api.timeoutMs, api.architecture, api.memoryMb]).toEqual(['python3.13', 10_000, 'arm64', 10_240]);
    const worker = node(doc, 'Worker').config;
    expect([worker.runtime, worker.maxRetryAttempts]).toEqual(['provided.al2023', 1]);
    expect(node(doc, 'ServerlessRestApi').config).toMatchObject({ flavor: 'rest', timeoutMs: 5000, rateLimitRps: 100, burstLimit: 50 });
    expect(node(doc, 'ServerlessHttpApi').config.flavor).toBe('http');
    expect(node(doc, 'ApiEvery').config.schedule).toBe('rate(1 hour)');
    expect(node(doc, 'ApiPattern').config.schedule).toBe(null);
    expect(node(doc, 'Nightly').config.schedule).toBe('cron(0 3 * * ? *)');
    expect(node(doc, 'Cdn').config.cacheTtlS).toBe(60);
    const w = r.warnings.join('\n');
    for (const text of [
      /MemorySize 20000 is outside/,
      /go1\.x/,
      /email subscriptions are not modelled/,
      /Stream \(Kinesis\): its stream is not in this template/,
      /origin ext is outside/,
      /AWS::AppSync::GraphQLApi is not modelled.*Step/,
      /unresolved references.*Missing/,
    ]) {
      expect(w).toMatch(text);
    }
  });

  it('settings that break cross-node rules are repaired with warnings, never failing the import', () => {
    const r = graph(`Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties: { StreamSpecification: { StreamViewType: NEW_IMAGE } }
  A: { Type: AWS::Lambda::Function, Properties: { Runtime: java21, SnapStart: { ApplyOn: PublishedVersions }, ReservedConcurrentExecutions: 1500 } }
  AV: { Type: AWS::Lambda::Version, Properties: { FunctionName: !Ref A, ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 } } }
  B: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x } }
  C: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x } }
  M1: { Type: AWS::Lambda::EventSourceMapping, Properties: { EventSourceArn: !GetAtt Table.StreamArn, FunctionName: !Ref A } }
  M2: { Type: AWS::Lambda::EventSourceMapping, Properties: { EventSourceArn: !GetAtt Table.StreamArn, FunctionName: !Ref B } }
  M3: { Type: AWS::Lambda::EventSourceMapping, Properties: { EventSourceArn: !GetAtt Table.StreamArn, FunctionName: !Ref C } }
`);
    expect(edges(r.document)).toEqual(['Table>A:stream', 'Table>B:stream']);
    expect(r.document.settings.accountConcurrency).toBe(1600);
    expect(node(r.document, 'A').config.snapStart).toBe(false);
    const w = r.warnings.join('\n');
    expect(w).toMatch(/Table -> C was left out/);
    expect(w).toMatch(/snapStart was set back/);
    expect(w).toMatch(/account concurrency was raised to 1600/);
  });
});

describe('names and generated IDs', () => {
  it('matches physical names written as literals or as the same expression, and SAM function URLs', () => {
    const r = graph(`Transform: AWS::Serverless-2016-10-31
Parameters:
  BucketParam: { Type: String, Default: my-files }
Resources:
  Files: { Type: AWS::S3::Bucket, Properties: { BucketName: !Ref BucketParam } }
  Jobs: { Type: AWS::SQS::Queue, Properties: { QueueName: !Sub '\${AWS::StackName}-jobs' } }
  Orders: { Type: AWS::DynamoDB::Table, Properties: { TableName: orders-table, BillingMode: PAY_PER_REQUEST } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      FunctionUrlConfig: { AuthType: NONE }
      Environment: { Variables: { TABLE: orders-table, QUEUE: !Sub '\${AWS::StackName}-jobs' } }
      Policies:
        - S3CrudPolicy: { BucketName: my-files }
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Origins: [{ Id: fn, DomainName: !Select [2, !Split ['/', !GetAtt FnUrl.FunctionUrl]] }]
`);
    expect(edges(r.document)).toEqual(['Cdn>Fn', 'Fn>Files', 'Fn>Jobs', 'Fn>Orders']);
    expect(node(r.document, 'Orders').label).toBe('orders-table');
  });
});

describe('robustness', () => {
  const TYPES = [
    'AWS::Serverless::Function',
    'AWS::Lambda::Function',
    'AWS::Serverless::Api',
    'AWS::ApiGatewayV2::Api',
    'AWS::DynamoDB::Table',
    'AWS::Serverless::SimpleTable',
    'AWS::DAX::Cluster',
    'AWS::SQS::Queue',
    'AWS::SNS::Topic',
    'AWS::SNS::Subscription',
    'AWS::S3::Bucket',
    'AWS::CloudFront::Distribution',
    'AWS::Events::Rule',
    'AWS::Scheduler::Schedule',
    'AWS::Lambda::EventSourceMapping',
    'AWS::Lambda::Alias',
    'AWS::Serverless::Connector',
    'AWS::IAM::Role',
    'AWS::ApiGateway::Method',
    'AWS::Kinesis::Stream',
  ];
  it('any resources with any properties import to a valid document or a clear error, never a throw', async () => {
    const { default: fc } = await import('fast-check');
    const ids = fc.constantFrom('A', 'B', 'C', 'D');
    const value: import('fast-check').Arbitrary<unknown> = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        ids.map((id) => ({ Ref: id })),
        ids.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })),
        ids.map((id) => ({ 'Fn::Sub': `\${${id}}-x` })),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom(
            'Queue',
            'Stream',
            'Type',
            'Properties',
            'Events',
            'Policies',
            'TargetArn',
            'Arn',
            'MemorySize',
            'Timeout',
            'Runtime',
            'RedrivePolicy',
            'Targets',
            'Origins',
            'Destination',
            'Source',
            'BatchSize',
            'Id',
            'DomainName',
            'OnFailure',
            'DestinationConfig',
            'Variables',
            'Statement',
            'Resource',
            'Action',
            'deadLetterTargetArn',
            'maxReceiveCount',
            'ApplyOn',
          ),
          tie('v'),
          { maxKeys: 4 },
        ),
      ),
    })).v;
    const keys = fc.constantFrom(
      'Queue',
      'Stream',
      'Events',
      'Policies',
      'TargetArn',
      'Target',
      'MemorySize',
      'Timeout',
      'Runtime',
      'RedrivePolicy',
      'Targets',
      'DistributionConfig',
      'Destination',
      'Source',
      'EventSourceArn',
      'FunctionName',
      'Environment',
      'Role',
      'ProvisionedConcurrencyConfig',
      'StreamSpecification',
      'EventInvokeConfig',
      'DeadLetterQueue',
      'ScheduleExpression',
      'RestApiId',
      'Integration',
      'TopicArn',
      'Endpoint',
      'Protocol',
    );
    const resource = fc.record({
      Type: fc.constantFrom(...TYPES),
      Properties: fc.dictionary(fc.oneof(keys, fc.string({ maxLength: 8 })), value, { maxKeys: 5 }),
      Condition: fc.option(fc.constant('C'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.dictionary(ids, resource, { maxKeys: 4 }), fc.option(value, { nil: undefined }), (resources, globals) => {
        const text = JSON.stringify({ Transform: 'AWS::Serverless-2016-10-31', Globals: { Function: globals }, Resources: resources });
        const r = importTemplateGraph(text, 'fuzz.json');
        if (r.ok) expect(restoreDocument(r.document).ok).toBe(true);
        else expect(r.error).toMatch(/\w/);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
