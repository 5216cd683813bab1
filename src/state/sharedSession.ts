/**
 * Opening a share link without losing the visitor's own work.
 *
 * - A link (`#v1.…`, also `#doc=v1.…`) is read once at start-up and whenever the fragment
 *   changes, then removed from the address bar, so a reload never re-imports over edits.
 *   (In view mode the fragment stays: the page is read-only, and the address is the diagram.)
 * - A broken link opens nothing: one alert names the problem; the autosaved diagram stays.
 * - With no saved diagram of one's own (or the same one), the shared diagram simply opens
 *   and becomes the working diagram.
 * - Over a different saved diagram, the shared one is *viewed*: it is not autosaved, the
 *   saved diagram is untouched, and a bar offers "Back to my diagram". The first edit makes
 *   it a working copy: the saved diagram is first copied to PREVIOUS_KEY, then autosave
 *   runs as usual, and "Back to my diagram" still brings it back.
 * - The viewing survives a reload of the tab (sessionStorage), not a new tab: a new tab
 *   opens the visitor's own diagram as always.
 */
import { create } from 'zustand';
import { parseDocumentText, restoreDocument, type Architecture } from '../model';
import { decodeShareHash } from '../model/share';
import { useDocumentStore } from './documentStore';
import { useEditorStore } from './editorStore';
import { STORAGE_KEY, setSaveGate } from './persistence';
import { STORAGE_KEYS, browserStorage } from './storageKeys';
import { VIEW_MODE } from './viewMode';
import { plainLinkProblem } from './linkProblem';

/** sessionStorage: the shared diagram this tab is viewing, so a reload shows it again. */
export const SESSION_KEY = STORAGE_KEYS.sharedSession.key;
/** localStorage: the visitor's own diagrams set aside when they edited a shared one (newest first). */
export const PREVIOUS_KEY = STORAGE_KEYS.previousDocuments.key;
const PREVIOUS_LIMIT = 5;

type Phase = 'viewing' | 'edited';

interface SharedSessionState {
  /** null: the visitor's own diagram is open. */
  phase: Phase | null;
  /** Set when the link held an older format version that was migrated. */
  migratedFrom: number | null;
  /** The bar was closed for now (the session itself goes on). */
  bannerHidden: boolean;
  hideBanner: () => void;
}

export const useSharedSession = create<SharedSessionState>()((set) => ({
  phase: null,
  migratedFrom: null,
  bannerHidden: false,
  hideBanner: () => set({ bannerHidden: true }),
}));

/** The shared diagram as opened; while it is on screen unchanged, it is not autosaved. */
let viewedDoc: Architecture | null = null;

interface SavedSession {
  phase: Phase;
  doc?: unknown;
  migratedFrom?: number | null;
}

// ---- storage helpers: every access may throw (blocked storage, quota) ----

const local = () => browserStorage(STORAGE_KEYS.previousDocuments.area);
const session = () => browserStorage(STORAGE_KEYS.sharedSession.area);

function read(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** False when the storage refused (full or blocked). */
function write(storage: Storage | null, key: string, value: string | null): boolean {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
    return storage !== null;
  } catch {
    // Full or blocked: for the session key that only means a reload forgets the viewing.
    return false;
  }
}

export interface PreviousDiagram {
  savedAt: string;
  name: string;
  text: string;
}

export function previousDiagrams(): PreviousDiagram[] {
  try {
    const list: unknown = JSON.parse(read(local(), PREVIOUS_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((p): p is PreviousDiagram => typeof p?.text === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Put a saved diagram's text aside (newest first, no duplicate of the newest). When storage
 * is short, older entries go first; false when even this one alone cannot be kept.
 */
function keepPrevious(text: string | null): boolean {
  if (!text) return true;
  const list = previousDiagrams();
  if (list[0]?.text === text) return true;
  let name = 'Untitled architecture';
  try {
    name = String((JSON.parse(text) as { name?: unknown }).name ?? name);
  } catch {
    // kept as text anyway
  }
  const entries = [{ savedAt: new Date().toISOString(), name, text }, ...list];
  for (let keep = Math.min(PREVIOUS_LIMIT, entries.length); keep >= 1; keep--) {
    if (write(local(), PREVIOUS_KEY, JSON.stringify(entries.slice(0, keep)))) return true;
  }
  return false;
}

let warnedNotKept = false;

// ---- the autosave gate ----

function gate(doc: Architecture): boolean {
  if (VIEW_MODE) return false;
  const { phase } = useSharedSession.getState();
  if (phase !== 'viewing') return true;
  if (doc === viewedDoc) return false;
  // The first edit: the shared diagram becomes a working copy. Set the visitor's own aside
  // first; if storage cannot hold it, their own stays where it is and this copy is not saved.
  if (!keepPrevious(read(local(), STORAGE_KEY))) {
    if (!warnedNotKept) {
      warnedNotKept = true;
      useEditorStore.getState().showNotice({
        kind: 'error',
        text: 'Your changes to the shared diagram are not autosaved: the browser storage is full, and saving them would replace your own diagram. Export JSON to keep them.',
      });
    }
    return false;
  }
  viewedDoc = null;
  useSharedSession.setState({ phase: 'edited' });
  write(session(), SESSION_KEY, JSON.stringify({ phase: 'edited', migratedFrom: useSharedSession.getState().migratedFrom } satisfies SavedSession));
  return true;
}

// ---- opening ----

/** The link payload in a fragment, or null when the fragment holds none. */
export function linkPayload(hash: string): string | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const payload = text.startsWith('doc=') ? text.slice(4) : text;
  return payload.trim() === '' ? null : payload;
}

function clearHash(): void {
  if (VIEW_MODE) return;
  try {
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  } catch {
    // Some embedded contexts refuse; the link is then read again on reload, which is safe.
  }
}

function endSession(): void {
  viewedDoc = null;
  useSharedSession.setState({ phase: null, migratedFrom: null, bannerHidden: false });
  write(session(), SESSION_KEY, null);
}

/** Show `doc`; at start-up the undo history starts with it rather than with the page's first diagram. */
function show(doc: Architecture, atStartup: boolean): boolean {
  const result = useDocumentStore.getState().replaceDocument(doc, 'share link');
  if (!result.ok) {
    useEditorStore.getState().showNotice({
      kind: 'error',
      text: 'This share link holds a diagram that breaks a rule of the model; nothing was opened.',
      details: result.reason.split('\n'),
    });
    return false;
  }
  if (atStartup) useDocumentStore.temporal.getState().clear();
  useEditorStore.getState().clearSelection();
  useEditorStore.getState().requestFitView();
  return true;
}

function sameDocument(a: Architecture, b: Architecture): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function migrationNote(from: number | undefined | null): string {
  return from === undefined || from === null ? '' : ` It was made with an older format (version ${from}) and was updated to open here.`;
}

export function openSharedDocument(doc: Architecture, migratedFrom: number | undefined, atStartup: boolean): void {
  const editor = useEditorStore.getState();
  const name = doc.name || 'Untitled architecture';
  if (VIEW_MODE) {
    if (show(doc, atStartup) && migratedFrom !== undefined) editor.showNotice({ kind: 'info', text: `Opened “${name}”.${migrationNote(migratedFrom)}` });
    return;
  }
  // The visitor's own work is what autosave holds (a never-edited sample is not saved).
  const ownText = read(local(), STORAGE_KEY);
  const own = ownText === null ? null : parseDocumentText(ownText);
  const protect = own !== null && own.ok && !sameDocument(own.document, doc);
  if (!protect) {
    endSession();
    if (show(doc, atStartup)) editor.showNotice({ kind: 'info', text: `Opened the shared diagram “${name}”.${migrationNote(migratedFrom)}` });
    return;
  }
  // Viewing: the gate keeps this exact object out of autosave until it is edited.
  viewedDoc = doc;
  useSharedSession.setState({ phase: 'viewing', migratedFrom: migratedFrom ?? null, bannerHidden: false });
  if (!show(doc, atStartup)) {
    endSession();
    return;
  }
  write(session(), SESSION_KEY, JSON.stringify({ phase: 'viewing', doc, migratedFrom: migratedFrom ?? null } satisfies SavedSession));
}

function openLink(payload: string, atStartup: boolean): void {
  clearHash();
  const result = decodeShareHash(payload);
  if (!result.ok) {
    const own = useSharedSession.getState().phase === null ? 'Your own diagram is shown, unchanged.' : 'Nothing else changed.';
    const { text, details } = plainLinkProblem(result.errors);
    useEditorStore.getState().showNotice({ kind: 'error', text: `${text} ${own}`, details });
    return;
  }
  openSharedDocument(result.document, result.migratedFrom, atStartup);
}

/** A reload of a tab that was viewing a shared diagram shows it again. */
function resumeSession(): void {
  let saved: SavedSession;
  try {
    saved = JSON.parse(read(session(), SESSION_KEY) ?? 'null') as SavedSession;
  } catch {
    saved = null as unknown as SavedSession;
  }
  if (!saved || (saved.phase !== 'viewing' && saved.phase !== 'edited')) return;
  const migratedFrom = typeof saved.migratedFrom === 'number' ? saved.migratedFrom : null;
  if (saved.phase === 'edited') {
    useSharedSession.setState({ phase: 'edited', migratedFrom });
    return;
  }
  const restored = restoreDocument(saved.doc);
  if (!restored.ok) {
    write(session(), SESSION_KEY, null);
    return;
  }
  viewedDoc = restored.document;
  useSharedSession.setState({ phase: 'viewing', migratedFrom });
  show(restored.document, true);
}

/** Call once before the first render (after the page's view-mode key guard, ui/share/viewMode.ts). */
export function startSharing(): void {
  setSaveGate(gate);
  if (!VIEW_MODE) resumeSession();
  const payload = linkPayload(location.hash);
  if (payload !== null) openLink(payload, true);
  window.addEventListener('hashchange', () => {
    const next = linkPayload(location.hash);
    if (next !== null) openLink(next, false);
  });
}

/** "Back to my diagram": the saved diagram (while viewing) or the one set aside (after an edit). */
export function backToMyDiagram(): void {
  const editor = useEditorStore.getState();
  const { phase } = useSharedSession.getState();
  if (phase === null) return;
  const text = phase === 'viewing' ? read(local(), STORAGE_KEY) : (previousDiagrams()[0]?.text ?? null);
  const parsed = text === null ? null : parseDocumentText(text);
  if (!parsed?.ok) {
    editor.showNotice({
      kind: 'error',
      text: 'Your own diagram could not be found or read any more, so the shared one stays open.',
      details: parsed && !parsed.ok ? parsed.errors : undefined,
    });
    return;
  }
  // After an edit the working copy is the visitor's work too: set it aside before leaving it.
  if (phase === 'edited') keepPrevious(JSON.stringify(useDocumentStore.getState().doc));
  endSession();
  const result = useDocumentStore.getState().replaceDocument(parsed.document, 'back to my diagram');
  if (!result.ok) {
    editor.showNotice({ kind: 'error', text: 'Your own diagram breaks a rule of the model and could not be reopened.', details: result.reason.split('\n') });
    return;
  }
  // Undo back into an unedited shared diagram would autosave it over this one: start fresh.
  if (phase === 'viewing') useDocumentStore.temporal.getState().clear();
  editor.clearSelection();
  editor.requestFitView();
  editor.showNotice({
    kind: 'info',
    text: phase === 'edited' ? 'Your diagram is back. Undo (Ctrl+Z) returns to your copy of the shared one.' : 'Your diagram is back.',
  });
}

/** Reopen a diagram set aside when a shared one was edited; the current one is set aside in turn. */
export function reopenPrevious(index: number): void {
  const editor = useEditorStore.getState();
  const entry = previousDiagrams()[index];
  const parsed = entry ? parseDocumentText(entry.text) : null;
  if (!parsed?.ok) {
    editor.showNotice({ kind: 'error', text: 'That earlier diagram could not be read any more.', details: parsed && !parsed.ok ? parsed.errors : undefined });
    return;
  }
  if (useSharedSession.getState().phase !== 'viewing') keepPrevious(JSON.stringify(useDocumentStore.getState().doc));
  endSession();
  const result = useDocumentStore.getState().replaceDocument(parsed.document, 'previous diagram');
  if (!result.ok) {
    editor.showNotice({
      kind: 'error',
      text: 'That earlier diagram breaks a rule of the model and could not be reopened.',
      details: result.reason.split('\n'),
    });
    return;
  }
  editor.clearSelection();
  editor.requestFitView();
  editor.showNotice({
    kind: 'info',
    text: `Reopened “${parsed.document.name || 'Untitled architecture'}”. Undo (Ctrl+Z) returns to the diagram you had open.`,
  });
}
