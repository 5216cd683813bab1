/**
 * SAM / CloudFormation import off the page's main thread: parse and convert (sam/import),
 * add clients to entry points, lay out (layout/layered). Posts a progress message before each phase.
 */
import { addEntryClients } from '../model';
import { layeredLayout } from '../layout/layered';
import { importTemplateGraph } from '../sam/import';
import type { ImportReply, ImportRequest } from './importProtocol';

const post = (reply: ImportReply) => (self as unknown as Worker).postMessage(reply);

self.onmessage = (event: MessageEvent<ImportRequest>) => {
  const { text, fileName, addClients } = event.data;
  try {
    post({ type: 'progress', phase: 'reading' });
    const graph = importTemplateGraph(text, fileName);
    if (!graph.ok) {
      post({ type: 'done', ok: false, error: graph.error });
      return;
    }
    post({ type: 'progress', phase: 'traffic' });
    const { document, added } = addClients ? addEntryClients(graph.document) : { document: graph.document, added: [] };
    post({ type: 'progress', phase: 'layout' });
    // The quick layered layout: linear, and without the 1.5 MB layout engine (Auto-layout refines it).
    post({ type: 'done', ok: true, document: layeredLayout(document), warnings: graph.warnings, added });
  } catch (e) {
    post({ type: 'done', ok: false, error: `an unexpected problem (${e instanceof Error ? e.message : String(e)})` });
  }
};
