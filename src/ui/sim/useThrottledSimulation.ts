/**
 * Parts of the page that need not change at the frame rate read the simulation store
 * through these: at most every `ms`, rendered as a transition so React yields to input
 * (a drag, a pan) while it works. A new run or a look-back applies at once.
 */
import { startTransition, useEffect, useState } from 'react';
import { create } from 'zustand';
import type { NodeLive } from '../../sim/api';
import { useSimulationStore, type SimulationState } from '../../state/simulationStore';

// ---- is a person dragging or panning right now? ----
let pointersDown = 0;
let pointerDownAt = 0;
let wheelUntil = 0;
let watching = false;

function watchInteraction(): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  window.addEventListener(
    'pointerdown',
    () => {
      pointersDown += 1;
      pointerDownAt = performance.now();
    },
    true,
  );
  const up = () => (pointersDown = Math.max(0, pointersDown - 1));
  window.addEventListener('pointerup', up, true);
  window.addEventListener('pointercancel', up, true);
  window.addEventListener('blur', () => (pointersDown = 0));
  window.addEventListener('wheel', () => (wheelUntil = performance.now() + 300), { capture: true, passive: true });
}

/** True while a button is held or the wheel is turning: heavy redraws wait until it ends. */
export function isInteracting(): boolean {
  const now = performance.now();
  // A release the page never saw (outside the window) must not freeze the charts for good.
  return (pointersDown > 0 && now - pointerDownAt < 30_000) || now < wheelUntil;
}

/** How long a deferred redraw waits before looking again. */
const INTERACTION_RETRY_MS = 120;

/**
 * `select`, re-read at most every `ms`; while the person drags or pans, not at all (the
 * frame budget is theirs). `immediate` says which changes skip the wait.
 */
export function useThrottledSimulation<T>(
  select: (s: SimulationState) => T,
  ms: number,
  immediate?: (s: SimulationState, prev: SimulationState) => boolean,
): T {
  return useSampled(select, ms, immediate, true);
}

/**
 * `select`, re-read at most every `ms`, drag or not: for short text that should keep moving
 * (the clock, the totals) but need not repaint at the frame rate. Anything but a running
 * run (a step, a pause, a reset, the end) applies at once.
 */
export function useSampledSimulation<T>(select: (s: SimulationState) => T, ms: number): T {
  return useSampled(select, ms, notRunning, false);
}

function notRunning(s: SimulationState, prev: SimulationState): boolean {
  return s.status !== 'running' || prev.status !== 'running' || s.runId !== prev.runId;
}

function useSampled<T>(
  select: (s: SimulationState) => T,
  ms: number,
  immediate: ((s: SimulationState, prev: SimulationState) => boolean) | undefined,
  waitForInteraction: boolean,
): T {
  const [value, setValue] = useState(() => select(useSimulationStore.getState()));
  useEffect(() => {
    watchInteraction();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    // Heavy redraws as transitions (React yields to input); short text at once, as before,
    // so a transition interrupted by every frame can never leave it stale.
    const apply = (next: T) => (waitForInteraction ? startTransition(() => setValue(next)) : setValue(next));
    const flush = () => {
      if (waitForInteraction && isInteracting()) {
        timer = setTimeout(flush, INTERACTION_RETRY_MS);
        return;
      }
      timer = null;
      last = performance.now();
      const next = select(useSimulationStore.getState());
      apply(next);
    };
    const unsubscribe = useSimulationStore.subscribe((s, prev) => {
      if (immediate?.(s, prev)) {
        if (timer) clearTimeout(timer);
        timer = null;
        last = performance.now();
        const next = select(s);
        apply(next);
        return;
      }
      if (timer) return;
      timer = setTimeout(flush, Math.max(0, ms - (performance.now() - last)));
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
    // The selector and predicate are module-level functions at every call site.
  }, [select, ms, immediate, waitForInteraction]);
  return value;
}

/** The clock and the totals while running: five times a second. */
export const LIVE_TEXT_REFRESH_MS = 200;

/** Node cards' numbers, refreshed a few times a second: readable, and cheap to paint. */
export const BADGE_REFRESH_MS = 250;

export const useLiveNodes = create<{ nodes: Record<string, NodeLive>; active: boolean }>()(() => ({ nodes: {}, active: false }));

/**
 * A refresh of the cards is applied in this many parts, one frame apart, so no single frame
 * re-renders and repaints all 30 cards: each card's selector sees a new object only in its
 * own part.
 */
const BADGE_PARTS = 3;
const BADGE_PART_GAP_MS = 17;

let mirrored = false;
/** Starts the one subscription that feeds useLiveNodes (idempotent). */
export function mirrorLiveNodes(): void {
  if (mirrored) return;
  mirrored = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let parts: ReturnType<typeof setTimeout>[] = [];
  let last = 0;
  const cancelParts = () => {
    for (const id of parts) clearTimeout(id);
    parts = [];
  };
  const activeOf = (s: SimulationState) => s.status !== 'idle' || s.simTimeMs > 0;
  const copyAll = () => {
    cancelParts();
    const s = useSimulationStore.getState();
    useLiveNodes.setState({ nodes: s.nodes, active: activeOf(s) });
  };
  const copy = () => {
    timer = null;
    last = performance.now();
    cancelParts();
    const s = useSimulationStore.getState();
    const ids = Object.keys(s.nodes);
    const size = Math.ceil(ids.length / BADGE_PARTS);
    // Part k: the first (k + 1) × size nodes take the new numbers, the rest keep what they showed.
    const apply = (k: number) => {
      const shown = useLiveNodes.getState().nodes;
      const next: Record<string, NodeLive> = {};
      ids.forEach((id, i) => (next[id] = i < (k + 1) * size ? s.nodes[id] : (shown[id] ?? s.nodes[id])));
      useLiveNodes.setState({ nodes: k === BADGE_PARTS - 1 ? s.nodes : next, active: activeOf(s) });
    };
    apply(0);
    for (let k = 1; k < BADGE_PARTS && size < ids.length; k++) parts.push(setTimeout(() => apply(k), k * BADGE_PART_GAP_MS));
  };
  useSimulationStore.subscribe((s, prev) => {
    if (s.nodes === prev.nodes && s.status === prev.status) return;
    // A new run or a change of status shows at once; numbers within a run a few times a second.
    if (s.runId !== prev.runId || s.status !== prev.status) {
      if (timer) clearTimeout(timer);
      timer = null;
      last = performance.now();
      copyAll();
      return;
    }
    if (!timer) timer = setTimeout(copy, Math.max(0, BADGE_REFRESH_MS - (performance.now() - last)));
  });
}
