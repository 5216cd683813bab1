/**
 * Simulated power tuning: run the same traffic and seed with a Lambda at several memory
 * sizes and compare average duration and cost per successful invocation, as the
 * open-source AWS Lambda Power Tuning tool does against real AWS (its "cost", "speed" and
 * "balanced" strategies). Unlike a bare cost/speed sweep, a size that throttles, times out
 * or fails more than the current size is never a pick: a cheap size that drops requests
 * is not cheap.
 */
import type { Architecture } from '../model';
import type { SimSummary } from '../sim/api';

export const DEFAULT_POWER_VALUES = [128, 256, 512, 1024, 1536, 2048, 3008] as const;
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;

export interface TuningPoint {
  memoryMb: number;
  /** Invocations started (every attempt, retries included). */
  invocations: number;
  /** Calls the function finished, by final fate (each request or event once). */
  completed: number;
  succeeded: number;
  /** succeeded / completed (0 when nothing completed). */
  successShare: number;
  /** Throttle events (each rejected attempt, as the node card counts them). */
  throttles: number;
  errors: number;
  timeouts: number;
  /** Mean billed handler duration per invocation, ms (cold starts' INIT excluded). */
  avgDurationMs: number;
  /** The function's own cost (requests + duration + init) divided by its invocations. */
  costPerInvocationUsd: number;
  /** The same cost divided by its successful calls: what one success costs (Infinity when none). */
  costPerSuccessUsd: number;
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
    | {
        invocations?: number;
        completed?: number;
        succeeded?: number;
        throttles?: number;
        errors?: number;
        timeouts?: number;
        costUsd?: number;
        durationMs?: { mean?: number };
      }
    | undefined;
  if (!node) throw new Error(`the summary has no node "${functionId}"`);
  const invocations = node.invocations ?? 0;
  const errors = node.errors ?? 0;
  const timeouts = node.timeouts ?? 0;
  // summaries written before completed/succeeded existed: every invocation counted once
  const completed = node.completed ?? invocations;
  const succeeded = node.succeeded ?? Math.max(0, invocations - errors - timeouts);
  const cost = node.costUsd ?? 0;
  return {
    memoryMb,
    invocations,
    completed,
    succeeded,
    successShare: completed > 0 ? succeeded / completed : 0,
    throttles: node.throttles ?? 0,
    errors,
    timeouts,
    avgDurationMs: node.durationMs?.mean ?? 0,
    costPerInvocationUsd: invocations > 0 ? cost / invocations : 0,
    costPerSuccessUsd: succeeded > 0 ? cost / succeeded : Infinity,
  };
}

/**
 * Why a size may not be picked, in words ("times out: 64 of 9,000"); empty when it may.
 * A size is held to what the current size does: its share of throttles, timeouts or
 * errors (per completed call) may not exceed the current size's by more than two binomial
 * standard errors of the current share, √(p(1−p)/n) — so when the current size has none,
 * any is too many. A size that completed nothing, or succeeded at nothing, is out too.
 */
export function ineligibility(point: TuningPoint, current: TuningPoint | null): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  if (point.invocations === 0 || point.completed === 0) return ['completed no invocation'];
  const reasons: string[] = [];
  if (current === null || current === point) return point.succeeded === 0 ? [`no call succeeded (of ${n(point.completed)})`] : [];
  const check = (count: (p: TuningPoint) => number, words: string) => {
    const mine = count(point);
    if (mine === 0) return;
    const p = current.completed > 0 ? Math.min(1, count(current) / current.completed) : 0;
    const tolerance = current.completed > 0 ? 2 * Math.sqrt((p * (1 - p)) / current.completed) : 0;
    if (mine / point.completed > p + tolerance) reasons.push(`${words}: ${n(mine)} of ${n(point.completed)}`);
  };
  check((p) => p.throttles, 'throttles');
  check((p) => p.timeouts, 'times out');
  check((p) => p.errors, 'fails');
  if (point.succeeded === 0 && reasons.length === 0) reasons.push(`no call succeeded (of ${n(point.completed)})`);
  return reasons;
}

/**
 * Cheapest, fastest and balanced choices among the eligible sizes (see `ineligibility`;
 * `currentMb` names the size the function has now, which is always held eligible when it
 * succeeds at all). Cheapest is by cost per *successful* call. Balanced minimises
 * weight × cost/maxCost + (1 − weight) × duration/maxDuration, so weight 1 is "cheapest"
 * and weight 0 is "fastest" (Power Tuning's balancedWeight).
 */
export function chooseMemory(points: readonly TuningPoint[], weight = 0.5, currentMb?: number): TuningChoice {
  const current = points.find((p) => p.memoryMb === currentMb) ?? null;
  const usable = points.filter((p) => ineligibility(p, current).length === 0);
  if (usable.length === 0) throw new Error('no memory size completed any invocation');
  const w = Math.min(1, Math.max(0, weight));
  const maxCost = Math.max(...usable.map((p) => p.costPerSuccessUsd)) || 1;
  const maxDuration = Math.max(...usable.map((p) => p.avgDurationMs)) || 1;
  const by = (score: (p: TuningPoint) => number) => usable.reduce((best, p) => (score(p) < score(best) - 1e-15 ? p : best));
  return {
    cheapest: by((p) => p.costPerSuccessUsd),
    fastest: by((p) => p.avgDurationMs),
    balanced: by((p) => (w * p.costPerSuccessUsd) / maxCost + ((1 - w) * p.avgDurationMs) / maxDuration),
  };
}

/** The picks a size carries, in a fixed order ("cheapest", "balanced", "fastest"). */
export function picksOf(choice: TuningChoice | null, memoryMb: number): string[] {
  if (!choice) return [];
  const out: string[] = [];
  if (choice.cheapest.memoryMb === memoryMb) out.push('cheapest');
  if (choice.balanced.memoryMb === memoryMb) out.push('balanced');
  if (choice.fastest.memoryMb === memoryMb) out.push('fastest');
  return out;
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
