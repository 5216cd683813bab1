import { memo, useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { Outcome } from '../../sim/api';
import { useSimulationStore } from '../../state/simulationStore';
import { FRAME_INTERVAL_MS } from '../../worker/protocol';
import { OUTCOME_COLOURS } from './outcomeColours';
import { StreamEdgeLabels } from './StreamEdgeLabels';

/**
 * Requests drawn as dots travelling along edges, coloured by outcome. One canvas over the
 * flow and one requestAnimationFrame loop that runs only while dots are moving; no React
 * render per animation frame. The frame's particles are already a bounded sample.
 */

const OUTCOMES = Object.keys(OUTCOME_COLOURS) as Outcome[];

/** Wall time a dot takes to cross an edge, whatever the speed: slow enough to follow. */
const TRAVEL_MS = 900;
/** Dots on screen at most. */
const MAX_DOTS = 700;
/** Points sampled along each edge's path. */
const SAMPLES = 32;
/** Redraw at most this often (~30 fps): smooth enough for dots, half the painting of 60. */
const DRAW_INTERVAL_MS = 30;

interface Dot {
  edge: string;
  outcome: Outcome;
  startAt: number;
}

interface EdgeGeometry {
  d: string;
  points: Float32Array;
}

const NUMBER = String.raw`(-?\d*\.?\d+(?:e[-+]?\d+)?)`;
const CUBIC = new RegExp(
  String.raw`^\s*M\s*${NUMBER}[\s,]+${NUMBER}\s*C\s*${NUMBER}[\s,]+${NUMBER}[\s,]+${NUMBER}[\s,]+${NUMBER}[\s,]+${NUMBER}[\s,]+${NUMBER}\s*$`,
  'i',
);

/** Points along a path of the form "M x,y C x1,y1 x2,y2 x,y", or null for any other shape. */
export function cubicPoints(d: string, samples = SAMPLES): Float32Array | null {
  const m = CUBIC.exec(d);
  if (!m) return null;
  const [x0, y0, x1, y1, x2, y2, x3, y3] = m.slice(1).map(Number);
  const points = new Float32Array(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / (samples - 1);
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const e = t * t * t;
    points[i * 2] = a * x0 + b * x1 + c * x2 + e * x3;
    points[i * 2 + 1] = a * y0 + b * y1 + c * y2 + e * y3;
  }
  return points;
}

function measuredPoints(path: SVGPathElement): Float32Array {
  const total = path.getTotalLength();
  const points = new Float32Array(SAMPLES * 2);
  for (let i = 0; i < SAMPLES; i++) {
    const p = path.getPointAtLength((total * i) / (SAMPLES - 1));
    points[i * 2] = p.x;
    points[i * 2 + 1] = p.y;
  }
  return points;
}

/** Memoised: the canvas re-renders every pointer move of a drag, the layer has no props. */
export const ParticleLayer = memo(function ParticleLayer() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const flow = useStoreApi();

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let dots: Dot[] = [];
    let raf = 0;
    const geometry = new Map<string, EdgeGeometry>();
    const pathElements = new Map<string, SVGPathElement>();
    let lastDrawAt = 0;
    let width = 0;
    let height = 0;
    let dpr = 1;

    const resize = () => {
      const rect = canvas.getBoundingClientRect();
      dpr = Math.min(2, window.devicePixelRatio || 1);
      width = rect.width;
      height = rect.height;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    resize();

    const pathOf = (edgeId: string): SVGPathElement | null => {
      const known = pathElements.get(edgeId);
      if (known?.isConnected) return known;
      const found = flow.getState().domNode?.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${CSS.escape(edgeId)}"] .react-flow__edge-path`);
      if (found) pathElements.set(edgeId, found);
      else pathElements.delete(edgeId);
      return found ?? null;
    };

    const edgePoints = (edgeId: string): Float32Array | null => {
      const path = pathOf(edgeId);
      const d = path?.getAttribute('d');
      if (!path || !d) return straightLine(edgeId);
      const cached = geometry.get(edgeId);
      if (cached && cached.d === d) return cached.points;
      // React Flow's bezier edges are one cubic curve: evaluated directly, cheap enough to
      // follow a node being dragged. Other shapes are measured by the browser.
      const points = cubicPoints(d) ?? measuredPoints(path);
      geometry.set(edgeId, { d, points });
      return points;
    };

    // Without a rendered path (a custom edge, or not yet measured): centre to centre.
    const straightLine = (edgeId: string): Float32Array | null => {
      const state = flow.getState();
      const edge = state.edgeLookup.get(edgeId);
      const a = edge && state.nodeLookup.get(edge.source);
      const b = edge && state.nodeLookup.get(edge.target);
      if (!a || !b) return null;
      const ax = a.internals.positionAbsolute.x + (a.measured.width ?? 0);
      const ay = a.internals.positionAbsolute.y + (a.measured.height ?? 0) / 2;
      const bx = b.internals.positionAbsolute.x;
      const by = b.internals.positionAbsolute.y + (b.measured.height ?? 0) / 2;
      const points = new Float32Array(SAMPLES * 2);
      for (let i = 0; i < SAMPLES; i++) {
        const t = i / (SAMPLES - 1);
        points[i * 2] = ax + (bx - ax) * t;
        points[i * 2 + 1] = ay + (by - ay) * t;
      }
      return points;
    };

    const draw = () => {
      raf = 0;
      const now = performance.now();
      if (now - lastDrawAt < DRAW_INTERVAL_MS) {
        raf = requestAnimationFrame(draw);
        return;
      }
      lastDrawAt = now;
      dots = dots.filter((d) => now - d.startAt < TRAVEL_MS);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      const [tx, ty, zoom] = flow.getState().transform;
      const radius = Math.max(2, Math.min(5, 3.2 * Math.sqrt(zoom)));
      const pointsByEdge = new Map<string, Float32Array | null>();
      for (const outcome of OUTCOMES) {
        ctx.beginPath();
        let any = false;
        for (const dot of dots) {
          if (dot.outcome !== outcome || dot.startAt > now) continue;
          let points = pointsByEdge.get(dot.edge);
          if (points === undefined) {
            points = edgePoints(dot.edge);
            pointsByEdge.set(dot.edge, points);
          }
          if (!points) continue;
          const progress = (now - dot.startAt) / TRAVEL_MS;
          const f = progress * (SAMPLES - 1);
          const i = Math.min(SAMPLES - 2, Math.floor(f));
          const r = f - i;
          const x = (points[i * 2] + (points[i * 2 + 2] - points[i * 2]) * r) * zoom + tx;
          const y = (points[i * 2 + 1] + (points[i * 2 + 3] - points[i * 2 + 1]) * r) * zoom + ty;
          if (x < -10 || y < -10 || x > width + 10 || y > height + 10) continue;
          ctx.moveTo(x + radius, y);
          ctx.arc(x, y, outcome === 'ok' ? radius : radius * 1.25, 0, Math.PI * 2);
          any = true;
        }
        if (any) {
          ctx.fillStyle = OUTCOME_COLOURS[outcome];
          ctx.globalAlpha = 0.85;
          ctx.fill();
        }
      }
      ctx.globalAlpha = 1;
      if (dots.length > 0) raf = requestAnimationFrame(draw);
    };

    // Moving dots are decoration: people who asked for less motion get the numbers without them.
    const calm = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    const unsubscribe = useSimulationStore.subscribe((state, prev) => {
      if (calm?.matches) return;
      if (state.status !== 'running' && state.status !== 'paused' && state.status !== 'done') {
        if (dots.length) dots = [];
        return;
      }
      if (state.frameSeq === prev.frameSeq || state.particles.length === 0) return;
      const now = performance.now();
      const { fromMs, toMs } = state.particleSpan;
      const span = Math.max(1, toMs - fromMs);
      // Spread the frame's requests over the time until the next frame, in simulated order.
      const spreadMs = state.status === 'running' ? FRAME_INTERVAL_MS : 250;
      const room = Math.max(0, MAX_DOTS - dots.length);
      const take = state.particles.length > room ? state.particles.slice(0, room) : state.particles;
      for (const p of take) {
        const at = Math.min(1, Math.max(0, (p.atMs - fromMs) / span));
        dots.push({ edge: p.edge, outcome: p.outcome, startAt: now + at * spreadMs });
      }
      if (!raf && dots.length > 0) raf = requestAnimationFrame(draw);
    });

    return () => {
      unsubscribe();
      observer.disconnect();
      if (raf) cancelAnimationFrame(raf);
    };
  }, [flow]);

  return (
    <>
      <canvas ref={canvasRef} className="sim-particles" aria-hidden="true" />
      <StreamEdgeLabels />
    </>
  );
});
