import { enumOf, int, num, text, union } from '../fields';
import { defineKind } from './kind';

/** Callers with no token, on Cognito and Lambda authorizers alike; only the hint differs. */
const missingToken = (hint: string) => num({ label: 'Callers without a token', min: 0, max: 1, step: 0.05, default: 0, hint });

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
    rateLimitRps: int({
      label: 'Rate limit',
      unit: 'rps',
      min: 0,
      max: 1_000_000,
      default: 10_000,
      hint: "This API's stage/method limit (token bucket), inside the account limit every API shares (document settings, 10,000 rps). Above it: 429.",
    }),
    burstLimit: int({
      label: 'Burst limit',
      unit: 'requests',
      min: 0,
      max: 1_000_000,
      default: 5_000,
      hint: "Bucket size of this API's stage/method limit; the account's shared burst is 5,000.",
    }),
    authorizer: union({
      label: 'Authorizer',
      hint: 'Who may call. IAM (SigV4) and Cognito/JWT are checked by the gateway itself. A Lambda authorizer is a real invocation of that function on every cache miss; its failure or throttle answers 500.',
      discriminator: 'type',
      default: 'none',
      variants: {
        none: { label: 'None (open)', fields: {} },
        iam: { label: 'IAM (SigV4)', fields: {} },
        cognito: {
          label: 'Cognito user pool / JWT',
          fields: {
            missingTokenShare: missingToken('Share of the callers that send no token (no Authorization header): the gateway answers them 401 Unauthorized.'),
          },
        },
        lambda: {
          label: 'Lambda authorizer',
          fields: {
            function: text({
              label: 'Function',
              hint: 'The Lambda on the canvas that authorizes requests (an edge marked "authorizer" follows from it).',
              default: '',
              maxLength: 128,
              nodeRef: 'lambda',
            }),
            lambdaType: enumOf({
              label: 'Authorizer type',
              hint: 'TOKEN: one header (a bearer token) is the identity. REQUEST: headers, query strings or context are. HTTP API Lambda authorizers are request-based. The simulator keys the cache by caller either way.',
              default: 'token',
              options: [
                { value: 'token', label: 'TOKEN (one header)' },
                { value: 'request', label: 'REQUEST (identity sources)' },
              ],
            }),
            cacheTtlS: int({
              label: 'Result cache TTL',
              unit: 's',
              min: 0,
              max: 3_600,
              default: 300,
              hint: '0–3,600 s, default 300 s. A cached result (allow or deny) skips the authorizer for that caller until it expires; 0 invokes it on every request.',
            }),
            deniedShare: num({
              label: 'Denied callers',
              min: 0,
              max: 1,
              step: 0.05,
              default: 0,
              hint: 'Share of the callers whose token the authorizer denies: they get 403 (the deny is cached too).',
            }),
            missingTokenShare: missingToken(
              'Share of the callers that send no token (the identity source is missing): the gateway answers them 401 Unauthorized without invoking the authorizer.',
            ),
          },
        },
      },
    }),
    timeoutMs: int({
      label: 'Integration timeout',
      unit: 'ms',
      min: 50,
      max: 300_000,
      default: 29_000,
      hint: '50 ms–29 s by default (REST may be raised; HTTP APIs max 30 s). Slower integrations get 504.',
    }),
  },
  crossCheck: (c, doc) => {
    const problems: { field: string[]; message: string }[] = [];
    const auth = c.authorizer;
    if (auth.type === 'lambda') {
      const fn = doc.nodes.find((n) => n.id === auth.function);
      if (!fn)
        problems.push({
          field: ['authorizer', 'function'],
          message: auth.function
            ? `"${auth.function}" is not the id of any node; a Lambda authorizer names a Lambda node`
            : 'a Lambda authorizer needs a function: name a Lambda node',
        });
      else if (fn.type !== 'lambda')
        problems.push({ field: ['authorizer', 'function'], message: `"${auth.function}" is not a Lambda; an authorizer is a Lambda function` });
    }
    if (c.flavor === 'http' && c.timeoutMs > 30_000)
      problems.push({ field: ['timeoutMs'], message: `${c.timeoutMs} ms is above 30,000 ms, the fixed maximum for HTTP APIs` });
    if (c.flavor === 'http' && c.endpointType !== 'regional')
      problems.push({ field: ['endpointType'], message: `HTTP APIs are Regional only; ${c.endpointType} endpoints exist for REST APIs` });
    if (c.flavor === 'rest' && c.endpointType === 'edge' && c.timeoutMs > 29_000) {
      problems.push({
        field: ['timeoutMs'],
        message: `${c.timeoutMs} ms is above 29,000 ms; only Regional and private REST APIs may raise the integration timeout (edge-optimized ones may not)`,
      });
    }
    return problems;
  },
  summary: (c) => {
    // the card shows three lines: the authorizer shares the first
    const a = c.authorizer;
    const auth =
      a.type === 'none'
        ? ''
        : a.type === 'iam'
          ? ' · IAM auth'
          : a.type === 'cognito'
            ? c.flavor === 'http'
              ? ' · JWT auth'
              : ' · Cognito auth'
            : ` · Lambda auth (${a.cacheTtlS} s)`;
    return [
      `${c.flavor === 'rest' ? 'REST API' : 'HTTP API'}${auth}`,
      `${c.rateLimitRps.toLocaleString('en-US')} rps / burst ${c.burstLimit.toLocaleString('en-US')}`,
      `timeout ${c.timeoutMs / 1000} s`,
    ];
  },
});

interface EdgeLike {
  id: string;
  source: string;
  target: string;
  kind?: string;
}
interface NodeLike {
  id: string;
  type: string;
  config?: unknown;
}

/** The Lambda an API's authorizer invokes, or null (no Lambda authorizer). */
export function authorizerFunction(node: NodeLike): string | null {
  if (node.type !== 'apiGateway') return null;
  const a = (node.config as { authorizer?: { type: string; function?: string } } | undefined)?.authorizer;
  return a && a.type === 'lambda' && a.function ? a.function : null;
}

/**
 * The edges with every API's authorizer edge derived from its setting, as Step Functions'
 * task edges are: one `kind: "authorizer"` edge to the Lambda its authorizer names (kept
 * when present, added as `<api>-auth-<function>` otherwise), none otherwise.
 */
export function withDerivedAuthorizerEdges<E extends EdgeLike>(nodes: readonly NodeLike[], edges: readonly E[]): E[] {
  const types = new Map(nodes.map((n) => [n.id, n.type]));
  const wanted = new Map<string, string | null>();
  for (const n of nodes) {
    if (n.type !== 'apiGateway') continue;
    const fn = authorizerFunction(n);
    wanted.set(n.id, fn !== null && types.get(fn) === 'lambda' ? fn : null);
  }
  const have = new Set<string>();
  const out: E[] = [];
  let changed = false;
  for (const e of edges) {
    if (e.kind === 'authorizer' && wanted.has(e.source)) {
      if (wanted.get(e.source) !== e.target || have.has(e.source)) {
        changed = true;
        continue;
      }
      have.add(e.source);
    }
    out.push(e);
  }
  const taken = new Set(edges.map((e) => e.id));
  for (const [api, fn] of wanted) {
    if (fn === null || have.has(api)) continue;
    let id = `${api.slice(0, 60)}-auth-${fn.slice(0, 60)}`;
    for (let i = 2; taken.has(id); i++) id = `${api.slice(0, 60)}-auth-${fn.slice(0, 60)}-${i}`;
    taken.add(id);
    out.push({ id, source: api, target: fn, kind: 'authorizer' } as E);
    changed = true;
  }
  return changed ? out : (edges as E[]);
}

interface DocLike<N extends NodeLike, E extends EdgeLike> {
  nodes: N[];
  edges: E[];
}

/**
 * After nodes or edges were removed: an API whose authorizer function is gone, or whose
 * authorizer edge was deleted, is left with no authorizer (said by the edit, not silently
 * pointing nowhere).
 */
export function reconcileAuthorizers<N extends NodeLike, E extends EdgeLike, D extends DocLike<N, E>>(before: D, after: D): D {
  const alive = new Set(after.nodes.map((n) => n.id));
  const kept = new Set(after.edges.filter((e) => e.kind === 'authorizer').map((e) => `${e.source}\u0000${e.target}`));
  const hadEdge = new Set(before.edges.filter((e) => e.kind === 'authorizer').map((e) => `${e.source}\u0000${e.target}`));
  let changed = false;
  const nodes = after.nodes.map((n) => {
    const fn = authorizerFunction(n);
    if (fn === null) return n;
    const key = `${n.id}\u0000${fn}`;
    if (alive.has(fn) && !(hadEdge.has(key) && !kept.has(key))) return n;
    changed = true;
    return { ...n, config: { ...(n.config as object), authorizer: { type: 'none' } } };
  });
  return changed ? { ...after, nodes } : after;
}
