/** One Lambda node -> AWS::Serverless::Function with its events, policies and destinations. */
import { runtimeInfo, unhandled, type NodeOf } from '../model';
import { getAtt, ref, type Cfn, type ExportContext, type Link } from './exportContext';
import { SAM_KINDS, type SamKind } from './kinds';
import { VPC_CONFIG, databaseEndpoint } from './rds';

const HANDLERS: Record<string, string> = {
  nodejs: 'index.handler',
  python: 'app.handler',
  java: 'example.Handler::handleRequest',
  dotnet: 'Function::Function.Handler::FunctionHandler',
  ruby: 'app.handler',
  provided: 'bootstrap',
};

const envName = (logical: string, suffix: string) => `${logical.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}_${suffix}`.replace(/^([^A-Z])/, 'R_$1');

export function functionResource(ctx: ExportContext, node: NodeOf<'lambda'>): Cfn {
  const c = node.config;
  const id = ctx.id(node);
  const props: Cfn = {
    Runtime: c.runtime,
    Handler: HANDLERS[runtimeInfo(c.runtime)?.family ?? 'nodejs'],
    CodeUri: `src/${id}/`,
    MemorySize: c.memoryMb,
    Timeout: Math.ceil(c.timeoutMs / 1000),
    Architectures: [c.architecture],
  };
  if (c.reservedConcurrency !== null) props.ReservedConcurrentExecutions = c.reservedConcurrency;
  if (c.provisionedConcurrency > 0 || c.snapStart) props.AutoPublishAlias = 'live';
  if (c.provisionedConcurrency > 0) props.ProvisionedConcurrencyConfig = { ProvisionedConcurrentExecutions: c.provisionedConcurrency };
  if (c.snapStart) props.SnapStart = { ApplyOn: 'PublishedVersions' };
  if (c.vpc) props.VpcConfig = VPC_CONFIG;

  const onFailure = ctx.from(node, 'onFailure')[0];
  if (onFailure || c.maxRetryAttempts !== 2 || c.maxEventAgeS !== 21_600) {
    props.EventInvokeConfig = {
      MaximumRetryAttempts: c.maxRetryAttempts,
      MaximumEventAgeInSeconds: c.maxEventAgeS,
      ...(onFailure ? { DestinationConfig: { OnFailure: destination(ctx, onFailure) } } : {}),
    };
  }

  const env: Cfn = {};
  const policies: Cfn[] = [];
  const calls: { target: string; kind?: 'async' }[] = [];
  for (const link of ctx.from(node, 'data', 'send', 'publish', 'objects', 'invoke', 'asyncInvoke', 'putEvents', 'startExecution', 'putRecords', 'sql')) {
    const t = ctx.id(link.target);
    switch (link.meaning) {
      case 'data':
        if (link.target.type === 'dax') {
          env[envName(t, 'DAX_ENDPOINT')] = getAtt(t, 'ClusterDiscoveryEndpointURL');
          policies.push({ Statement: [{ Effect: 'Allow', Action: ['dax:*'], Resource: getAtt(t, 'Arn') }] });
        } else {
          env[envName(t, 'TABLE')] = ref(t);
          policies.push({ DynamoDBCrudPolicy: { TableName: ref(t) } });
        }
        break;
      case 'send':
        env[envName(t, 'QUEUE_URL')] = ref(t);
        policies.push({ SQSSendMessagePolicy: { QueueName: getAtt(t, 'QueueName') } });
        break;
      case 'publish':
        env[envName(t, 'TOPIC_ARN')] = ref(t);
        policies.push({ SNSPublishMessagePolicy: { TopicName: getAtt(t, 'TopicName') } });
        break;
      case 'objects':
        env[envName(t, 'BUCKET')] = ref(t);
        policies.push({ S3CrudPolicy: { BucketName: ref(t) } });
        break;
      case 'invoke':
      case 'asyncInvoke':
        env[envName(t, 'FUNCTION')] = ref(t);
        if (!calls.some((x) => x.target === t)) policies.push({ LambdaInvokePolicy: { FunctionName: ref(t) } });
        calls.push({ target: t, ...(link.meaning === 'asyncInvoke' ? { kind: 'async' as const } : {}) });
        break;
      case 'putRecords':
        env[envName(t, 'STREAM_NAME')] = ref(t);
        policies.push({ KinesisCrudPolicy: { StreamName: ref(t) } });
        break;
      case 'putEvents':
        env[envName(t, 'RULE_ARN')] = getAtt(t, 'Arn');
        if (!policies.some((p) => 'EventBridgePutEventsPolicy' in p)) policies.push({ EventBridgePutEventsPolicy: { EventBusName: 'default' } });
        break;
      case 'sql':
        if (link.target.type === 'rds' || link.target.type === 'rdsProxy') env[envName(t, 'DB_HOST')] = databaseEndpoint(ctx, link.target);
        break;
      case 'startExecution':
        env[envName(t, 'STATE_MACHINE_ARN')] = ref(t);
        policies.push({ StepFunctionsExecutionPolicy: { StateMachineName: getAtt(t, 'Name') } });
        break;
      default:
        unhandled(link.meaning, 'edge meaning');
    }
  }
  if (Object.keys(env).length) props.Environment = { Variables: env };
  if (policies.length) props.Policies = policies;
  const events = eventsFor(ctx, node);
  if (Object.keys(events).length) props.Events = events;

  const metadata = ctx.metadata(node, calls.length ? { invokes: calls } : {});
  return { Type: 'AWS::Serverless::Function', ...(metadata ? { Metadata: metadata } : {}), Properties: props };
}

function destination(ctx: ExportContext, link: Link): Cfn {
  const t = ctx.id(link.target);
  switch (link.target.type) {
    case 'sqs':
      return { Type: 'SQS', Destination: getAtt(t, 'Arn') };
    case 'sns':
      return { Type: 'SNS', Destination: ref(t) };
    case 'lambda':
      return { Type: 'Lambda', Destination: getAtt(t, 'Arn') };
    default:
      ctx.comments.push(`${ctx.id(link.source)} sends failed events to rule ${t}; in AWS the destination is the event bus the rule listens on.`);
      return { Type: 'EventBridge', Destination: getAtt(t, 'Arn') };
  }
}

/** Events of the function: what invokes it (APIs, queues, streams, buckets, topics). */
function eventsFor(ctx: ExportContext, node: NodeOf<'lambda'>): Cfn {
  const events: Cfn = {};
  const name = (base: string) => {
    let n = base.replace(/[^A-Za-z0-9]/g, '') || 'Event';
    for (let i = 2; n in events; i++) n = `${base}${i}`;
    return n;
  };
  for (const link of ctx.to(node, 'proxy', 'esm', 'stream', 'notification', 'subscription')) {
    const s = link.source;
    const sid = ctx.id(s);
    if (s.type === 'apiGateway') {
      const implicit = ctx.isImplicitApi(s);
      const shared = ctx.from(s, 'proxy').length > 1;
      const rest = s.config.flavor === 'rest';
      events[name(`From${sid}`)] = {
        Type: rest ? 'Api' : 'HttpApi',
        Properties: {
          ...(implicit ? {} : { [rest ? 'RestApiId' : 'ApiId']: ref(sid) }),
          Path: shared ? `/${ctx.id(node)}/{proxy+}` : '/{proxy+}',
          Method: 'ANY',
          TimeoutInMillis: s.config.timeoutMs,
        },
      };
    } else {
      const event = (SAM_KINDS[s.type] as SamKind<typeof s.type>).event;
      if (event) events[name(`From${sid}`)] = { Type: event.type, Properties: event.write(ctx, s as never, node) };
    }
  }
  return events;
}
