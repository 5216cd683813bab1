/**
 * The page's side of a template import: starts a fresh worker (loaded on first use, so the
 * parser, YAML and the layout engine never weigh on the first page load), reports its
 * phases, and cancels by terminating it.
 */
import type { ImportPhase, ImportReply, ImportRequest } from './importProtocol';

export type ImportOutcome = Extract<ImportReply, { type: 'done' }> | { type: 'cancelled' };

export interface RunningImport {
  result: Promise<ImportOutcome>;
  cancel(): void;
}

export function startTemplateImport(request: ImportRequest, onPhase: (phase: ImportPhase) => void): RunningImport {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'template-import' });
  let settle: (o: ImportOutcome) => void = () => {};
  let finished = false;
  const result = new Promise<ImportOutcome>((resolve) => {
    settle = (o) => {
      if (finished) return;
      finished = true;
      worker.terminate();
      resolve(o);
    };
  });
  worker.onmessage = (event: MessageEvent<ImportReply>) => {
    const reply = event.data;
    if (reply.type === 'progress') {
      if (!finished) onPhase(reply.phase);
    } else settle(reply);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settle({ type: 'done', ok: false, error: `the import stopped unexpectedly (${event.message || 'the worker failed'})` });
  };
  worker.postMessage(request);
  return { result, cancel: () => settle({ type: 'cancelled' }) };
}
