/**
 * APIs: AWS::Serverless::Api / AWS::ApiGateway::RestApi (REST) and AWS::Serverless::HttpApi /
 * AWS::ApiGatewayV2::Api (HTTP), their throttling and integration timeouts, and the
 * integrations (methods, V2 integrations, OpenAPI bodies) that point at functions, and the
 * service integrations that skip the function: REST `AWS` integrations (the target named in
 * the Uri, request parameters or templates) and HTTP API `AWS_PROXY` integrations with an
 * `IntegrationSubtype` (SQS-SendMessage, EventBridge-PutEvents).
 */
import { isObject, type DraftNode, type ImportContext } from './context';
import { referencesIn } from './intrinsics';
import { withGlobals } from './functions';

/** Targets of a service integration (docs/document-format.md "New edge meanings"). */
const SERVICE_TARGETS = new Set(['sqs', 'dynamodb', 'eventbridge']);
/** HTTP API first-class integrations we model, by subtype prefix. */
const SUBTYPE_TARGET: Record<string, string> = { SQS: 'sqs', EventBridge: 'eventbridge' };

export const REST = ['AWS::Serverless::Api', 'AWS::ApiGateway::RestApi'];
export const HTTP = ['AWS::Serverless::HttpApi', 'AWS::ApiGatewayV2::Api'];

export function declareApis(ctx: ImportContext): void {
  for (const res of ctx.ofType(...REST, ...HTTP)) {
    const node = ctx.addNode(res.id, 'apiGateway', res);
    ctx.setValue(node, ['flavor'], REST.includes(res.type) ? 'rest' : 'http');
    if (res.type === 'AWS::ApiGatewayV2::Api' && ctx.str(res.props.ProtocolType) === 'WEBSOCKET') {
      ctx.warn(`${res.id} is a WebSocket API; it is drawn as an HTTP API`);
    }
    const name = ctx.str(res.props.Name);
    if (name) node.label = name.slice(0, 120);
    // SAM: EndpointConfiguration: REGIONAL or { Type: REGIONAL }; CloudFormation: { Types: [REGIONAL] }
    const ec = res.props.EndpointConfiguration;
    const type = ctx.str(ec) ?? (isObject(ec) ? (ctx.str(ec.Type) ?? (Array.isArray(ec.Types) ? ctx.str(ec.Types[0]) : undefined)) : undefined);
    const endpoint = type ? { REGIONAL: 'regional', EDGE: 'edge', PRIVATE: 'private' }[type.toUpperCase()] : undefined;
    if (endpoint && REST.includes(res.type)) ctx.setValue(node, ['endpointType'], endpoint);
  }
}

/** Settings and integrations; runs after function events created the implicit APIs. */
export function readApis(ctx: ImportContext): void {
  const globals = isObject(ctx.template.Globals) ? ctx.template.Globals : {};
  for (const node of ctx.nodes.values()) {
    if (node.type !== 'apiGateway') continue;
    const res = ctx.resources.get(node.id);
    const isSamRest = res ? res.type === 'AWS::Serverless::Api' : node.id === 'ServerlessRestApi';
    const isSamHttp = res ? res.type === 'AWS::Serverless::HttpApi' : node.id === 'ServerlessHttpApi';
    const own = res?.props ?? {};
    if (isSamRest) readRestThrottle(ctx, node, withGlobals(globals.Api, own).MethodSettings);
    if (isSamHttp) readRouteSettings(ctx, node, withGlobals(globals.HttpApi, own).DefaultRouteSettings);
    if (isSamRest || isSamHttp) readSamAuth(ctx, node, withGlobals(isSamRest ? globals.Api : globals.HttpApi, own).Auth);
    if (res?.type === 'AWS::ApiGatewayV2::Api' && res.props.Target !== undefined) {
      ctx.link(node, ctx.nodeIn(res.props.Target), undefined, `${node.id} quick-create target`);
    }
    if (own.DefinitionBody !== undefined || own.Body !== undefined) {
      for (const ref of referencesIn(own.DefinitionBody ?? own.Body)) {
        const target = ctx.nodeFor(ref);
        if (target?.type === 'lambda') ctx.link(node, target, undefined, `${node.id} OpenAPI integration`);
      }
    }
    if (own.DefinitionUri !== undefined || own.BodyS3Location !== undefined) {
      ctx.warn(`${node.id}: its OpenAPI definition is in a separate file; integrations defined there are not read`);
    }
  }
  for (const res of ctx.ofType('AWS::ApiGateway::Method')) {
    const api = ctx.nodeIn(res.props.RestApiId);
    const integration = isObject(res.props.Integration) ? res.props.Integration : {};
    const target = referencesIn(integration.Uri)
      .map((r) => ctx.nodeFor(r))
      .find((n) => n?.type === 'lambda');
    if (!api) continue;
    if (integration.TimeoutInMillis !== undefined) ctx.setNumber(api, ['timeoutMs'], integration.TimeoutInMillis, `${res.id} TimeoutInMillis`);
    const type = ctx.str(integration.Type);
    const service =
      type === 'AWS'
        ? (referencesIn(integration)
            .map((r) => ctx.nodeFor(r))
            .find((n) => n !== undefined && SERVICE_TARGETS.has(n.type)) ??
          (/:events:/.test(JSON.stringify(integration.Uri ?? '')) ? eventBus(ctx, integration) : undefined))
        : undefined;
    if (target) ctx.link(api, target, undefined, `method ${res.id}`);
    else if (service) ctx.link(api, service, undefined, `method ${res.id} (AWS service integration)`);
    else if (type !== 'MOCK') ctx.warn(`method ${res.id}: its integration is not a function, queue, table or event bus in this template; no edge was drawn`);
  }
  for (const res of ctx.ofType('AWS::ApiGatewayV2::Integration')) {
    const api = ctx.nodeIn(res.props.ApiId);
    const target = referencesIn(res.props.IntegrationUri)
      .map((r) => ctx.nodeFor(r))
      .find((n) => n?.type === 'lambda');
    if (!api) continue;
    if (res.props.TimeoutInMillis !== undefined) ctx.setNumber(api, ['timeoutMs'], res.props.TimeoutInMillis, `${res.id} TimeoutInMillis`);
    const subtype = ctx.str(res.props.IntegrationSubtype);
    const wanted = subtype ? SUBTYPE_TARGET[subtype.split('-')[0]] : undefined;
    const service = wanted
      ? (referencesIn(res.props.RequestParameters)
          .map((r) => ctx.nodeFor(r))
          .find((n) => n?.type === wanted) ?? (wanted === 'eventbridge' ? eventBus(ctx, res.props.RequestParameters) : undefined))
      : undefined;
    if (target) ctx.link(api, target, undefined, `integration ${res.id}`);
    else if (service) ctx.link(api, service, undefined, `integration ${res.id} (${subtype})`);
    else if (subtype) ctx.warn(`integration ${res.id}: subtype ${subtype} is not modelled or its target is not in this template; no edge was drawn`);
    else ctx.warn(`integration ${res.id}: its target is not a function in this template; no edge was drawn`);
  }
  readCfnAuthorizers(ctx);
  for (const res of ctx.ofType('AWS::ApiGateway::Stage')) {
    const api = ctx.nodeIn(res.props.RestApiId);
    if (api) readRestThrottle(ctx, api, res.props.MethodSettings);
  }
  for (const res of ctx.ofType('AWS::ApiGatewayV2::Stage')) {
    const api = ctx.nodeIn(res.props.ApiId);
    if (api) readRouteSettings(ctx, api, res.props.DefaultRouteSettings);
  }
}

/**
 * PutEvents names a bus, not a rule: the rule whose logical ID is the integration's
 * DetailType (our export writes it so), else the template's only rule without a schedule.
 */
function eventBus(ctx: ImportContext, value: unknown): DraftNode | undefined {
  const text = JSON.stringify(value ?? '');
  const m = /\\?"?DetailType\\?"?\s*:\s*\\?"([^"\\]+)/.exec(text);
  const named = m ? ctx.nodes.get(m[1]) : undefined;
  if (named?.type === 'eventbridge') return named;
  const rules = [...ctx.nodes.values()].filter((n) => n.type === 'eventbridge' && ctx.resources.get(n.id)?.props.ScheduleExpression === undefined);
  return rules.length === 1 ? rules[0] : undefined;
}

function readRestThrottle(ctx: ImportContext, node: DraftNode, settings: unknown): void {
  const list = Array.isArray(settings) ? settings : [];
  // The stage-wide setting ("/*" + "*") is the one the sandbox's single bucket stands for.
  const wide = list.find((s) => isObject(s) && (s.ResourcePath === undefined || ctx.str(s.ResourcePath) === '/*')) ?? list[0];
  if (isObject(wide)) readRouteSettings(ctx, node, wide);
}

function readRouteSettings(ctx: ImportContext, node: DraftNode, s: unknown): void {
  if (!isObject(s)) return;
  ctx.setNumber(node, ['rateLimitRps'], s.ThrottlingRateLimit, 'ThrottlingRateLimit');
  ctx.setNumber(node, ['burstLimit'], s.ThrottlingBurstLimit, 'ThrottlingBurstLimit');
}

/** What an authorizer of the template stands for in the sandbox (one per API, `authorizer`). */
interface AuthSpec {
  type: 'iam' | 'cognito' | 'lambda';
  fn?: DraftNode;
  lambdaType?: 'token' | 'request';
  ttl?: unknown;
  where: string;
}

const authorized = new WeakMap<ImportContext, Map<string, string>>();

/** Give `api` its authorizer; the sandbox models one per API, so a second is named in a warning. */
function setAuthorizer(ctx: ImportContext, api: DraftNode, a: AuthSpec): void {
  let seen = authorized.get(ctx);
  if (!seen) authorized.set(ctx, (seen = new Map()));
  const before = seen.get(api.id);
  if (before !== undefined) {
    if (before !== a.where) ctx.warnOnce(`${api.id}: ${a.where} is not modelled; the sandbox gives an API one authorizer (${before})`);
    return;
  }
  if (a.type === 'lambda' && a.fn?.type !== 'lambda') {
    ctx.warn(`${api.id}: ${a.where} names no function of this template; the API is left without an authorizer`);
    return;
  }
  seen.set(api.id, a.where);
  if (a.type !== 'lambda') {
    ctx.setValue(api, ['authorizer'], { type: a.type });
    return;
  }
  ctx.setValue(api, ['authorizer'], { type: 'lambda', function: a.fn!.id, lambdaType: a.lambdaType ?? 'token' });
  ctx.setNumber(api, ['authorizer', 'cacheTtlS'], a.ttl, `${a.where} result TTL`);
}

/**
 * SAM `Auth`: `DefaultAuthorizer` (AWS_IAM or a name under `Authorizers`), each authorizer a
 * Lambda (`FunctionArn`; REST `FunctionPayloadType` TOKEN or REQUEST; `Identity.ReauthorizeEvery`
 * the result TTL), a Cognito user pool (REST `UserPoolArn`) or a JWT authorizer (HTTP
 * `JwtConfiguration`). Without a default, a single authorizer is the one the API has.
 */
function readSamAuth(ctx: ImportContext, api: DraftNode, auth: unknown): void {
  if (!isObject(auth)) return;
  const authorizers = isObject(auth.Authorizers) ? auth.Authorizers : {};
  const names = Object.keys(authorizers);
  const chosen = ctx.str(auth.DefaultAuthorizer) ?? (names.length === 1 ? names[0] : undefined);
  if (chosen === undefined) {
    if (names.length > 1) ctx.warn(`${api.id}: ${names.length} authorizers and no DefaultAuthorizer; routes choose theirs, the sandbox gives the API none`);
    if (auth.EnableIamAuthorizer === true) ctx.warn(`${api.id}: EnableIamAuthorizer without DefaultAuthorizer: AWS_IAM leaves routes open; no authorizer`);
    return;
  }
  if (chosen === 'AWS_IAM') {
    setAuthorizer(ctx, api, { type: 'iam', where: 'DefaultAuthorizer AWS_IAM' });
    return;
  }
  const a = authorizers[chosen];
  if (!isObject(a)) {
    ctx.warn(`${api.id}: DefaultAuthorizer ${chosen} is not under Auth.Authorizers; no authorizer`);
    return;
  }
  const where = `authorizer ${chosen}`;
  if (a.UserPoolArn !== undefined || a.JwtConfiguration !== undefined) {
    setAuthorizer(ctx, api, { type: 'cognito', where });
    return;
  }
  const identity = isObject(a.Identity) ? a.Identity : {};
  const payload = ctx.str(a.FunctionPayloadType)?.toUpperCase();
  setAuthorizer(ctx, api, {
    type: 'lambda',
    fn: ctx.nodeIn(a.FunctionArn),
    lambdaType: payload === 'REQUEST' || api.config.flavor === 'http' ? 'request' : 'token',
    ttl: identity.ReauthorizeEvery,
    where,
  });
}

/**
 * CloudFormation: `AWS::ApiGateway::Authorizer` (Type TOKEN, REQUEST or COGNITO_USER_POOLS) and
 * `AWS::ApiGatewayV2::Authorizer` (AuthorizerType REQUEST or JWT), with `AuthorizerUri` naming
 * the function and `AuthorizerResultTtlInSeconds` (default 300); a method or route with
 * `AuthorizationType: AWS_IAM` makes an API without another authorizer an IAM one.
 */
function readCfnAuthorizers(ctx: ImportContext): void {
  for (const res of ctx.ofType('AWS::ApiGateway::Authorizer', 'AWS::ApiGatewayV2::Authorizer')) {
    const v2 = res.type === 'AWS::ApiGatewayV2::Authorizer';
    const api = ctx.nodeIn(v2 ? res.props.ApiId : res.props.RestApiId);
    if (!api) continue;
    const type = ctx.str(v2 ? res.props.AuthorizerType : res.props.Type)?.toUpperCase();
    const where = `authorizer ${res.id}`;
    if (type === 'COGNITO_USER_POOLS' || type === 'JWT') setAuthorizer(ctx, api, { type: 'cognito', where });
    else if (type === 'TOKEN' || type === 'REQUEST') {
      const fn = referencesIn(res.props.AuthorizerUri)
        .map((r) => ctx.nodeFor(r))
        .find((n) => n?.type === 'lambda');
      setAuthorizer(ctx, api, { type: 'lambda', fn, lambdaType: type === 'REQUEST' ? 'request' : 'token', ttl: res.props.AuthorizerResultTtlInSeconds, where });
    } else ctx.warn(`${res.id}: authorizer type ${type ?? '(none)'} is not modelled`);
  }
  for (const res of ctx.ofType('AWS::ApiGateway::Method', 'AWS::ApiGatewayV2::Route')) {
    if (ctx.str(res.props.AuthorizationType)?.toUpperCase() !== 'AWS_IAM') continue;
    const api = ctx.nodeIn(res.type === 'AWS::ApiGatewayV2::Route' ? res.props.ApiId : res.props.RestApiId);
    if (api) setAuthorizer(ctx, api, { type: 'iam', where: 'AuthorizationType AWS_IAM' });
  }
}
