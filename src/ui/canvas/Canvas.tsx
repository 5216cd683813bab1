/**
 * The diagram. Nodes and edges are derived from the document (toFlow.ts); React Flow's
 * changes are turned into store actions: a drag is one move when it ends, a connection is
 * checked by the model and refused with its reason.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import { isNodeType, type Position } from '../../model';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { ParticleLayer } from '../sim/ParticleLayer';
import { ACTIONS, titleOf } from '../actions';
import { addNodeAt, GRID } from '../commands';
import { NODE_DRAG_TYPE } from '../palette/dragType';
import { nodeTypes } from './nodeTypes';
import { SERVICE_COLOUR } from './serviceStyle';
import { toFlow } from './toFlow';
import { VIEW_MODE } from '../share/viewMode';
import { cardIdAt, connectionOnCard, fitPadding, MINIMAP, minimapFits, paddingFor } from './fit';
import type { ServiceFlowEdge, ServiceFlowNode } from './flowTypes';

const CARD_CENTRE = { x: 104, y: 56 };
/** Clear of the zoom controls; a fit we run ourselves also keeps clear of minimap and notice. */
const FIT_OPTIONS = { padding: paddingFor({ minimap: false, controls: true, noticeBottom: 0 }), maxZoom: 1.25 };
/** A fit waits this long after the last change of the canvas' size, so a drag fits once. */
const RESIZE_SETTLE_MS = 220;
const FIT_MS = 320;

function applySelection(current: readonly string[], changes: { id: string; selected: boolean }[]): string[] {
  const next = new Set(current);
  for (const c of changes) {
    if (c.selected) next.add(c.id);
    else next.delete(c.id);
  }
  return [...next];
}

const minimapColour = (n: ServiceFlowNode) => SERVICE_COLOUR[n.type] ?? '#999';

export function Canvas() {
  const doc = useDocumentStore((s) => s.doc);
  const selection = useEditorStore((s) => s.selection);
  const fitViewRequest = useEditorStore((s) => s.fitViewRequest);
  const replaceCount = useDocumentStore((s) => s.replaceCount);
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const [dragging, setDragging] = useState<Record<string, Position>>({});
  const flow = useReactFlow();

  const { nodes, edges } = useMemo(() => toFlow(doc, { selection, measured, dragging }), [doc, selection, measured, dragging]);

  // A diagram opened from elsewhere (file, lesson, share link): start with nothing selected.
  useEffect(() => {
    if (replaceCount > 0) useEditorStore.getState().clearSelection();
  }, [replaceCount]);

  // One animated fit for every change of the space the canvas has (panels, dashboard,
  // window) or of the diagram (auto-layout, import, lesson, link): requests that arrive
  // together are merged, so the view moves once.
  const hostRef = useRef<HTMLDivElement>(null);
  const fitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const presentation = useEditorStore((s) => s.presentation);
  const showMinimap = !VIEW_MODE && !presentation && size !== null && minimapFits(size);
  const showMinimapRef = useRef(showMinimap);
  showMinimapRef.current = showMinimap;
  const maxZoom = presentation || VIEW_MODE ? 1.6 : FIT_OPTIONS.maxZoom;
  // One object while the zoom limit stays: the canvas re-renders on every pointer move of a
  // drag, and a new options object each time would update React Flow's store and the controls.
  const fitViewOptions = useMemo(() => ({ ...FIT_OPTIONS, maxZoom }), [maxZoom]);

  const fitNow = useCallback(
    (duration = FIT_MS) => {
      const host = hostRef.current;
      if (!host) return;
      if (useDocumentStore.getState().doc.nodes.length === 0) {
        void flow.setViewport({ x: 0, y: 0, zoom: 1 }, { duration });
        return;
      }
      const padding = fitPadding(host, { minimap: showMinimapRef.current, controls: true });
      void flow.fitView({ padding, maxZoom, duration });
    },
    [flow, maxZoom],
  );

  const scheduleFit = useCallback(
    (delay: number, duration = FIT_MS) => {
      if (fitTimer.current) clearTimeout(fitTimer.current);
      fitTimer.current = setTimeout(() => {
        fitTimer.current = null;
        fitNow(duration);
      }, delay);
    },
    [fitNow],
  );
  useEffect(() => () => void (fitTimer.current && clearTimeout(fitTimer.current)), []);

  useEffect(() => {
    if (fitViewRequest === 0 && replaceCount === 0) return;
    // A short wait so new nodes are measured (and panels that open with them have their size).
    scheduleFit(90);
  }, [fitViewRequest, replaceCount, scheduleFit]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let last: { width: number; height: number } | null = null;
    const observer = new ResizeObserver(([entry]) => {
      const next = { width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) };
      setSize(next);
      const changed = last !== null && (Math.abs(next.width - last.width) > 4 || Math.abs(next.height - last.height) > 4);
      last = next;
      if (changed) scheduleFit(RESIZE_SETTLE_MS);
    });
    observer.observe(host);
    return () => observer.disconnect();
  }, [scheduleFit]);

  // The first fit, once the cards are measured, keeps them clear of the overlays too; no
  // animation on opening the page.
  const nodesInitialised = useNodesInitialized();
  const initialFitDone = useRef(false);
  useEffect(() => {
    if (!nodesInitialised || initialFitDone.current) return;
    initialFitDone.current = true;
    scheduleFit(30, 0);
  }, [nodesInitialised, scheduleFit]);

  // Presentation changes the zoom allowed: fit again.
  const firstPresentation = useRef(true);
  useEffect(() => {
    if (firstPresentation.current) {
      firstPresentation.current = false;
      return;
    }
    scheduleFit(RESIZE_SETTLE_MS);
  }, [presentation, scheduleFit]);

  const onNodesChange = useCallback((changes: NodeChange<ServiceFlowNode>[]) => {
    const sizes: Record<string, { width: number; height: number }> = {};
    const moving: Record<string, Position> = {};
    const dropped: { id: string; position: Position }[] = [];
    const selects: { id: string; selected: boolean }[] = [];
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions) sizes[change.id] = change.dimensions;
      else if (change.type === 'select') selects.push(change);
      else if (change.type === 'position' && change.position) {
        if (change.dragging) moving[change.id] = change.position;
        else dropped.push({ id: change.id, position: change.position });
      }
    }
    if (Object.keys(sizes).length) setMeasured((m) => ({ ...m, ...sizes }));
    if (Object.keys(moving).length) setDragging((d) => ({ ...d, ...moving }));
    if (dropped.length) {
      useDocumentStore.getState().moveNodes(dropped);
      setDragging((d) => {
        const next = { ...d };
        for (const { id } of dropped) delete next[id];
        return next;
      });
    }
    if (selects.length) {
      const editor = useEditorStore.getState();
      editor.select({ nodes: applySelection(editor.selection.nodes, selects) });
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<ServiceFlowEdge>[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (!selects.length) return;
    const editor = useEditorStore.getState();
    editor.select({ edges: applySelection(editor.selection.edges, selects) });
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    const result = useDocumentStore.getState().connect(connection.source, connection.target);
    const editor = useEditorStore.getState();
    if (!result.ok) {
      editor.showNotice({ kind: 'error', text: result.reason });
      return;
    }
    editor.select({ nodes: [], edges: [result.edgeId] });
    editor.showNotice(result.info ? { kind: 'info', text: result.info } : null);
  }, []);

  // Released anywhere on a card (not only on its small handle): connect to that card, in the
  // direction the drag started, or say why not.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const cardId = cardIdAt(point.clientX, point.clientY);
      const connection = connectionOnCard(state.fromNode.id, state.fromHandle?.type ?? 'source', cardId);
      if (connection) onConnect({ ...connection, sourceHandle: null, targetHandle: null });
    },
    [onConnect],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
      if (!isNodeType(type)) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addNodeAt(type, { x: at.x - CARD_CENTRE.x, y: at.y - CARD_CENTRE.y });
    },
    [flow],
  );

  return (
    <div ref={hostRef} className="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<ServiceFlowNode, ServiceFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        connectionRadius={36}
        nodesDraggable={!VIEW_MODE}
        nodesConnectable={!VIEW_MODE}
        edgesFocusable={!VIEW_MODE}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        snapToGrid
        snapGrid={[GRID, GRID]}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        aria-label="Architecture diagram"
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} color="#d4d7dd" />
        <Controls showInteractive={false} fitViewOptions={fitViewOptions} position="bottom-left">
          <ControlButton onClick={ACTIONS.autoLayout.run} title={titleOf('autoLayout')} aria-label="Auto-layout">
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <rect x="1.5" y="2" width="4" height="4" rx="1" />
              <rect x="10.5" y="2" width="4" height="4" rx="1" />
              <rect x="10.5" y="10" width="4" height="4" rx="1" />
              <path d="M5.5 4h5M8 4v8h2.5" fill="none" />
            </svg>
          </ControlButton>
        </Controls>
        {doc.nodes.length > 0 && showMinimap && (
          <MiniMap
            pannable
            zoomable
            position="bottom-right"
            style={MINIMAP}
            nodeColor={minimapColour}
            nodeBorderRadius={4}
            maskColor="rgba(240, 241, 244, 0.7)"
          />
        )}
        <ParticleLayer />
      </ReactFlow>
      {doc.nodes.length === 0 && (
        <div className="canvas__empty">
          <strong>An empty diagram</strong>
          <span>Drag a service from the left, or focus one and press Enter. Start with a Client: it sends the traffic.</span>
        </div>
      )}
    </div>
  );
}
