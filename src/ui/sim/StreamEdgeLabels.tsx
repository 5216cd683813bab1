import { useEffect, useRef } from 'react';
import { useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import type { ArchEdge } from '../../model';
import type { DynamodbLive, KinesisLive, NodeLive } from '../../sim/api';
import { useDocumentStore } from '../../state/documentStore';
import { formatMs } from './format';
import { useLiveNodes } from './useThrottledSimulation';

/**
 * On each DynamoDB stream edge, during a run: the iterator age of the stream, and a pulse
 * whenever new records have flowed since the last look.
 */
export function StreamEdgeLabels() {
  const streams = useDocumentStore(useShallow((s) => s.doc.edges.filter((e) => e.kind === 'stream')));
  const active = useLiveNodes((s) => s.active);
  if (!active || streams.length === 0) return null;
  return (
    <ViewportPortal>
      {streams.map((edge) => (
        <StreamLabel key={edge.id} edge={edge} />
      ))}
    </ViewportPortal>
  );
}

function midpoint(s: ReactFlowState, edge: ArchEdge): string {
  const a = s.nodeLookup.get(edge.source);
  const b = s.nodeLookup.get(edge.target);
  if (!a || !b) return '';
  const ax = a.internals.positionAbsolute.x + (a.measured.width ?? 0);
  const ay = a.internals.positionAbsolute.y + (a.measured.height ?? 0) / 2;
  const bx = b.internals.positionAbsolute.x;
  const by = b.internals.positionAbsolute.y + (b.measured.height ?? 0) / 2;
  return `${Math.round((ax + bx) / 2)},${Math.round((ay + by) / 2)}`;
}

/** The live state of a stream edge's source, when it is a table (DynamoDB Streams) or a Kinesis stream. */
function streamSource(n: NodeLive | undefined): DynamodbLive | KinesisLive | undefined {
  return n?.type === 'dynamodb' || n?.type === 'kinesis' ? n : undefined;
}

function StreamLabel({ edge }: { edge: ArchEdge }) {
  // A string, so the label moves only when the two nodes do.
  const at = useStore((s) => midpoint(s, edge));
  const records = useLiveNodes((s) => streamSource(s.nodes[edge.source])?.streamRecords ?? 0);
  const ageMs = useLiveNodes((s) => streamSource(s.nodes[edge.source])?.iteratorAgeMs);
  const ref = useRef<HTMLDivElement>(null);
  const seen = useRef(records);

  useEffect(() => {
    const grew = records > seen.current;
    seen.current = records;
    const el = ref.current;
    if (!grew || !el) return;
    // Restart the animation by switching between two names for it: no layout read (a forced
    // layout of the whole page, a few times a second, was the costliest thing in a drag).
    const next = el.classList.contains('sim-stream-pulse') ? 'sim-stream-pulse-b' : 'sim-stream-pulse';
    el.classList.remove('sim-stream-pulse', 'sim-stream-pulse-b');
    el.classList.add(next);
  }, [records]);

  if (!at) return null;
  const [x, y] = at.split(',').map(Number);
  return (
    <div
      ref={ref}
      className="sim-stream-label"
      style={{ transform: `translate(-50%, -190%) translate(${x}px, ${y}px)` }}
      title={`${records.toLocaleString('en-US')} stream records so far; the oldest unread is ${formatMs(ageMs ?? 0)} old`}
    >
      stream · age {formatMs(ageMs ?? 0)}
    </div>
  );
}
