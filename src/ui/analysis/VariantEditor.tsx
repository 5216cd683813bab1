/** The variant's key settings beside the base's, one row per knob, grouped by node. */
import type { Knob } from '../../analysis/knobs';
import { knobKey } from '../../analysis/knobs';

interface VariantEditorProps {
  knobs: Knob[];
  /** Text typed for each knob (by knobKey); absent = same as base. */
  edits: Record<string, string>;
  errors: Record<string, string>;
  onEdit(key: string, text: string | null): void;
}

function show(knob: Knob, value: number | null): string {
  if (value === null) return knob.nullLabel ?? '—';
  return value.toLocaleString('en-US');
}

export function VariantEditor({ knobs, edits, errors, onEdit }: VariantEditorProps) {
  if (knobs.length === 0) {
    return <p className="analysis-empty">This diagram has no Lambda, client or cache settings to vary.</p>;
  }
  let lastNode = '';
  return (
    <table className="variant-table">
      <thead>
        <tr>
          <th scope="col">Setting</th>
          <th scope="col">Base</th>
          <th scope="col">Variant</th>
        </tr>
      </thead>
      <tbody>
        {knobs.flatMap((knob) => {
          const key = knobKey(knob);
          const rows = [];
          if (knob.nodeId !== lastNode) {
            lastNode = knob.nodeId;
            rows.push(
              <tr key={`${knob.nodeId}-head`} className="variant-table__node">
                <th colSpan={3} scope="rowgroup">
                  {knob.nodeLabel} <span className="variant-table__type">{knob.nodeType}</span>
                </th>
              </tr>,
            );
          }
          const text = edits[key];
          const changed = text !== undefined;
          const id = `variant-${key.replace(/[^a-zA-Z0-9]/g, '-')}`;
          rows.push(
            <tr key={key} data-changed={changed ? 'true' : undefined}>
              <th scope="row">
                <label htmlFor={id}>
                  {knob.label}
                  {knob.unit && <span className="variant-table__unit"> ({knob.unit})</span>}
                </label>
              </th>
              <td className="variant-table__base">{show(knob, knob.value)}</td>
              <td>
                <input
                  id={id}
                  type="number"
                  inputMode="numeric"
                  name={`variant.${knob.nodeId}.${knob.path.join('.')}`}
                  min={knob.min}
                  max={knob.max}
                  placeholder={knob.nullLabel}
                  value={changed ? text : knob.value === null ? '' : String(knob.value)}
                  aria-invalid={errors[key] ? 'true' : undefined}
                  title={errors[key]}
                  onChange={(e) => {
                    const next = e.target.value;
                    const same = next === (knob.value === null ? '' : String(knob.value));
                    onEdit(key, same ? null : next);
                  }}
                />
              </td>
            </tr>,
          );
          return rows;
        })}
      </tbody>
    </table>
  );
}
