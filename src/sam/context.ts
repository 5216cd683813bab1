/**
 * What the resource-family readers share while importing one template: the resources, the
 * nodes and edges found so far, settings written with range checks, and the warnings.
 */
import { CATALOGUE, defaultConfig, findField, resolveEdge, setAt, type EdgeKind, type NodeType } from '../model';
import { isObject, literal, literalNumber, literalString, referencesIn, type Evaluation, type Reference } from './intrinsics';
import type { Template } from './parse';

export interface Resource {
  id: string;
  type: string;
  props: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** SAM's embedded connectors, a resource attribute beside Properties. */
  connectors: Record<string, unknown>;
  condition?: string;
}

export interface DraftNode {
  id: string;
  type: NodeType;
  label?: string;
  config: Record<string, unknown>;
}

export interface DraftEdge {
  source: string;
  target: string;
  kind?: EdgeKind;
}

/** Resource types that only carry links or settings of nodes: read, never reported as unsupported. */
export const HELPER_TYPES = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::Lambda::Url',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::SNS::Subscription',
  'AWS::SNS::TopicPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::S3::BucketPolicy',
  'AWS::CloudFront::OriginAccessControl',
  'AWS::CloudFront::CloudFrontOriginAccessIdentity',
  'AWS::CloudFront::CachePolicy',
  'AWS::CloudFront::OriginRequestPolicy',
  'AWS::CloudFront::ResponseHeadersPolicy',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Model',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Deployment',
  'AWS::Serverless::Connector',
  'AWS::RDS::DBProxyTargetGroup',
  'AWS::RDS::DBSubnetGroup',
  'AWS::Logs::LogGroup',
  'AWS::DAX::SubnetGroup',
  'AWS::DAX::ParameterGroup',
  'AWS::Kinesis::StreamConsumer',
  'AWS::CloudFront::Function',
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient',
]);

export class ImportContext {
  readonly resources = new Map<string, Resource>();
  readonly nodes = new Map<string, DraftNode>();
  readonly edges: DraftEdge[] = [];
  readonly warnings: string[] = [];
  /** Resources folded into another node (an Aurora cluster's member instances): neither nodes nor "not modelled". */
  readonly absorbed = new Set<string>();
  readonly ev: Evaluation;
  /** Physical names written in the template (TableName: Orders) -> logical ID. */
  readonly physicalNames = new Map<string, string>();
  private readonly nameExpressions = new Map<string, string>();
  private readonly warned = new Set<string>();

  constructor(readonly template: Template) {
    const parameters = isObject(template.Parameters) ? template.Parameters : {};
    const mappings = isObject(template.Mappings) ? template.Mappings : {};
    this.ev = {
      parameters,
      mappings,
      onCondition: (c) => this.warnOnce(`condition ${c}: a value under !If was read from its first (true) branch`),
      onProblem: (m) => this.warnOnce(m),
    };
    for (const [id, raw] of Object.entries(template.Resources)) {
      if (!isObject(raw) || typeof raw.Type !== 'string') {
        this.warn(`resource ${id} has no Type; it was skipped`);
        continue;
      }
      this.resources.set(id, {
        id,
        type: raw.Type,
        props: isObject(raw.Properties) ? raw.Properties : {},
        metadata: isObject(raw.Metadata) ? raw.Metadata : {},
        connectors: isObject(raw.Connectors) ? raw.Connectors : {},
        condition: typeof raw.Condition === 'string' ? raw.Condition : undefined,
      });
    }
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warnings.push(message);
  }

  ofType(...types: string[]): Resource[] {
    return [...this.resources.values()].filter((r) => types.includes(r.type));
  }

  lit(value: unknown) {
    return literal(value, this.ev);
  }
  num(value: unknown) {
    return literalNumber(value, this.ev);
  }
  str(value: unknown) {
    return literalString(value, this.ev);
  }

  addNode(id: string, type: NodeType, from?: Resource): DraftNode {
    const existing = this.nodes.get(id);
    if (existing) return existing;
    const node: DraftNode = { id, type, config: JSON.parse(JSON.stringify(defaultConfig(type))) as Record<string, unknown> };
    this.nodes.set(id, node);
    if (from?.condition) {
      this.warn(`${id} is created only when condition ${from.condition} is true; it was imported as if it were`);
    }
    return node;
  }

  /** The node a reference points at: the node itself, or the function behind an alias, version or URL. */
  nodeFor(ref: Reference | string | undefined, depth = 0): DraftNode | undefined {
    if (ref === undefined || depth > 5) return undefined;
    const id = typeof ref === 'string' ? ref : ref.id;
    const node = this.nodes.get(id);
    if (node) return node;
    const res = this.resources.get(id);
    if (res && ['AWS::Lambda::Alias', 'AWS::Lambda::Version'].includes(res.type)) return this.nodeFor(this.refIn(res.props.FunctionName), depth + 1);
    if (res?.type === 'AWS::Lambda::Url') return this.nodeFor(this.refIn(res.props.TargetFunctionArn), depth + 1);
    // an Aurora cluster's member instance stands for its cluster (rds.ts)
    if (res?.type === 'AWS::RDS::DBInstance' && this.absorbed.has(id)) return this.nodeFor(this.refIn(res.props.DBClusterIdentifier), depth + 1);
    if (!res) {
      // SAM's generated IDs: <Function>Alias<Name>, <Function>Version<hash>, <Function>Url.
      const m = /^(.+?)(Alias[A-Za-z0-9]+|Version[A-Za-z0-9]+|Url)$/.exec(id);
      if (m && this.nodes.get(m[1])?.type === 'lambda') return this.nodes.get(m[1]);
    }
    return undefined;
  }

  /** The first logical ID referenced in `value`. */
  refIn(value: unknown): Reference | undefined {
    return referencesIn(value)[0];
  }

  /** Node referenced by `value`: a Ref/GetAtt/Sub, or a literal physical name. */
  nodeIn(value: unknown): DraftNode | undefined {
    for (const ref of referencesIn(value)) {
      const node = this.nodeFor(ref);
      if (node) return node;
    }
    const name = this.str(value);
    if (name === undefined) {
      // Names built the same way on both sides: BucketName: !Sub '${AWS::StackName}-files'.
      const id = value !== undefined ? this.nameExpressions.get(JSON.stringify(value)) : undefined;
      return id ? this.nodes.get(id) : undefined;
    }
    const id = this.physicalNames.get(name) ?? this.physicalNames.get(name.split(/[:/]/).pop() ?? '');
    return id ? this.nodes.get(id) : undefined;
  }

  /** Record a resource's physical name (a literal, or an expression compared as written). */
  nameNode(node: DraftNode, name: unknown): void {
    if (name === undefined || name === null) return;
    const literal = this.str(name);
    if (literal === undefined) {
      this.nameExpressions.set(JSON.stringify(name), node.id);
      return;
    }
    this.physicalNames.set(literal, node.id);
    node.label = literal.slice(0, 120);
  }

  /** Connect two nodes when the sandbox has a meaning for it; otherwise say why not. */
  link(source: DraftNode | undefined, target: DraftNode | undefined, kind: EdgeKind | undefined, why: string): boolean {
    if (!source || !target || source.id === target.id) return false;
    const r = resolveEdge(source.type, target.type, kind);
    if (!r.ok) {
      this.warnOnce(`${why}: ${source.id} -> ${target.id} is not drawn (${r.reason})`);
      return false;
    }
    const k = r.kind;
    if (this.edges.some((e) => e.source === source.id && e.target === target.id && e.kind === k)) return true;
    this.edges.push({ source: source.id, target: target.id, ...(k ? { kind: k } : {}) });
    return true;
  }

  /**
   * Write a numeric setting, converted by `scale` and kept in the range the sandbox (and
   * AWS) allow; a value outside it is clamped with a warning.
   */
  setNumber(node: DraftNode, path: string[], raw: unknown, source: string, scale = 1): void {
    if (raw === undefined || raw === null) return;
    const n = this.num(raw);
    if (n === undefined) {
      this.warn(`${node.id}: ${source} is not a literal number; the default was kept`);
      return;
    }
    const spec = findField(CATALOGUE[node.type].fields, path, node.config);
    if (!spec || spec.kind !== 'number') return;
    let v = n * scale;
    if (spec.integer) v = scale === 1 ? Math.round(v) : Math.ceil(v - 1e-9);
    const clamped = Math.min(spec.max, Math.max(spec.min, v));
    if (clamped !== v)
      this.warn(
        `${node.id}: ${source} ${n} is outside what the sandbox models (${spec.min}–${spec.max}${spec.unit ? ' ' + spec.unit : ''} after conversion); ${clamped} was used`,
      );
    node.config = setAt(node.config, path, clamped);
  }

  setValue(node: DraftNode, path: string[], value: unknown): void {
    node.config = setAt(node.config, path, value);
  }
}

export { isObject };
