import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { LESSONS } from '../lessons';
import { defaultScenario, restoreDocument, type ArchNode, type Architecture } from '../model';
import { exportTemplate } from './export';
import { importTemplateGraph } from './import';
import { arbitraryDocument } from './testing/arbitraryDocument';
import { CORPUS_FIXTURES, CORPUS_SKIPPED, OWN_FIXTURES, readTemplate, templateFiles } from './testing/fixtureFiles';

/** The settings a template can carry for a node, given the edges that carry some of them. */
function keySettings(doc: Architecture, n: ArchNode): Record<string, unknown> {
  const into = (meaning: (e: Architecture['edges'][number]) => boolean) => doc.edges.some(meaning);
  const base = { id: n.id, type: n.type, label: n.label };
  switch (n.type) {
    case 'lambda': {
      const c = n.config;
      return {
        ...base,
        ...{ runtime: c.runtime, architecture: c.architecture, memoryMb: c.memoryMb, timeoutS: Math.ceil(c.timeoutMs / 1000) },
        ...{ reserved: c.reservedConcurrency, provisioned: c.provisionedConcurrency, snapStart: c.snapStart },
        ...{ retries: c.maxRetryAttempts, maxEventAgeS: c.maxEventAgeS },
      };
    }
    case 'sqs': {
      const c = n.config;
      const hasDlq = into((e) => e.source === n.id && e.kind === 'dlq');
      const polled = into((e) => e.source === n.id && doc.nodes.find((m) => m.id === e.target)?.type === 'lambda');
      return {
        ...base,
        ...{ queueType: c.queueType, visibility: c.visibilityTimeoutS, retention: c.retentionS },
        ...(hasDlq ? { maxReceiveCount: c.maxReceiveCount } : {}),
        ...(polled ? { batch: c.batchSize, window: c.maxBatchingWindowS, maxConcurrency: c.maxConcurrency } : {}),
      };
    }
    case 'dynamodb': {
      const c = n.config;
      const read = into((e) => e.source === n.id && e.kind === 'stream');
      return {
        ...base,
        mode: c.capacityMode,
        ...(c.capacityMode === 'provisioned' ? { rcu: c.readCapacityUnits, wcu: c.writeCapacityUnits } : {}),
        stream: c.stream.enabled ? c.stream.viewType : 'off',
        ...(read ? { batch: c.stream.batchSize, window: c.stream.maxBatchingWindowS, parallel: c.stream.parallelizationFactor } : {}),
        ...{ tableClass: c.tableClass, replicas: c.globalReplicas, pitr: c.pointInTimeRecovery, storageGb: c.storageGb, backupGb: c.backupGb },
        ...(c.pointInTimeRecovery ? { recoveryDays: c.recoveryPeriodDays } : {}),
      };
    }
    case 'apiGateway': {
      const c = n.config;
      const integrated = into((e) => e.source === n.id);
      return { ...base, flavor: c.flavor, rate: c.rateLimitRps, burst: c.burstLimit, ...(integrated ? { timeoutMs: c.timeoutMs } : {}) };
    }
    case 'dax':
      return { ...base, nodeType: n.config.nodeType, nodes: n.config.nodes };
    case 'cloudfront':
      return { ...base, ttl: n.config.cacheTtlS };
    case 'eventbridge':
      return { ...base, schedule: n.config.schedule };
    case 'client':
      return { ...base, config: n.config };
    default:
      return base;
  }
}

function kitchenSink(): Architecture {
  const raw = {
    format: 'serverless-sandbox',
    version: 1,
    name: 'Kitchen sink',
    description: 'Every kind of edge the exporter writes',
    settings: { seed: 9 },
    nodes: [
      { id: 'users', type: 'client', config: { traffic: { shape: 'ramp', fromRps: 1, toRps: 9 } } },
      { id: 'cdn', type: 'cloudfront', config: { cacheTtlS: 600 } },
      { id: 'ServerlessRestApi', type: 'apiGateway', config: { rateLimitRps: 500, burstLimit: 100, timeoutMs: 10_000 } },
      { id: 'orders', type: 'lambda', label: 'Orders', config: { reservedConcurrency: 50, provisionedConcurrency: 5, memoryMb: 1536, timeoutMs: 2500 } },
      { id: 'report', type: 'lambda', config: { runtime: 'java21', snapStart: true } },
      { id: 'cache', type: 'dax', config: { nodeType: 'dax.t3.small', nodes: 2 } },
      {
        id: 'table',
        type: 'dynamodb',
        config: { capacityMode: 'provisioned', readCapacityUnits: 20, writeCapacityUnits: 10, stream: { enabled: true, viewType: 'NEW_IMAGE', batchSize: 50 } },
      },
      { id: 'topic', type: 'sns' },
      { id: 'work', type: 'sqs', config: { maxReceiveCount: 5, batchSize: 20, maxBatchingWindowS: 2 } },
      { id: 'dlq', type: 'sqs' },
      { id: 'failed', type: 'sqs' },
      { id: 'files', type: 's3' },
      { id: 'nightly', type: 'eventbridge', config: { schedule: 'rate(1 hour)' } },
    ],
    edges: [
      ['users', 'cdn'],
      ['cdn', 'ServerlessRestApi'],
      ['cdn', 'files'],
      ['ServerlessRestApi', 'orders'],
      ['orders', 'cache'],
      ['cache', 'table'],
      ['orders', 'table'],
      ['orders', 'topic'],
      ['orders', 'failed', 'onFailure'],
      ['orders', 'report', 'async'],
      ['table', 'report', 'stream'],
      ['topic', 'work'],
      ['work', 'dlq', 'dlq'],
      ['work', 'report'],
      ['files', 'report'],
      ['nightly', 'report'],
      ['report', 'files'],
      ['report', 'nightly'],
    ].map(([source, target, kind], i) => ({ id: `e${i + 1}`, source, target, ...(kind ? { kind } : {}) })),
  };
  const r = restoreDocument(raw);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.document;
}

function graphOf(doc: Architecture) {
  return {
    name: doc.name,
    description: doc.description,
    settings: doc.settings,
    faults: doc.faults,
    nodes: doc.nodes.map((n) => keySettings(doc, n)).sort((a, b) => String(a.id).localeCompare(String(b.id))),
    edges: doc.edges.map((e) => `${e.source} -> ${e.target}${e.kind ? ` (${e.kind})` : ''}`).sort(),
  };
}

function roundTrip(doc: Architecture) {
  const text = exportTemplate(doc);
  const back = importTemplateGraph(text, 'exported.yaml');
  if (!back.ok) throw new Error(`${back.error}\n${text}`);
  return { text, back: back.document, warnings: back.warnings };
}

describe('SAM export', () => {
  it('writes a SAM template: transform, typed resources, function code, events and policies', () => {
    const text = exportTemplate(defaultScenario());
    expect(text).toMatch(/^# Orders API — exported from Serverless Sandbox/);
    expect(text).toMatch(/AWSTemplateFormatVersion: '2010-09-09'/);
    const t = parse(text);
    expect(t.Transform).toBe('AWS::Serverless-2016-10-31');
    for (const r of Object.values(t.Resources) as { Type: string }[]) expect(r.Type).toMatch(/^AWS::/);
    const fn = t.Resources.fn.Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Handler: 'index.handler', CodeUri: 'src/fn/', MemorySize: 1024, Timeout: 3, Architectures: ['arm64'] });
    expect(fn.Policies).toEqual([{ DynamoDBCrudPolicy: { TableName: { Ref: 'table' } } }]);
    expect(fn.Events.Fromapi).toEqual({ Type: 'HttpApi', Properties: { ApiId: { Ref: 'api' }, Path: '/{proxy+}', Method: 'ANY', TimeoutInMillis: 29_000 } });
    expect(t.Metadata.ServerlessSandbox.clients[0].id).toBe('users');
    expect(text).toMatch(/# Clients \(users\) are traffic, not resources/);
  });

  it('turns ids into CloudFormation logical IDs and keeps the originals in metadata', () => {
    const doc = defaultScenario();
    const renamed = JSON.parse(JSON.stringify(doc).replaceAll('"fn"', '"get-order.fn"')) as Architecture;
    const t = parse(exportTemplate(renamed));
    expect(t.Resources.getorderfn.Metadata.ServerlessSandbox.id).toBe('get-order.fn');
    expect(graphOf(roundTrip(renamed).back)).toEqual(graphOf(renamed));
  });

  it('writes concurrency, SnapStart, streams, redrive, DAX, topics, rules, origins and destinations', () => {
    const doc = kitchenSink();
    const text = exportTemplate(doc);
    const t = parse(text);
    const r = t.Resources;
    expect(r.orders.Properties).toMatchObject({
      ReservedConcurrentExecutions: 50,
      AutoPublishAlias: 'live',
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 5 },
    });
    expect(r.report.Properties.SnapStart).toEqual({ ApplyOn: 'PublishedVersions' });
    expect(r.orders.Properties.EventInvokeConfig.DestinationConfig.OnFailure).toEqual({ Type: 'SQS', Destination: { 'Fn::GetAtt': ['failed', 'Arn'] } });
    expect(r.orders.Properties.Policies).toEqual(
      expect.arrayContaining([
        { DynamoDBCrudPolicy: { TableName: { Ref: 'table' } } },
        { SNSPublishMessagePolicy: { TopicName: { 'Fn::GetAtt': ['topic', 'TopicName'] } } },
      ]),
    );
    expect(r.table.Properties).toMatchObject({
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 20, WriteCapacityUnits: 10 },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    expect(r.report.Properties.Events.Fromtable).toMatchObject({ Type: 'DynamoDB', Properties: { BatchSize: 50, StartingPosition: 'LATEST' } });
    expect(r.work.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': ['dlq', 'Arn'] }, maxReceiveCount: 5 });
    expect(r.cache).toMatchObject({ Type: 'AWS::DAX::Cluster', Properties: { NodeType: 'dax.t3.small', ReplicationFactor: 2 } });
    expect(r.topicToworkSubscription.Properties).toMatchObject({ Protocol: 'sqs' });
    expect(r.nightly.Properties).toMatchObject({ ScheduleExpression: 'rate(1 hour)', Targets: [{ Id: 'Target1', Arn: { 'Fn::GetAtt': ['report', 'Arn'] } }] });
    expect(r.cdn.Properties.DistributionConfig.DefaultCacheBehavior.DefaultTTL).toBe(600);
    expect(t.Globals.Api.MethodSettings[0]).toMatchObject({ ThrottlingRateLimit: 500, ThrottlingBurstLimit: 100 });
    expect(graphOf(roundTrip(doc).back)).toEqual(graphOf(doc));
  });

  const examples: [string, Architecture][] = [
    ['default scenario', defaultScenario()],
    ...LESSONS.map((l): [string, Architecture] => [`lesson ${l.id}`, l.document]),
  ];
  it.each(examples)('import(export(%s)) gives the same graph', (_name, doc) => {
    const { back } = roundTrip(doc);
    expect(graphOf(back)).toEqual(graphOf(doc));
  });

  const reExports = (dir: string) => () => {
    for (const file of templateFiles(dir)) {
      const first = importTemplateGraph(readTemplate(dir, file), file);
      if (!first.ok) throw new Error(first.error);
      const { back } = roundTrip(first.document);
      expect(graphOf(back), file).toEqual(graphOf(first.document));
    }
  };
  it('re-exports every fixture of src/sam/fixtures to the same graph', reExports(OWN_FIXTURES));
  it.skipIf(!CORPUS_FIXTURES)(
    CORPUS_FIXTURES ? 're-exports every template of the conformance corpus to the same graph' : CORPUS_SKIPPED,
    reExports(CORPUS_FIXTURES ?? ''),
  );

  it('random documents survive export -> import', () => {
    fc.assert(
      fc.property(arbitraryDocument(10), (doc) => {
        const { back, text } = roundTrip(doc);
        expect(graphOf(back), text).toEqual(graphOf(doc));
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});

describe('a table’s class, replicas and backups survive export and import', () => {
  it.each([
    ['on-demand', { capacityMode: 'onDemand' }],
    ['provisioned', { capacityMode: 'provisioned', readCapacityUnits: 12, writeCapacityUnits: 34 }],
  ])('a %s global table of Standard-IA with PITR and backups', (_what, capacity) => {
    const raw = {
      format: 'serverless-sandbox',
      version: 1,
      name: 'tables',
      settings: { region: 'eu-west-1' },
      nodes: [
        { id: 'fn', type: 'lambda', config: {} },
        {
          id: 'table',
          type: 'dynamodb',
          config: {
            ...capacity,
            tableClass: 'standardIa',
            globalReplicas: 3,
            stream: { enabled: true },
            pointInTimeRecovery: true,
            recoveryPeriodDays: 9,
            storageGb: 250,
            backupGb: 500,
          },
        },
      ],
      edges: [{ id: 'e1', source: 'fn', target: 'table' }],
    };
    const r = restoreDocument(raw);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const { back, text } = roundTrip(r.document);
    const template = parse(text) as { Resources: Record<string, { Type: string; Properties: { Replicas?: { Region: string; TableClass?: string }[] } }> };
    const table = template.Resources.table;
    expect(table.Type).toBe('AWS::DynamoDB::GlobalTable');
    expect(table.Properties.Replicas?.map((x) => x.Region)).toEqual(['eu-west-1', 'us-east-1', 'us-west-2', 'ap-northeast-1']);
    expect(table.Properties.Replicas?.every((x) => x.TableClass === 'STANDARD_INFREQUENT_ACCESS')).toBe(true);
    const node = back.nodes.find((n) => n.id === 'table')!;
    expect(node.config).toEqual(r.document.nodes[1].config);
  });

  it('a single-Region table stays an AWS::DynamoDB::Table with TableClass and PointInTimeRecoverySpecification', () => {
    const r = restoreDocument({
      format: 'serverless-sandbox',
      version: 1,
      name: 't',
      settings: {},
      nodes: [{ id: 'table', type: 'dynamodb', config: { tableClass: 'standardIa', pointInTimeRecovery: true, recoveryPeriodDays: 3 } }],
      edges: [],
    });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const { back, text } = roundTrip(r.document);
    const table = (parse(text) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }).Resources.table;
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.Properties.TableClass).toBe('STANDARD_INFREQUENT_ACCESS');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 3 });
    expect(back.nodes[0].config).toEqual(r.document.nodes[0].config);
  });
});
