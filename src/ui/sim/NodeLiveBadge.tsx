import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Architecture } from '../../model';
import type { NodeLive } from '../../sim/api';
import { useDocumentStore } from '../../state/documentStore';
import { formatCount, formatMs, formatPercent, formatRps } from './format';
import { Summary } from './liveSummaries';
import { useNodeNames } from './names';
import { behindApiWords, lambdasBehind, returnedAs500 } from './throttles';
import { mirrorLiveNodes, useLiveNodes } from './useThrottledSimulation';

export { barScale } from './liveSummaries';

mirrorLiveNodes();

const EMPTY: Partial<NodeLive> = {};
const NONE: string[] = [];

/**
 * The API Gateway nodes next to this one in a throttle seen twice: for a gateway, the
 * Lambdas behind it; for a Lambda, the gateways in front of it. Ids, compared shallowly.
 */
function throttlePartners(doc: Architecture, nodeId: string): string[] {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return NONE;
  const type = (id: string) => doc.nodes.find((n) => n.id === id)?.type;
  if (node.type === 'apiGateway') return lambdasBehind(nodeId, doc.edges, type);
  if (node.type === 'lambda') return doc.edges.filter((e) => e.target === nodeId && type(e.source) === 'apiGateway').map((e) => e.source);
  return NONE;
}

/**
 * Live numbers on a node card during a run: what the node is doing now, a flash when a cold
 * start or a throttle happens, a ring when it is in trouble, and every number on hover.
 */
export function NodeLiveBadge({ nodeId }: { nodeId: string }) {
  // Flat object, compared field by field: the card re-renders only when a number changes.
  const live = useLiveNodes(useShallow((s) => s.nodes[nodeId] ?? EMPTY));
  const active = useLiveNodes((s) => s.active);
  const partners = useDocumentStore(useShallow((s) => throttlePartners(s.doc, nodeId)));
  const edges = useDocumentStore((s) => s.doc.edges);
  // For a Lambda: the live 500 counts of the gateways in front of it (for its hover text).
  const partnerLive = useLiveNodes(useShallow((s) => partners.map((id) => throttled500(s.nodes[id]))));
  const names = useNodeNames();
  const ref = useRef<HTMLDivElement>(null);

  useFlash(ref, 'coldStarts' in live ? live.coldStarts : undefined, 'sim-flash-cold');
  useFlash(ref, live.throttles, 'sim-flash-throttle');

  if (!active || live.type === undefined) return null;
  const n = live as NodeLive;
  const behind = n.type === 'apiGateway' && (n.throttled500 ?? 0) > 0 ? behindApiWords(partners, names) : undefined;
  const lines = detailLines(n, behind);
  if (n.type === 'lambda' && n.throttles > 0 && partnerLive.some((c) => c > 0)) {
    const nodes: Record<string, { type: string; throttled500: number }> = {};
    partners.forEach((id, i) => (nodes[id] = { type: 'apiGateway', throttled500: partnerLive[i] }));
    nodes[nodeId] = { type: 'lambda', throttled500: 0 };
    lines.splice(1, 1, `${formatCount(n.throttles)} throttled (429); ${returnedAs500(nodeId, nodes, edges, names).join('; ')}`);
  }
  return (
    <div ref={ref} className="sim-badge nodrag" data-status={n.status} data-fault={n.fault ? 'true' : undefined} aria-label={`Live: ${lines.join('; ')}`}>
      {n.fault && <span className="sim-badge-fault">⚠ {n.fault}</span>}
      <Summary live={n} behind={behind} />
      {/* Shown while the pointer is over the card (CSS), with every number. */}
      <div className="sim-tip" role="tooltip">
        {lines.map((line) => (
          <div key={line}>{line}</div>
        ))}
      </div>
    </div>
  );
}

/** An API's count of Lambda throttles answered 500 (0 for any other node). */
function throttled500(n: NodeLive | undefined): number {
  return n?.type === 'apiGateway' ? (n.throttled500 ?? 0) : 0;
}

/** Every number, for the hover title. */
function detailLines(n: NodeLive, behind?: string): string[] {
  const lines = [`${formatRps(n.rps)} now · ${formatCount(n.requests)} requests`];
  if (n.throttles)
    lines.push(n.type === 'apiGateway' ? `${formatCount(n.throttles)} throttled (429, rate or burst limit)` : `${formatCount(n.throttles)} throttled`);
  if (n.type === 'apiGateway' && n.accountThrottles)
    lines.push(`${formatCount(n.accountThrottles)} of them by the account limit every API in the Region shares`);
  if (n.type === 'dynamodb' && n.hotPartitionThrottles)
    lines.push(`${formatCount(n.hotPartitionThrottles)} throttled by a hot partition (at most 3,000 RCU / 1,000 WCU a second each)`);
  if (n.type === 'dynamodb') lines.push(`${formatCount(n.partitions)} partition${n.partitions === 1 ? '' : 's'}`);
  if (behind) lines.push(`${formatCount(throttled500(n))} ${behind}`);
  if (n.errors) lines.push(`${formatCount(n.errors)} errors`);
  if (n.timeouts) lines.push(`${formatCount(n.timeouts)} timeouts`);
  if (n.type === 'lambda') {
    lines.push(
      `environments: ${formatCount(n.busy)} busy, ${formatCount(n.idleWarm)} warm idle, ${formatCount(n.initializing)} initializing, ${formatCount(n.provisioned)} provisioned; limit ${formatCount(n.concurrencyLimit)}`,
      `${formatCount(n.coldStarts)} cold starts`,
    );
    if (n.asyncQueueDepth) lines.push(`${formatCount(n.asyncQueueDepth)} async events waiting`);
    if (n.duplicates)
      lines.push(`${formatCount(n.duplicates)} deliveries of records or events it had already processed (at-least-once: handlers must be idempotent)`);
    if (n.recursionStopped)
      lines.push(`${formatCount(n.recursionStopped)} events stopped by AWS's recursive loop detection (the same function 16 times in one chain)`);
  }
  if (n.type === 'sqs') lines.push(`${formatCount(n.queueDepth)} queued, ${formatCount(n.inFlight)} in flight, ${formatCount(n.toDlq)} to DLQ`);
  if (n.type === 'dax' || n.type === 'cloudfront') lines.push(`hit ratio ${formatPercent(n.hitRatio)}`);
  if (n.type === 'kinesis')
    lines.push(
      `${formatCount(n.shards)} open shard${n.shards === 1 ? '' : 's'}${n.queueDepth !== undefined ? `, ${formatCount(n.queueDepth)} records not yet read by the slowest consumer` : ''}`,
    );
  if (n.type === 'dynamodb' || n.type === 'kinesis')
    lines.push(`${formatCount(n.streamRecords)} stream records, iterator age ${formatMs(n.iteratorAgeMs ?? 0)}`);
  if (n.type === 'rds') {
    lines.push(
      `connections: ${formatCount(n.connections)} open of max_connections ${formatCount(n.maxConnections)}; queries: ${formatCount(n.queriesRunning)} on ${formatCount(n.vcpus)} vCPUs, ${formatCount(n.queriesWaiting)} waiting`,
    );
    if (n.tooManyConnections) lines.push(`${formatCount(n.tooManyConnections)} queries refused: too many connections`);
    if (n.failingOver) lines.push('failing over: the writer is unavailable');
  }
  if (n.type === 'rdsProxy') {
    lines.push(
      `pool: ${formatCount(n.poolInUse)} lent of ${formatCount(n.poolOpen)} open, at most ${formatCount(n.poolMax)}; ${formatCount(n.waitingBorrows)} queries waiting to borrow`,
    );
    if (n.pinned) lines.push(`${formatCount(n.pinned)} connections pinned to an execution environment's session until it ends`);
    if (n.borrowTimeouts) lines.push(`${formatCount(n.borrowTimeouts)} queries failed after the borrow timeout`);
  }
  if (n.fault) lines.push(`fault: ${n.fault}`);
  if (n.status === 'trouble') lines.push('in trouble: throttling, errors or a growing queue');
  return lines;
}

/** Flashes the whole node card when a cumulative count goes up (one flash at a time). */
function useFlash(ref: React.RefObject<HTMLDivElement | null>, count: number | undefined, className: string): void {
  const previous = useRef(count ?? 0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = count ?? 0;
    if (count === undefined || count <= before || timer.current) return;
    const card = ref.current?.closest<HTMLElement>('.react-flow__node');
    if (!card) return;
    card.classList.add(className);
    timer.current = setTimeout(() => {
      card.classList.remove(className);
      timer.current = null;
    }, 650);
  }, [count, ref, className]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
}
