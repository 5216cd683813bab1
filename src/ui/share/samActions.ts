/**
 * SAM / CloudFormation in and out. The converters bring `yaml` and `elkjs`, so they are
 * loaded on first use, never with the page.
 */
import { create } from 'zustand';
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { downloadBlob } from './download';

/** Far above any real template (the largest AWS sample is ~100 KB). */
const MAX_TEMPLATE_BYTES = 5_000_000;

interface SamWarningsState {
  /** What the last import did not understand, or null when nothing is to be shown. */
  report: { fileName: string; nodes: number; edges: number; warnings: string[] } | null;
  dismiss: () => void;
}

export const useSamWarnings = create<SamWarningsState>()((set) => ({
  report: null,
  dismiss: () => set({ report: null }),
}));

export async function importSamFile(file: File): Promise<void> {
  const editor = useEditorStore.getState();
  const refuse = (why: string, details?: string[]) =>
    editor.showNotice({ kind: 'error', text: `${file.name} could not be imported: ${why} Your diagram is unchanged.`, details });
  if (file.size > MAX_TEMPLATE_BYTES) {
    refuse(`it is ${file.size.toLocaleString('en-US')} bytes; templates up to ${MAX_TEMPLATE_BYTES.toLocaleString('en-US')} bytes are read.`);
    return;
  }
  let result;
  try {
    const [{ importTemplate }, text] = await Promise.all([import('../../sam/import'), file.text()]);
    result = await importTemplate(text, file.name);
  } catch (e) {
    refuse(`an unexpected problem (${e instanceof Error ? e.message : String(e)}).`);
    return;
  }
  if (!result.ok) {
    refuse(/[.!?]$/.test(result.error) ? result.error : `${result.error}.`);
    return;
  }
  const replaced = useDocumentStore.getState().replaceDocument(result.document, `import ${file.name}`);
  if (!replaced.ok) {
    refuse('the diagram made from it breaks a rule of the model.', replaced.reason.split('\n'));
    return;
  }
  editor.clearSelection();
  editor.requestFitView();
  const { nodes, edges } = result.document;
  if (result.warnings.length) {
    useSamWarnings.setState({ report: { fileName: file.name, nodes: nodes.length, edges: edges.length, warnings: result.warnings } });
    editor.showNotice(null);
  } else {
    useSamWarnings.setState({ report: null });
    editor.showNotice({ kind: 'info', text: `Imported ${file.name}: ${count(nodes.length, 'service')} and ${count(edges.length, 'connection')}. Undo (Ctrl+Z) brings your previous diagram back.` });
  }
}

export async function exportSamTemplate(): Promise<void> {
  try {
    const { exportTemplate } = await import('../../sam/export');
    const yaml = exportTemplate(useDocumentStore.getState().doc);
    downloadBlob(new Blob([yaml], { type: 'application/yaml' }), 'template.yaml');
  } catch (e) {
    useEditorStore.getState().showNotice({ kind: 'error', text: `The SAM template could not be made: ${e instanceof Error ? e.message : String(e)}` });
  }
}

export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
