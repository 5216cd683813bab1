/**
 * Goals (architecture tests): what a run must achieve, carried in the document so a shared
 * link carries them (spec "Goals (architecture tests)"). Evaluation is in analysis/goals.ts.
 */
import { z } from 'zod';
import type { NodeType } from './catalogue';

export const GOAL_METRICS = [
  'meanLatencyMs',
  'p50LatencyMs',
  'p95LatencyMs',
  'p99LatencyMs',
  'successShare',
  'throttled',
  'errors',
  'timeouts',
  'coldStartShare',
  'monthlyCostUsd',
  'maxQueueDepth',
  'maxIteratorAgeMs',
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

export const GOAL_OPS = ['<', '<=', '>', '>=', '=='] as const;
export type GoalOp = (typeof GOAL_OPS)[number];

export interface Goal {
  metric: GoalMetric;
  op: GoalOp;
  value: number;
  /** Node id; left out = the whole system. */
  node?: string;
}

/** Most goals a document carries (a hostile document must not freeze the page). */
export const MAX_GOALS = 50;

/**
 * Node types a metric can be scoped to; null = any node. Latency scoped to a function is
 * its handler duration; queue depth belongs to queues; cold starts to functions.
 */
export const GOAL_SCOPES: Record<GoalMetric, readonly NodeType[] | null> = {
  meanLatencyMs: ['lambda'],
  p50LatencyMs: ['lambda'],
  p95LatencyMs: ['lambda'],
  p99LatencyMs: ['lambda'],
  successShare: ['client', 'lambda'],
  throttled: null,
  errors: null,
  timeouts: null,
  coldStartShare: ['lambda'],
  monthlyCostUsd: null,
  maxQueueDepth: ['sqs'],
  maxIteratorAgeMs: ['dynamodb', 'lambda'],
};

export const goalSchema = z.strictObject({
  metric: z.enum(GOAL_METRICS, { error: `is not a goal metric; allowed: ${GOAL_METRICS.join(', ')}` }),
  op: z.enum(GOAL_OPS, { error: `must be one of ${GOAL_OPS.join(' ')}` }),
  value: z.number({ error: 'expected a number' }).min(0, { error: 'must be 0 or more' }).max(1e12, { error: 'must be at most 1e12' }),
  node: z.string({ error: 'expected a node id' }).min(1, { error: 'must not be empty' }).max(128, { error: 'is longer than 128 characters' }).optional(),
});

export const goalsSchema = z.array(goalSchema, { error: 'expected a list of goals' }).max(MAX_GOALS, { error: `has more than ${MAX_GOALS} goals` });

/** Problems of goals that need the nodes: a missing node, a scope the metric has not. */
export function checkGoals(
  goals: readonly Goal[],
  nodes: readonly { id: string; type: NodeType; label?: string }[],
): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  goals.forEach((goal, i) => {
    if (goal.metric === 'successShare' || goal.metric === 'coldStartShare') {
      if (goal.value > 1) problems.push({ path: ['goals', i, 'value'], message: `${goal.value} is not a share; write it from 0 to 1 (0.999 = 99.9%)` });
    }
    if (goal.node === undefined) return;
    const node = byId.get(goal.node);
    if (!node) {
      problems.push({
        path: ['goals', i, 'node'],
        message: `"${goal.node}" is not the id of any node; the goal cannot be checked (remove it or pick another node)`,
      });
      return;
    }
    const scopes = GOAL_SCOPES[goal.metric];
    if (scopes && !scopes.includes(node.type)) {
      problems.push({
        path: ['goals', i, 'node'],
        message: `${goal.metric} cannot be measured on "${node.label || node.id}" (${node.type}); it applies to ${scopes.join(', ')} nodes or to the whole system`,
      });
    }
  });
  return problems;
}
