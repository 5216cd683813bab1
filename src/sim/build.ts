/** Turn a document into services and edges on a kernel (the one registry of service kinds). */
import { hasCapability, resolveEdge, type ArchNode, type Architecture, type NodeOf, type NodeType } from '../model';
import type { Kernel } from './engine/kernel';
import { ApiGatewayService } from './services/apiGateway';
import { ClientService } from './services/client';
import { CloudfrontService } from './services/cloudfront';
import { DaxService } from './services/dax';
import { DynamodbService } from './services/dynamodb';
import { EventbridgeService } from './services/eventbridge';
import { KinesisService } from './services/kinesis';
import { LambdaService } from './services/lambda';
import { RdsService } from './services/rds';
import { RdsProxyService } from './services/rdsProxy';
import { S3Service } from './services/s3';
import { TokenBucket, type Service } from './services/service';
import { SnsService } from './services/sns';
import { SqsService } from './services/sqs';
import { StepFunctionsService } from './services/stepFunctions';

type Factory = (k: Kernel, index: number, node: ArchNode, durationMs: () => number) => Service;

/** One simulator per node type (a missing type is a type error). */
export const SERVICE_FACTORIES: Record<NodeType, Factory> = {
  client: (k, i, node, durationMs) => new ClientService(k, i, node as NodeOf<'client'>, durationMs),
  cloudfront: (k, i, node) => new CloudfrontService(k, i, node as NodeOf<'cloudfront'>),
  apiGateway: (k, i, node) => new ApiGatewayService(k, i, node as NodeOf<'apiGateway'>),
  lambda: (k, i, node) => new LambdaService(k, i, node as NodeOf<'lambda'>),
  sqs: (k, i, node) => new SqsService(k, i, node as NodeOf<'sqs'>),
  dynamodb: (k, i, node) => new DynamodbService(k, i, node as NodeOf<'dynamodb'>),
  dax: (k, i, node) => new DaxService(k, i, node as NodeOf<'dax'>),
  sns: (k, i, node) => new SnsService(k, i, node as NodeOf<'sns'>),
  kinesis: (k, i, node) => new KinesisService(k, i, node as NodeOf<'kinesis'>),
  s3: (k, i, node) => new S3Service(k, i, node as NodeOf<'s3'>),
  eventbridge: (k, i, node) => new EventbridgeService(k, i, node as NodeOf<'eventbridge'>),
  stepFunctions: (k, i, node) => new StepFunctionsService(k, i, node as NodeOf<'stepFunctions'>),
  rdsProxy: (k, i, node) => new RdsProxyService(k, i, node as NodeOf<'rdsProxy'>),
  rds: (k, i, node) => new RdsService(k, i, node as NodeOf<'rds'>),
};

export function buildServices(k: Kernel, doc: Architecture, durationMs: () => number): void {
  const byId = new Map<string, number>();
  doc.nodes.forEach((node, i) => {
    byId.set(node.id, i);
    k.services.push(SERVICE_FACTORIES[node.type](k, i, node, durationMs));
  });
  for (const e of doc.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (s === undefined || t === undefined) continue;
    const r = resolveEdge(doc.nodes[s].type, doc.nodes[t].type, e.kind);
    if (!r.ok) continue;
    const info = { index: k.edges.length, id: e.id, source: s, target: t, meaning: r.meaning };
    k.edges.push(info);
    k.services[s].out.push(info);
  }
  setPoolCapacity(k, doc);
  k.apiCount = doc.nodes.filter((n) => n.type === 'apiGateway').length;
  k.apiAccount = new TokenBucket(doc.settings.apiAccountRps, doc.settings.apiAccountBurst);
  const clients = k.services.filter((s) => s.node.type === 'client');
  if (clients.length === 1) {
    k.e2e = clients[0].stats;
    k.e2eShared = true;
  }
  // FIFO queues group messages by key (their message group)
  k.needsCallers = doc.nodes.some(
    (n) =>
      n.type === 'apiGateway' &&
      (n.config.authorizer.type === 'lambda' || (n.config.authorizer.type === 'cognito' && n.config.authorizer.missingTokenShare > 0)),
  );
  k.needsKeys = doc.nodes.some((n) => hasCapability(n.type, 'keyed') || (n.type === 'sqs' && n.config.queueType === 'fifo'));
}

/** The unreserved pool: account concurrency less every function's reservation (§1.2). */
export function setPoolCapacity(k: Kernel, doc: Architecture): void {
  let reserved = 0;
  for (const n of doc.nodes) if (n.type === 'lambda' && n.config.reservedConcurrency !== null) reserved += n.config.reservedConcurrency;
  k.accountPool.capacity = Math.max(0, doc.settings.accountConcurrency - reserved);
  const b = k.apiAccount;
  if (b) {
    b.refill(k.nowMs);
    b.ratePerS = doc.settings.apiAccountRps;
    b.capacity = doc.settings.apiAccountBurst;
    b.tokens = Math.min(b.tokens, b.capacity);
  }
}

/** A key that changes when nodes or edges are added, removed, retyped or rewired. */
export function shapeKey(doc: Architecture): string {
  const types = new Map(doc.nodes.map((n) => [n.id, n.type]));
  const nodes = doc.nodes.map((n) => `${n.id}:${n.type}`).join('|');
  // compare meanings, not raw kinds: an inferable kind may or may not be written out
  const edges = doc.edges
    .map((e) => {
      const s = types.get(e.source);
      const t = types.get(e.target);
      const r = s && t ? resolveEdge(s, t, e.kind) : null;
      return `${e.id}:${e.source}>${e.target}:${r && r.ok ? r.meaning : (e.kind ?? '')}`;
    })
    .join('|');
  return nodes + '#' + edges;
}
