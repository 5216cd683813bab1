/**
 * One input per field spec of the model. Ranges, units and hints come from the spec; the
 * store checks every value, and a refused one stays in the input, marked invalid with the
 * reason, without reaching the document.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { describeRange, type FieldSpec, type Fields, type NumberSpec, type TextSpec, type UnionSpec } from '../../model';
import type { EditResult } from '../../state/documentStore';
import { DefinitionEditor } from './DefinitionEditor';
import { useDocumentStore } from '../../state/documentStore';
import { useShallow } from 'zustand/react/shallow';

export type Commit = (path: string[], value: unknown) => EditResult;

interface FieldProps<S extends FieldSpec = FieldSpec> {
  spec: S;
  path: string[];
  /** "config" or "settings": the input's name is the field's path in the document. */
  prefix: string;
  value: unknown;
  commit: Commit;
}

const nameOf = (prefix: string, path: string[]) => [prefix, ...path].filter(Boolean).join('.');

export function FieldList({ fields, path, prefix, value, commit }: { fields: Fields; path: string[]; prefix: string; value: unknown; commit: Commit }) {
  const record = (value ?? {}) as Record<string, unknown>;
  return (
    <>
      {Object.entries(fields).map(([key, spec]) => (
        <Field key={key} spec={spec} path={[...path, key]} prefix={prefix} value={record[key]} commit={commit} />
      ))}
    </>
  );
}

export function Field(props: FieldProps) {
  const { spec } = props;
  switch (spec.kind) {
    case 'number':
      return <NumberField {...props} spec={spec} />;
    case 'text':
      return spec.nodeRef ? <NodeRefField {...props} spec={spec} /> : <TextField {...props} spec={spec} />;
    case 'enum':
      return (
        <FieldShell label={spec.label} hint={spec.hint} name={nameOf(props.prefix, props.path)}>
          {(id, describedBy) => (
            <select
              id={id}
              name={nameOf(props.prefix, props.path)}
              value={String(props.value)}
              aria-describedby={describedBy}
              onChange={(e) => props.commit(props.path, e.target.value)}
            >
              {spec.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
      );
    case 'boolean':
      return <BooleanField {...props} />;
    case 'group':
      return (
        <fieldset className="field-group">
          <legend>{spec.label}</legend>
          <p className="field__hint">{spec.hint}</p>
          <FieldList fields={spec.fields} path={props.path} prefix={props.prefix} value={props.value} commit={props.commit} />
        </fieldset>
      );
    case 'union':
      return <UnionField {...props} spec={spec} />;
    case 'custom':
      return <DefinitionEditor spec={spec} value={props.value} commit={(value) => props.commit(props.path, value)} />;
  }
}

function FieldShell({
  label,
  hint,
  range,
  error,
  name,
  children,
}: {
  label: string;
  hint: string;
  range?: string;
  error?: string | null;
  name: string;
  children: (id: string, describedBy: string) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' is-invalid' : ''}`} data-field={name}>
      <div className="field__row">
        <label htmlFor={id}>{label}</label>
        {range && <span className="field__range">{range}</span>}
      </div>
      {children(id, error ? `${errorId} ${hintId}` : hintId)}
      {error && (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <p className="field__hint" id={hintId}>
        {hint}
      </p>
    </div>
  );
}

/** Draft text for an input: kept while the person types, dropped when the model changes. */
function useDraft(value: unknown) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current && document.activeElement === ref.current) return;
    setDraft(null);
    setError(null);
  }, [value]);
  return { draft, setDraft, error, setError, ref };
}

function NumberField({ spec, path, prefix, value, commit }: FieldProps<NumberSpec>) {
  const { draft, setDraft, error, setError, ref } = useDraft(value);
  const remembered = useRef<number | null>(typeof value === 'number' ? value : null);
  if (typeof value === 'number') remembered.current = value;
  const name = nameOf(prefix, path);
  const isNull = value === null;
  const range = `${describeRange(spec)}${spec.nullLabel ? ' or none' : ''}`;

  const onText = (text: string) => {
    setDraft(text);
    if (text.trim() === '') {
      setError(`Enter a number; allowed: ${describeRange(spec)}`);
      return;
    }
    const result = commit(path, Number(text));
    setError(result.ok ? null : result.reason);
  };

  const onNullToggle = (makeNull: boolean) => {
    const fallback = remembered.current ?? Math.min(spec.max, Math.max(spec.min, 10));
    const result = commit(path, makeNull ? null : fallback);
    setDraft(null);
    setError(result.ok ? null : result.reason);
  };

  const input = (inputId: string | undefined, describedBy: string) => (
    <input
      ref={ref}
      id={inputId}
      name={name}
      type="number"
      inputMode={spec.integer ? 'numeric' : 'decimal'}
      min={spec.min}
      max={spec.max}
      step={spec.step ?? (spec.integer ? 1 : 'any')}
      value={draft ?? (isNull ? '' : String(value))}
      aria-label={spec.nullLabel ? `${spec.label}${spec.unit ? ` (${spec.unit})` : ''}` : undefined}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      onChange={(e) => onText(e.target.value)}
      onBlur={() => {
        if (!error) setDraft(null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setDraft(null);
          setError(null);
        }
      }}
    />
  );

  if (!spec.nullLabel) {
    return (
      <FieldShell label={spec.unit ? `${spec.label} (${spec.unit})` : spec.label} hint={spec.hint} range={range} error={error} name={name}>
        {(id, describedBy) => input(id, describedBy)}
      </FieldShell>
    );
  }

  // A nullable limit reads as a choice: "Unreserved" or "Reserve N", never a disabled input.
  const [noneTitle, noneDetail] = splitNullLabel(spec.nullLabel);
  const fallback = remembered.current ?? Math.min(spec.max, Math.max(spec.min, 10));
  return (
    <FieldShell label={spec.unit ? `${spec.label} (${spec.unit})` : spec.label} hint={spec.hint} range={describeRange(spec)} error={error} name={name}>
      {(id, describedBy) => (
        <div className="field__choice" role="radiogroup" aria-label={spec.label}>
          <label className="field__option">
            <input type="radio" name={`${name}.choice`} value="none" checked={isNull} onChange={() => onNullToggle(true)} />
            <span className="field__option-text">
              <span>{noneTitle}</span>
              {noneDetail && <small>{noneDetail}</small>}
            </span>
          </label>
          <label className="field__option">
            <input type="radio" name={`${name}.choice`} value="set" checked={!isNull} onChange={() => onNullToggle(false)} />
            <span>{spec.setLabel ?? 'Set'}</span>
            {isNull ? <span className="field__option-value">{fallback.toLocaleString('en-US')}</span> : input(id, describedBy)}
          </label>
        </div>
      )}
    </FieldShell>
  );
}

/** "unreserved: shares the account pool" → ["Unreserved", "shares the account pool"]. */
export function splitNullLabel(label: string): [string, string] {
  const at = label.indexOf(':');
  const head = (at >= 0 ? label.slice(0, at) : label).trim();
  const rest = at >= 0 ? label.slice(at + 1).trim() : '';
  return [head.charAt(0).toUpperCase() + head.slice(1), rest];
}

function TextField({ spec, path, prefix, value, commit }: FieldProps<TextSpec>) {
  const { draft, setDraft, error, setError, ref } = useDraft(value);
  const remembered = useRef<string>(typeof value === 'string' ? value : String(spec.default ?? ''));
  if (typeof value === 'string') remembered.current = value;
  const name = nameOf(prefix, path);
  const isNull = value === null;

  const onText = (text: string) => {
    setDraft(text);
    const result = commit(path, text);
    setError(result.ok ? null : result.reason);
  };

  return (
    <FieldShell label={spec.label} hint={spec.hint} error={error} name={name}>
      {(id, describedBy) => (
        <>
          <input
            ref={ref}
            id={id}
            name={name}
            type="text"
            spellCheck={false}
            maxLength={spec.maxLength}
            placeholder={isNull ? 'none' : spec.placeholder}
            value={draft ?? (isNull ? '' : String(value ?? ''))}
            disabled={isNull}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onText(e.target.value)}
            onBlur={() => {
              if (!error) setDraft(null);
            }}
          />
          {spec.nullLabel && (
            <label className="field__null">
              <input
                type="checkbox"
                name={`${name}.none`}
                checked={isNull}
                onChange={(e) => {
                  const result = commit(path, e.target.checked ? null : remembered.current);
                  setDraft(null);
                  setError(result.ok ? null : result.reason);
                }}
              />
              <span>None — {spec.nullLabel}</span>
            </label>
          )}
        </>
      )}
    </FieldShell>
  );
}

/** A text that holds a node's id, chosen among the nodes of its type by their names (never ids). */
function NodeRefField({ spec, path, prefix, value, commit }: FieldProps<TextSpec>) {
  const [error, setError] = useState<string | null>(null);
  const options = useDocumentStore(useShallow((s) => s.doc.nodes.filter((n) => n.type === spec.nodeRef).map((n) => `${n.id}\u0000${n.label || n.id}`)));
  const name = nameOf(prefix, path);
  return (
    <FieldShell label={spec.label} hint={spec.hint} error={error} name={name}>
      {(id, describedBy) => (
        <select
          id={id}
          name={name}
          value={String(value ?? '')}
          aria-describedby={describedBy}
          onChange={(e) => {
            const result = commit(path, e.target.value);
            setError(result.ok ? null : result.reason);
          }}
        >
          {options.map((o) => {
            const [nodeId, label] = o.split('\u0000');
            return (
              <option key={nodeId} value={nodeId}>
                {label}
              </option>
            );
          })}
        </select>
      )}
    </FieldShell>
  );
}

function BooleanField({ spec, path, prefix, value, commit }: FieldProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const name = nameOf(prefix, path);
  return (
    <div className={`field field--check${error ? ' is-invalid' : ''}`} data-field={name}>
      <label className="field__check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name={name}
          checked={value === true}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const result = commit(path, e.target.checked);
            setError(result.ok ? null : result.reason);
          }}
        />
        <span>{spec.label}</span>
      </label>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <p className="field__hint" id={`${id}-hint`}>
        {spec.hint}
      </p>
    </div>
  );
}

function UnionField({ spec, path, prefix, value, commit }: FieldProps<UnionSpec>) {
  const id = useId();
  const record = (value ?? {}) as Record<string, unknown>;
  const current = String(record[spec.discriminator] ?? spec.default);
  const variant = spec.variants[current] ?? spec.variants[spec.default];
  const name = nameOf(prefix, [...path, spec.discriminator]);
  return (
    <fieldset className="field-group">
      <legend>{spec.label}</legend>
      <div className="field" data-field={name}>
        <div className="field__row">
          <label htmlFor={id}>{spec.discriminator.charAt(0).toUpperCase() + spec.discriminator.slice(1)}</label>
        </div>
        <select id={id} name={name} value={current} aria-describedby={`${id}-hint`} onChange={(e) => commit([...path, spec.discriminator], e.target.value)}>
          {Object.entries(spec.variants).map(([key, v]) => (
            <option key={key} value={key}>
              {v.label}
            </option>
          ))}
        </select>
        <p className="field__hint" id={`${id}-hint`}>
          {spec.hint}
        </p>
      </div>
      <FieldList key={current} fields={variant.fields} path={path} prefix={prefix} value={value} commit={commit} />
    </fieldset>
  );
}
