/**
 * Everything the app keeps in the browser, in one table: each key, where it lives and what it
 * holds. Nothing else in the app names a storage key (storageKeys.test.ts checks that). The
 * app uses no IndexedDB and no Cache Storage; nothing stored is sent anywhere.
 *
 * Every access may throw (storage blocked by the browser, quota exceeded): callers go through
 * `browserStorage()` and treat a failure as "not kept", never as an error of the app.
 */

export type StorageArea = 'local' | 'session';

export interface StorageKey {
  key: string;
  area: StorageArea;
}

export const STORAGE_KEYS = {
  /**
   * localStorage — the working diagram, autosaved after every edit: the document itself as
   * JSON (format and version included, so the saved text is also a valid file). Read once at
   * start-up through `restoreDocument()` (state/persistence.ts).
   */
  document: { key: 'serverless-sandbox:document', area: 'local' },
  /**
   * localStorage — a saved diagram that could not be opened at start-up, kept as the text it
   * was (never parsed again by the app) so the person can recover it by hand.
   */
  unreadableDocument: { key: 'serverless-sandbox:document:unreadable', area: 'local' },
  /**
   * localStorage — the visitor's own diagrams set aside when they edited a shared one: a JSON
   * list of `{ savedAt, name, text }`, newest first, at most 5 (state/sharedSession.ts).
   */
  previousDocuments: { key: 'serverless-sandbox:document:previous', area: 'local' },
  /**
   * sessionStorage — the shared diagram this tab is viewing (`{ phase, doc?, migratedFrom }`),
   * so a reload of the tab shows it again; a new tab starts without it.
   */
  sharedSession: { key: 'serverless-sandbox:shared-session', area: 'session' },
  /**
   * localStorage — the workspace layout: which panels are open and the dashboard's height in
   * pixels (`{ paletteOpen, inspectorOpen, dashboardOpen, lessonPanelOpen, dashboardHeight }`).
   */
  layout: { key: 'serverless-sandbox:layout', area: 'local' },
  /**
   * localStorage — lesson progress: `{ finished: { lessonId: ISO date }, passed: ["lessonId:step"] }`
   * (at most 500 passed checks), shown in the gallery (state/lessonProgress.ts).
   */
  lessonProgress: { key: 'serverless-sandbox:lessons:progress', area: 'local' },
} as const satisfies Record<string, StorageKey>;

/** The browser's storage for an area, or null where there is none or it is blocked. */
export function browserStorage(area: StorageArea): Storage | null {
  try {
    if (area === 'local') return typeof localStorage === 'undefined' ? null : localStorage;
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
