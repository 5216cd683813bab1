import { enumOf, int } from '../fields';
import { defineKind } from './kind';

export const apiGatewayKind = defineKind({
  type: 'apiGateway',
  label: 'API Gateway',
  description: 'HTTPS front door: throttles with a token bucket (429), times out slow integrations (504).',
  category: 'edge',
  capabilities: [],
  entry: { ratePerS: 20, when: 'always', unit: 'requests', verb: 'calls' },
  docsUrl: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html',
  fields: {
    flavor: enumOf({
      label: 'API type',
      hint: 'REST: $3.50/M, more features. HTTP: $1.00/M and up to 60% less added latency.',
      default: 'rest',
      options: [
        { value: 'rest', label: 'REST API' },
        { value: 'http', label: 'HTTP API' },
      ],
    }),
    endpointType: enumOf({
      label: 'Endpoint type',
      hint: 'Regional, edge-optimized (REST only) or private (REST only). Only Regional and private REST APIs may raise the 29 s integration timeout.',
      default: 'regional',
      options: [
        { value: 'regional', label: 'Regional' },
        { value: 'edge', label: 'Edge-optimized' },
        { value: 'private', label: 'Private' },
      ],
    }),
    rateLimitRps: int({ label: 'Rate limit', unit: 'rps', min: 0, max: 1_000_000, default: 10_000, hint: "This API's stage/method limit (token bucket), inside the account limit every API shares (document settings, 10,000 rps). Above it: 429." }),
    burstLimit: int({ label: 'Burst limit', unit: 'requests', min: 0, max: 1_000_000, default: 5_000, hint: "Bucket size of this API's stage/method limit; the account's shared burst is 5,000." }),
    timeoutMs: int({ label: 'Integration timeout', unit: 'ms', min: 50, max: 300_000, default: 29_000, hint: '50 ms–29 s by default (REST may be raised; HTTP APIs max 30 s). Slower integrations get 504.' }),
  },
  crossCheck: (c) => {
    const problems: { field: string[]; message: string }[] = [];
    if (c.flavor === 'http' && c.timeoutMs > 30_000) problems.push({ field: ['timeoutMs'], message: `${c.timeoutMs} ms is above 30,000 ms, the fixed maximum for HTTP APIs` });
    if (c.flavor === 'http' && c.endpointType !== 'regional') problems.push({ field: ['endpointType'], message: `HTTP APIs are Regional only; ${c.endpointType} endpoints exist for REST APIs` });
    if (c.flavor === 'rest' && c.endpointType === 'edge' && c.timeoutMs > 29_000) {
      problems.push({ field: ['timeoutMs'], message: `${c.timeoutMs} ms is above 29,000 ms; only Regional and private REST APIs may raise the integration timeout (edge-optimized ones may not)` });
    }
    return problems;
  },
  summary: (c) => [c.flavor === 'rest' ? 'REST API' : 'HTTP API', `${c.rateLimitRps.toLocaleString('en-US')} rps / burst ${c.burstLimit.toLocaleString('en-US')}`, `timeout ${c.timeoutMs / 1000} s`],
});
