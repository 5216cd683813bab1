/**
 * The architecture document: the one source of truth of the editor. Every action keeps it
 * valid (each value is checked against the model's field specs and cross-node rules), is one
 * undo step (zundo), and is autosaved (persistence.ts).
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import {
  CATALOGUE,
  LIMITS,
  crossCheck,
  defaultScenario,
  formatPath,
  kindOf,
  newNode,
  reconcileStepFunctions,
  resolveEdge,
  settingsFields,
  validateDocument,
  withDerivedTaskEdges,
  type ArchEdge,
  type ArchNode,
  type Architecture,
  type EdgeKind,
  type Fault,
  type Goal,
  type NodeType,
  type Position,
  type Settings,
} from '../model';
import { checkConfigEdit, checkValue, setAt } from './editPaths';
import type { Fragment } from './fragment';
import { freshEdgeId, freshNodeId, freshNodeLabel } from './ids';
import { loadDocument, saveDocument, type DocumentStorage } from './persistence';

export type EditResult = { ok: true; info?: string } | { ok: false; reason: string };
export type ConnectResult = { ok: true; edgeId: string; info?: string } | { ok: false; reason: string };

export interface NodeMove {
  id: string;
  position: Position;
}

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
}

/** Consecutive edits of one field within this window are one undo step (typing "2048"). */
const COALESCE_MS = 1500;
const COORD_LIMIT = 1e6;

const clampCoord = (v: number) => Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, Math.round(v)));

function problemKeys(doc: Architecture): Set<string> {
  return new Set(crossCheck(doc).map((p) => `${p.path.join('.')}|${p.message}`));
}

/** The first rule `next` breaks that `prev` did not, as a sentence, or null. */
function newProblem(prev: Architecture, next: Architecture): string | null {
  const before = problemKeys(prev);
  const problem = crossCheck(next).find((p) => !before.has(`${p.path.join('.')}|${p.message}`));
  if (!problem) return null;
  const where = formatPath(problem.path, next);
  return problem.path.length > 3 ? problem.message : `${where}: ${problem.message}`;
}

function label(node: ArchNode): string {
  return node.label || node.id;
}

export interface DocumentStoreOptions {
  storage: DocumentStorage | null;
}

export function createDocumentStore({ storage }: DocumentStoreOptions) {
  const loaded = loadDocument(storage);
  const initialDoc = loaded.kind === 'loaded' ? loaded.document : defaultScenario();
  let lastEdit: { key: string; at: number } | null = null;

  const store = create<DocumentState>()(
    temporal(
      (set, get) => {
        /** Apply `next` if it breaks no rule; one undo step (or merged into the last one). */
        const commit = (next: Architecture, coalesceKey?: string): EditResult => {
          const problem = newProblem(get().doc, next);
          if (problem) return { ok: false, reason: problem };
          const now = Date.now();
          const merge = coalesceKey !== undefined && lastEdit?.key === coalesceKey && now - lastEdit.at < COALESCE_MS;
          if (merge) store.temporal.getState().pause();
          set({ doc: next });
          if (merge) store.temporal.getState().resume();
          lastEdit = coalesceKey !== undefined ? { key: coalesceKey, at: now } : null;
          return { ok: true };
        };
        const findNode = (id: string) => get().doc.nodes.find((n) => n.id === id);

        return {
          doc: initialDoc,
          loadProblems: loaded.kind === 'unreadable' ? loaded.errors : null,
          replaceCount: 0,
          replaceReason: null,

          replaceDocument: (doc, reason) => {
            const errors = validateDocument(doc);
            if (errors.length) return { ok: false, reason: errors.join('\n') };
            lastEdit = null;
            set((s) => ({ doc, replaceCount: s.replaceCount + 1, replaceReason: reason ?? null }));
            return { ok: true };
          },

          updateNodeConfig: (nodeId, path, value) => {
            const node = findNode(nodeId);
            if (!node) return { ok: false, reason: `there is no node "${nodeId}"` };
            const checked = checkConfigEdit(kindOf(node.type).fields, node.config, path, value);
            if (!checked.ok) return checked;
            const config = setAt(node.config, checked.path, checked.value);
            const doc = get().doc;
            const next = { ...doc, nodes: doc.nodes.map((n) => (n.id === nodeId ? ({ ...n, config } as ArchNode) : n)) };
            // a state machine's task edges follow its definition
            if (node.type === 'stepFunctions') next.edges = withDerivedTaskEdges(next.nodes, doc.edges);
            return commit(next, `${nodeId}|${path.join('.')}`);
          },

          updateSettings: (patch) => {
            const doc = get().doc;
            let settings: Settings = doc.settings;
            for (const [key, value] of Object.entries(patch)) {
              const spec = settingsFields[key as keyof Settings];
              if (!spec) return { ok: false, reason: `"${key}" is not a document setting` };
              const checked = checkValue(spec, value);
              if (!checked.ok) return checked;
              settings = { ...settings, [key]: checked.value };
            }
            const keys = Object.keys(patch);
            return commit({ ...doc, settings }, keys.length === 1 ? `settings|${keys[0]}` : undefined);
          },

          setDocumentInfo: (patch) => {
            const doc = get().doc;
            const next = { ...doc };
            if (patch.name !== undefined) {
              if (patch.name.length > LIMITS.nameLength) return { ok: false, reason: `is longer than ${LIMITS.nameLength} characters` };
              next.name = patch.name;
            }
            if (patch.description !== undefined) {
              if (patch.description.length > 4_000) return { ok: false, reason: 'is longer than 4,000 characters' };
              if (patch.description) next.description = patch.description;
              else delete next.description;
            }
            return commit(next, `info|${Object.keys(patch).join(',')}`);
          },

          setFaults: (faults) => {
            const next = { ...get().doc, faults };
            const errors = validateDocument(next);
            if (errors.length) return { ok: false, reason: errors[0] };
            return commit(next, 'faults');
          },

          setGoals: (goals) => {
            const next: Architecture = { ...get().doc, goals };
            if (goals.length === 0) delete next.goals;
            const errors = validateDocument(next);
            if (errors.length) return { ok: false, reason: errors[0] };
            return commit(next, 'goals');
          },

          addNode: (type, position) => {
            const doc = get().doc;
            if (doc.nodes.length >= LIMITS.nodes) return null;
            const id = freshNodeId(type, new Set(doc.nodes.map((n) => n.id)));
            const labels = new Set(doc.nodes.map((n) => n.label).filter((l): l is string => typeof l === 'string'));
            const node = { ...newNode(type, id, { x: clampCoord(position.x), y: clampCoord(position.y) }), label: freshNodeLabel(CATALOGUE[type].label, id, labels) };
            const result = commit({ ...doc, nodes: [...doc.nodes, node] });
            return result.ok ? id : null;
          },

          removeElements: (nodeIds, edgeIds) => {
            const doc = get().doc;
            const nodes = new Set(nodeIds);
            const edges = new Set(edgeIds);
            const next: Architecture = reconcileStepFunctions(doc, {
              ...doc,
              nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
              edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
              faults: doc.faults.filter((f) => !nodes.has(f.node)),
            });
            if (doc.goals) next.goals = doc.goals.filter((g) => g.node === undefined || !nodes.has(g.node));
            if (next.nodes.length === doc.nodes.length && next.edges.length === doc.edges.length && next.nodes.every((n, i) => n === doc.nodes[i])) return;
            lastEdit = null;
            set({ doc: next });
          },

          connect: (sourceId, targetId, kind) => {
            const doc = get().doc;
            const source = findNode(sourceId);
            const target = findNode(targetId);
            if (!source || !target) return { ok: false, reason: 'Both ends of an edge must be nodes on the canvas.' };
            if (sourceId === targetId) return { ok: false, reason: `${label(source)} cannot connect to itself; an edge joins two different nodes.` };
            if (doc.edges.length >= LIMITS.edges) return { ok: false, reason: `The diagram already has ${LIMITS.edges} edges, the most the sandbox handles.` };
            const resolved = resolveEdge(source.type, target.type, kind);
            if (!resolved.ok) return { ok: false, reason: resolved.reason };
            const types = new Map(doc.nodes.map((n) => [n.id, n.type]));
            const duplicate = doc.edges.some((e) => {
              if (e.source !== sourceId || e.target !== targetId) return false;
              const other = resolveEdge(types.get(e.source)!, types.get(e.target)!, e.kind);
              return other.ok && other.meaning === resolved.meaning;
            });
            if (duplicate) return { ok: false, reason: `${label(source)} → ${label(target)} is already connected (${resolved.describe}).` };

            const edge: ArchEdge = { id: freshEdgeId(new Set(doc.edges.map((e) => e.id))), source: sourceId, target: targetId };
            if (resolved.kind) edge.kind = resolved.kind;
            let nodes = doc.nodes;
            let info: string | undefined;
            if (resolved.meaning === 'task' && source.type === 'stepFunctions') {
              // the edge follows from the definition: drawing it adds a Task step that invokes the function
              const definition = [...source.config.definition, { type: 'task' as const, target: targetId, retry: null, catch: false }];
              nodes = nodes.map((n) => (n.id === sourceId ? ({ ...n, config: { ...source.config, definition } } as ArchNode) : n));
              info = `Added a step to ${label(source)}'s definition: Task → ${label(target)}.`;
            }
            if (resolved.meaning === 'stream' && source.type === 'dynamodb' && !source.config.stream.enabled) {
              nodes = nodes.map((n) => (n.id === sourceId && n.type === 'dynamodb' ? { ...n, config: { ...n.config, stream: { ...n.config.stream, enabled: true } } } : n));
              info = `Turned on the stream of ${label(source)} so ${label(target)} can read its changes.`;
            }
            const result = commit({ ...doc, nodes, edges: [...doc.edges, edge] });
            if (!result.ok) return result;
            return info ? { ok: true, edgeId: edge.id, info } : { ok: true, edgeId: edge.id };
          },

          updateEdge: (edgeId, patch) => {
            const doc = get().doc;
            const edge = doc.edges.find((e) => e.id === edgeId);
            if (!edge) return { ok: false, reason: `there is no edge "${edgeId}"` };
            const next: ArchEdge = { ...edge };
            if (patch.kind !== undefined) {
              const source = findNode(edge.source)!;
              const target = findNode(edge.target)!;
              const kind = patch.kind ?? undefined;
              const resolved = resolveEdge(source.type, target.type, kind);
              if (!resolved.ok) return { ok: false, reason: resolved.reason };
              if (resolved.kind) next.kind = resolved.kind;
              else delete next.kind;
            }
            if (patch.label !== undefined) {
              if (patch.label.length > LIMITS.labelLength) return { ok: false, reason: `is longer than ${LIMITS.labelLength} characters` };
              if (patch.label) next.label = patch.label;
              else delete next.label;
            }
            return commit({ ...doc, edges: doc.edges.map((e) => (e.id === edgeId ? next : e)) }, `edge|${edgeId}|${Object.keys(patch).join(',')}`);
          },

          moveNodes: (moves) => {
            const doc = get().doc;
            const byId = new Map(moves.map((m) => [m.id, { x: clampCoord(m.position.x), y: clampCoord(m.position.y) }]));
            let changed = false;
            const nodes = doc.nodes.map((n) => {
              const p = byId.get(n.id);
              if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
              changed = true;
              return { ...n, position: p };
            });
            if (!changed) return;
            lastEdit = null;
            set({ doc: { ...doc, nodes } });
          },

          renameNode: (id, text) => {
            const doc = get().doc;
            if (!findNode(id)) return { ok: false, reason: `there is no node "${id}"` };
            if (text.length > LIMITS.labelLength) return { ok: false, reason: `is longer than ${LIMITS.labelLength} characters` };
            const nodes = doc.nodes.map((n) => {
              if (n.id !== id) return n;
              const { label: _old, ...rest } = n;
              return (text.trim() ? { ...rest, label: text } : rest) as ArchNode;
            });
            return commit({ ...doc, nodes }, `label|${id}`);
          },

          insertFragment: (fragment, offset) => {
            const doc = get().doc;
            const room = LIMITS.nodes - doc.nodes.length;
            const taken = new Set(doc.nodes.map((n) => n.id));
            const idMap = new Map<string, string>();
            const nodes: ArchNode[] = [];
            for (const node of fragment.nodes.slice(0, Math.max(0, room))) {
              if (!CATALOGUE[node.type]) continue;
              const id = freshNodeId(node.type, taken);
              taken.add(id);
              idMap.set(node.id, id);
              nodes.push({
                ...structuredClone(node),
                id,
                position: { x: clampCoord(node.position.x + offset.x), y: clampCoord(node.position.y + offset.y) },
              } as ArchNode);
            }
            const edgeIds = new Set(doc.edges.map((e) => e.id));
            const edges: ArchEdge[] = [];
            for (const edge of fragment.edges) {
              const source = idMap.get(edge.source);
              const target = idMap.get(edge.target);
              if (!source || !target || doc.edges.length + edges.length >= LIMITS.edges) continue;
              const id = freshEdgeId(edgeIds);
              edgeIds.add(id);
              edges.push({ ...edge, id, source, target });
            }
            if (nodes.length === 0) return { nodeIds: [], edgeIds: [] };
            let next: Architecture = { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] };
            // A copy may break a rule only together with its original (a third stream reader,
            // a second DLQ); drop the copied edges then rather than refuse the paste.
            if (newProblem(doc, next)) next = { ...next, edges: doc.edges };
            if (newProblem(doc, next)) return { nodeIds: [], edgeIds: [] };
            lastEdit = null;
            set({ doc: next });
            return { nodeIds: nodes.map((n) => n.id), edgeIds: next.edges === doc.edges ? [] : edges.map((e) => e.id) };
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

function browserStorage(): DocumentStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const useDocumentStore = createDocumentStore({ storage: browserStorage() });

export function undo(): void {
  useDocumentStore.undo();
}

export function redo(): void {
  useDocumentStore.redo();
}
