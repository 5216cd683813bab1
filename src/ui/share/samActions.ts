/**
 * SAM / CloudFormation in and out. Import runs in a Web Worker (worker/import.worker.ts,
 * loaded on first use) with a progress notice and Cancel; export loads its converter on
 * first use. Neither weighs on the page's first load.
 */
import { useDocumentStore } from '../../state/documentStore';
import { useEditorStore } from '../../state/editorStore';
import { downloadBlob } from './download';

/** The import actions are app state now (state/importActions.ts); kept here for existing imports. */
export { MAX_TEMPLATE_BYTES, cancelImport, count, importTemplateText, isImporting, useImportProgress, useSamWarnings } from '../../state/importActions';
export type { ImportProgress, ImportReport } from '../../state/importActions';

export async function exportSamTemplate(): Promise<void> {
  try {
    const { exportTemplate } = await import('../../sam/export');
    const yaml = exportTemplate(useDocumentStore.getState().doc);
    downloadBlob(new Blob([yaml], { type: 'application/yaml' }), 'template.yaml');
  } catch (e) {
    useEditorStore.getState().showNotice({ kind: 'error', text: `The SAM template could not be made: ${e instanceof Error ? e.message : String(e)}` });
  }
}
