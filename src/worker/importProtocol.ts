/**
 * Messages between the page and the template-import worker (import.worker.ts). One import
 * per worker; the page cancels by terminating the worker, the only way to stop a parse.
 */
import type { AddedClient, Architecture } from '../model';

export interface ImportRequest {
  text: string;
  fileName: string;
  /** Give entry points a client (model/entryTraffic.ts) before the layout. */
  addClients: boolean;
}

export type ImportPhase = 'reading' | 'traffic' | 'layout';

export type ImportReply =
  | { type: 'progress'; phase: ImportPhase }
  | { type: 'done'; ok: true; document: Architecture; warnings: string[]; added: AddedClient[] }
  | { type: 'done'; ok: false; error: string };
