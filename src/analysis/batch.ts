/** One complete run with its summary and a history small enough to chart and to post. */
import type { Architecture } from '../model';
import { Simulation } from '../sim';
import type { SimSummary, WindowSample } from '../sim/api';

export const MAX_HISTORY_POINTS = 240;

export interface BatchResult {
  summary: SimSummary;
  history: WindowSample[];
}

export function runToCompletion(doc: Architecture, seed?: number): BatchResult {
  const sim = new Simulation(doc, seed === undefined ? {} : { seed });
  sim.runToEnd();
  return { summary: sim.summary(), history: thin(sim.history(), MAX_HISTORY_POINTS) };
}

/** Keep at most `max` evenly spaced windows (always the last one). */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  const stride = items.length / max;
  for (let i = 0; i < max - 1; i++) out.push(items[Math.floor(i * stride)]);
  out.push(items[items.length - 1]);
  return out;
}
