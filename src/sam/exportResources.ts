/** Non-function nodes -> CloudFormation resources (plus the helper resources they need). */
import type { ArchNode, NodeOf } from '../model';
import { getAtt, ref, sub, type Cfn, type ExportContext } from './exportContext';
import { SAM_KINDS, type SamKind } from './kinds';

export function resourceFor(ctx: ExportContext, node: ArchNode): Cfn | undefined {
  const meta = ctx.metadata(node);
  const wrap = (Type: string, Properties: Cfn) => ({ Type, ...(meta ? { Metadata: meta } : {}), Properties });
  return (SAM_KINDS[node.type] as SamKind<typeof node.type>).exportResource(ctx, node as never, wrap);
}

export function tableResource(ctx: ExportContext, node: NodeOf<'dynamodb'>): Cfn {
  const c = node.config;
  const changes = ctx.from(node, 'changeStream');
  if (changes.length > 1) ctx.comments.push(`Table ${ctx.id(node)} streams its changes to ${changes.length} Kinesis streams; a template names one, so only ${ctx.id(changes[0].target)} is written.`);
  return {
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: c.capacityMode === 'onDemand' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    ...(c.capacityMode === 'provisioned' ? { ProvisionedThroughput: { ReadCapacityUnits: c.readCapacityUnits, WriteCapacityUnits: c.writeCapacityUnits } } : {}),
    ...(c.stream.enabled ? { StreamSpecification: { StreamViewType: c.stream.viewType } } : {}),
    ...(changes.length ? { KinesisStreamSpecification: { StreamArn: getAtt(ctx.id(changes[0].target), 'Arn') } } : {}),
  };
}

export function daxResource(ctx: ExportContext, node: NodeOf<'dax'>, wrap: Wrap): Cfn {
  return wrap('AWS::DAX::Cluster', { NodeType: node.config.nodeType, ReplicationFactor: node.config.nodes, IAMRoleARN: getAtt(daxRole(ctx, node), 'Arn') });
}

export function topicResource(ctx: ExportContext, node: NodeOf<'sns'>, wrap: Wrap): Cfn {
  subscriptions(ctx, node);
  return wrap('AWS::SNS::Topic', {});
}

export function distributionResource(ctx: ExportContext, node: NodeOf<'cloudfront'>, wrap: Wrap): Cfn {
  return wrap('AWS::CloudFront::Distribution', { DistributionConfig: distribution(ctx, node, ctx.id(node)) });
}

export function ruleResource(ctx: ExportContext, node: NodeOf<'eventbridge'>, wrap: Wrap): Cfn {
  return wrap('AWS::Events::Rule', rule(ctx, node, ctx.id(node)));
}

type Wrap = (type: string, props: Cfn) => Cfn;

export function apiResource(ctx: ExportContext, node: NodeOf<'apiGateway'>, wrap: Wrap): Cfn | undefined {
  const c = node.config;
  const throttle = { ThrottlingRateLimit: c.rateLimitRps, ThrottlingBurstLimit: c.burstLimit };
  const rest = c.flavor === 'rest';
  const settings = rest ? { MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', ...throttle }] } : { DefaultRouteSettings: throttle };
  if (ctx.isImplicitApi(node)) {
    // SAM creates this API from the functions' events; its settings go through Globals.
    ctx.globals[rest ? 'Api' : 'HttpApi'] = settings;
    return undefined;
  }
  return wrap(rest ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi', rest ? { StageName: 'Prod', ...settings } : settings);
}

export function queueResource(ctx: ExportContext, node: NodeOf<'sqs'>): Cfn {
  const c = node.config;
  const dlq = ctx.from(node, 'dlq')[0];
  const senders = ctx.to(node, 'subscription', 'target').map((l) => l.source);
  if (senders.length) {
    ctx.resources[ctx.allocate(`${ctx.id(node)}Policy`)] = {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [ref(ctx.id(node))],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: senders.map((s) => ({
            Effect: 'Allow',
            Principal: { Service: s.type === 'sns' ? 'sns.amazonaws.com' : 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: getAtt(ctx.id(node), 'Arn'),
            Condition: { ArnEquals: { 'aws:SourceArn': s.type === 'sns' ? ref(ctx.id(s)) : getAtt(ctx.id(s), 'Arn') } },
          })),
        },
      },
    };
  }
  return {
    ...(c.queueType === 'fifo' ? { FifoQueue: true } : {}),
    VisibilityTimeout: c.visibilityTimeoutS,
    MessageRetentionPeriod: c.retentionS,
    ...(dlq ? { RedrivePolicy: { deadLetterTargetArn: getAtt(ctx.id(dlq.target), 'Arn'), maxReceiveCount: c.maxReceiveCount } } : {}),
  };
}

function daxRole(ctx: ExportContext, node: NodeOf<'dax'>): string {
  const roleId = ctx.allocate(`${ctx.id(node)}Role`);
  const tables = ctx.from(node, 'readThrough').map((l) => getAtt(ctx.id(l.target), 'Arn'));
  ctx.resources[roleId] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'dax.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: 'TableAccess',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              tables.length
                ? { Effect: 'Allow', Action: ['dynamodb:*'], Resource: tables }
                : { Effect: 'Allow', Action: ['dynamodb:DescribeTable'], Resource: sub('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*') },
            ],
          },
        },
      ],
    },
  };
  ctx.comments.push(`DAX cluster ${ctx.id(node)} runs in a VPC: add SubnetGroupName and SecurityGroupIds before deploying.`);
  return roleId;
}

function subscriptions(ctx: ExportContext, node: NodeOf<'sns'>): void {
  for (const link of ctx.from(node, 'subscription')) {
    if (link.target.type !== 'sqs') continue; // Lambda subscribers use the function's SNS event.
    const q = ctx.id(link.target);
    if (link.target.config.queueType === 'fifo') ctx.comments.push(`FIFO queue ${q} can only subscribe to a FIFO topic; make ${ctx.id(node)} a FIFO topic (FifoTopic: true) before deploying.`);
    ctx.resources[ctx.allocate(`${ctx.id(node)}To${q}Subscription`)] = {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: ref(ctx.id(node)), Protocol: 'sqs', Endpoint: getAtt(q, 'Arn') },
    };
  }
}

function distribution(ctx: ExportContext, node: NodeOf<'cloudfront'>, id: string): Cfn {
  const origins: ({ Id: string } & Cfn)[] = ctx.from(node, 'origin').map((link, i) => {
    const t = ctx.id(link.target);
    const originId = `Origin${i + 1}${t}`;
    if (link.target.type === 's3') return { Id: originId, DomainName: getAtt(t, 'RegionalDomainName'), S3OriginConfig: { OriginAccessIdentity: '' } };
    const custom = { CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } };
    if (link.target.type === 'apiGateway') {
      const rest = link.target.config.flavor === 'rest';
      return { Id: originId, DomainName: sub(`\${${t}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`), ...(rest ? { OriginPath: '/Prod' } : {}), ...custom };
    }
    const url = ctx.allocate(`${t}Url`);
    ctx.resources[url] = { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: getAtt(t, 'Arn'), AuthType: 'NONE' } };
    return { Id: originId, DomainName: { 'Fn::Select': [2, { 'Fn::Split': ['/', getAtt(url, 'FunctionUrl')] }] }, ...custom };
  });
  if (origins.length === 0) {
    ctx.comments.push(`Distribution ${id} has no origin in the diagram; example.com stands in for one.`);
    origins.push({ Id: 'Placeholder', DomainName: 'example.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } });
  }
  const ttl = node.config.cacheTtlS;
  return {
    Enabled: true,
    Origins: origins,
    DefaultCacheBehavior: {
      TargetOriginId: origins[0].Id,
      ViewerProtocolPolicy: 'redirect-to-https',
      ForwardedValues: { QueryString: false },
      MinTTL: 0,
      DefaultTTL: ttl,
      MaxTTL: Math.max(ttl, 31_536_000),
    },
  };
}

function rule(ctx: ExportContext, node: NodeOf<'eventbridge'>, id: string): Cfn {
  const targets = ctx.from(node, 'target');
  if (targets.length > 5) ctx.comments.push(`Rule ${id} has ${targets.length} targets; EventBridge allows 5 per rule, so split it before deploying.`);
  const list = targets.map((link, i) => {
    const t = ctx.id(link.target);
    if (link.target.type === 'lambda') {
      ctx.resources[ctx.allocate(`${id}To${t}Permission`)] = {
        Type: 'AWS::Lambda::Permission',
        Properties: { Action: 'lambda:InvokeFunction', FunctionName: ref(t), Principal: 'events.amazonaws.com', SourceArn: getAtt(id, 'Arn') },
      };
    }
    const fifo = link.target.type === 'sqs' && link.target.config.queueType === 'fifo';
    return { Id: `Target${i + 1}`, Arn: link.target.type === 'sns' ? ref(t) : getAtt(t, 'Arn'), ...(fifo ? { SqsParameters: { MessageGroupId: id } } : {}) };
  });
  const schedule = node.config.schedule;
  return {
    ...(schedule !== null ? { ScheduleExpression: schedule } : { EventPattern: { source: ['serverless-sandbox'], 'detail-type': [id] } }),
    State: 'ENABLED',
    ...(list.length ? { Targets: list } : {}),
  };
}
