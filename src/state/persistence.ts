/**
 * Autosave: the saved blob is the architecture document itself (it carries its format and
 * version), so a saved diagram is also a valid file. Loading goes through restoreDocument().
 */
import { restoreDocument, parseDocumentText, type Architecture } from '../model';
import { STORAGE_KEYS } from './storageKeys';

export const STORAGE_KEY = STORAGE_KEYS.document.key;
/** Where an unreadable saved document is kept instead of being thrown away. */
export const UNREADABLE_KEY = STORAGE_KEYS.unreadableDocument.key;

export type DocumentStorage = Pick<Storage, 'getItem' | 'setItem'>;

export type LoadResult = { kind: 'empty' } | { kind: 'loaded'; document: Architecture; warnings: string[] } | { kind: 'unreadable'; errors: string[] };

export function loadDocument(storage: DocumentStorage | null): LoadResult {
  if (!storage) return { kind: 'empty' };
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch {
    return { kind: 'empty' };
  }
  if (text === null) return { kind: 'empty' };
  const result = parseDocumentText(text);
  if (!result.ok) {
    try {
      storage.setItem(UNREADABLE_KEY, text);
    } catch {
      // Storage full or blocked: the message below still tells the person what happened.
    }
    return { kind: 'unreadable', errors: result.errors };
  }
  return { kind: 'loaded', document: result.document, warnings: result.warnings };
}

/**
 * Asked before every autosave; false skips it. Sharing (state/sharedSession.ts) holds it
 * while a shared diagram is viewed over the visitor's own, and in read-only view mode.
 */
let saveGate: ((doc: Architecture) => boolean) | null = null;

export function setSaveGate(gate: ((doc: Architecture) => boolean) | null): void {
  saveGate = gate;
}

export function saveDocument(storage: DocumentStorage | null, doc: Architecture): boolean {
  if (!storage) return false;
  if (saveGate && !saveGate(doc)) return false;
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(doc));
    return true;
  } catch {
    return false;
  }
}

/** In-memory storage for tests and for browsers that block localStorage. */
export function memoryStorage(initial: Record<string, string> = {}): DocumentStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => (key in data ? data[key] : null),
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

export { restoreDocument };
