/**
 * Simulated power tuning: run the same traffic and seed with a Lambda at several memory
 * sizes and compare average duration and cost per invocation, as the open-source AWS Lambda
 * Power Tuning tool does against real AWS (its "cost", "speed" and "balanced" strategies).
 */
import type { Architecture } from '../model';
import type { SimSummary } from '../sim/api';

export const DEFAULT_POWER_VALUES = [128, 256, 512, 1024, 1536, 2048, 3008] as const;
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;

export interface TuningPoint {
  memoryMb: number;
  invocations: number;
  /** Mean billed handler duration per invocation, ms (cold starts' INIT excluded). */
  avgDurationMs: number;
  /** The function's own cost (requests + duration + init) divided by its invocations. */
  costPerInvocationUsd: number;
  errors: number;
}

export interface TuningChoice {
  cheapest: TuningPoint;
  fastest: TuningPoint;
  balanced: TuningPoint;
}

/** The document with one Lambda's memory changed. */
export function withMemory(doc: Architecture, functionId: string, memoryMb: number): Architecture {
  if (!Number.isInteger(memoryMb) || memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
    throw new RangeError(`memory ${memoryMb} MB is outside ${MIN_MEMORY_MB}–${MAX_MEMORY_MB} MB`);
  }
  let found = false;
  const nodes = doc.nodes.map((n) => {
    if (n.id !== functionId) return n;
    if (n.type !== 'lambda') throw new Error(`"${functionId}" is not a Lambda function`);
    found = true;
    return { ...n, config: { ...n.config, memoryMb } };
  });
  if (!found) throw new Error(`no node "${functionId}"`);
  return { ...doc, nodes };
}

/** Read one function's point out of a run summary. */
export function pointFromSummary(summary: SimSummary, functionId: string, memoryMb: number): TuningPoint {
  const node = summary.nodes[functionId] as
    | { invocations?: number; errors?: number; costUsd?: number; durationMs?: { mean?: number } }
    | undefined;
  if (!node) throw new Error(`the summary has no node "${functionId}"`);
  const invocations = node.invocations ?? 0;
  return {
    memoryMb,
    invocations,
    avgDurationMs: node.durationMs?.mean ?? 0,
    costPerInvocationUsd: invocations > 0 ? (node.costUsd ?? 0) / invocations : 0,
    errors: node.errors ?? 0,
  };
}

/**
 * Cheapest, fastest and balanced choices. Balanced minimises
 * weight × cost/maxCost + (1 − weight) × duration/maxDuration, so weight 1 is "cheapest"
 * and weight 0 is "fastest" (Power Tuning's balancedWeight).
 */
export function chooseMemory(points: readonly TuningPoint[], weight = 0.5): TuningChoice {
  const usable = points.filter((p) => p.invocations > 0);
  if (usable.length === 0) throw new Error('no memory size completed any invocation');
  const w = Math.min(1, Math.max(0, weight));
  const maxCost = Math.max(...usable.map((p) => p.costPerInvocationUsd)) || 1;
  const maxDuration = Math.max(...usable.map((p) => p.avgDurationMs)) || 1;
  const by = (score: (p: TuningPoint) => number) =>
    usable.reduce((best, p) => (score(p) < score(best) - 1e-15 ? p : best));
  return {
    cheapest: by((p) => p.costPerInvocationUsd),
    fastest: by((p) => p.avgDurationMs),
    balanced: by((p) => (w * p.costPerInvocationUsd) / maxCost + ((1 - w) * p.avgDurationMs) / maxDuration),
  };
}

/** Parse "128, 512,1024" into sorted unique memory sizes, or say what is wrong. */
export function parsePowerValues(text: string): { ok: true; values: number[] } | { ok: false; error: string } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, error: 'enter at least one memory size, e.g. 128, 512, 1024' };
  const values: number[] = [];
  for (const part of parts) {
    const n = Number(part);
    if (!Number.isInteger(n) || n < MIN_MEMORY_MB || n > MAX_MEMORY_MB) {
      return { ok: false, error: `"${part}" is not a memory size; use whole MB from ${MIN_MEMORY_MB} to ${MAX_MEMORY_MB.toLocaleString('en-US')}` };
    }
    values.push(n);
  }
  if (values.length > 20) return { ok: false, error: 'at most 20 memory sizes per sweep' };
  return { ok: true, values: [...new Set(values)].sort((a, b) => a - b) };
}
