/** Edge functions through SAM/CloudFormation: a template written for this test, imported, exported and imported again. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Architecture } from '../model';
import { exportTemplate } from './export';
import { importTemplateGraph } from './import';

const TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Site:
    Type: AWS::S3::Bucket
  Rewrite:
    Type: AWS::CloudFront::Function
    Properties:
      Name: rewrite
      AutoPublish: true
      FunctionConfig: { Comment: index.html for folders, Runtime: cloudfront-js-2.0 }
      FunctionCode: "function handler(event) { return event.request; }"
  Signer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      AutoPublishAlias: live
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: site
            DomainName: !GetAtt Site.RegionalDomainName
            S3OriginConfig: { OriginAccessIdentity: '' }
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          DefaultTTL: 3600
          FunctionAssociations:
            - EventType: viewer-request
              FunctionARN: !GetAtt Rewrite.FunctionMetadata.FunctionARN
          LambdaFunctionAssociations:
            - EventType: origin-request
              LambdaFunctionARN: !Ref Signer.Version
`;

function imported(text: string): { doc: Architecture; warnings: string[] } {
  const r = importTemplateGraph(text, 'edge.yaml');
  if (!r.ok) throw new Error(r.error);
  return { doc: r.document, warnings: r.warnings };
}
const cdn = (doc: Architecture) => doc.nodes.find((n) => n.type === 'cloudfront') as Extract<Architecture['nodes'][number], { type: 'cloudfront' }>;

describe('edge functions in SAM templates', () => {
  it('reads CloudFront Functions and Lambda@Edge associations at their trigger points', () => {
    const { doc, warnings } = imported(TEMPLATE);
    expect(cdn(doc).config.functions).toEqual({
      viewerRequest: 'cloudfrontFunction',
      viewerResponse: 'none',
      originRequest: 'lambdaEdge',
      originResponse: 'none',
    });
    expect(cdn(doc).config.cacheTtlS).toBe(3600);
    // the CloudFront Function resource is read as part of the distribution, not reported as unsupported
    expect(warnings.join('\n')).not.toMatch(/AWS::CloudFront::Function is not modelled/);
    expect(warnings.join('\n')).toMatch(/Lambda@Edge on origin-request is simulated inside the distribution/);
  });

  it('writes CloudFront Functions as resources with their associations, and round-trips every setting', () => {
    const { doc } = imported(TEMPLATE);
    const node = cdn(doc);
    const edited: Architecture = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === node.id
          ? {
              ...node,
              config: {
                ...node.config,
                functions: { ...node.config.functions, viewerResponse: 'cloudfrontFunction' },
                edgeFunction: { ...node.config.edgeFunction, lambdaEdgeMemoryMb: 512, lambdaEdgeMs: 40 },
              },
            }
          : n,
      ),
    };
    const text = exportTemplate(edited);
    const t = parse(text) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const functions = Object.values(t.Resources).filter((r) => r.Type === 'AWS::CloudFront::Function');
    expect(functions).toHaveLength(2);
    const behaviour = (t.Resources[node.id].Properties.DistributionConfig as { DefaultCacheBehavior: { FunctionAssociations: { EventType: string }[] } })
      .DefaultCacheBehavior;
    expect(behaviour.FunctionAssociations.map((a) => a.EventType).sort()).toEqual(['viewer-request', 'viewer-response']);
    expect(text).toMatch(/Lambda@Edge on origin-request: deploy that function in us-east-1/);
    const again = cdn(imported(text).doc);
    expect(again.config.functions).toEqual({
      viewerRequest: 'cloudfrontFunction',
      viewerResponse: 'cloudfrontFunction',
      originRequest: 'lambdaEdge',
      originResponse: 'none',
    });
    expect(again.config.edgeFunction).toMatchObject({ lambdaEdgeMemoryMb: 512, lambdaEdgeMs: 40 });
  });
});
