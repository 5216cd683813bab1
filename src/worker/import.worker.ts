/**
 * SAM / CloudFormation import off the page's main thread: parse and convert (sam/import),
 * add clients to entry points, lay out (elk). Posts a progress message before each phase.
 */
import { addEntryClients } from '../model';
import { importTemplateGraph } from '../sam/import';
import type { ImportReply, ImportRequest } from './importProtocol';

const post = (reply: ImportReply) => (self as unknown as Worker).postMessage(reply);

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
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
    const { layoutDocument } = await import('../layout/elk');
    let laidOut = document;
    const warnings = [...graph.warnings];
    try {
      laidOut = await layoutDocument(document);
    } catch (e) {
      warnings.push(`the automatic layout failed (${e instanceof Error ? e.message : String(e)}); services are placed on a grid`);
    }
    post({ type: 'done', ok: true, document: laidOut, warnings, added });
  } catch (e) {
    post({ type: 'done', ok: false, error: `an unexpected problem (${e instanceof Error ? e.message : String(e)})` });
  }
};
