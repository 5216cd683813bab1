import type { NodeType } from '../../model';

/** AWS architecture-diagram category colours, one per service family. */
export const SERVICE_COLOUR: Record<NodeType, string> = {
  client: '#5A6B86',
  cloudfront: '#8C4FFF',
  apiGateway: '#8C4FFF',
  lambda: '#ED7100',
  sqs: '#E7157B',
  sns: '#E7157B',
  eventbridge: '#E7157B',
  dynamodb: '#C925D1',
  dax: '#C925D1',
  s3: '#7AA116',
  stepFunctions: '#E7157B',
};
