/**
 * The architecture document: the one source of truth of the editor. Every edit is a pure
 * model operation (model/edits.ts) that checks values against the field specs and the rules
 * across nodes; this store only commits what it returns, as one undo step (zundo), and
 * autosaves (persistence.ts).
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import { defaultScenario, type Architecture, type EdgeKind, type Fault, type Goal, type NodeType, type Position, type Settings } from '../model';
import * as edits from '../model/edits';
import type { Edit, NodeMove, StepChange } from '../model/edits';
import type { Fragment } from '../model/fragment';
import { loadDocument, saveDocument, type DocumentStorage } from './persistence';
import { STORAGE_KEYS, browserStorage } from './storageKeys';

export type { NodeMove, StepChange };
export type EditResult = { ok: true; info?: string } | { ok: false; reason: string };
export type ConnectResult = { ok: true; edgeId: string; info?: string } | { ok: false; reason: string };

export interface DocumentState {
  doc: Architecture;
  /** Why the saved diagram could not be opened at start-up (it is kept aside), else null. */
  loadProblems: string[] | null;
  /** Counts replaceDocument() calls, so the canvas can fit a newly opened diagram. */
  replaceCount: number;
  /** The reason given to the last replaceDocument() ("import", "lesson", "share link"...). */
  replaceReason: string | null;

  replaceDocument: (doc: Architecture, reason?: string) => EditResult;
  updateNodeConfig: (nodeId: string, path: string[], value: unknown) => EditResult;
  updateSettings: (patch: Partial<Settings>) => EditResult;
  setDocumentInfo: (patch: { name?: string; description?: string }) => EditResult;
  /** Replace the scheduled faults (checked against the schema: times, rates, nodes). */
  setFaults: (faults: Fault[]) => EditResult;
  /** Replace the goals (checked against the schema); an empty list removes the field. */
  setGoals: (goals: Goal[]) => EditResult;
  addNode: (type: NodeType, position: Position) => string | null;
  removeElements: (nodeIds: readonly string[], edgeIds: readonly string[]) => void;
  connect: (source: string, target: string, kind?: EdgeKind) => ConnectResult;
  updateEdge: (edgeId: string, patch: { kind?: EdgeKind | null; label?: string }) => EditResult;
  moveNodes: (moves: readonly NodeMove[]) => void;
  renameNode: (id: string, label: string) => EditResult;
  /** Adds copies of the fragment's nodes and edges under fresh ids, moved by `offset`. */
  insertFragment: (fragment: Fragment, offset: Position) => { nodeIds: string[]; edgeIds: string[] };
  /** A lesson step's change: a prepared document replaces the diagram (with `reason`), an edit is one undo step. */
  applyStep: (change: StepChange, reason: string) => EditResult;
}

/** Consecutive edits of one field within this window are one undo step (typing "2048"). */
const COALESCE_MS = 1500;

export interface DocumentStoreOptions {
  storage: DocumentStorage | null;
}

const refused = (edit: { ok: false; problems: string[] }): { ok: false; reason: string } => ({ ok: false, reason: edit.problems.join('\n') });

export function createDocumentStore({ storage }: DocumentStoreOptions) {
  const loaded = loadDocument(storage);
  const initialDoc = loaded.kind === 'loaded' ? loaded.document : defaultScenario();
  let lastEdit: { key: string; at: number } | null = null;

  const store = create<DocumentState>()(
    temporal(
      (set, get) => {
        /**
         * Commit an edit's document as one undo step, merged into the last one when it edits
         * the same `coalesceKey` within COALESCE_MS; no key: never merged.
         */
        const commit = <E extends object>(edit: Edit<E>, coalesceKey?: string): Edit<E> => {
          if (!edit.ok || edit.doc === get().doc) return edit;
          const now = Date.now();
          const merge = coalesceKey !== undefined && lastEdit?.key === coalesceKey && now - lastEdit.at < COALESCE_MS;
          if (merge) store.temporal.getState().pause();
          set({ doc: edit.doc });
          if (merge) store.temporal.getState().resume();
          lastEdit = coalesceKey !== undefined ? { key: coalesceKey, at: now } : null;
          return edit;
        };
        const result = (edit: Edit): EditResult => (edit.ok ? (edit.info ? { ok: true, info: edit.info } : { ok: true }) : refused(edit));
        const doc = () => get().doc;

        return {
          doc: initialDoc,
          loadProblems: loaded.kind === 'unreadable' ? loaded.errors : null,
          replaceCount: 0,
          replaceReason: null,

          replaceDocument: (next, reason) => {
            const edit = edits.replaceDocument(next);
            if (!edit.ok) return refused(edit);
            lastEdit = null;
            set((s) => ({ doc: edit.doc, replaceCount: s.replaceCount + 1, replaceReason: reason ?? null }));
            return { ok: true };
          },
          updateNodeConfig: (nodeId, path, value) => result(commit(edits.updateNodeConfig(doc(), nodeId, path, value), `${nodeId}|${path.join('.')}`)),
          updateSettings: (patch) => {
            const keys = Object.keys(patch);
            return result(commit(edits.updateSettings(doc(), patch), keys.length === 1 ? `settings|${keys[0]}` : undefined));
          },
          setDocumentInfo: (patch) => result(commit(edits.setDocumentInfo(doc(), patch), `info|${Object.keys(patch).join(',')}`)),
          setFaults: (faults) => result(commit(edits.setFaults(doc(), faults), 'faults')),
          setGoals: (goals) => result(commit(edits.setGoals(doc(), goals), 'goals')),
          addNode: (type, position) => {
            const edit = commit(edits.addNode(doc(), type, position));
            return edit.ok ? edit.nodeId : null;
          },
          removeElements: (nodeIds, edgeIds) => void commit(edits.removeElements(doc(), nodeIds, edgeIds)),
          connect: (sourceId, targetId, kind) => {
            const edit = commit(edits.connect(doc(), sourceId, targetId, kind));
            if (!edit.ok) return refused(edit);
            return edit.info ? { ok: true, edgeId: edit.edgeId, info: edit.info } : { ok: true, edgeId: edit.edgeId };
          },
          updateEdge: (edgeId, patch) => result(commit(edits.updateEdge(doc(), edgeId, patch), `edge|${edgeId}|${Object.keys(patch).join(',')}`)),
          moveNodes: (moves) => void commit(edits.moveNodes(doc(), moves)),
          renameNode: (id, text) => result(commit(edits.renameNode(doc(), id, text), `label|${id}`)),
          insertFragment: (fragment, offset) => {
            const edit = commit(edits.insertFragment(doc(), fragment, offset));
            return edit.ok ? { nodeIds: edit.nodeIds, edgeIds: edit.edgeIds } : { nodeIds: [], edgeIds: [] };
          },
          applyStep: (change, reason) => {
            if (change.kind === 'document') return get().replaceDocument(change.document, reason);
            return result(commit(edits.applyStep(doc(), change), `${change.node}|${change.path.join('.')}`));
          },
        };
      },
      {
        partialize: (state) => ({ doc: state.doc }),
        equality: (past, current) => past.doc === current.doc,
        limit: 200,
      },
    ),
  );

  store.subscribe((state, previous) => {
    if (state.doc !== previous.doc) saveDocument(storage, state.doc);
  });

  const undo = () => {
    lastEdit = null;
    store.temporal.getState().undo();
  };
  const redo = () => {
    lastEdit = null;
    store.temporal.getState().redo();
  };
  return Object.assign(store, { undo, redo });
}

export const useDocumentStore = createDocumentStore({ storage: browserStorage(STORAGE_KEYS.document.area) });

export function undo(): void {
  useDocumentStore.undo();
}

export function redo(): void {
  useDocumentStore.redo();
}
