/** API authorizers out to SAM `Auth` and back (import of written templates: fixtures/authorizers.yaml). */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { restoreDocument } from '../model';
import { exportTemplate } from './export';
import { importTemplateGraph } from './import';

function apiDoc(flavor: 'rest' | 'http', authorizer: Record<string, unknown>) {
  const r = restoreDocument({
    format: 'serverless-sandbox',
    version: 1,
    name: 'auth',
    settings: {},
    nodes: [
      { id: 'api', type: 'apiGateway', position: { x: 0, y: 0 }, config: { flavor, authorizer } },
      { id: 'orders', type: 'lambda', position: { x: 200, y: 0 }, config: {} },
      { id: 'checkToken', type: 'lambda', position: { x: 200, y: 200 }, config: {} },
    ],
    edges: [{ id: 'e1', source: 'api', target: 'orders' }],
    faults: [],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.document;
}

const lambdaAuth = { type: 'lambda', function: 'checkToken', lambdaType: 'token', cacheTtlS: 120, deniedShare: 0.1 };

describe('authorizers in SAM templates', () => {
  it.each([
    ['rest', { type: 'iam' }, { DefaultAuthorizer: 'AWS_IAM' }],
    ['http', { type: 'iam' }, { EnableIamAuthorizer: true, DefaultAuthorizer: 'AWS_IAM' }],
    ['rest', { type: 'cognito' }, { DefaultAuthorizer: 'CognitoAuthorizer' }],
    ['http', { type: 'cognito' }, { DefaultAuthorizer: 'JwtAuthorizer' }],
    ['rest', lambdaAuth, { DefaultAuthorizer: 'LambdaAuthorizer' }],
    ['http', { ...lambdaAuth, lambdaType: 'request' }, { DefaultAuthorizer: 'LambdaAuthorizer' }],
  ] as const)('a %s API with %j exports Auth and imports back the same authorizer', (flavor, authorizer, auth) => {
    const doc = apiDoc(flavor, authorizer);
    const text = exportTemplate(doc);
    const template = parse(text) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const api = template.Resources.api;
    expect(api.Type).toBe(flavor === 'rest' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi');
    expect(api.Properties.Auth).toMatchObject(auth);
    if (authorizer.type === 'lambda') {
      const a = (api.Properties.Auth as { Authorizers: { LambdaAuthorizer: Record<string, unknown> } }).Authorizers.LambdaAuthorizer;
      expect(a.FunctionArn).toEqual({ 'Fn::GetAtt': ['checkToken', 'Arn'] });
      expect(a.Identity).toMatchObject({ ReauthorizeEvery: 120 });
      if (flavor === 'rest') expect(a.FunctionPayloadType).toBe('TOKEN');
      else expect(a.AuthorizerPayloadFormatVersion).toBe('2.0');
    }
    if (authorizer.type === 'cognito') expect(Object.values(template.Resources).some((r) => r.Type === 'AWS::Cognito::UserPool')).toBe(true);
    const back = importTemplateGraph(text, 'auth.yaml');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    const node = back.document.nodes.find((n) => n.id === 'api');
    expect(node?.type === 'apiGateway' && node.config.authorizer).toEqual(doc.nodes[0].type === 'apiGateway' && doc.nodes[0].config.authorizer);
    expect(back.warnings.filter((w) => /authori|Cognito/i.test(w))).toEqual([]);
    expect(back.document.edges.some((e) => e.kind === 'authorizer')).toBe(authorizer.type === 'lambda');
  });
});
