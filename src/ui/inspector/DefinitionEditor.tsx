/**
 * A state machine's definition, edited as a small ordered list of steps: each step on its
 * own card (move up, move down, remove) with its settings inline; Parallel and Choice
 * branches as short lists of functions. Every change commits the whole definition through
 * the store (which checks it and derives the task edges), and a refused change says why.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { SFN_LIMITS, STEP_TYPES, normaliseStep, type Branch, type CustomSpec, type RetrySpec, type Step, type StepType } from '../../model';
import { useDocumentStore } from '../../state/documentStore';
import type { EditResult } from '../../state/documentStore';

interface Props {
  spec: CustomSpec;
  value: unknown;
  commit: (value: unknown) => EditResult;
}

type Fn = { id: string; name: string };

function newStep(type: StepType, fns: Fn[]): Step {
  const first = fns[0]?.id ?? '';
  switch (type) {
    case 'task':
      return { type: 'task', target: first, retry: null, catch: false };
    case 'wait':
      return { type: 'wait', seconds: 10 };
    case 'pass':
      return { type: 'pass' };
    case 'parallel':
      return { type: 'parallel', branches: [first ? [first] : [], fns[1] ? [fns[1].id] : []] };
    case 'map':
      return { type: 'map', target: first, items: 10, maxConcurrency: 0, retry: null, catch: false };
    case 'choice':
      return {
        type: 'choice',
        branches: [
          { weight: 1, steps: first ? [first] : [] },
          { weight: 1, steps: [] },
        ],
      };
  }
}

export function DefinitionEditor({ spec, value, commit }: Props) {
  const definition = (Array.isArray(value) ? value : []) as Branch;
  const nodes = useDocumentStore((s) => s.doc.nodes);
  const fns: Fn[] = useMemo(() => nodes.filter((n) => n.type === 'lambda').map((n) => ({ id: n.id, name: n.label || n.id })), [nodes]);
  const nameOf = (id: string) => fns.find((f) => f.id === id)?.name ?? id;
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<StepType>('task');

  const save = (next: Branch) => {
    const r = commit(next);
    setError(r.ok ? null : r.reason);
  };
  const replace = (i: number, step: Step) => save(definition.map((s, j) => (j === i ? step : s)));
  const move = (i: number, by: number) => {
    const next = [...definition];
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s);
    save(next);
  };
  const needsFunction = (t: StepType) => t === 'task' || t === 'map';

  return (
    <div className="field sfn" data-field="config.definition">
      <div className="field__row">
        <span className="sfn__label">{spec.label}</span>
        <span className="field__range">
          {definition.length} step{definition.length === 1 ? '' : 's'}
        </span>
      </div>
      {definition.length === 0 ? (
        <p className="sfn__empty">
          No steps yet: an execution runs like one Pass state. Add a step below, or draw an edge from the state machine to a function.
        </p>
      ) : (
        <ol className="sfn__steps" data-testid="sfn-definition">
          {definition.map((item, i) => (
            <StepCard
              key={i}
              index={i}
              step={normaliseStep(item)}
              count={definition.length}
              fns={fns}
              nameOf={nameOf}
              onChange={(s) => replace(i, s)}
              onMove={(by) => move(i, by)}
              onRemove={() => save(definition.filter((_, j) => j !== i))}
            />
          ))}
        </ol>
      )}
      <div className="sfn__add">
        <select aria-label="Step type to add" data-testid="sfn-add-type" value={adding} onChange={(e) => setAdding(e.target.value as StepType)}>
          {STEP_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--small"
          data-testid="sfn-add"
          disabled={needsFunction(adding) && fns.length === 0}
          title={needsFunction(adding) && fns.length === 0 ? 'Add a Lambda to the diagram first' : undefined}
          onClick={() => save([...definition, newStep(adding, fns)])}
        >
          Add step
        </button>
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <p className="field__hint">{STEP_TYPES.find((t) => t.value === adding)?.hint} Edges to the functions follow from the steps.</p>
    </div>
  );
}

function StepCard({
  index,
  step,
  count,
  fns,
  nameOf,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  step: Step;
  count: number;
  fns: Fn[];
  nameOf: (id: string) => string;
  onChange: (s: Step) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}) {
  const title = STEP_TYPES.find((t) => t.value === step.type)?.label ?? step.type;
  return (
    <li className="sfn__step" data-testid="sfn-step" data-type={step.type}>
      <div className="sfn__head">
        <span className="sfn__num">{index + 1}</span>
        <span className="sfn__title">{title}</span>
        <span className="sfn__tools">
          <button type="button" className="sfn__tool" aria-label={`Move step ${index + 1} up`} disabled={index === 0} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" className="sfn__tool" aria-label={`Move step ${index + 1} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" className="sfn__tool sfn__tool--danger" aria-label={`Remove step ${index + 1}`} onClick={onRemove}>
            ✕
          </button>
        </span>
      </div>
      <div className="sfn__body">
        {(step.type === 'task' || step.type === 'map') && (
          <>
            <Row label="Function">
              <FunctionSelect fns={fns} value={step.target} onChange={(target) => onChange({ ...step, target })} label={`Function of step ${index + 1}`} />
            </Row>
            {step.type === 'map' && (
              <>
                <Row label="Items">
                  <Num value={step.items} min={0} max={SFN_LIMITS.mapItems} label="Items per execution" onChange={(items) => onChange({ ...step, items })} />
                </Row>
                <Row label="At once" hint="0 = no limit (40)">
                  <Num
                    value={step.maxConcurrency}
                    min={0}
                    max={SFN_LIMITS.maxConcurrency}
                    label="Maximum concurrency"
                    onChange={(maxConcurrency) => onChange({ ...step, maxConcurrency })}
                  />
                </Row>
              </>
            )}
            <RetryEditor retry={step.retry} onChange={(retry) => onChange({ ...step, retry })} />
            <label className="field__check sfn__check">
              <input type="checkbox" checked={step.catch} onChange={(e) => onChange({ ...step, catch: e.target.checked })} />
              <span>Catch</span>
              <small>failures left after the retries end the branch in a handler</small>
            </label>
          </>
        )}
        {step.type === 'wait' && (
          <Row label="Seconds">
            <Num value={step.seconds} min={0} max={SFN_LIMITS.waitS} label="Wait seconds" onChange={(seconds) => onChange({ ...step, seconds })} />
          </Row>
        )}
        {step.type === 'pass' && <p className="sfn__note">One state transition; passes its input on.</p>}
        {step.type === 'parallel' &&
          step.branches.map((b, j) => (
            <BranchEditor
              key={j}
              title={`Branch ${j + 1}`}
              branch={b}
              fns={fns}
              nameOf={nameOf}
              onChange={(nb) => onChange({ ...step, branches: step.branches.map((x, k) => (k === j ? nb : x)) })}
              onRemove={step.branches.length > 1 ? () => onChange({ ...step, branches: step.branches.filter((_, k) => k !== j) }) : undefined}
            />
          ))}
        {step.type === 'choice' &&
          step.branches.map((b, j) => (
            <BranchEditor
              key={j}
              title={`Branch ${j + 1}`}
              weight={b.weight}
              onWeight={(weight) => onChange({ ...step, branches: step.branches.map((x, k) => (k === j ? { ...x, weight } : x)) })}
              branch={b.steps}
              fns={fns}
              nameOf={nameOf}
              onChange={(steps) => onChange({ ...step, branches: step.branches.map((x, k) => (k === j ? { ...x, steps } : x)) })}
              onRemove={step.branches.length > 1 ? () => onChange({ ...step, branches: step.branches.filter((_, k) => k !== j) }) : undefined}
            />
          ))}
        {(step.type === 'parallel' || step.type === 'choice') && step.branches.length < 50 && (
          <button
            type="button"
            className="button button--small button--ghost sfn__more"
            onClick={() =>
              step.type === 'parallel'
                ? onChange({ ...step, branches: [...step.branches, []] })
                : onChange({ ...step, branches: [...step.branches, { weight: 1, steps: [] }] })
            }
          >
            + Branch
          </button>
        )}
      </div>
    </li>
  );
}

function Row({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="sfn__row">
      <span className="sfn__key">
        {label}
        {hint && <small> {hint}</small>}
      </span>
      <span className="sfn__value">{children}</span>
    </div>
  );
}

function FunctionSelect({ fns, value, onChange, label }: { fns: Fn[]; value: string; onChange: (id: string) => void; label: string }) {
  const known = fns.some((f) => f.id === value);
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {!known && <option value={value}>{value || 'choose a function'}</option>}
      {fns.map((f) => (
        <option key={f.id} value={f.id}>
          {f.name}
        </option>
      ))}
    </select>
  );
}

/** A whole number input that commits when the text is a number in range, and keeps the text otherwise. */
function Num({
  value,
  min,
  max,
  label,
  step,
  onChange,
}: {
  value: number;
  min: number;
  max: number;
  label: string;
  step?: number;
  onChange: (n: number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      type="number"
      aria-label={label}
      min={min}
      max={max}
      step={step ?? 1}
      value={draft ?? String(value)}
      onChange={(e) => {
        setDraft(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(n) && n >= min && n <= max) onChange(n);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}

function RetryEditor({ retry, onChange }: { retry: RetrySpec | null; onChange: (r: RetrySpec | null) => void }) {
  const d = SFN_LIMITS.retryDefaults;
  return (
    <>
      <label className="field__check sfn__check">
        <input type="checkbox" checked={retry !== null} onChange={(e) => onChange(e.target.checked ? { ...d } : null)} />
        <span>Retry</span>
        <small>{retry ? `waits ${describeWaits(retry)}` : 'the first failure is final'}</small>
      </label>
      {retry && (
        <div className="sfn__retry">
          <Row label="Attempts">
            <Num
              value={retry.maxAttempts}
              min={0}
              max={SFN_LIMITS.maxAttempts}
              label="Retry attempts"
              onChange={(maxAttempts) => onChange({ ...retry, maxAttempts })}
            />
          </Row>
          <Row label="Interval (s)">
            <Num
              value={retry.intervalS}
              min={1}
              max={SFN_LIMITS.intervalS}
              label="Retry interval"
              onChange={(intervalS) => onChange({ ...retry, intervalS })}
            />
          </Row>
          <Row label="Backoff rate">
            <Num
              value={retry.backoffRate}
              min={1}
              max={SFN_LIMITS.backoffRate}
              step={0.5}
              label="Backoff rate"
              onChange={(backoffRate) => onChange({ ...retry, backoffRate })}
            />
          </Row>
        </div>
      )}
    </>
  );
}

/** "1 s, 2 s, 4 s" — the waits before each retry (first three, then "…"). */
function describeWaits(r: RetrySpec): string {
  if (r.maxAttempts === 0) return 'never (0 attempts)';
  const waits = [];
  for (let n = 1; n <= Math.min(3, r.maxAttempts); n++) {
    const s = r.intervalS * Math.pow(r.backoffRate, n - 1);
    waits.push(`${s.toLocaleString('en-US', { maximumFractionDigits: 1 })} s`);
  }
  return waits.join(', ') + (r.maxAttempts > 3 ? ', …' : '');
}

function BranchEditor({
  title,
  branch,
  fns,
  nameOf,
  weight,
  onWeight,
  onChange,
  onRemove,
}: {
  title: string;
  branch: Branch;
  fns: Fn[];
  nameOf: (id: string) => string;
  weight?: number;
  onWeight?: (w: number) => void;
  onChange: (b: Branch) => void;
  onRemove?: () => void;
}) {
  const [pick, setPick] = useState('');
  return (
    <div className="sfn__branch">
      <div className="sfn__branch-head">
        <span>{title}</span>
        {onWeight && weight !== undefined && (
          <span className="sfn__weight">
            weight <Num value={weight} min={0} max={1_000_000} label={`${title} weight`} step={0.5} onChange={onWeight} />
          </span>
        )}
        {onRemove && (
          <button type="button" className="sfn__tool sfn__tool--danger" aria-label={`Remove ${title.toLowerCase()}`} onClick={onRemove}>
            ✕
          </button>
        )}
      </div>
      <ul className="sfn__chips">
        {branch.length === 0 && <li className="sfn__note">no steps (goes straight on)</li>}
        {branch.map((item, k) => {
          const s = normaliseStep(item);
          const text =
            s.type === 'task'
              ? nameOf(s.target)
              : s.type === 'wait'
                ? `Wait ${s.seconds} s`
                : s.type === 'map'
                  ? `Map → ${nameOf(s.target)}`
                  : s.type.charAt(0).toUpperCase() + s.type.slice(1);
          return (
            <li key={k} className="sfn__chip">
              {text}
              <button type="button" aria-label={`Remove ${text} from ${title.toLowerCase()}`} onClick={() => onChange(branch.filter((_, x) => x !== k))}>
                ✕
              </button>
            </li>
          );
        })}
      </ul>
      {fns.length > 0 && (
        <select
          aria-label={`Add a function to ${title.toLowerCase()}`}
          value={pick}
          onChange={(e) => {
            const id = e.target.value;
            setPick('');
            if (id) onChange([...branch, id]);
          }}
        >
          <option value="">+ function…</option>
          {fns.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
