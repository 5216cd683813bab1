/** Lesson 16: who may call an API, and what asking costs. */
import { lessonDoc, type Lesson } from './lesson';

const authDoc = lessonDoc(
  'Lesson 16 — An authorizer is a function too',
  [
    ['users', 'client', 'App users', 0, 0, { traffic: { shape: 'spike', baseRps: 50, peakRps: 600, atS: 40, lengthS: 20 }, callers: 200 }],
    ['api', 'apiGateway', 'Orders API', 1, 0, { authorizer: { type: 'lambda', function: 'auth', lambdaType: 'token', cacheTtlS: 0 } }],
    ['orders', 'lambda', 'getOrders', 2, 0, { handler: { distribution: 'lognormal', meanMs: 40, p99Ms: 150 } }],
    ['auth', 'lambda', 'checkToken', 2, 1, { initCodeMs: 300, handler: { distribution: 'lognormal', meanMs: 15, p99Ms: 60 } }],
  ],
  [
    ['users', 'api'],
    ['api', 'orders'],
  ],
  { durationS: 120 },
  'A REST API whose Lambda authorizer checks every bearer token, with its result cache turned off.',
);

export const authorizerFree: Lesson = {
  id: 'authorizer-free',
  title: 'An authorizer is a function too',
  summary: 'A Lambda authorizer runs before every request it does not have cached: its cold starts, time and cost are yours.',
  misconception: '"An authorizer is free."',
  learnt:
    'A Lambda authorizer is an invocation of your function on every cache miss, with its own concurrency, cold starts and price. Its result cache (300 s by default, up to 3,600 s) is keyed by the caller’s token: with K callers at r requests a second and a TTL of T seconds, about rT / (rT + K) of the requests skip it. IAM and Cognito/JWT authorizers are checked by API Gateway itself, with no function to pay for.',
  document: authDoc,
  steps: [
    {
      title: 'The authorizer runs on every request',
      text: 'checkToken is the API’s Lambda authorizer, and its result cache is off (TTL 0). Every request first invokes it: one more Lambda invocation, with its own execution environments, before getOrders runs.',
      watch:
        'Open the API card: every request is an authorizer invocation. When the spike comes, checkToken starts new environments: cold starts on its card, and the p99 latency of the API jumps.',
      check: { label: 'Authorizer cold starts', measure: { of: 'node', nodes: ['auth'], field: 'coldStarts' }, op: '>', value: 100, unit: 'count' },
    },
    {
      title: 'Cache the authorizer’s answer for 5 minutes',
      text: 'API Gateway can keep the authorizer’s policy for each token for up to an hour (300 s is the default). The 200 app users send the same tokens again and again, so after each one’s first request the answer comes from the cache and checkToken is not invoked.',
      watch:
        'The API card’s cached share goes above 95%; checkToken has almost no invocations, its cold starts happen only while the first tokens arrive, and its cost falls to a fraction.',
      change: { kind: 'edit', label: 'Set the authorizer cache TTL to 300 s', node: 'api', path: ['authorizer', 'cacheTtlS'], value: 300 },
      check: { label: 'Authorizer cold starts', measure: { of: 'node', nodes: ['auth'], field: 'coldStarts' }, op: '<=', value: 40, unit: 'count' },
    },
  ],
};
