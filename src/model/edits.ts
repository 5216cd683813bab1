/**
 * Every edit of a document as a pure operation: document in, a new document (or the problems
 * that stop the edit) out. Nothing here holds state, undoes or saves: the editor's store
 * (state/documentStore.ts) only commits what these return, and tests, the CLI or a lesson
 * can apply the same edits without a browser.
 *
 * An edit that would break a rule the document did not already break is refused with the
 * rule as a sentence; the input document is never mutated.
 */
import { CATALOGUE, kindOf, type NodeType } from './catalogue';
import { resolveEdge, type EdgeKind } from './connections';
import {
  LIMITS,
  crossCheck,
  newNode,
  settingsFields,
  type ArchEdge,
  type ArchNode,
  type Architecture,
  type Fault,
  type Position,
  type Settings,
} from './document';
import { checkConfigEdit, checkValue } from './fieldEdit';
import type { Fragment } from './fragment';
import { freshEdgeId, freshNodeId, freshNodeLabel } from './freshIds';
import type { Goal } from './goals';
import { formatPath, validateDocument } from './restore';
import { setAt } from './valuePath';
import { reconcileStepFunctions, withDerivedTaskEdges } from './nodes/stepFunctions';
import { authorizerFunction, reconcileAuthorizers, withDerivedAuthorizerEdges } from './nodes/apiGateway';

/** The outcome of an edit: the new document (with any extra it reports), or why not. */
export type Edit<Extra extends object = object> = ({ ok: true; doc: Architecture; info?: string } & Extra) | { ok: false; problems: string[] };

export interface NodeMove {
  id: string;
  position: Position;
}

/** A lesson step's change (lessons/lesson.ts `LessonChange` has this shape). */
export type StepChange = { kind: 'edit'; node: string; path: readonly string[]; value: unknown } | { kind: 'document'; document: Architecture };

const COORD_LIMIT = 1e6;

export const clampCoord = (v: number) => Math.max(-COORD_LIMIT, Math.min(COORD_LIMIT, Math.round(v)));

const refuse = (...problems: string[]): { ok: false; problems: string[] } => ({ ok: false, problems });

function problemKeys(doc: Architecture): Set<string> {
  return new Set(crossCheck(doc).map((p) => `${p.path.join('.')}|${p.message}`));
}

/** The first rule `next` breaks that `prev` did not, as a sentence, or null. */
export function newProblem(prev: Architecture, next: Architecture): string | null {
  const before = problemKeys(prev);
  const problem = crossCheck(next).find((p) => !before.has(`${p.path.join('.')}|${p.message}`));
  if (!problem) return null;
  const where = formatPath(problem.path, next);
  return problem.path.length > 3 ? problem.message : `${where}: ${problem.message}`;
}

/** `next` if it breaks no new rule, else the rule it breaks. */
function checked<Extra extends object>(prev: Architecture, next: Architecture, extra?: Extra & { info?: string }): Edit<Extra> {
  const problem = newProblem(prev, next);
  if (problem) return refuse(problem);
  return { ok: true, doc: next, ...(extra ?? ({} as Extra)) };
}

function nameOf(node: ArchNode): string {
  return node.label || node.id;
}

/** Open `doc` in place of the current one: the whole document must be valid. */
export function replaceDocument(doc: Architecture): Edit {
  const errors = validateDocument(doc);
  return errors.length ? refuse(...errors) : { ok: true, doc };
}

/** Set one config value of a node by its path (a union's discriminator switches the variant). */
export function updateNodeConfig(doc: Architecture, nodeId: string, path: readonly string[], value: unknown): Edit {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return refuse(`there is no node "${nodeId}"`);
  const check = checkConfigEdit(kindOf(node.type).fields, node.config, path, value);
  if (!check.ok) return refuse(check.reason);
  let config = setAt(node.config, check.path, check.value);
  let info: string | undefined;
  if (node.type === 'apiGateway') {
    // choosing a Lambda authorizer picks the first function on the canvas; another is chosen by its name
    const auth = (config as typeof node.config).authorizer;
    if (auth.type === 'lambda' && !auth.function) {
      const fn = doc.nodes.find((n) => n.type === 'lambda');
      if (!fn) return refuse('A Lambda authorizer invokes a Lambda function: add a Lambda to the canvas first.');
      config = { ...(config as typeof node.config), authorizer: { ...auth, function: fn.id } };
      info = `${nameOf(fn)} authorizes ${nameOf(node)}'s requests; choose another function under Authorizer.`;
    }
  }
  const next = { ...doc, nodes: doc.nodes.map((n) => (n.id === nodeId ? ({ ...n, config } as ArchNode) : n)) };
  // a state machine's task edges follow its definition, an API's authorizer edge its setting
  if (node.type === 'stepFunctions') next.edges = withDerivedTaskEdges(next.nodes, doc.edges);
  if (node.type === 'apiGateway') next.edges = withDerivedAuthorizerEdges(next.nodes, doc.edges);
  return checked(doc, next, info ? { info } : undefined);
}

export function updateSettings(doc: Architecture, patch: Partial<Settings>): Edit {
  let settings: Settings = doc.settings;
  for (const [key, value] of Object.entries(patch)) {
    const spec = settingsFields[key as keyof Settings];
    if (!spec) return refuse(`"${key}" is not a document setting`);
    const check = checkValue(spec, value);
    if (!check.ok) return refuse(check.reason);
    settings = { ...settings, [key]: check.value };
  }
  return checked(doc, { ...doc, settings });
}

export function setDocumentInfo(doc: Architecture, patch: { name?: string; description?: string }): Edit {
  const next = { ...doc };
  if (patch.name !== undefined) {
    if (patch.name.length > LIMITS.nameLength) return refuse(`is longer than ${LIMITS.nameLength} characters`);
    next.name = patch.name;
  }
  if (patch.description !== undefined) {
    if (patch.description.length > 4_000) return refuse('is longer than 4,000 characters');
    if (patch.description) next.description = patch.description;
    else delete next.description;
  }
  return checked(doc, next);
}

/** Replace the scheduled faults (checked against the schema: times, rates, nodes). */
export function setFaults(doc: Architecture, faults: Fault[]): Edit {
  const next = { ...doc, faults };
  const errors = validateDocument(next);
  return errors.length ? refuse(errors[0]) : checked(doc, next);
}

/** Replace the goals (checked against the schema); an empty list removes the field. */
export function setGoals(doc: Architecture, goals: Goal[]): Edit {
  const next: Architecture = { ...doc, goals };
  if (goals.length === 0) delete next.goals;
  const errors = validateDocument(next);
  return errors.length ? refuse(errors[0]) : checked(doc, next);
}

/** A new node with default config, a fresh id and a readable name ("SQS 2"). */
export function addNode(doc: Architecture, type: NodeType, position: Position): Edit<{ nodeId: string }> {
  if (!CATALOGUE[type]) return refuse(`"${String(type)}" is not a service the sandbox knows`);
  if (doc.nodes.length >= LIMITS.nodes) return refuse(`The diagram already has ${LIMITS.nodes} nodes, the most the sandbox simulates.`);
  const id = freshNodeId(type, new Set(doc.nodes.map((n) => n.id)));
  const labels = new Set(doc.nodes.map((n) => n.label).filter((l): l is string => typeof l === 'string'));
  const node = { ...newNode(type, id, { x: clampCoord(position.x), y: clampCoord(position.y) }), label: freshNodeLabel(CATALOGUE[type].label, id, labels) };
  return checked(doc, { ...doc, nodes: [...doc.nodes, node] }, { nodeId: id });
}

/**
 * Remove nodes (with their edges, faults and goals) and edges. Removing never breaks a
 * rule; `changed` is false when none of the ids was in the diagram.
 */
export function removeElements(doc: Architecture, nodeIds: readonly string[], edgeIds: readonly string[]): Edit<{ changed: boolean }> {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  // a state machine loses the steps that called a removed function (or edge)
  const after: Architecture = {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
    faults: doc.faults.filter((f) => !nodes.has(f.node)),
  };
  // an API whose authorizer function or edge goes loses its authorizer
  const next: Architecture = reconcileStepFunctions(doc, reconcileAuthorizers(doc, after));
  if (doc.goals) next.goals = doc.goals.filter((g) => g.node === undefined || !nodes.has(g.node));
  const changed = next.nodes.length !== doc.nodes.length || next.edges.length !== doc.edges.length || next.nodes.some((n, i) => n !== doc.nodes[i]);
  return { ok: true, doc: changed ? next : doc, changed };
}

/**
 * Connect two nodes with the meaning AWS gives the pair (or `kind` among those it allows).
 * A Lambda reading a table's stream turns the stream on, said in `info`.
 */
export function connect(doc: Architecture, sourceId: string, targetId: string, kind?: EdgeKind): Edit<{ edgeId: string }> {
  const source = doc.nodes.find((n) => n.id === sourceId);
  const target = doc.nodes.find((n) => n.id === targetId);
  if (!source || !target) return refuse('Both ends of an edge must be nodes on the canvas.');
  if (sourceId === targetId) return refuse(`${nameOf(source)} cannot connect to itself; an edge joins two different nodes.`);
  if (doc.edges.length >= LIMITS.edges) return refuse(`The diagram already has ${LIMITS.edges} edges, the most the sandbox handles.`);
  const resolved = resolveEdge(source.type, target.type, kind);
  if (!resolved.ok) return refuse(resolved.reason);
  const types = new Map(doc.nodes.map((n) => [n.id, n.type]));
  const duplicate = doc.edges.some((e) => {
    if (e.source !== sourceId || e.target !== targetId) return false;
    const other = resolveEdge(types.get(e.source)!, types.get(e.target)!, e.kind);
    return other.ok && other.meaning === resolved.meaning;
  });
  if (duplicate) return refuse(`${nameOf(source)} → ${nameOf(target)} is already connected (${resolved.describe}).`);

  const edge: ArchEdge = { id: freshEdgeId(new Set(doc.edges.map((e) => e.id))), source: sourceId, target: targetId };
  if (resolved.kind) edge.kind = resolved.kind;
  let nodes = doc.nodes;
  let info: string | undefined;
  if (resolved.meaning === 'task' && source.type === 'stepFunctions') {
    // the edge follows from the definition: drawing it adds a Task step that invokes the function
    const definition = [...source.config.definition, { type: 'task' as const, target: targetId, retry: null, catch: false }];
    nodes = nodes.map((n) => (n.id === sourceId ? ({ ...n, config: { ...source.config, definition } } as ArchNode) : n));
    info = `Added a step to ${nameOf(source)}'s definition: Task → ${nameOf(target)}.`;
  }
  let edges = [...doc.edges, edge];
  if (resolved.meaning === 'authorizer' && source.type === 'apiGateway') {
    // the edge follows from the setting: drawing it makes the function the API's authorizer
    const was = source.config.authorizer;
    const authorizer = {
      type: 'lambda' as const,
      function: targetId,
      lambdaType: was.type === 'lambda' ? was.lambdaType : ('token' as const),
      cacheTtlS: was.type === 'lambda' ? was.cacheTtlS : 300,
      deniedShare: was.type === 'lambda' ? was.deniedShare : 0,
    };
    nodes = nodes.map((n) => (n.id === sourceId ? ({ ...n, config: { ...source.config, authorizer } } as ArchNode) : n));
    edges = withDerivedAuthorizerEdges(nodes, edges);
    info = `${nameOf(target)} is now ${nameOf(source)}'s Lambda authorizer (result cache ${authorizer.cacheTtlS} s).`;
  }
  if (resolved.meaning === 'stream' && source.type === 'dynamodb' && !source.config.stream.enabled) {
    nodes = nodes.map((n) =>
      n.id === sourceId && n.type === 'dynamodb' ? { ...n, config: { ...n.config, stream: { ...n.config.stream, enabled: true } } } : n,
    );
    info = `Turned on the stream of ${nameOf(source)} so ${nameOf(target)} can read its changes.`;
  }
  return checked(doc, { ...doc, nodes, edges }, info ? { edgeId: edge.id, info } : { edgeId: edge.id });
}

/** Change an edge's meaning (`kind: null` for the pair's default) or its label. */
export function updateEdge(doc: Architecture, edgeId: string, patch: { kind?: EdgeKind | null; label?: string }): Edit {
  const edge = doc.edges.find((e) => e.id === edgeId);
  if (!edge) return refuse(`there is no edge "${edgeId}"`);
  const next: ArchEdge = { ...edge };
  if (patch.kind !== undefined) {
    const source = doc.nodes.find((n) => n.id === edge.source);
    const target = doc.nodes.find((n) => n.id === edge.target);
    if (!source || !target) return refuse(`edge "${edgeId}" does not join two nodes of the diagram`);
    const resolved = resolveEdge(source.type, target.type, patch.kind ?? undefined);
    if (!resolved.ok) return refuse(resolved.reason);
    if ((resolved.kind === 'authorizer') !== (edge.kind === 'authorizer')) {
      return refuse(`An authorizer edge follows from the API's Authorizer setting: choose the function under ${nameOf(source)}'s Authorizer instead.`);
    }
    if (resolved.kind) next.kind = resolved.kind;
    else delete next.kind;
  }
  if (patch.label !== undefined) {
    if (patch.label.length > LIMITS.labelLength) return refuse(`is longer than ${LIMITS.labelLength} characters`);
    if (patch.label) next.label = patch.label;
    else delete next.label;
  }
  return checked(doc, { ...doc, edges: doc.edges.map((e) => (e.id === edgeId ? next : e)) });
}

/** Move nodes (coordinates rounded and kept within bounds); `changed` is false for a no-op. */
export function moveNodes(doc: Architecture, moves: readonly NodeMove[]): Edit<{ changed: boolean }> {
  const byId = new Map(moves.map((m) => [m.id, { x: clampCoord(m.position.x), y: clampCoord(m.position.y) }]));
  let changed = false;
  const nodes = doc.nodes.map((n) => {
    const p = byId.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: p };
  });
  return { ok: true, doc: changed ? { ...doc, nodes } : doc, changed };
}

/** Name a node; blank text removes the name (the card then shows its kind). */
export function renameNode(doc: Architecture, id: string, text: string): Edit {
  if (!doc.nodes.some((n) => n.id === id)) return refuse(`there is no node "${id}"`);
  if (text.length > LIMITS.labelLength) return refuse(`is longer than ${LIMITS.labelLength} characters`);
  const nodes = doc.nodes.map((n) => {
    if (n.id !== id) return n;
    const { label: _old, ...rest } = n;
    return (text.trim() ? { ...rest, label: text } : rest) as ArchNode;
  });
  return checked(doc, { ...doc, nodes });
}

/**
 * Add copies of a fragment's nodes and inner edges under fresh ids, moved by `offset`.
 * Nodes beyond the diagram's limit and unknown types are left out; a copied edge that could
 * only break a rule together with its original (a third stream reader, a second DLQ) drops
 * all copied edges rather than refuse the paste. Refused when nothing can be added.
 */
export function insertFragment(doc: Architecture, fragment: Fragment, offset: Position): Edit<{ nodeIds: string[]; edgeIds: string[] }> {
  const room = LIMITS.nodes - doc.nodes.length;
  if (room <= 0) return refuse(`The diagram already has ${LIMITS.nodes} nodes, the most the sandbox simulates.`);
  const taken = new Set(doc.nodes.map((n) => n.id));
  const idMap = new Map<string, string>();
  const nodes: ArchNode[] = [];
  for (const node of fragment.nodes.slice(0, room)) {
    if (!CATALOGUE[node.type]) continue;
    const id = freshNodeId(node.type, taken);
    taken.add(id);
    idMap.set(node.id, id);
    nodes.push({
      ...(JSON.parse(JSON.stringify(node)) as ArchNode),
      id,
      position: { x: clampCoord(node.position.x + offset.x), y: clampCoord(node.position.y + offset.y) },
    } as ArchNode);
  }
  if (nodes.length === 0) return refuse('There is nothing to add: the fragment holds no service the sandbox knows.');
  // a copied API's authorizer names the copied function, or the original one, or none when neither is here
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const fn = authorizerFunction(n);
    if (n.type !== 'apiGateway' || fn === null) continue;
    const copied = idMap.get(fn);
    const authorizer = copied
      ? { ...n.config.authorizer, function: copied }
      : doc.nodes.some((d) => d.id === fn && d.type === 'lambda')
        ? n.config.authorizer
        : { type: 'none' as const };
    nodes[i] = { ...n, config: { ...n.config, authorizer } } as ArchNode;
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
  const allNodes = [...doc.nodes, ...nodes];
  const withEdges: Architecture = { ...doc, nodes: allNodes, edges: withDerivedAuthorizerEdges(allNodes, [...doc.edges, ...edges]) };
  const nodeIds = nodes.map((n) => n.id);
  if (!newProblem(doc, withEdges))
    return { ok: true, doc: withEdges, nodeIds, edgeIds: withEdges.edges.filter((e) => !doc.edges.includes(e)).map((e) => e.id) };
  return checked(doc, { ...withEdges, edges: withDerivedAuthorizerEdges(allNodes, doc.edges) }, { nodeIds, edgeIds: [] as string[] });
}

/** Apply a lesson step's change: one config edit, or a whole prepared document. */
export function applyStep(doc: Architecture, change: StepChange): Edit {
  return change.kind === 'document' ? replaceDocument(change.document) : updateNodeConfig(doc, change.node, change.path, change.value);
}
