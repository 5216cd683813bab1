/**
 * The node catalogue: one entry per AWS service the sandbox models. Adding a service means
 * adding a file under nodes/ and a line here; the other layers' registries are typed
 * `Record<NodeType, …>`, so the type check lists what else it needs (README, "Adding a service").
 */
import { apiGatewayKind } from './nodes/apiGateway';
import { clientKind } from './nodes/client';
import { cloudfrontKind } from './nodes/cloudfront';
import { daxKind } from './nodes/dax';
import { dynamodbKind } from './nodes/dynamodb';
import { eventbridgeKind } from './nodes/eventbridge';
import { kinesisKind } from './nodes/kinesis';
import { lambdaKind } from './nodes/lambda';
import { rdsKind } from './nodes/rds';
import { rdsProxyKind } from './nodes/rdsProxy';
import { s3Kind } from './nodes/s3';
import { snsKind } from './nodes/sns';
import { sqsKind } from './nodes/sqs';
import { stepFunctionsKind } from './nodes/stepFunctions';
import { defaultsOf, type InferFields } from './fields';
import type { Capability, NodeKind } from './nodes/kind';

export const CATALOGUE = {
  client: clientKind,
  cloudfront: cloudfrontKind,
  apiGateway: apiGatewayKind,
  lambda: lambdaKind,
  sqs: sqsKind,
  dynamodb: dynamodbKind,
  dax: daxKind,
  sns: snsKind,
  kinesis: kinesisKind,
  s3: s3Kind,
  eventbridge: eventbridgeKind,
  stepFunctions: stepFunctionsKind,
  rdsProxy: rdsProxyKind,
  rds: rdsKind,
} as const;

export type NodeType = keyof typeof CATALOGUE;

/** In palette order. */
export const NODE_TYPES = Object.keys(CATALOGUE) as NodeType[];

export type ConfigOf<T extends NodeType> = InferFields<(typeof CATALOGUE)[T]['fields']>;

export type ClientConfig = ConfigOf<'client'>;
export type CloudfrontConfig = ConfigOf<'cloudfront'>;
export type ApiGatewayConfig = ConfigOf<'apiGateway'>;
export type LambdaConfig = ConfigOf<'lambda'>;
export type SqsConfig = ConfigOf<'sqs'>;
export type DynamodbConfig = ConfigOf<'dynamodb'>;
export type DaxConfig = ConfigOf<'dax'>;
export type SnsConfig = ConfigOf<'sns'>;
export type S3Config = ConfigOf<'s3'>;
export type EventbridgeConfig = ConfigOf<'eventbridge'>;
export type StepFunctionsConfig = ConfigOf<'stepFunctions'>;
export type KinesisConfig = ConfigOf<'kinesis'>;
export type RdsConfig = ConfigOf<'rds'>;
export type RdsProxyConfig = ConfigOf<'rdsProxy'>;

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CATALOGUE, value);
}

export function kindOf(type: NodeType): NodeKind {
  return CATALOGUE[type] as unknown as NodeKind;
}

export function defaultConfig<T extends NodeType>(type: T): ConfigOf<T> {
  return defaultsOf(CATALOGUE[type].fields) as ConfigOf<T>;
}

export function hasCapability(type: NodeType, capability: Capability): boolean {
  return kindOf(type).capabilities.includes(capability);
}

export const CATEGORIES = [
  { title: 'Traffic & edge', categories: ['traffic', 'edge'] },
  { title: 'Compute', categories: ['compute'] },
  { title: 'Messaging', categories: ['messaging'] },
  { title: 'Data', categories: ['data'] },
] as const satisfies readonly { title: string; categories: readonly NodeKind['category'][] }[];

/** Palette groups: every type exactly once, in catalogue order within its group. */
export function paletteGroups(): { title: string; types: NodeType[] }[] {
  return CATEGORIES.map((g) => ({
    title: g.title,
    types: NODE_TYPES.filter((t) => (g.categories as readonly string[]).includes(kindOf(t).category)),
  }));
}
