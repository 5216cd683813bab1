/**
 * Where the throttled requests came from, in the one set of words the totals, the node
 * cards, the summary and the log all use. A Lambda throttled behind API Gateway is one
 * event seen twice — the function refuses (429), the gateway answers the client 500 — so a
 * reader must be able to match the THROTTLED total with the cards:
 * "1,259 throttled by Lambda 'getOrder' (API returned 500)".
 */
import { useDocumentStore } from '../../state/documentStore';
import { mirrorLiveNodes, useLiveNodes } from './useThrottledSimulation';
import { formatCount } from './format';
import { useNodeNames, type NodeNames } from './names';

export interface ThrottleCounts {
  type: string;
  /** Throttle events at the node (its own 429s). */
  throttles?: number;
  /** API Gateway: requests a target throttled, answered 500 (live `throttled500`, summary `lambdaThrottled500`). */
  throttled500?: number;
}

export interface ThrottleSource {
  /** The node that refused: the API for its own 429s, the API for the 500s too (it counts them). */
  node: string;
  count: number;
  /** Without the count: "throttled by Lambda 'getOrder' (API returned 500)". */
  words: string;
}

type Edge = { source: string; target: string; kind?: string };

/** The Lambdas an API Gateway node integrates with, by the document's edges (its authorizer is not one). */
export function lambdasBehind(api: string, edges: readonly Edge[], types: (id: string) => string | undefined): string[] {
  return edges.filter((e) => e.source === api && e.kind !== 'authorizer' && types(e.target) === 'lambda').map((e) => e.target);
}

/** "throttled by Lambda 'getOrder' (API returned 500)"; several functions are all named. */
export function behindApiWords(targets: readonly string[], names: NodeNames): string {
  const who =
    targets.length === 1
      ? names.described(targets[0])
      : targets.length > 1
        ? `Lambdas ${targets.map((t) => `'${names.name(t)}'`).join(', ')}`
        : 'the integration';
  return `throttled by ${who} (API returned 500)`;
}

export function apiOwnWords(api: string, names: NodeNames): string {
  return `throttled by ${names.described(api)} (429)`;
}

/** Every node that answered clients "throttled", with its count, largest first. */
export function throttleSources(nodes: Record<string, ThrottleCounts>, edges: readonly Edge[], names: NodeNames): ThrottleSource[] {
  const out: ThrottleSource[] = [];
  const types = (id: string) => nodes[id]?.type;
  for (const [id, n] of Object.entries(nodes)) {
    if (n.type !== 'apiGateway') continue;
    if ((n.throttled500 ?? 0) > 0) out.push({ node: id, count: n.throttled500 ?? 0, words: behindApiWords(lambdasBehind(id, edges, types), names) });
    if ((n.throttles ?? 0) > 0) out.push({ node: id, count: n.throttles ?? 0, words: apiOwnWords(id, names) });
  }
  return out.sort((a, b) => b.count - a.count);
}

/** "1,259 throttled by Lambda 'getOrder' (API returned 500)". */
export function sourceLine(s: ThrottleSource): string {
  return `${formatCount(s.count)} ${s.words}`;
}

/**
 * For a Lambda's card: the gateways that returned its throttles to their clients as 500
 * ("1,259 returned as 500 by API 'Orders API'"). Exact when the gateway calls only this
 * function; otherwise the gateway's count covers all its functions and says so.
 */
export function returnedAs500(fn: string, nodes: Record<string, ThrottleCounts>, edges: readonly Edge[], names: NodeNames): string[] {
  const types = (id: string) => nodes[id]?.type;
  const lines: string[] = [];
  for (const [id, n] of Object.entries(nodes)) {
    if (n.type !== 'apiGateway' || !(n.throttled500 ?? 0)) continue;
    const targets = lambdasBehind(id, edges, types);
    if (!targets.includes(fn)) continue;
    lines.push(
      targets.length === 1
        ? `${formatCount(n.throttled500 ?? 0)} of them returned to clients as 500 by ${names.described(id)}`
        : `${names.described(id)} returned ${formatCount(n.throttled500 ?? 0)} throttles of its Lambdas as 500`,
    );
  }
  return lines;
}

/**
 * The THROTTLED total's explanation, live: one line per source, in the cards' words
 * ("1,259 throttled by Lambda 'getOrder' (API returned 500)"); undefined when none.
 */
export function useThrottleSources(): string | undefined {
  const names = useNodeNames();
  const edges = useDocumentStore((s) => s.doc.edges);
  // From the cards' copy of the numbers (a few times a second), not at the frame rate; a
  // string, so the totals re-render only when the words change.
  mirrorLiveNodes();
  return useLiveNodes((s) => throttleSources(s.nodes, edges, names).map(sourceLine).join('\n') || undefined);
}
