/**
 * The document's goals (architecture tests): each run checks them, and a shared link carries
 * them, so "make this pass" can be an assignment. Values are edited in the units people
 * read (ms, %, $), stored as the document says (shares from 0 to 1).
 */
import { useEffect, useState } from 'react';
import { GOAL_METRICS, GOAL_OPS, GOAL_SCOPES, type Architecture, type Goal, type GoalMetric, type GoalOp } from '../../model';
import { METRIC_LABELS, OP_SYMBOLS, goalLabel, labeller, unitOf } from '../../analysis/goals';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';

const NEW_GOAL: Goal = { metric: 'p99LatencyMs', op: '<=', value: 200 };

/** What a new metric starts at, so switching metric never leaves a meaningless value. */
const METRIC_DEFAULTS: Record<GoalMetric, number> = {
  meanLatencyMs: 100,
  p50LatencyMs: 100,
  p95LatencyMs: 200,
  p99LatencyMs: 200,
  successShare: 0.999,
  throttled: 0,
  errors: 0,
  timeouts: 0,
  coldStartShare: 0.01,
  monthlyCostUsd: 500,
  maxQueueDepth: 1000,
  maxIteratorAgeMs: 60_000,
};

const UNIT_WORDS = { ms: 'ms', share: '%', usd: '$ / month', count: '' } as const;

const toShown = (metric: GoalMetric, v: number) => (unitOf(metric) === 'share' ? +(v * 100).toPrecision(12) : v);
const fromShown = (metric: GoalMetric, v: number) => (unitOf(metric) === 'share' ? +(v / 100).toPrecision(12) : v);

/** A number field that keeps what is being typed ("99.") and commits each valid value. */
function ValueInput({ value, onCommit, name, label, max }: { value: number; onCommit: (v: number) => void; name: string; label: string; max?: number }) {
  const [draft, setDraft] = useState(String(value));
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(String(value));
  }, [value, focused]);
  return (
    <input
      type="number"
      name={name}
      aria-label={label}
      min={0}
      max={max}
      step="any"
      value={draft}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onChange={(e) => {
        setDraft(e.target.value);
        const v = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= 0 && (max === undefined || v <= max)) onCommit(v);
      }}
    />
  );
}

function scopeOptions(doc: Architecture, metric: GoalMetric) {
  const types = GOAL_SCOPES[metric];
  const label = labeller(doc);
  return doc.nodes.filter((n) => !types || types.includes(n.type)).map((n) => ({ id: n.id, label: label(n.id) }));
}

export function GoalsEditor({ doc }: { doc: Architecture }) {
  const setGoals = useDocumentStore((s) => s.setGoals);
  const showNotice = useEditorStore((s) => s.showNotice);
  const goals = doc.goals ?? [];
  const label = labeller(doc);

  const save = (next: Goal[]) => {
    const result = setGoals(next);
    if (!result.ok) showNotice({ kind: 'error', text: `Goal not changed: ${result.reason}` });
  };
  const change = (index: number, goal: Goal) => save(goals.map((g, i) => (i === index ? goal : g)));
  const changeMetric = (index: number, goal: Goal, metric: GoalMetric) => {
    const next: Goal = { metric, op: goal.op, value: METRIC_DEFAULTS[metric] };
    // keep the node when the new metric can be measured on it
    if (goal.node !== undefined && scopeOptions(doc, metric).some((o) => o.id === goal.node)) next.node = goal.node;
    change(index, next);
  };

  return (
    <div className="goals-editor" data-testid="goals-editor">
      <h3 className="inspector__section-title">Goals</h3>
      <p className="field__hint">
        {goals.length === 0
          ? 'None. A goal is an architecture test every run checks, and a shared link carries it.'
          : 'Every run checks these; the command-line simulator exits 1 when one fails.'}
      </p>
      {goals.map((goal, index) => {
        const unit = unitOf(goal.metric);
        const options = scopeOptions(doc, goal.metric);
        return (
          <fieldset key={index} className="goal-edit" data-testid="goal-edit">
            <legend className="goal-edit__title">{goalLabel(goal, label)}</legend>
            <label className="goal-edit__metric">
              Metric
              <select name={`goals.${index}.metric`} value={goal.metric} onChange={(e) => changeMetric(index, goal, e.target.value as GoalMetric)}>
                {GOAL_METRICS.map((m) => (
                  <option key={m} value={m}>
                    {METRIC_LABELS[m]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Must be
              <select name={`goals.${index}.op`} value={goal.op} onChange={(e) => change(index, { ...goal, op: e.target.value as GoalOp })}>
                {GOAL_OPS.map((op) => (
                  <option key={op} value={op}>
                    {OP_SYMBOLS[op]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Value{UNIT_WORDS[unit] ? ` (${UNIT_WORDS[unit]})` : ''}
              <ValueInput
                name={`goals.${index}.value`}
                label={`Value of goal ${index + 1}`}
                value={toShown(goal.metric, goal.value)}
                max={unit === 'share' ? 100 : undefined}
                onCommit={(v) => change(index, { ...goal, value: fromShown(goal.metric, v) })}
              />
            </label>
            <label className="goal-edit__scope">
              Measured on
              <select
                name={`goals.${index}.node`}
                value={goal.node ?? ''}
                onChange={(e) => {
                  const next: Goal = { metric: goal.metric, op: goal.op, value: goal.value };
                  if (e.target.value) next.node = e.target.value;
                  change(index, next);
                }}
              >
                <option value="">the whole system</option>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button button--small"
              aria-label={`Remove goal ${index + 1}`}
              onClick={() => save(goals.filter((_, i) => i !== index))}
            >
              Remove
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="button button--small" data-testid="goal-add" onClick={() => save([...goals, NEW_GOAL])}>
        Add a goal
      </button>
    </div>
  );
}
