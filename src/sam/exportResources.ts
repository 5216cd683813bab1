/** Non-function nodes -> CloudFormation resources (plus the helper resources they need). */
import type { ArchNode, NodeOf } from '../model';
import { getAtt, ref, sub, type Cfn, type ExportContext } from './exportContext';
import { SAM_KINDS, type SamKind } from './kinds';

export function resourceFor(ctx: ExportContext, node: ArchNode): Cfn | undefined {
  const meta = ctx.metadata(node);
  const wrap = (Type: string, Properties: Cfn) => ({ Type, ...(meta ? { Metadata: meta } : {}), Properties });
  return (SAM_KINDS[node.type] as SamKind<typeof node.type>).exportResource(ctx, node as never, wrap);
}

/** Regions a global table's replicas are exported to, in order, skipping the document's own. */
const REPLICA_REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'ap-northeast-1',
  'eu-central-1',
  'ap-southeast-2',
  'us-east-2',
  'us-west-1',
  'eu-west-2',
  'ap-southeast-1',
  'ap-south-1',
  'sa-east-1',
  'ca-central-1',
  'eu-north-1',
  'eu-west-3',
  'ap-northeast-2',
  'ap-northeast-3',
  'eu-south-1',
  'me-south-1',
  'af-south-1',
  'ap-east-1',
  'eu-central-2',
  'eu-south-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'me-central-1',
  'il-central-1',
  'ca-west-1',
  'mx-central-1',
  'ap-southeast-5',
];

/** A table: AWS::DynamoDB::Table, or AWS::DynamoDB::GlobalTable with one replica per Region when it has replicas. */
export function tableResource(ctx: ExportContext, node: NodeOf<'dynamodb'>): Cfn {
  const c = node.config;
  const changes = ctx.from(node, 'changeStream');
  if (changes.length > 1)
    ctx.comments.push(
      `Table ${ctx.id(node)} streams its changes to ${changes.length} Kinesis streams; a template names one, so only ${ctx.id(changes[0].target)} is written.`,
    );
  const kinesis = changes.length ? { KinesisStreamSpecification: { StreamArn: getAtt(ctx.id(changes[0].target), 'Arn') } } : {};
  const pitr = c.pointInTimeRecovery
    ? { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: c.recoveryPeriodDays } }
    : {};
  const tableClass = c.tableClass === 'standardIa' ? { TableClass: 'STANDARD_INFREQUENT_ACCESS' } : {};
  // what no table property says: the size stored and the on-demand backups kept
  const patches = [
    ...(c.storageGb !== 1 ? [{ path: 'storageGb', value: c.storageGb }] : []),
    ...(c.backupGb > 0 ? [{ path: 'backupGb', value: c.backupGb }] : []),
  ];
  const meta = ctx.metadata(node, patches.length ? { config: patches } : {});
  const keys = { AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] };
  const stream = c.stream.enabled ? { StreamSpecification: { StreamViewType: c.stream.viewType } } : {};
  const resource = (Type: string, Properties: Cfn): Cfn => ({ Type, ...(meta ? { Metadata: meta } : {}), Properties });
  const provisioned = c.capacityMode === 'provisioned';
  if (c.globalReplicas === 0) {
    return resource('AWS::DynamoDB::Table', {
      ...keys,
      BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
      ...(provisioned ? { ProvisionedThroughput: { ReadCapacityUnits: c.readCapacityUnits, WriteCapacityUnits: c.writeCapacityUnits } } : {}),
      ...stream,
      ...kinesis,
      ...tableClass,
      ...pitr,
    });
  }
  // a global table: every replica takes the table's settings; its own Region comes first
  const home = ctx.doc.settings.region;
  const regions = [home, ...REPLICA_REGIONS.filter((r) => r !== home)].slice(0, 1 + c.globalReplicas);
  const replicas = regions.map((Region, i) => ({
    Region,
    ...tableClass,
    ...pitr,
    ...(provisioned ? { ReadProvisionedThroughputSettings: { ReadCapacityUnits: c.readCapacityUnits } } : {}),
    ...(i === 0 ? kinesis : {}),
  }));
  const writes = { MinCapacity: c.writeCapacityUnits, MaxCapacity: c.writeCapacityUnits, TargetTrackingScalingPolicyConfiguration: { TargetValue: 70 } };
  return resource('AWS::DynamoDB::GlobalTable', {
    ...keys,
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...(provisioned ? { WriteProvisionedThroughputSettings: { WriteCapacityAutoScalingSettings: writes } } : {}),
    ...stream,
    Replicas: replicas,
  });
}

export function daxResource(ctx: ExportContext, node: NodeOf<'dax'>, wrap: Wrap): Cfn {
  return wrap('AWS::DAX::Cluster', { NodeType: node.config.nodeType, ReplicationFactor: node.config.nodes, IAMRoleARN: getAtt(daxRole(ctx, node), 'Arn') });
}

export function topicResource(ctx: ExportContext, node: NodeOf<'sns'>, wrap: Wrap): Cfn {
  subscriptions(ctx, node);
  return wrap('AWS::SNS::Topic', {});
}

export function distributionResource(ctx: ExportContext, node: NodeOf<'cloudfront'>, wrap: Wrap): Cfn {
  const f = node.config.functions;
  const attached = f.viewerRequest !== 'none' || f.viewerResponse !== 'none' || f.originRequest !== 'none' || f.originResponse !== 'none';
  if (!attached) return wrap('AWS::CloudFront::Distribution', { DistributionConfig: distribution(ctx, node, ctx.id(node)) });
  // the functions' settings travel in the metadata; CloudFront Functions also as real resources
  const meta = ctx.metadata(node, {
    config: [
      { path: 'functions', value: f },
      { path: 'edgeFunction', value: node.config.edgeFunction },
    ],
  });
  return {
    Type: 'AWS::CloudFront::Distribution',
    ...(meta ? { Metadata: meta } : {}),
    Properties: { DistributionConfig: distribution(ctx, node, ctx.id(node)) },
  };
}

const EVENT_TYPES = {
  viewerRequest: 'viewer-request',
  viewerResponse: 'viewer-response',
  originRequest: 'origin-request',
  originResponse: 'origin-response',
} as const;

/** CloudFront Functions as AWS::CloudFront::Function resources and their associations; Lambda@Edge as a note (it lives in us-east-1). */
function edgeAssociations(ctx: ExportContext, node: NodeOf<'cloudfront'>, id: string): Cfn {
  const f = node.config.functions;
  const associations: Cfn[] = [];
  for (const [trigger, eventType] of Object.entries(EVENT_TYPES) as [keyof typeof EVENT_TYPES, string][]) {
    if (f[trigger] === 'cloudfrontFunction') {
      const fn = ctx.allocate(`${id}${trigger[0].toUpperCase()}${trigger.slice(1)}Function`);
      ctx.resources[fn] = {
        Type: 'AWS::CloudFront::Function',
        Properties: {
          Name: fn,
          AutoPublish: true,
          FunctionConfig: { Comment: `${eventType} function of ${id}`, Runtime: 'cloudfront-js-2.0' },
          FunctionCode:
            trigger === 'viewerRequest' ? 'function handler(event) { return event.request; }' : 'function handler(event) { return event.response; }',
        },
      };
      associations.push({ EventType: eventType, FunctionARN: getAtt(fn, 'FunctionMetadata.FunctionARN') });
    } else if (f[trigger] === 'lambdaEdge') {
      ctx.comments.push(
        `${id} runs Lambda@Edge on ${eventType}: deploy that function in us-east-1 and add it under LambdaFunctionAssociations (its settings are in this resource's metadata).`,
      );
    }
  }
  return associations.length ? { FunctionAssociations: associations } : {};
}

export function ruleResource(ctx: ExportContext, node: NodeOf<'eventbridge'>, wrap: Wrap): Cfn {
  return wrap('AWS::Events::Rule', rule(ctx, node, ctx.id(node)));
}

type Wrap = (type: string, props: Cfn) => Cfn;

export function apiResource(ctx: ExportContext, node: NodeOf<'apiGateway'>, wrap: Wrap): Cfn | undefined {
  const c = node.config;
  const throttle = { ThrottlingRateLimit: c.rateLimitRps, ThrottlingBurstLimit: c.burstLimit };
  const rest = c.flavor === 'rest';
  const endpoint = { EndpointConfiguration: { Type: c.endpointType.toUpperCase() } };
  const auth = apiAuth(ctx, node);
  const settings = rest
    ? { MethodSettings: [{ ResourcePath: '/*', HttpMethod: '*', ...throttle }], ...endpoint, ...auth }
    : { DefaultRouteSettings: throttle, ...auth };
  serviceIntegrations(ctx, node);
  if (ctx.isImplicitApi(node)) {
    // SAM creates this API from the functions' events; its settings go through Globals.
    ctx.globals[rest ? 'Api' : 'HttpApi'] = settings;
    return undefined;
  }
  return wrap(rest ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi', rest ? { StageName: 'Prod', ...settings } : settings);
}

/**
 * SAM `Auth` for the API's authorizer: `DefaultAuthorizer: AWS_IAM` (HTTP APIs also
 * `EnableIamAuthorizer`); a Cognito user pool (REST `UserPoolArn`; HTTP a JWT authorizer on
 * the pool's issuer), with the pool and an app client as resources; a Lambda authorizer
 * (`FunctionArn`, REST `FunctionPayloadType`, `Identity.ReauthorizeEvery` = the cache TTL).
 */
function apiAuth(ctx: ExportContext, node: NodeOf<'apiGateway'>): Cfn {
  const a = node.config.authorizer;
  const rest = node.config.flavor === 'rest';
  if (a.type === 'none') return {};
  if (a.type === 'iam') return { Auth: rest ? { DefaultAuthorizer: 'AWS_IAM' } : { EnableIamAuthorizer: true, DefaultAuthorizer: 'AWS_IAM' } };
  if (a.type === 'cognito') {
    const api = ctx.id(node);
    const pool = ctx.allocate(`${api}UserPool`);
    ctx.resources[pool] = { Type: 'AWS::Cognito::UserPool', Properties: {} };
    if (rest) return { Auth: { DefaultAuthorizer: 'CognitoAuthorizer', Authorizers: { CognitoAuthorizer: { UserPoolArn: getAtt(pool, 'Arn') } } } };
    const client = ctx.allocate(`${api}UserPoolClient`);
    ctx.resources[client] = { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: ref(pool) } };
    const jwt = {
      IdentitySource: '$request.header.Authorization',
      JwtConfiguration: { issuer: sub(`https://cognito-idp.\${AWS::Region}.amazonaws.com/\${${pool}}`), audience: [ref(client)] },
    };
    return { Auth: { DefaultAuthorizer: 'JwtAuthorizer', Authorizers: { JwtAuthorizer: jwt } } };
  }
  const fn = ctx.from(node, 'authorizer')[0]?.target;
  if (!fn) return {};
  const identity =
    rest && a.lambdaType === 'token'
      ? { Header: 'Authorization', ReauthorizeEvery: a.cacheTtlS }
      : { Headers: ['Authorization'], ReauthorizeEvery: a.cacheTtlS };
  const lambda = rest
    ? { FunctionArn: getAtt(ctx.id(fn), 'Arn'), FunctionPayloadType: a.lambdaType === 'request' ? 'REQUEST' : 'TOKEN', Identity: identity }
    : { FunctionArn: getAtt(ctx.id(fn), 'Arn'), AuthorizerPayloadFormatVersion: '2.0', EnableSimpleResponses: true, Identity: identity };
  return { Auth: { DefaultAuthorizer: 'LambdaAuthorizer', Authorizers: { LambdaAuthorizer: lambda } } };
}

const INTEGRATION_ACTION: Record<string, { iam: string[]; rest: string; http?: string }> = {
  sqs: { iam: ['sqs:SendMessage'], rest: 'sqs:path/${AWS::AccountId}/${Target.QueueName}', http: 'SQS-SendMessage' },
  dynamodb: { iam: ['dynamodb:PutItem', 'dynamodb:GetItem'], rest: 'dynamodb:action/PutItem' },
  eventbridge: { iam: ['events:PutEvents'], rest: 'events:action/PutEvents', http: 'EventBridge-PutEvents' },
};

/**
 * API Gateway service integrations (no Lambda in between): REST `AWS` integrations on the root
 * resource's POST, HTTP API `AWS_PROXY` integrations with their subtype, and the role API
 * Gateway assumes to call the service.
 */
function serviceIntegrations(ctx: ExportContext, node: NodeOf<'apiGateway'>): void {
  // a Kinesis integration travels in the stream's own metadata (sam/kinesis.ts)
  const links = ctx.from(node, 'integration').filter((l) => Object.prototype.hasOwnProperty.call(INTEGRATION_ACTION, l.target.type));
  if (links.length === 0) return;
  const api = ctx.id(node);
  const role = ctx.allocate(`${api}IntegrationRole`);
  ctx.resources[role] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: 'ServiceIntegrations',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: links.map((l) => ({
              Effect: 'Allow',
              Action: INTEGRATION_ACTION[l.target.type].iam,
              Resource: l.target.type === 'eventbridge' ? '*' : getAtt(ctx.id(l.target), 'Arn'),
            })),
          },
        },
      ],
    },
  };
  const timeout = Math.min(node.config.timeoutMs, node.config.flavor === 'http' ? 30_000 : 29_000);
  for (const l of links) {
    const t = ctx.id(l.target);
    const action = INTEGRATION_ACTION[l.target.type];
    if (node.config.flavor === 'http') {
      if (!action.http) {
        ctx.comments.push(`${api} → ${t}: HTTP APIs have no DynamoDB integration; use a REST API or a function before deploying.`);
        continue;
      }
      const integration = ctx.allocate(`${api}To${t}Integration`);
      const params: Cfn =
        l.target.type === 'sqs' ? { QueueUrl: ref(t), MessageBody: '$request.body' } : { Source: 'serverless-sandbox', DetailType: t, Detail: '$request.body' };
      ctx.resources[integration] = {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: {
          ApiId: ref(api),
          IntegrationType: 'AWS_PROXY',
          IntegrationSubtype: action.http,
          PayloadFormatVersion: '1.0',
          CredentialsArn: getAtt(role, 'Arn'),
          RequestParameters: params,
          TimeoutInMillis: timeout,
        },
      };
      ctx.resources[ctx.allocate(`${api}To${t}Route`)] = {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: { ApiId: ref(api), RouteKey: `POST /${t}`, Target: sub(`integrations/\${${integration}}`) },
      };
      continue;
    }
    const template =
      l.target.type === 'sqs'
        ? undefined
        : l.target.type === 'dynamodb'
          ? sub(`{"TableName": "\${${t}}", "Item": {"pk": {"S": "$context.requestId"}}}`)
          : `{"Entries": [{"Source": "serverless-sandbox", "DetailType": "${t}", "Detail": "$util.escapeJavaScript($input.body)"}]}`;
    const resource = ctx.allocate(`${api}${t}Resource`);
    ctx.resources[resource] = { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: ref(api), ParentId: getAtt(api, 'RootResourceId'), PathPart: t } };
    ctx.resources[ctx.allocate(`${api}To${t}Method`)] = {
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        RestApiId: ref(api),
        ResourceId: ref(resource),
        HttpMethod: 'POST',
        AuthorizationType: 'NONE',
        Integration: {
          Type: 'AWS',
          IntegrationHttpMethod: 'POST',
          Uri: sub(`arn:aws:apigateway:\${AWS::Region}:${action.rest.replace('Target', t)}`),
          Credentials: getAtt(role, 'Arn'),
          TimeoutInMillis: timeout,
          ...(l.target.type === 'sqs'
            ? {
                RequestParameters: {
                  'integration.request.querystring.Action': "'SendMessage'",
                  'integration.request.querystring.MessageBody': 'method.request.body',
                },
              }
            : {}),
          ...(template ? { RequestTemplates: { 'application/json': template } } : {}),
          IntegrationResponses: [{ StatusCode: '200' }],
        },
        MethodResponses: [{ StatusCode: '200' }],
      },
    };
  }
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
                : {
                    Effect: 'Allow',
                    Action: ['dynamodb:DescribeTable'],
                    Resource: sub('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*'),
                  },
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
    if (link.target.config.queueType === 'fifo')
      ctx.comments.push(`FIFO queue ${q} can only subscribe to a FIFO topic; make ${ctx.id(node)} a FIFO topic (FifoTopic: true) before deploying.`);
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
      ...edgeAssociations(ctx, node, id),
    },
  };
}

function rule(ctx: ExportContext, node: NodeOf<'eventbridge'>, id: string): Cfn {
  const targets = ctx.from(node, 'target');
  const dlq = ctx.from(node, 'dlq')[0];
  const deadLetter = dlq ? { DeadLetterConfig: { Arn: getAtt(ctx.id(dlq.target), 'Arn') } } : {};
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
    return {
      Id: `Target${i + 1}`,
      Arn: link.target.type === 'sns' ? ref(t) : getAtt(t, 'Arn'),
      ...(fifo ? { SqsParameters: { MessageGroupId: id } } : {}),
      ...deadLetter,
    };
  });
  const schedule = node.config.schedule;
  return {
    ...(schedule !== null ? { ScheduleExpression: schedule } : { EventPattern: { source: ['serverless-sandbox'], 'detail-type': [id] } }),
    State: 'ENABLED',
    ...(list.length ? { Targets: list } : {}),
  };
}
