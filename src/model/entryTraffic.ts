/**
 * Traffic for a diagram that has none: an imported template describes the services but not
 * who calls them, so a run would show zeros. `addEntryClients` gives every entry point (an
 * API or distribution nobody calls, a queue, topic or bucket fed from outside) a client with
 * a modest default rate and says what it added. Schedules fire by themselves and count as
 * traffic sources already. Pure: the import worker, the Run button and the CLI use it.
 */
import { CATALOGUE, NODE_TYPES, hasCapability, kindOf, type NodeType } from './catalogue';
import { resolveEdge } from './connections';
import { LIMITS, newNode, type Architecture, type ArchEdge, type ArchNode } from './document';
import { ratePeriodS } from './nodes/eventbridge';

export interface AddedClient {
  /** The client's id, and the producer function's when one had to be put in between. */
  clientId: string;
  producerId?: string;
  /** The node the traffic enters. */
  entryId: string;
  /** One sentence for the person: what was added, at what rate, and why. */
  note: string;
}

export interface EntryTrafficResult {
  document: Architecture;
  added: AddedClient[];
}

/** Requests per second a new client offers, by what it feeds: enough to see behaviour, never a load test. */
export const ENTRY_RATES: Partial<Record<NodeType, number>> = Object.fromEntries(
  NODE_TYPES.flatMap((t) => {
    const entry = kindOf(t).entry;
    return entry ? [[t, entry.ratePerS]] : [];
  }),
);

const COL_PX = 260;
const GRID = 16;

/** True when a run of `doc` has something that starts requests: a connected client or a schedule. */
export function hasTrafficSource(doc: Architecture): boolean {
  const sources = new Set(doc.edges.map((e) => e.source));
  return doc.nodes.some(
    (n) =>
      hasCapability(n.type, 'trafficSource') &&
      sources.has(n.id) &&
      // a rule without a schedule only forwards what functions put
      (n.type !== 'eventbridge' || typeof n.config.schedule === 'string'),
  );
}

/** Schedules that fire less than once in the run (they still fire once, at the start). */
export function rareSchedules(doc: Architecture): ArchNode[] {
  return doc.nodes.filter((n) => {
    if (n.type !== 'eventbridge' || typeof n.config.schedule !== 'string') return false;
    const period = ratePeriodS(n.config.schedule);
    return period !== null && period > doc.settings.durationS;
  });
}

/**
 * Entry points of `doc` in document order: nodes nobody in the diagram calls, of a type that
 * is called from outside (API Gateway, CloudFront), or that is fed from outside and hands the
 * work on (a queue with a consumer, a topic with a subscriber, a bucket with a notification).
 */
export function entryPoints(doc: Architecture, options: EntryOptions = {}): ArchNode[] {
  const incoming = new Set(doc.edges.map((e) => e.target));
  const outgoing = new Set(doc.edges.map((e) => e.source));
  const entries = doc.nodes.filter((n) => {
    const entry = kindOf(n.type).entry;
    if (incoming.has(n.id) || !entry || entry.when === 'fallback') return false;
    if (entry.when === 'always') return true;
    return outgoing.has(n.id);
  });
  if (entries.length > 0 || !options.anyCallable) return entries;
  // Nothing is an entry point: the first function nobody calls will do (a client may call it).
  const fn = doc.nodes.find((n) => kindOf(n.type).entry?.when === 'fallback' && !incoming.has(n.id));
  return fn ? [fn] : [];
}

export interface EntryOptions {
  /** When no node is an entry point, take the first function nobody calls (for the Run button's offer). */
  anyCallable?: boolean;
}

function freeId(taken: Set<string>, base: string): string {
  const clean = base.replace(/[^\w.-]+/g, '-').slice(0, LIMITS.idLength - 4);
  let id = clean;
  for (let i = 2; taken.has(id); i++) id = `${clean}-${i}`;
  taken.add(id);
  return id;
}

const snap = (v: number) => Math.round(v / GRID) * GRID;
const short = (label: string) => (label.length > 60 ? `${label.slice(0, 59)}…` : label);

/**
 * A copy of `doc` with a client for every entry point (see `entryPoints`): queues, topics and
 * buses are called by it directly (an SDK producer). Where AWS has no direct client →
 * service call in the model (a bucket), an asynchronous
 * client invokes a small producer function that sends, publishes or uploads. Stops at the
 * document's node and edge limits. `doc` itself is not changed.
 */
export function addEntryClients(doc: Architecture, options: EntryOptions = {}): EntryTrafficResult {
  const entries = entryPoints(doc, options);
  if (entries.length === 0) return { document: doc, added: [] };
  const taken = new Set(doc.nodes.map((n) => n.id));
  const edgeIds = new Set(doc.edges.map((e) => e.id));
  const nodes: ArchNode[] = [...doc.nodes];
  const edges: ArchEdge[] = [...doc.edges];
  const added: AddedClient[] = [];
  const edge = (source: string, target: string) => {
    edges.push({ id: freeId(edgeIds, `${source}-to-${target}`), source, target });
  };

  for (const entry of entries) {
    const direct = resolveEdge('client', entry.type).ok;
    const needNodes = direct ? 1 : 2;
    if (nodes.length + needNodes > LIMITS.nodes || edges.length + needNodes > LIMITS.edges) break;
    const spec = kindOf(entry.type).entry!;
    const rps = spec.ratePerS;
    const name = short(entry.label || entry.id);
    const x = snap(entry.position.x - COL_PX * needNodes);
    const y = snap(entry.position.y);
    const client = newNode('client', freeId(taken, `traffic-${entry.id}`), { x, y });
    client.label = `Traffic for ${name}`;
    const config = client.config as Record<string, unknown>;
    config.traffic = { shape: 'constant', rps };
    if (spec.writesOnly) config.readRatio = 0; // uploads: every request writes an object
    nodes.push(client);
    const unit = spec.unit;
    if (direct) {
      edge(client.id, entry.id);
      added.push({
        clientId: client.id,
        entryId: entry.id,
        note: `Added "${client.label}": ${rps} ${unit} a second into ${name}, so a run shows traffic. Change its rate in the inspector, or delete it.`,
      });
      continue;
    }
    config.invocation = 'async';
    const producer = newNode('lambda', freeId(taken, `producer-${entry.id}`), { x: snap(entry.position.x - COL_PX), y });
    producer.label = `Producer for ${name}`;
    const fn = producer.config as Record<string, unknown>;
    fn.memoryMb = 256;
    fn.handler = { distribution: 'lognormal', meanMs: 20, p99Ms: 60 };
    nodes.push(producer);
    edge(client.id, producer.id);
    edge(producer.id, entry.id);
    const verb = spec.verb;
    added.push({
      clientId: client.id,
      producerId: producer.id,
      entryId: entry.id,
      note: `Added "${client.label}" and a small function that ${verb} ${name}: ${rps} ${unit} a second, so a run shows traffic (${CATALOGUE[entry.type].label} is fed from outside the template). Change the rate in the inspector, or delete them.`,
    });
  }
  return { document: { ...doc, nodes, edges }, added };
}
