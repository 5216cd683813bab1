/**
 * Importing a file: a document (JSON) or a SAM / CloudFormation template (YAML or JSON), told
 * apart by content. Templates are converted in a Web Worker (worker/import.worker.ts, loaded
 * on first use) with a progress notice and Cancel; what the import added or left out is kept
 * here for the list shown after it. One import at a time: a new one cancels the old.
 */
import { create } from 'zustand';
import { parseDocumentText } from '../model';
import { detectFileKind } from '../model/fileKind';
import type { ImportPhase } from '../worker/importProtocol';
import { startTemplateImport, type RunningImport } from '../worker/importClient';
import { useDocumentStore } from './documentStore';
import { useEditorStore } from './editorStore';

/** Far above any real template (the largest AWS sample is ~100 KB). */
export const MAX_TEMPLATE_BYTES = 5_000_000;

export interface ImportReport {
  fileName: string;
  nodes: number;
  edges: number;
  warnings: string[];
  /** Clients added to entry points so a run shows traffic, one sentence each. */
  added: string[];
}

interface SamWarningsState {
  /** What the last import added and did not understand, or null when nothing is to be shown. */
  report: ImportReport | null;
  dismiss: () => void;
}

export const useSamWarnings = create<SamWarningsState>()((set) => ({
  report: null,
  dismiss: () => set({ report: null }),
}));

export interface ImportProgress {
  fileName: string;
  phase: ImportPhase;
  startedAt: number;
}

/** The import in progress, if any (one at a time: a new one cancels the old). */
export const useImportProgress = create<{ progress: ImportProgress | null }>()(() => ({ progress: null }));

let running: RunningImport | null = null;

/** Stop the import in progress; the diagram stays as it was. */
export function cancelImport(quiet = false): void {
  const current = running;
  const progress = useImportProgress.getState().progress;
  if (!current) return;
  running = null;
  current.cancel();
  useImportProgress.setState({ progress: null });
  if (!quiet && progress) useEditorStore.getState().showNotice({ kind: 'info', text: `Import of ${progress.fileName} cancelled; your diagram is unchanged.` });
}

export function isImporting(): boolean {
  return running !== null;
}

/** Import a template's text (already read from its file) in the worker, then open the result. */
export async function importTemplateText(text: string, fileName: string): Promise<void> {
  cancelImport(true);
  const editor = useEditorStore.getState();
  const refuse = (why: string, details?: string[]) =>
    editor.showNotice({ kind: 'error', text: `${fileName} could not be imported: ${why} Your diagram is unchanged.`, details });
  useSamWarnings.setState({ report: null });
  editor.showNotice(null);
  const job = startTemplateImport({ text, fileName, addClients: true }, (phase) => {
    if (running === job)
      useImportProgress.setState({ progress: { fileName, phase, startedAt: useImportProgress.getState().progress?.startedAt ?? Date.now() } });
  });
  running = job;
  useImportProgress.setState({ progress: { fileName, phase: 'reading', startedAt: Date.now() } });
  const outcome = await job.result;
  if (running !== job) return; // cancelled, or replaced by a newer import
  running = null;
  useImportProgress.setState({ progress: null });
  if (outcome.type === 'cancelled') return;
  if (!outcome.ok) {
    refuse(/[.!?)]$/.test(outcome.error) ? outcome.error : `${outcome.error}.`);
    return;
  }
  const replaced = useDocumentStore.getState().replaceDocument(outcome.document, `import ${fileName}`);
  if (!replaced.ok) {
    refuse('the diagram made from it breaks a rule of the model.', replaced.reason.split('\n'));
    return;
  }
  editor.clearSelection();
  editor.requestFitView();
  const { nodes, edges } = outcome.document;
  const added = outcome.added.map((a) => a.note);
  if (outcome.warnings.length || added.length) {
    useSamWarnings.setState({ report: { fileName, nodes: nodes.length, edges: edges.length, warnings: outcome.warnings, added } });
    editor.showNotice(null);
  } else {
    editor.showNotice({
      kind: 'info',
      text: `Imported ${fileName}: ${count(nodes.length, 'service')} and ${count(edges.length, 'connection')}. Undo (Ctrl+Z) brings your previous diagram back.`,
    });
  }
}

/**
 * Import any file a person has: a document (JSON) or a SAM / CloudFormation template (YAML
 * or JSON), told apart by content. Templates are converted in a worker, with a progress
 * notice and Cancel; what was added or left out is listed after.
 */
export async function importFile(file: File): Promise<void> {
  if (file.size > MAX_TEMPLATE_BYTES) {
    useEditorStore.getState().showNotice({
      kind: 'error',
      text: `${file.name} could not be opened: it is ${file.size.toLocaleString('en-US')} bytes; files up to ${MAX_TEMPLATE_BYTES.toLocaleString('en-US')} bytes are read. Your diagram is unchanged.`,
    });
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    useEditorStore.getState().showNotice({ kind: 'error', text: `${file.name} could not be read (${(e as Error).message}); your diagram is unchanged.` });
    return;
  }
  if (detectFileKind(text) === 'template') {
    await importTemplateText(text, file.name);
    return;
  }
  cancelImport(true);
  useSamWarnings.getState().dismiss();
  const result = parseDocumentText(text);
  if (!result.ok) {
    useEditorStore.getState().showNotice({
      kind: 'error',
      text: `${file.name} could not be opened (${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}); your diagram is unchanged.`,
      details: result.errors,
    });
    return;
  }
  const replaced = useDocumentStore.getState().replaceDocument(result.document, `import ${file.name}`);
  const editor = useEditorStore.getState();
  if (!replaced.ok) {
    editor.showNotice({ kind: 'error', text: 'That document breaks a rule of the model:', details: replaced.reason.split('\n') });
    return;
  }
  editor.clearSelection();
  editor.requestFitView();
  {
    const extra = result.warnings.length ? ` Note: ${result.warnings.join('; ')}.` : '';
    editor.showNotice({ kind: 'info', text: `Opened ${file.name}.${extra}` });
  }
}

export function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
