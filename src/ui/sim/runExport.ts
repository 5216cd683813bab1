/** Downloads of a run: its windows as CSV, and a one-page HTML report with a picture of the diagram. */
import type { ReactFlowInstance } from '@xyflow/react';
import { findFindings } from '../../analysis/findings';
import { evaluateGoals } from '../../analysis/goals';
import { runCsv } from '../../analysis/runCsv';
import { reportHtml } from '../../analysis/runReport';
import { useDocumentStore } from '../../state/documentStore';
import { scrubWindows, useSimulationStore } from '../../state/simulationStore';
import { downloadBlob, fileBaseName } from '../share/download';
import { frameFor } from '../share/exportImage';

export function downloadRunCsv(): void {
  const doc = useDocumentStore.getState().doc;
  const csv = runCsv(doc, scrubWindows(useSimulationStore.getState()));
  downloadBlob(new Blob([csv], { type: 'text/csv' }), `${fileBaseName(doc.name)}-run.csv`);
}

/** The diagram as a PNG data URL, or undefined when it cannot be drawn (the report goes without). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function diagramPng(flow: ReactFlowInstance<any, any> | null): Promise<string | undefined> {
  const element = document.querySelector<HTMLElement>('.canvas .react-flow__viewport');
  const frame = flow ? frameFor(flow) : null;
  if (!element || !frame) return undefined;
  try {
    const { toPng } = await import('html-to-image');
    return await toPng(element, {
      backgroundColor: '#ffffff',
      width: frame.width,
      height: frame.height,
      skipFonts: true,
      pixelRatio: 1,
      filter: (node: HTMLElement) => !node.classList?.contains('react-flow__handle'),
      style: { width: `${frame.width}px`, height: `${frame.height}px`, transform: frame.transform },
    });
  } catch {
    return undefined;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function downloadRunReport(flow: ReactFlowInstance<any, any> | null): Promise<void> {
  const doc = useDocumentStore.getState().doc;
  const state = useSimulationStore.getState();
  const summary = state.summary;
  if (!summary) return;
  const windows = scrubWindows(state);
  const input = {
    doc,
    summary,
    goals: evaluateGoals(doc, summary),
    findings: findFindings({ doc, summary, windows }),
    createdAt: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
  const html = reportHtml(input, { diagramPng: await diagramPng(flow) });
  downloadBlob(new Blob([html], { type: 'text/html' }), `${fileBaseName(doc.name)}-report.html`);
}
