/**
 * Scheduled incidents for one service: faults written into the document, so a shared link
 * replays the same incident at the same simulated time (the live toggles above act now).
 */
import { FAULT_KINDS, hasCapability, type Fault, type FaultKind, type NodeType } from '../../model';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';

const KIND_LABELS: Record<FaultKind, string> = {
  down: 'Down: every call fails',
  latency: 'Added latency',
  errors: 'Raised error rate',
  throttle: 'Throttled: every call refused',
  cacheFlush: 'Cache flush',
  failover: 'Failover: the writer moves (AWS typical time)',
};

function kindsFor(type: NodeType): FaultKind[] {
  return FAULT_KINDS.filter((k) => (k !== 'cacheFlush' || hasCapability(type, 'cache')) && (k !== 'failover' || type === 'rds'));
}

function withKind(fault: Fault, kind: FaultKind): Fault {
  const base = { atS: fault.atS, node: fault.node };
  const lengthS = 'lengthS' in fault ? fault.lengthS : 30;
  switch (kind) {
    case 'latency':
      return { ...base, kind, lengthS, addMs: 1000 };
    case 'errors':
      return { ...base, kind, lengthS, rate: 0.5 };
    case 'cacheFlush':
    case 'failover':
      return { ...base, kind };
    default:
      return { ...base, kind, lengthS };
  }
}

export function ScheduledFaults({ nodeId, type }: { nodeId: string; type: NodeType }) {
  const faults = useDocumentStore((s) => s.doc.faults);
  const durationS = useDocumentStore((s) => s.doc.settings.durationS);
  const setFaults = useDocumentStore((s) => s.setFaults);
  const showNotice = useEditorStore((s) => s.showNotice);
  const mine = faults.map((f, index) => ({ f, index })).filter(({ f }) => f.node === nodeId);

  const save = (next: Fault[]) => {
    const result = setFaults(next);
    if (!result.ok) showNotice({ kind: 'error', text: `Scheduled fault not changed: ${result.reason}` });
  };
  const change = (index: number, fault: Fault) => save(faults.map((f, i) => (i === index ? fault : f)));
  const num = (value: string, min: number, max: number) => Math.min(max, Math.max(min, Number(value) || 0));

  return (
    <div className="scheduled-faults" data-testid="scheduled-faults">
      <h3 className="inspector__section-title">Scheduled incidents</h3>
      {mine.length === 0 && <p className="field__hint">None. An incident here replays in every run and in shared links.</p>}
      {mine.map(({ f, index }) => (
        <fieldset key={index} className="scheduled-fault">
          <legend className="visually-hidden">Incident {index + 1}</legend>
          <label className="scheduled-fault__kind">
            Kind
            <select name={`faults.${index}.kind`} value={f.kind} onChange={(e) => change(index, withKind(f, e.target.value as FaultKind))}>
              {kindsFor(type).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            At (s)
            <input
              type="number"
              name={`faults.${index}.atS`}
              min={0}
              max={durationS}
              value={f.atS}
              onChange={(e) => change(index, { ...f, atS: num(e.target.value, 0, durationS) })}
            />
          </label>
          {'lengthS' in f && (
            <label>
              For (s)
              <input
                type="number"
                name={`faults.${index}.lengthS`}
                min={0}
                max={86_400}
                value={f.lengthS}
                onChange={(e) => change(index, { ...f, lengthS: num(e.target.value, 0, 86_400) })}
              />
            </label>
          )}
          {f.kind === 'latency' && (
            <label>
              +ms
              <input
                type="number"
                name={`faults.${index}.addMs`}
                min={0}
                max={900_000}
                value={f.addMs}
                onChange={(e) => change(index, { ...f, addMs: num(e.target.value, 0, 900_000) })}
              />
            </label>
          )}
          {f.kind === 'errors' && (
            <label>
              Rate
              <input
                type="number"
                name={`faults.${index}.rate`}
                min={0}
                max={1}
                step={0.05}
                value={f.rate}
                onChange={(e) => change(index, { ...f, rate: num(e.target.value, 0, 1) })}
              />
            </label>
          )}
          <button
            type="button"
            className="button button--small"
            aria-label={`Remove incident ${index + 1}`}
            onClick={() => save(faults.filter((_, i) => i !== index))}
          >
            Remove
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--small"
        onClick={() => save([...faults, { kind: 'down', node: nodeId, atS: Math.min(60, Math.floor(durationS / 2)), lengthS: 30 }])}
      >
        Schedule an incident
      </button>
    </div>
  );
}
